//! The ballot counting screen (`anjuan ballot WS count [--pass N]`): type a ballot's serial and
//! Enter, its check code (checked as soon as its 8 digits are in), then one key per evaluated
//! agency — 1..k for the levels, 0 for blank — or `*` for a spoiled ballot, and Enter saves it.
//! Every refusal (unknown serial, a serial entered already in this pass, a wrong code, a key not
//! on the scale, a write the disk refuses) is a popup the moment it happens; what was typed of
//! the ballot stays, except the field that was refused. A ballot is saved through
//! `Ballots::enter`: on disk, fsync'ed, before the status bar says 已保存.
//!
//! Owns: the counting state and its changes. Drawing is `view::count`'s, keys are `keymap`'s.

use super::keymap::{self, Action, Context};
use crate::ballots::code::CODE_DIGITS;
use crate::ballots::entry::{self, Ballot, Marks, Pass};
use crate::ballots::event::Change;
use crate::ballots::setup::Setup;
use crate::ballots::{BallotError, Ballots};
use crate::i18n::Lang;
use crate::tr;
use crossterm::event::{KeyCode, KeyEvent};

/// Where the clerk is in the ballot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Serial,
    Code,
    /// One key per agency; `marks.len()` agencies are done.
    Marks,
    /// Everything is in (or the ballot is spoiled): Enter saves.
    Ready,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Popup {
    Help,
    /// A refusal: its title and what to do.
    Refused {
        title: String,
        body: String,
    },
    ConfirmQuit,
}

pub struct Count {
    pub lang: Lang,
    pub ballots: Ballots,
    pub setup: Setup,
    pub pass_no: u8,
    pub clerk: Option<String>,
    /// The pass as it stands on disk.
    pub pass: Pass,
    pub step: Step,
    pub serial: String,
    /// The serial, once accepted.
    pub number: u32,
    pub code: String,
    pub marks: Vec<Option<usize>>,
    pub spoiled: bool,
    pub popup: Option<Popup>,
    pub status: String,
    pub quit: bool,
}

impl Count {
    pub fn open(
        ballots: Ballots,
        pass_no: u8,
        clerk: Option<String>,
        lang: Lang,
    ) -> Result<Count, String> {
        let e = |e: BallotError| e.render(lang);
        let (setup, _) = ballots.current().map_err(e)?;
        let setup = setup.clone();
        let pass = ballots.pass(pass_no).map_err(e)?;
        Ok(Count {
            lang,
            ballots,
            setup,
            pass_no,
            clerk,
            pass,
            step: Step::Serial,
            serial: String::new(),
            number: 0,
            code: String::new(),
            marks: Vec::new(),
            spoiled: false,
            popup: None,
            status: String::new(),
            quit: false,
        })
    }

    pub fn context(&self) -> Context {
        match self.popup {
            Some(_) => Context::Confirm,
            None => Context::Count,
        }
    }

    /// Whether part of a ballot has been typed (quitting asks first).
    pub fn typing(&self) -> bool {
        !self.serial.is_empty()
    }

    /// Ballots standing in this pass: (entered, valid, spoiled).
    pub fn counts(&self) -> (usize, usize, usize) {
        let spoiled = self
            .pass
            .ballots
            .values()
            .filter(|c| c.marks == Marks::Spoiled)
            .count();
        let n = self.pass.ballots.len();
        (n, n - spoiled, spoiled)
    }

