//! The TUI's one state and the one place it changes: keys become actions (keymap), actions
//! change the state here. Every decision goes through `Review` (journal first, fsync, then the
//! state), so what the screen calls saved is on disk. Drawing never changes anything.

use super::board::{Board, Effect};
use super::editor::Editor;
use super::keymap::{self, Action, Context};
use crate::checklist::points::Points;
use crate::draw::seed::{SeedPart, MIN_SEED_DIGITS};
use crate::i18n::Lang;
use crate::review::decision::{Decision, Verdict};
use crate::review::state::{FileState, Status};
use crate::review::Review;
use crate::tr;
use crate::workspace::records::{Campaign, Commitment, DrawRecord, Witness};
use crate::workspace::{now, parse_witness, Workspace};
use crossterm::event::{KeyCode, KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use std::cell::{Cell, RefCell};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Ceremony,
    Desk,
    File,
    /// The 整改 board (`board`).
    Board,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Overview,
    Witnesses,
    Seed,
    Result,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sort {
    Drawn,
    Status,
    Agency,
    Score,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Purpose {
    Deduct {
        item: usize,
        points: Points,
    },
    Veto {
        item: usize,
    },
    Finding {
        item: usize,
    },
    Reopen,
    Supersede,
    Reviewer,
    Filter,
    /// The checker adopts `take`'s decision on a disputed item; the text is the reason.
    Resolve {
        item: usize,
        take: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Popup {
    Help(Context),
    Message { title: String, body: String },
    ConfirmSeed,
    ConfirmFinalize,
    ConfirmQuit,
    Input { purpose: Purpose, editor: Editor },
}

/// Rows the last frame drew, for mouse clicks: (screen row, list index).
#[derive(Default)]
pub struct Hits {
    pub rows: Vec<(u16, usize)>,
}

pub struct App {
    pub lang: Lang,
    pub dir: PathBuf,
    pub campaign: Campaign,
    pub commitment: Option<(Commitment, String)>,
    pub draw: Option<(DrawRecord, String)>,
    pub review: Option<Review>,
    pub screen: Screen,
    pub step: Step,
    pub popup: Option<Popup>,
    pub presentation: bool,
    pub witnesses: Vec<Witness>,
    pub witness_input: Editor,
    pub seed: String,
    pub supersede: Option<String>,
    pub reviewer: String,
    pub desk_sel: usize,
    pub filter: String,
    pub sort: Sort,
    /// The open file (index into `review.files`) and its selected item.
    pub file: usize,
    pub item: usize,
    pub scroll: Cell<usize>,
    pub status: String,
    pub quit: bool,
    /// A text field put aside while "quit?" is asked, restored on "no".
    pub suspended: Option<Popup>,
    pub hits: RefCell<Hits>,
    /// Signs every change (required in a reviewer package).
    pub key: Option<ed25519_dalek::SigningKey>,
    /// The 整改 board, once opened (its state and steps are in `board`).
    pub board: Option<Board>,
}

fn load_err(lang: Lang) -> impl Fn(crate::workspace::WorkspaceError) -> String {
    move |e| e.render(lang)
}

impl App {
    pub fn open(dir: &Path, reviewer: Option<String>, lang: Lang) -> Result<App, String> {
        let ws = Workspace::open(dir).map_err(load_err(lang))?;
        let (campaign, _) = ws.campaign().map_err(load_err(lang))?;
        let mut app = App {
            lang,
            dir: dir.to_path_buf(),
            campaign,
            commitment: None,
            draw: None,
            review: None,
            screen: Screen::Ceremony,
            step: Step::Overview,
            popup: None,
            presentation: false,
            witnesses: Vec::new(),
            witness_input: Editor::default(),
            seed: String::new(),
            supersede: None,
            reviewer: reviewer.unwrap_or_default().trim().to_string(),
            desk_sel: 0,
            filter: String::new(),
            sort: Sort::Drawn,
            file: 0,
            item: 0,
            scroll: Cell::new(0),
            status: String::new(),
            quit: false,
            suspended: None,
            hits: RefCell::new(Hits::default()),
            key: None,
            board: None,
        };
        app.reload_records()?;
        if app.draw.is_some() {
            app.step = Step::Result;
            app.screen = Screen::Desk;
        }
        Ok(app)
    }

    fn reload_records(&mut self) -> Result<(), String> {
        let lang = self.lang;
        let ws = Workspace::open(&self.dir).map_err(load_err(lang))?;
        self.commitment = match ws.commitments().map_err(load_err(lang))?.last() {
            Some((_, f)) => Some(ws.read_commitment(f).map_err(load_err(lang))?),
            None => None,
        };
        self.draw = match ws.draws().map_err(load_err(lang))?.last() {
            Some((_, f)) => Some(ws.read_draw(f).map_err(load_err(lang))?),
            None => None,
        };
        self.review = match &self.draw {
            Some(_) => Some(Review::open(&self.dir).map_err(|e| e.render(lang))?),
            None => None,
        };
        if let (Some(r), Some(k)) = (&mut self.review, &self.key) {
            r.sign_with(k.clone()).map_err(|e| e.render(lang))?;
        }
        Ok(())
    }

    /// Sign every change from now on with `key` (checked against a package's registered keys).
    pub fn use_key(&mut self, key: ed25519_dalek::SigningKey) -> Result<(), String> {
        self.key = Some(key);
        self.reload_records()
    }

    /// The sheet the current reviewer works on for file `i`: their own on a double-reviewed
    /// file, else the file's.
    pub fn sheet(&self, i: usize) -> Option<std::borrow::Cow<'_, FileState>> {
        Some(self.review.as_ref()?.sheet_of(i, &self.reviewer))
    }

    /// Whether the current reviewer is one of the roster's checkers.
    pub fn is_checker(&self) -> bool {
        self.review
            .as_ref()
            .and_then(|r| r.assignment.as_ref())
            .is_some_and(|a| a.is_checker(&self.reviewer))
    }

    pub fn context(&self) -> Context {
        match &self.popup {
            Some(Popup::Input { .. }) => Context::Input,
            Some(Popup::ConfirmSeed | Popup::ConfirmFinalize | Popup::ConfirmQuit) => {
                Context::Confirm
            }
            Some(Popup::Help(_) | Popup::Message { .. }) => Context::Confirm,
            None => match self.screen {
                Screen::Ceremony => match self.step {
                    Step::Overview => Context::Overview,
                    Step::Witnesses => Context::Witnesses,
                    Step::Seed => Context::Seed,
                    Step::Result => Context::Result,
                },
                Screen::Desk => Context::Desk,
                Screen::File => Context::File,
                Screen::Board => self.board.as_ref().map_or(Context::Board, Board::context),
            },
        }
    }

    fn message(&mut self, title: String, body: String) {
        self.popup = Some(Popup::Message { title, body });
    }

    /// Indices into `review.files` shown on the desk, filtered and sorted.
    pub fn desk_rows(&self) -> Vec<usize> {
        let Some(r) = &self.review else {
            return Vec::new();
        };
        let needle = self.filter.trim().to_lowercase();
        // With an assignment, a reviewer sees their own files and a checker the double reviews.
        let me = self.reviewer.as_str();
        let mine = |i: usize| match &r.assignment {
            Some(a) if a.is_checker(me) => r.states[i].double,
            Some(a) if a.person(me).is_some() => {
                r.assigned(r.files[i].id()).iter().any(|x| x == me)
            }
            _ => true,
        };
        let mut rows: Vec<usize> = (0..r.files.len())
            .filter(|&i| {
                let f = &r.files[i];
                let shown = f.selected.role.reviewed()
                    || r.states[i].status != Status::NotStarted
                    || !r.assigned(f.id()).is_empty();
                shown
                    && mine(i)
                    && (needle.is_empty()
                        || f.id().to_lowercase().contains(&needle)
                        || f.agency().to_lowercase().contains(&needle)
                        || f.case_type().to_lowercase().contains(&needle))
            })
            .collect();
        let status_rank = |i: usize| match r.states[i].status {
            Status::InProgress => 0,
            Status::NotStarted => 1,
            Status::Finalized { .. } => 2,
        };
        match self.sort {
            Sort::Drawn => {}
            Sort::Status => rows.sort_by_key(|&i| status_rank(i)),
            Sort::Agency => rows.sort_by_key(|&i| r.files[i].agency()),
            Sort::Score => rows.sort_by_key(|&i| {
                std::cmp::Reverse(r.checklist_of(i).map(|c| r.states[i].score(c).points))
            }),
        }
        rows
    }

    pub fn handle_paste(&mut self, text: &str) {
        match (&mut self.popup, self.screen, self.step) {
            (Some(Popup::Input { editor, .. }), _, _) => editor.insert(text),
            (None, Screen::Board, _) => {
                if let Some(b) = &mut self.board {
                    b.paste(text);
                }
            }
            (None, Screen::Ceremony, Step::Witnesses) => self.witness_input.insert(text),
            (None, Screen::Ceremony, Step::Seed) => self
                .seed
                .extend(text.chars().filter(|c| c.is_ascii_digit())),
            _ => {}
        }
    }

    pub fn handle_mouse(&mut self, m: MouseEvent) {
        if self.popup.is_some() || m.kind != MouseEventKind::Down(MouseButton::Left) {
            return;
        }
        let hit = self
            .hits
            .borrow()
            .rows
            .iter()
            .find(|(y, _)| *y == m.row)
            .map(|(_, i)| *i);
        if let Some(i) = hit {
            match self.screen {
                Screen::Desk => self.desk_sel = i,
                Screen::File => self.item = i,
                Screen::Board => {
                    if let Some(b) = &mut self.board {
                        b.click(i);
                    }
                }
                Screen::Ceremony => {}
            }
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        // Help and messages close on any key; a field put aside for a message comes back.
        if matches!(self.popup, Some(Popup::Help(_))) {
            self.popup = None;
            return;
        }
        if matches!(self.popup, Some(Popup::Message { .. })) {
            self.popup = self.suspended.take();
            return;
        }
        let ctx = self.context();
        let action = keymap::lookup(ctx, &key);
        // Text fields get the characters no binding claims.
        if action.is_none() {
            self.type_key(ctx, key);
            return;
        }
        if let Some(a) = action {
            self.update(a);
        }
    }

    fn type_key(&mut self, ctx: Context, key: KeyEvent) {
        let editor = match (&mut self.popup, ctx) {
            (Some(Popup::Input { editor, .. }), Context::Input) => editor,
            (None, Context::Witnesses) => &mut self.witness_input,
            (None, Context::Form) => {
                if let Some(b) = &mut self.board {
                    b.press(key);
                }
                return;
            }
            (None, Context::Seed) => {
                match key.code {
                    KeyCode::Char(c) if c.is_ascii_digit() => self.seed.push(c),
                    KeyCode::Backspace => {
                        self.seed.pop();
                    }
                    _ => {}
                }
                return;
            }
            _ => return,
        };
        editor.press(key.code);
    }

    pub fn update(&mut self, action: Action) {
        match self.popup.take() {
            Some(p) => self.update_popup(p, action),
            None => self.update_screen(action),
        }
    }

    fn update_popup(&mut self, popup: Popup, action: Action) {
        match (popup, action) {
            (Popup::ConfirmQuit, Action::Yes) => self.quit = true,
            (Popup::ConfirmQuit, _) => self.popup = self.suspended.take(),
            (Popup::ConfirmSeed, Action::Yes) => self.draw_now(),
            (Popup::ConfirmFinalize, Action::Yes) => self.finalize(),
            (Popup::Message { .. }, _) => self.popup = self.suspended.take(),
            (Popup::Help(_), _) => {}
            (Popup::ConfirmSeed | Popup::ConfirmFinalize, _) => {}
            (Popup::Input { purpose, editor }, Action::Enter) => self.submit(purpose, editor),
            (Popup::Input { .. }, Action::Back) => {}
            (p @ Popup::Input { .. }, Action::Quit) => {
                // Something is being typed: ask before throwing it away.
                self.suspended = Some(p);
                self.popup = Some(Popup::ConfirmQuit);
            }
            (Popup::Input { purpose, editor }, a @ (Action::More | Action::Less)) => {
                let purpose = match purpose {
                    Purpose::Deduct { item, points } => {
                        let (step, max) = self.item_limits(item);
                        let points = if a == Action::More {
                            Points((points.0 + step.0).min(max.0))
                        } else {
                            Points(points.0.saturating_sub(step.0).max(step.0))
                        };
                        Purpose::Deduct { item, points }
                    }
                    p => p,
                };
                self.popup = Some(Popup::Input { purpose, editor });
            }
            (p @ Popup::Input { .. }, _) => self.popup = Some(p),
        }
    }

    fn item_limits(&self, item: usize) -> (Points, Points) {
        self.review
            .as_ref()
            .and_then(|r| r.checklist_of(self.file))
            .and_then(|c| c.items.get(item))
            .map_or((Points(100), Points(100)), |i| (i.step, i.max_points))
    }

    fn update_screen(&mut self, action: Action) {
        match action {
            Action::Help => self.popup = Some(Popup::Help(self.context())),
            Action::Quit => {
                let typing = (self.screen == Screen::Ceremony
                    && ((self.step == Step::Seed && !self.seed.is_empty())
                        || (self.step == Step::Witnesses && !self.witness_input.is_empty())))
                    || self.board.as_ref().is_some_and(Board::typing);
                if typing {
                    self.popup = Some(Popup::ConfirmQuit);
                } else {
                    self.quit = true;
                }
            }
            Action::SwitchScreen => {
                self.screen = match self.screen {
                    Screen::Ceremony if self.review.is_some() => Screen::Desk,
                    Screen::Ceremony => Screen::Ceremony,
                    _ => Screen::Ceremony,
                }
            }
            Action::Presentation => self.presentation = !self.presentation,
            Action::Export => self.export(),
            _ => match self.screen {
                Screen::Ceremony => self.update_ceremony(action),
                Screen::Desk => self.update_desk(action),
                Screen::File => self.update_file(action),
                Screen::Board => self.update_board(action),
            },
        }
    }

    /// Open the 整改 board from the desk, reading the rectification record afresh.
    fn open_board(&mut self) {
        let lang = self.lang;
        if self.review.is_none() {
            return;
        }
        let opened = match &mut self.board {
            Some(b) => b.refresh(lang),
            None => Board::open(&self.dir, lang).map(|b| self.board = Some(b)),
        };
        match opened {
            Ok(()) => self.screen = Screen::Board,
            Err(e) => self.message(
                lang.pick("未能打开整改台", "The board cannot open").into(),
                e,
            ),
        }
    }

    /// A key on the board; a step needs the user's name first, as a decision does.
    fn update_board(&mut self, action: Action) {
        let lang = self.lang;
        let Some(b) = &mut self.board else {
            self.screen = Screen::Desk;
            return;
        };
        if Board::is_step(action) && self.reviewer.is_empty() && b.form.is_none() {
            b.pending = Some(action);
            self.popup = Some(Popup::Input {
                purpose: Purpose::Reviewer,
                editor: Editor::default(),
            });
            return;
        }
        match b.update(action, &self.reviewer, lang) {
            Effect::None => {}
            Effect::Leave => self.screen = Screen::Desk,
            Effect::Status(s) => self.status = s,
            Effect::Message {
                title,
                body,
                status,
            } => {
                if let Some(s) = status {
                    self.status = s;
                }
                self.message(title, body);
            }
        }
    }

    fn update_ceremony(&mut self, action: Action) {
        let lang = self.lang;
        match (self.step, action) {
            (Step::Overview, Action::Enter) => {
                if self.commitment.is_none() {
                    self.message(
                        lang.pick("还不能抽取", "Not ready to draw").into(),
                        tr!(
                            lang,
                            "还没有抽样前承诺。请先运行 anjuan commit {} --n 100，并在掷骰前宣读承诺摘要。",
                            "there is no pre-seed commitment yet. Run anjuan commit {} --n 100 and read out its digest before any die is rolled.",
                            self.dir_name()
                        ),
                    );
                } else if self.draw.is_some() && self.supersede.is_none() {
                    self.step = Step::Result;
                } else {
                    self.step = Step::Witnesses;
                }
            }
            (Step::Witnesses, Action::Enter) => {
                if self.witness_input.is_empty() {
                    if self.witnesses.is_empty() {
                        self.message(
                            lang.pick("需要见证人", "A witness is needed").into(),
                            lang.pick(
                                "请至少登记一名见证人（姓名/单位），再开始掷骰。",
                                "record at least one witness (NAME/UNIT) before the dice are rolled.",
                            )
                            .into(),
                        );
                    } else {
                        self.step = Step::Seed;
                    }
                    return;
                }
                match parse_witness(&self.witness_input.text()) {
                    Ok(w) => {
                        self.witnesses.push(w);
                        self.witness_input = Editor::default();
                    }
                    Err(e) => self.message(lang.pick("见证人", "Witness").into(), e.render(lang)),
                }
            }
            (Step::Witnesses, Action::Back) => self.step = Step::Overview,
            (Step::Seed, Action::Enter) => {
                if self.seed.len() >= MIN_SEED_DIGITS {
                    self.popup = Some(Popup::ConfirmSeed);
                } else {
                    self.message(
                        lang.pick("位数不够", "Not enough digits").into(),
                        tr!(
                            lang,
                            "已输入 {} 位，至少需要 {MIN_SEED_DIGITS} 位。",
                            "{} digits entered; at least {MIN_SEED_DIGITS} are needed.",
                            self.seed.len()
                        ),
                    );
                }
            }
            (Step::Seed, Action::Back) => self.step = Step::Witnesses,
            (Step::Result, Action::Supersede) => {
                self.popup = Some(Popup::Input {
                    purpose: Purpose::Supersede,
                    editor: Editor::default(),
                })
            }
            (Step::Overview | Step::Result, a) => self.scroll_by(a),
            _ => {}
        }
    }

    fn scroll_by(&mut self, a: Action) {
        let s = self.scroll.get();
        self.scroll.set(match a {
            Action::Up => s.saturating_sub(1),
            Action::Down => s + 1,
            Action::PageUp => s.saturating_sub(10),
            Action::PageDown => s + 10,
            Action::Top => 0,
            Action::Bottom => usize::MAX / 2,
            _ => s,
        });
    }

    pub(super) fn move_sel(sel: usize, len: usize, a: Action) -> usize {
        let last = len.saturating_sub(1);
        match a {
            Action::Up => sel.saturating_sub(1),
            Action::Down => (sel + 1).min(last),
            Action::PageUp => sel.saturating_sub(10),
            Action::PageDown => (sel + 10).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            _ => sel.min(last),
        }
    }

    fn update_desk(&mut self, action: Action) {
        let rows = self.desk_rows();
        match action {
            Action::Enter => {
                if let Some(&i) = rows.get(self.desk_sel) {
                    let r = self.review.as_ref();
                    if r.is_some_and(|r| r.checklist_of(i).is_none()) {
                        let lang = self.lang;
                        let (case, ty) = r
                            .map(|r| {
                                (
                                    r.files[i].id().to_string(),
                                    r.files[i].case_type().to_string(),
                                )
                            })
                            .unwrap_or_default();
                        self.message(
                            lang.pick("没有评查标准", "No checklist").into(),
                            tr!(
                                lang,
                                "案卷 {case} 的案件类型“{ty}”没有对应的评查标准。请先运行 anjuan review {} setup --map \"{ty}=标准编号\"（或 --default-checklist 标准编号）",
                                "no checklist covers case type {ty:?} of file {case}. Run anjuan review {} setup --map \"{ty}=CHECKLIST_ID\" (or --default-checklist CHECKLIST_ID) first",
                                self.dir_name()
                            ),
                        );
                        return;
                    }
                    if self.reviewer.is_empty() {
                        self.popup = Some(Popup::Input {
                            purpose: Purpose::Reviewer,
                            editor: Editor::default(),
                        });
                        return;
                    }
                    self.file = i;
                    self.item = 0;
                    self.scroll.set(0);
                    self.screen = Screen::File;
                }
            }
            Action::Filter => {
                self.popup = Some(Popup::Input {
                    purpose: Purpose::Filter,
                    editor: Editor::with(&self.filter),
                })
            }
            Action::Board => self.open_board(),
            Action::Sort => {
                self.sort = match self.sort {
                    Sort::Drawn => Sort::Status,
                    Sort::Status => Sort::Agency,
                    Sort::Agency => Sort::Score,
                    Sort::Score => Sort::Drawn,
                };
                self.desk_sel = 0;
            }
            Action::Back => {
                if !self.filter.is_empty() {
                    self.filter.clear();
                    self.desk_sel = 0;
                }
            }
            a => self.desk_sel = Self::move_sel(self.desk_sel, rows.len(), a),
        }
    }

    fn current(&self) -> Option<(&crate::checklist::ChecklistItem, Option<Decision>)> {
        let r = self.review.as_ref()?;
        let c = r.checklist_of(self.file)?;
        let it = c.items.get(self.item)?;
        let d = r
            .sheet_of(self.file, &self.reviewer)
            .decisions
            .get(self.item)
            .cloned()
            .flatten();
        Some((it, d))
    }

    fn update_file(&mut self, action: Action) {
        let Some(count) = self
            .review
            .as_ref()
            .and_then(|r| r.checklist_of(self.file))
            .map(|c| c.items.len())
        else {
            self.screen = Screen::Desk;
            return;
        };
        let lang = self.lang;
        let Some((item, current)) = self.current() else {
            return;
        };
        let (step, max, is_veto) = (item.step, item.max_points, item.veto);
        let finding = current
            .as_ref()
            .and_then(|d| d.finding.clone())
            .unwrap_or_default();
        let current_verdict = current.as_ref().map(|d| d.verdict);
        let current_points = current.as_ref().and_then(|d| d.points);
        match action {
            Action::Back => self.screen = Screen::Desk,
            Action::Pass => self.save(Verdict::Pass, None, None),
            Action::Na => self.save(Verdict::Na, None, None),
            Action::Clear => self.save_decision(None),
            Action::Deduct => {
                if max.is_zero() {
                    self.message(
                        lang.pick("不能扣分", "Cannot deduct").into(),
                        lang.pick(
                            "该条目分值为 0（否决项）：请选择符合、不适用或否决。",
                            "this item is worth 0 points (a veto item): choose pass, n/a or veto.",
                        )
                        .into(),
                    );
                    return;
                }
                let points = match (current_verdict, current_points) {
                    (Some(Verdict::Deduct), Some(p)) => Points((p.0 + step.0).min(max.0)),
                    _ => step,
                };
                self.popup = Some(Popup::Input {
                    purpose: Purpose::Deduct {
                        item: self.item,
                        points,
                    },
                    editor: Editor::with(&finding),
                });
            }
            Action::Veto => {
                if !is_veto {
                    self.message(
                        lang.pick("不能否决", "Cannot veto").into(),
                        lang.pick("该条目不是否决项。", "this item is not a veto item.")
                            .into(),
                    );
                    return;
                }
                self.popup = Some(Popup::Input {
                    purpose: Purpose::Veto { item: self.item },
                    editor: Editor::with(&finding),
                });
            }
            Action::Edit => {
                if current.is_some() {
                    self.popup = Some(Popup::Input {
                        purpose: Purpose::Finding { item: self.item },
                        editor: Editor::with(&finding),
                    });
                }
            }
            Action::TakeFirst | Action::TakeSecond => {
                let side = usize::from(action == Action::TakeSecond);
                let dispute = self.review.as_ref().and_then(|r| {
                    r.disputes(self.file)
                        .into_iter()
                        .find(|d| d.item == self.item)
                });
                match dispute {
                    Some(d) if self.is_checker() => {
                        self.popup = Some(Popup::Input {
                            purpose: Purpose::Resolve {
                                item: self.item,
                                take: d.sides[side].0.clone(),
                            },
                            editor: Editor::default(),
                        })
                    }
                    _ => self.message(
                        lang.pick("无需裁定", "Nothing to resolve").into(),
                        lang.pick(
                            "只有复核人可以对两名评查人意见不一致的条目作出裁定。",
                            "only a checker resolves items the two reviewers decided differently.",
                        )
                        .into(),
                    ),
                }
            }
            Action::Finalize => self.popup = Some(Popup::ConfirmFinalize),
            Action::Reopen => {
                self.popup = Some(Popup::Input {
                    purpose: Purpose::Reopen,
                    editor: Editor::default(),
                })
            }
            a => self.item = Self::move_sel(self.item, count, a),
        }
    }

    fn submit(&mut self, purpose: Purpose, editor: Editor) {
        // What was typed for a change is not lost when the change is not saved (disk full,
        // read-only, refused): the message says why, and closing it brings the field back.
        let keep = matches!(
            purpose,
            Purpose::Deduct { .. }
                | Purpose::Veto { .. }
                | Purpose::Finding { .. }
                | Purpose::Reopen
                | Purpose::Resolve { .. }
        )
        .then(|| Popup::Input {
            purpose: purpose.clone(),
            editor: editor.clone(),
        });
        self.submit_typed(purpose, editor);
        if let (Some(field), Some(Popup::Message { body, .. })) = (keep, &mut self.popup) {
            body.push('\n');
            body.push_str(self.lang.pick(
                "输入的内容已保留：按任意键回到输入框，再按 Enter 重新保存。",
                "What you typed is kept: press any key to get back to it, then Enter to save it.",
            ));
            self.suspended = Some(field);
        }
    }

    fn submit_typed(&mut self, purpose: Purpose, editor: Editor) {
        let text = editor.text().trim().to_string();
        match purpose {
            Purpose::Filter => {
                self.filter = text;
                self.desk_sel = 0;
            }
            Purpose::Resolve { item, ref take } => {
                if text.is_empty() {
                    self.popup = Some(Popup::Input { purpose, editor });
                    return;
                }
                let lang = self.lang;
                let (file, take) = (self.file, take.clone());
                let id = self
                    .review
                    .as_ref()
                    .and_then(|r| r.checklist_of(file))
                    .and_then(|c| c.items.get(item))
                    .map(|it| it.id.clone())
                    .unwrap_or_default();
                let result =
                    self.with_review(|r, _, by| r.resolve(file, &id, &take, &text, by, "tui"));
                if let Err(e) = result {
                    self.message(lang.pick("未能裁定", "Not resolved").into(), e);
                }
            }
            Purpose::Reviewer => {
                if text.is_empty() {
                    self.popup = Some(Popup::Input { purpose, editor });
                } else {
                    self.reviewer = text;
                    match self.screen {
                        Screen::Board => {
                            let pending = self.board.as_mut().and_then(|b| b.pending.take());
                            if let Some(a) = pending {
                                self.update_board(a);
                            }
                        }
                        _ => self.update_desk(Action::Enter),
                    }
                }
            }
            Purpose::Supersede => {
                if text.is_empty() {
                    self.popup = Some(Popup::Input { purpose, editor });
                } else {
                    self.supersede = Some(text);
                    self.witnesses.clear();
                    self.seed.clear();
                    self.step = Step::Witnesses;
                }
            }
            Purpose::Reopen => {
                let lang = self.lang;
                let result = self.with_review(|r, case, by| r.reopen(case, &text, by, "tui"));
                if let Err(e) = result {
                    self.message(lang.pick("未能退回", "Not reopened").into(), e);
                }
            }
            Purpose::Deduct { item, points } => {
                self.item = item;
                self.save(Verdict::Deduct, Some(points), Some(text));
            }
            Purpose::Veto { item } => {
                self.item = item;
                self.save(Verdict::Veto, None, Some(text));
            }
            Purpose::Finding { item } => {
                self.item = item;
                if let Some((_, Some(d))) = self.current() {
                    let (v, p) = (d.verdict, d.points);
                    self.save(v, p, Some(text));
                }
            }
        }
    }

    fn dir_name(&self) -> String {
        self.dir
            .file_name()
            .map_or_else(|| ".".into(), |n| n.to_string_lossy().into_owned())
    }

    /// Run a change on the open file; on success the status bar says it is saved.
    fn with_review(
        &mut self,
        f: impl FnOnce(
            &mut Review,
            &str,
            &str,
        ) -> Result<crate::review::Saved, crate::review::ReviewError>,
    ) -> Result<(), String> {
        let lang = self.lang;
        let by = self.reviewer.clone();
        let Some(r) = self.review.as_mut() else {
            return Err(lang.pick("尚未抽取", "not drawn yet").into());
        };
        let case = r.files[self.file].id().to_string();
        let saved = match f(r, &case, &by) {
            Ok(saved) => saved,
            Err(e) => {
                // Whatever the bar said before, this change is not in the journal.
                self.status = lang.pick("未保存", "NOT saved").into();
                return Err(e.render(lang));
            }
        };
        self.status = match saved.events.last() {
            Some(e) => tr!(lang, "已保存 #{}", "saved #{}", e.seq),
            None => lang.pick("无变化", "unchanged").into(),
        };
        if saved.recovered.is_some() {
            self.status += lang.pick(
                "（已保留上次中断的残行）",
                " (kept an interrupted line aside)",
            );
        }
        Ok(())
    }

    fn save(&mut self, verdict: Verdict, points: Option<Points>, finding: Option<String>) {
        let lang = self.lang;
        let Some((item, current)) = self.current() else {
            return;
        };
        let evidence = current.and_then(|d| d.evidence.clone());
        match Decision::new(
            item,
            verdict,
            points,
            finding.as_deref(),
            evidence.as_deref(),
            lang,
        ) {
            Ok(d) => self.save_decision(Some(d)),
            Err(e) => {
                let id = item.id.clone();
                self.message(
                    lang.pick("未保存", "Not saved").into(),
                    tr!(lang, "条目 {id}：{}", "item {id}: {}", e.render(lang)),
                )
            }
        }
    }

    fn save_decision(&mut self, d: Option<Decision>) {
        let lang = self.lang;
        let Some(id) = self.current().map(|(it, _)| it.id.clone()) else {
            return;
        };
        if let Err(e) = self.with_review(|r, case, by| r.set(case, &id, d, by, "tui")) {
            self.message(lang.pick("未保存", "Not saved").into(), e);
        }
    }

    fn finalize(&mut self) {
        let lang = self.lang;
        if let Err(e) = self.with_review(|r, case, by| r.finalize(case, by, "tui")) {
            self.message(lang.pick("未能定稿", "Not finalized").into(), e);
        }
    }

    /// Write every sheet into `DIR/导出` (or `DIR/export`) and say what was written.
    fn export(&mut self) {
        let lang = self.lang;
        let out = self.dir.join(lang.pick("导出", "export"));
        match crate::export::bundle::export(&self.dir, &out, lang) {
            Ok(m) => {
                let folder = format!("{}/{}", self.dir_name(), lang.pick("导出", "export"));
                self.status = tr!(lang, "已导出 {} 个文件", "{} files exported", m.files.len());
                self.message(
                    lang.pick("已导出", "Exported").into(),
                    tr!(
                        lang,
                        "{} 个文件和 manifest.json 已写入 {folder}（日志头 {}）。核对：anjuan verify {} --export {folder}",
                        "{} files and manifest.json are in {folder} (journal head {}). Check: anjuan verify {} --export {folder}",
                        m.files.len(),
                        &m.journal_head[..12],
                        self.dir_name()
                    ),
                );
            }
            Err(e) => self.message(lang.pick("未能导出", "Not exported").into(), e.render(lang)),
        }
    }

    fn draw_now(&mut self) {
        let lang = self.lang;
        let result = (|| -> Result<(), String> {
            let ws = Workspace::open(&self.dir).map_err(load_err(lang))?;
            let part = SeedPart {
                who: lang.pick("现场逐位录入", "entered digit by digit").into(),
                digits: self.seed.clone(),
                entered_at: now(),
            };
            ws.draw(
                &self.seed,
                vec![part],
                self.witnesses.clone(),
                // Kept until the draw is on disk: a refused write loses nothing typed.
                self.supersede.clone(),
                None,
                None,
            )
            .map_err(load_err(lang))?;
            self.reload_records()
        })();
        match result {
            Ok(()) => {
                self.supersede = None;
                self.step = Step::Result;
                self.scroll.set(0);
                self.status = lang.pick("抽取结果已保存", "draw saved").into();
            }
            Err(e) => self.message(lang.pick("未能抽取", "Not drawn").into(), e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draw::allocation::Method;
    use crate::register::import::{ImportSettings, RegisterFile};
    use crossterm::event::KeyModifiers;

    fn committed() -> (tempfile::TempDir, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let ws = tmp.path().join("ws");
        let files = [RegisterFile {
            path: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples/county-register.csv"),
            agency: None,
            ..Default::default()
        }];
        Workspace::init(&ws, &files, &ImportSettings::default(), None).unwrap();
        Workspace::open(&ws)
            .unwrap()
            .commit(
                Method::Proportional {
                    n: 100,
                    min_per_stratum: 1,
                },
                2,
                None,
            )
            .unwrap();
        (tmp, ws)
    }

    fn press(app: &mut App, keys: &str) {
        for c in keys.chars() {
            let code = match c {
                '\n' => KeyCode::Enter,
                '\u{8}' => KeyCode::Backspace,
                c => KeyCode::Char(c),
            };
            app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
        }
    }

    #[test]
    fn the_seed_is_only_used_after_confirmation() {
        let (_t, ws) = committed();
        let mut app = App::open(&ws, None, Lang::En).unwrap();
        press(&mut app, "\nWang/Office\n\n");
        assert_eq!(app.step, Step::Seed);
        press(&mut app, "12a3\u{8}4");
        assert_eq!(app.seed, "124");
        press(&mut app, "\n");
        assert!(
            matches!(app.popup, Some(Popup::Message { .. })),
            "too few digits"
        );
        press(&mut app, " 12345678901234567");
        assert_eq!(app.seed.len(), 20);
        press(&mut app, "\n");
        assert_eq!(app.popup, Some(Popup::ConfirmSeed));
        assert!(app.draw.is_none(), "nothing drawn before confirmation");
        press(&mut app, "n");
        assert!(app.draw.is_none() && app.popup.is_none());
        press(&mut app, "\ny");
        let (d, _) = app.draw.as_ref().expect("drawn");
        assert_eq!(d.seed, "12412345678901234567");
        assert_eq!(d.witnesses[0].name, "Wang");
        assert_eq!(app.step, Step::Result);
        // Export from the result screen: every sheet and the manifest, in ws/export.
        press(&mut app, "E");
        assert!(matches!(&app.popup, Some(Popup::Message { title, .. }) if title == "Exported"));
        assert!(ws.join("export").join("manifest.json").is_file());
        assert!(ws.join("export").join("draw-witness-sheet.xlsx").is_file());
        press(&mut app, " ");
        // A second draw needs a reason.
        press(&mut app, "S\n");
        assert!(matches!(
            app.popup,
            Some(Popup::Input {
                purpose: Purpose::Supersede,
                ..
            })
        ));
    }

    #[test]
    fn quitting_while_typing_asks_and_keeps_the_text() {
        let (_t, ws) = committed();
        let mut app = App::open(&ws, None, Lang::Zh).unwrap();
        app.popup = Some(Popup::Input {
            purpose: Purpose::Filter,
            editor: Editor::with("攸县"),
        });
        press(&mut app, "q");
        assert!(!app.quit, "q is text in a field");
        app.handle_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
        assert_eq!(app.popup, Some(Popup::ConfirmQuit));
        press(&mut app, "n");
        match &app.popup {
            Some(Popup::Input { editor, .. }) => assert_eq!(editor.text(), "攸县q"),
            other => panic!("{other:?}"),
        }
        app.handle_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
        press(&mut app, "y");
        assert!(app.quit);
    }
}