    /// The last `n` lines of this pass in the record, newest first: (seq, serial, what it says:
    /// the keys of its marks, 废票, or withdrawn).
    pub fn recent(&self, n: usize) -> Vec<(u64, String, String)> {
        let lang = self.lang;
        self.ballots
            .journal
            .events
            .iter()
            .rev()
            .filter(|e| e.setup == self.setup.number && e.pass == self.pass_no)
            .take(n)
            .map(|e| {
                let what = match &e.change {
                    Change::Spoiled { .. } => lang.pick("废票", "spoiled").to_string(),
                    Change::Withdraw { .. } => lang.pick("已撤销", "withdrawn").to_string(),
                    // The keys that were typed for it: 1..k, 0 for blank, in fives.
                    Change::Ballot { choices, .. } => {
                        let keys: Vec<char> = choices
                            .iter()
                            .map(|c| {
                                let level = c
                                    .as_ref()
                                    .and_then(|l| self.setup.scale.iter().position(|s| s == l));
                                char::from_digit(level.map_or(0, |i| i as u32 + 1), 10)
                                    .unwrap_or('?')
                            })
                            .collect();
                        keys.chunks(5)
                            .map(|c| c.iter().collect::<String>())
                            .collect::<Vec<_>>()
                            .join(" ")
                    }
                };
                (e.seq, self.setup.serial_text(e.change.serial()), what)
            })
            .collect()
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        match self.popup {
            Some(Popup::Help | Popup::Refused { .. }) => {
                self.popup = None;
                return;
            }
            Some(Popup::ConfirmQuit) => {
                let yes = keymap::lookup(Context::Confirm, &key) == Some(Action::Yes);
                self.popup = None;
                self.quit = yes;
                return;
            }
            None => {}
        }
        match keymap::lookup(self.context(), &key) {
            Some(a) => self.update(a),
            None => self.type_key(key.code),
        }
    }

    pub fn handle_paste(&mut self, text: &str) {
        if self.popup.is_none() {
            for c in text.chars() {
                self.type_key(KeyCode::Char(c));
            }
        }
    }

    fn refuse(&mut self, title: &str, body: String) {
        self.status = self.lang.pick("未保存", "NOT saved").to_string();
        self.popup = Some(Popup::Refused {
            title: title.to_string(),
            body,
        });
    }

    fn type_key(&mut self, code: KeyCode) {
        let lang = self.lang;
        match (self.step, code) {
            (Step::Serial, KeyCode::Char(c))
                if c.is_ascii_digit()
                    && self.serial.len()
                        < crate::ballots::code::serial_width(self.setup.ballots) =>
            {
                self.serial.push(c)
            }
            (Step::Serial, KeyCode::Backspace) => {
                self.serial.pop();
            }
            (Step::Code, KeyCode::Char(c)) if c.is_ascii_digit() => {
                self.code.push(c);
                if self.code.len() == CODE_DIGITS {
                    self.accept_code();
                }
            }
            (Step::Code, KeyCode::Backspace) => {
                // Back into the serial once the code is empty.
                let was_empty = self.code.pop().is_none();
                if was_empty {
                    self.step = Step::Serial;
                }
            }
            (Step::Marks, KeyCode::Char(c)) if c.is_ascii_digit() => {
                let d = c as usize - '0' as usize;
                if d == 0 {
                    self.marks.push(None);
                } else if d <= self.setup.scale.len() {
                    self.marks.push(Some(d - 1));
                } else {
                    let agency = self.setup.agencies[self.marks.len()].clone();
                    let r = crate::ballots::Refusal::NotOnScale {
                        agency,
                        value: d.to_string(),
                        scale: self.setup.scale.clone(),
                    };
                    self.refuse(
                        lang.pick("不在评价等次中", "Not on the scale"),
                        r.render(lang),
                    );
                    return;
                }
                if self.marks.len() == self.setup.agencies.len() {
                    self.step = Step::Ready;
                }
            }
            (Step::Marks, KeyCode::Backspace) => {
                // Back into the code (its last digit) once no mark is left.
                let was_empty = self.marks.pop().is_none();
                if was_empty {
                    self.code.pop();
                    self.step = Step::Code;
                }
            }
            (Step::Ready, KeyCode::Backspace) => {
                if self.spoiled {
                    self.spoiled = false;
                    self.step = Step::Marks;
                } else {
                    self.marks.pop();
                    self.step = Step::Marks;
                }
            }
            (_, KeyCode::Char(c)) if !c.is_control() && c != ' ' => {
                self.status = tr!(
                    lang,
                    "“{c}”在此无效：编号、校验码和评价都用数字键",
                    "“{c}” does nothing here: serials, codes and choices are digits"
                );
            }
            _ => {}
        }
    }

    fn update(&mut self, action: Action) {
        let lang = self.lang;
        match (self.popup.take(), action) {
            (Some(_), _) => {}
            (None, Action::Quit) => {
                if self.typing() {
                    self.popup = Some(Popup::ConfirmQuit);
                } else {
                    self.quit = true;
                }
            }
            (None, Action::Help) => self.popup = Some(Popup::Help),
            (None, Action::Back) => {
                self.reset();
                self.status = lang.pick("已放弃这张票", "ballot dropped").into();
            }
            (None, Action::Spoil) => match self.step {
                Step::Marks | Step::Ready => {
                    self.marks.clear();
                    self.spoiled = true;
                    self.step = Step::Ready;
                }
                _ => {
                    self.status = lang
                        .pick(
                            "先输入编号和校验码，再标为废票",
                            "type the serial and check code first, then mark it spoiled",
                        )
                        .into()
                }
            },
            (None, Action::Enter) => match self.step {
                Step::Serial => self.accept_serial(),
                Step::Code => self.accept_code(),
                Step::Marks => {
                    let left = self.setup.agencies.len() - self.marks.len();
                    self.status = tr!(
                        lang,
                        "还有 {left} 个单位未评价（0 为空白）",
                        "{left} agencies still to mark (0 for blank)"
                    );
                }
                Step::Ready => self.save(),
            },
            _ => {}
        }
    }

    fn accept_serial(&mut self) {
        let lang = self.lang;
        if self.serial.is_empty() {
            return;
        }
        let checked = entry::serial(&self.setup, &self.serial).and_then(|n| {
            entry::check_serial(&self.setup, &self.pass, n, self.pass_no).map(|()| n)
        });
        match checked {
            Ok(n) => {
                self.number = n;
                self.serial = self.setup.serial_text(n);
                self.step = Step::Code;
                self.status.clear();
            }
            Err(r) => {
                let title = match r {
                    crate::ballots::Refusal::Duplicate { .. } => {
                        lang.pick("重复录入", "Entered already")
                    }
                    _ => lang.pick("编号无效", "Unknown serial"),
                };
                self.serial.clear();
                self.refuse(title, r.render(lang));
            }
        }
    }

    fn accept_code(&mut self) {
        let lang = self.lang;
        match entry::check_code(&self.setup, self.number, &self.code) {
            Ok(()) => {
                self.step = Step::Marks;
                self.status.clear();
            }
            Err(r) => {
                self.code.clear();
                self.refuse(lang.pick("校验码不符", "Wrong check code"), r.render(lang));
            }
        }
    }

    fn save(&mut self) {
        let lang = self.lang;
        let ballot = Ballot {
            serial: self.number,
            code: self.code.clone(),
            marks: if self.spoiled {
                Marks::Spoiled
            } else {
                Marks::Choices(self.marks.clone())
            },
        };
        let saved = self.ballots.enter(
            &[(ballot, "tui".into())],
            self.pass_no,
            self.clerk.as_deref(),
        );
        match saved.and_then(|s| self.ballots.pass(self.pass_no).map(|p| (s, p))) {
            Ok((s, pass)) => {
                self.pass = pass;
                let seq = s.seqs.last().copied().unwrap_or_default();
                self.status = tr!(
                    lang,
                    "已保存 #{seq}：{} 号票",
                    "saved #{seq}: ballot {}",
                    self.serial
                );
                self.reset();
            }
            Err(e) => self.refuse(lang.pick("未保存", "Not saved"), e.render(lang)),
        }
    }

    fn reset(&mut self) {
        self.step = Step::Serial;
        self.serial.clear();
        self.code.clear();
        self.marks.clear();
        self.spoiled = false;
        self.number = 0;
    }
}

impl super::Ui for Count {
    fn draw(&self, f: &mut ratatui::Frame) {
        super::view::count::render(self, f)
    }
    fn key(&mut self, k: KeyEvent) {
        self.handle_key(k)
    }
    fn paste(&mut self, text: &str) {
        self.handle_paste(text)
    }
    fn done(&self) -> bool {
        self.quit
    }
}

/// Open the counting screen on `ballots` for pass `pass_no` until the clerk quits.
pub fn run(ballots: Ballots, pass_no: u8, clerk: Option<String>, lang: Lang) -> Result<(), String> {
    let mut c = Count::open(ballots, pass_no, clerk, lang)?;
    super::in_terminal(&mut c)
}
