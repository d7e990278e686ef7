//! Stage 7: the ballots of a 民主评议 (江西 2016: "当场发放民主评议测评票，当场填写当场收回…测评结果
//! 向被评议单位反馈，并向社会公布…对民主评议反映问题比较多的行政执法机关，要进行“回头看”"). A setup
//! records the evaluated agencies, the scale, the number of ballots and the secret of their check
//! codes (`setup`, `code`); every ballot entered is a line of `ballots.jsonl` (`event`), checked
//! by the rules in `entry`, hash-chained and fsync'ed before it is shown as saved, exactly like
//! the review journal. `tally` counts and ranks, `compare` sets a second entry pass against the
//! first, `import` reads a tally sheet filled in elsewhere (all rows or none), `verify` replays it all.
//!
//! Floors: reads `workspace`, `register` (the agencies' list and the tally sheet are read with
//! the register readers) and `review::journal::Chain`, nothing above them. `export` prints from
//! it and `cli`/`tui` drive it.

pub mod code;
pub mod compare;
pub mod entry;
pub mod event;
pub mod import;
pub mod setup;
pub mod tally;
pub mod verify;

use crate::i18n::Lang;
use crate::register::problem::{Place, ProblemKind};
use crate::review::journal::{AppendError, Break, Chain};
use crate::tr;
use crate::workspace::records::RecordRef;
use crate::workspace::{Workspace, WorkspaceError};
use entry::{Ballot, Pass};
use event::{BallotEvent, Change};
use setup::Setup;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The ballot record, beside `journal.jsonl`.
pub const JOURNAL: &str = "ballots.jsonl";
/// The folder of the setup records (`ballots/NNNN.json`).
pub const SETUPS: &str = "ballots";

/// Why a ballot (or a line of the record) is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    UnknownSerial {
        typed: String,
        issued: u32,
    },
    WrongCode {
        serial: String,
    },
    /// Entered already in this pass (by record line `seq`, or earlier in the same file).
    Duplicate {
        serial: String,
        pass: u8,
        seq: Option<u64>,
    },
    NotOnScale {
        agency: String,
        value: String,
        scale: Vec<String>,
    },
    Choices {
        expected: usize,
        got: usize,
    },
    NotEntered {
        serial: String,
        pass: u8,
    },
    BadPass(String),
    EmptyReason,
}

impl Refusal {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Refusal::UnknownSerial { typed, issued } => tr!(
                lang,
                "编号“{typed}”不是本次发放的测评票（编号 1–{issued}）：请核对票面编号",
                "“{typed}” is not the serial of a ballot issued this time (1–{issued}): check the serial on the ballot"
            ),
            Refusal::WrongCode { serial } => tr!(
                lang,
                "{serial} 号票的校验码不对：请核对票面校验码；仍不符的，这张票不是本次印制的测评票，不予计入",
                "the check code of ballot {serial} is wrong: check the code on the ballot; if it still does not match, the ballot was not printed for this count and is not counted"
            ),
            Refusal::Duplicate { serial, pass, seq } => match seq {
                Some(seq) => tr!(
                    lang,
                    "{serial} 号票在第 {pass} 遍录入中已录入（记录第 {seq} 行）：同一张票不能录入两次；如上次录错，请先用 anjuan ballot WS withdraw 撤销",
                    "ballot {serial} was entered already in pass {pass} (record line {seq}): a ballot cannot be entered twice; if that entry was wrong, withdraw it first with anjuan ballot WS withdraw"
                ),
                None => tr!(
                    lang,
                    "{serial} 号票在本次录入中出现两次：同一张票只能录入一次",
                    "ballot {serial} appears twice in this entry: a ballot is entered once"
                ),
            },
            Refusal::NotOnScale {
                agency,
                value,
                scale,
            } => {
                let levels: Vec<String> = scale
                    .iter()
                    .enumerate()
                    .map(|(i, l)| format!("{} {l}", i + 1))
                    .collect();
                tr!(
                    lang,
                    "“{agency}”的评价“{value}”不在评价等次中（{}；空白或 0 为未评价）",
                    "the choice “{value}” for “{agency}” is not on the scale ({}; blank or 0 for none)",
                    levels.join("、")
                )
            }
            Refusal::Choices { expected, got } => tr!(
                lang,
                "应有 {expected} 个单位的评价，实际为 {got} 个",
                "{expected} agencies' choices were expected, {got} were given"
            ),
            Refusal::NotEntered { serial, pass } => tr!(
                lang,
                "{serial} 号票在第 {pass} 遍录入中没有可撤销的录入",
                "ballot {serial} has no entry in pass {pass} to withdraw"
            ),
            Refusal::BadPass(p) => tr!(
                lang,
                "录入遍次“{p}”无效：只能是 1 或 2",
                "entry pass “{p}” is not valid: it is 1 or 2"
            ),
            Refusal::EmptyReason => tr!(
                lang,
                "须说明理由（--reason）",
                "a reason is needed (--reason)"
            ),
        }
    }
}

/// What is wrong in a file read (the agencies' list, a tally sheet), at a place in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileProblem {
    Read(ProblemKind),
    NoNameColumn,
    EmptyName,
    BadName,
    DuplicateName { name: String, first_row: u64 },
    ReservedName(String),
    NoAgencies,
    TooManyAgencies,
    NoHeader,
    MissingColumn(String),
    DuplicateColumn(String),
    UnknownColumn(String),
    NoRows,
    EmptySerial,
    RepeatedRow { first_row: u64 },
    SpoiledWithChoices,
    BadSpoiledMark(String),
    Refused(Refusal),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub place: Place,
    pub problem: FileProblem,
}

impl Problem {
    pub fn new(place: Place, problem: FileProblem) -> Problem {
        Problem { place, problem }
    }

    pub fn render(&self, lang: Lang) -> String {
        use FileProblem as F;
        let headers = setup::NAME_HEADERS.join("、");
        let max = setup::MAX_AGENCIES;
        let what = match &self.problem {
            F::Read(k) => k.render(lang),
            F::NoNameColumn => tr!(
                lang,
                "前 10 行中没有单位名称列：请在第一行写表头（{headers} 之一），每行一个被评议单位",
                "no name column in the first 10 rows: put a header ({headers}) in the first row and one evaluated agency a row"
            ),
            F::EmptyName => tr!(
                lang,
                "单位名称为空：请填写名称或删去此行",
                "the name is empty: fill it in or delete the row"
            ),
            F::BadName => tr!(
                lang,
                "单位名称含控制字符或超过 100 字：请改正",
                "the name holds a control character or is longer than 100 characters: correct it"
            ),
            F::DuplicateName { name, first_row } => tr!(
                lang,
                "“{name}”与第 {first_row} 行重复：每个被评议单位只列一次",
                "“{name}” repeats row {first_row}: list each evaluated agency once"
            ),
            F::ReservedName(n) => tr!(
                lang,
                "“{n}”会与计票表的其他列混淆，不能作单位名称：请写全称",
                "“{n}” would be taken for another column of the tally sheet: use the agency's full name"
            ),
            F::NoAgencies => tr!(
                lang,
                "只有表头，没有被评议单位",
                "a header but no evaluated agency"
            ),
            F::TooManyAgencies => tr!(
                lang,
                "被评议单位超过 {max} 个：一张测评票容纳不下",
                "more than {max} evaluated agencies: they do not fit on a ballot"
            ),
            F::NoHeader => tr!(
                lang,
                "前 30 行中找不到表头（含“编号”和“校验码”的一行）：请使用 anjuan ballot WS print 生成的计票表",
                "no header row (one with “编号” and “校验码”) in the first 30 rows: use the tally sheet anjuan ballot WS print writes"
            ),
            F::MissingColumn(c) => tr!(
                lang,
                "缺少“{c}”列：计票表须有编号、校验码和每个被评议单位一列",
                "no “{c}” column: the tally sheet needs 编号, 校验码 and a column per evaluated agency"
            ),
            F::DuplicateColumn(c) => tr!(
                lang,
                "“{c}”列出现了两次：请删去一列",
                "the “{c}” column appears twice: keep one"
            ),
            F::UnknownColumn(c) => tr!(
                lang,
                "“{c}”不是本次被评议单位，也不是编号、校验码或废票：请改回原表头或删去此列",
                "“{c}” is neither an evaluated agency nor 编号, 校验码 or 废票: put the header back or delete the column"
            ),
            F::NoRows => tr!(
                lang,
                "只有表头，没有测评票行",
                "a header but no ballot rows"
            ),
            F::EmptySerial => tr!(
                lang,
                "编号为空，但此行填写了内容：请填写票面编号",
                "the serial is empty but the row is filled in: write the serial on the ballot"
            ),
            F::RepeatedRow { first_row } => tr!(
                lang,
                "与第 {first_row} 行是同一张票：同一张票只能录入一次",
                "the same ballot as row {first_row}: a ballot is entered once"
            ),
            F::SpoiledWithChoices => tr!(
                lang,
                "标为废票，又填写了评价：废票的评价格须留空",
                "marked spoiled but also has choices: leave a spoiled ballot's choices empty"
            ),
            F::BadSpoiledMark(v) => tr!(
                lang,
                "废票列的“{v}”无法识别：是废票的填 1（或 是、废），不是的留空（或 0、否）",
                "“{v}” in the 废票 column is not understood: 1 (or 是, 废) for a spoiled ballot, empty (or 0, 否) otherwise"
            ),
            F::Refused(r) => r.render(lang),
        };
        format!("{}: {what}", self.place.render(lang))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScaleProblem {
    Count,
    Empty,
    Reserved(String),
    Repeated(String),
}

#[derive(Debug)]
pub enum BallotError {
    Workspace(WorkspaceError),
    Record(std::io::Error),
    Damaged(Vec<Break>),
    Busy,
    NoSetup,
    NoDraw,
    NoBallots,
    TooManyBallots(u32),
    Scale {
        given: String,
        why: ScaleProblem,
    },
    AlreadyCounted {
        number: u32,
        counted: usize,
    },
    EmptyReason,
    Random(String),
    File {
        file: String,
        list: Vec<Problem>,
    },
    Refused(Refusal),
    /// The record holds lines the rules refuse (seq, why): it was edited.
    Inconsistent(Vec<(u64, Refusal)>),
    /// The two entry passes differ: `compare` lists where.
    PassesDiffer(usize),
}

impl BallotError {
    fn from_append(e: AppendError, j: &Chain<BallotEvent>) -> BallotError {
        match e {
            AppendError::Io(e) => BallotError::Record(e),
            AppendError::Damaged => BallotError::Damaged(j.breaks.clone()),
            AppendError::Changed => BallotError::Busy,
        }
    }

    pub fn render(&self, lang: Lang) -> String {
        match self {
            BallotError::Workspace(e) => e.render(lang),
            BallotError::Record(e) => match crate::workspace::fsio::Fault::of(e) {
                Some(f) => format!(
                    "{}。{}{}",
                    f.what_in_workspace(lang, &e.to_string()),
                    lang.pick(
                        "本次录入没有保存，测评票记录保持原样。",
                        "This entry was NOT saved; the ballot record is as it was. "
                    ),
                    f.todo(lang)
                ),
                None => tr!(
                    lang,
                    "无法写入测评票记录 {JOURNAL}：{e}。本次录入未保存",
                    "could not write the ballot record {JOURNAL}: {e}. Nothing of this entry was saved"
                ),
            },
            BallotError::Damaged(breaks) => {
                let lines: Vec<String> = breaks.iter().map(|b| b.render_in(lang, JOURNAL)).collect();
                tr!(
                    lang,
                    "测评票记录已损坏，不再写入：{}。请用 anjuan verify 检查，并从备份恢复",
                    "the ballot record is damaged and will not be written to: {}. Run anjuan verify and restore it from a backup",
                    lines.join("；")
                )
            }
            BallotError::Busy => tr!(
                lang,
                "测评票记录正被另一程序写入，请稍后重试",
                "another program is writing the ballot record: try again in a moment"
            ),
            BallotError::NoSetup => tr!(
                lang,
                "还没有民主评议设置：请先运行 anjuan ballot WS setup --agencies 被评议单位.csv",
                "there is no ballot setup yet: run anjuan ballot WS setup --agencies AGENCIES.csv first"
            ),
            BallotError::NoDraw => tr!(
                lang,
                "工作区还没有抽取记录，无法按抽中人数确定测评票张数：请用 --ballots N 指定张数，或先完成抽取",
                "the workspace has no draw yet, so the number of ballots cannot follow the sample: give it with --ballots N, or make the draw first"
            ),
            BallotError::NoBallots => tr!(
                lang,
                "测评票张数为 0：请用 --ballots N 指定（至少 1 张）",
                "no ballots to issue: give their number with --ballots N (at least 1)"
            ),
            BallotError::TooManyBallots(n) => tr!(
                lang,
                "测评票 {n} 张过多（至多 {} 张）",
                "{n} ballots is too many (at most {})",
                setup::MAX_BALLOTS
            ),
            BallotError::Scale { given, why } => {
                let why = match why {
                    ScaleProblem::Count => lang.pick("须有 2–5 个等次", "it needs 2 to 5 levels").to_string(),
                    ScaleProblem::Empty => lang.pick("有空的或含控制字符的等次", "a level is empty or holds a control character").to_string(),
                    ScaleProblem::Reserved(l) => tr!(lang, "“{l}”不能作等次（数字和“废票”另有含义）", "“{l}” cannot be a level (numbers and 废票 mean something else)"),
                    ScaleProblem::Repeated(l) => tr!(lang, "“{l}”出现两次", "“{l}” appears twice"),
                };
                tr!(
                    lang,
                    "评价等次 --scale “{given}” 无效：{why}。例如 --scale 满意,基本满意,不满意",
                    "the scale --scale “{given}” is not valid: {why}. For example --scale 满意,基本满意,不满意"
                )
            }
            BallotError::AlreadyCounted { number, counted } => tr!(
                lang,
                "第 {number} 次设置下已录入 {counted} 张测评票，不能再改设置。如确需重新组织测评（已录入的票作废，记录保留），请用 --new \"理由\"",
                "{counted} ballots were entered under setup {number}; it cannot be changed now. To start a new count (the ballots entered stay on record, uncounted), pass --new \"REASON\""
            ),
            BallotError::EmptyReason => tr!(
                lang,
                "须说明理由",
                "a reason is needed"
            ),
            BallotError::Random(e) => tr!(
                lang,
                "无法取得随机数（{e}）",
                "no random numbers could be had ({e})"
            ),
            BallotError::File { file, list } => {
                let n = list.len();
                let mut s = tr!(
                    lang,
                    "{file} 有 {n} 个问题，未保存任何内容：",
                    "{file} has {n} problems; nothing was saved:"
                );
                for p in list {
                    s.push_str("\n  ");
                    s.push_str(&p.render(lang));
                }
                s
            }
            BallotError::Refused(r) => {
                let r = r.render(lang);
                tr!(lang, "{r}。未保存", "{r}. Not saved")
            }
            BallotError::Inconsistent(list) => {
                let lines: Vec<String> = list
                    .iter()
                    .map(|(l, r)| tr!(lang, "第 {l} 行：{}", "line {l}: {}", r.render(lang)))
                    .collect();
                tr!(
                    lang,
                    "测评票记录 {JOURNAL} 中有规则不允许的录入（记录被改动）：{}",
                    "the ballot record {JOURNAL} holds entries the rules do not allow (it was edited): {}",
                    lines.join("；")
                )
            }
            BallotError::PassesDiffer(n) => tr!(
                lang,
                "两遍录入有 {n} 处不一致：请用 anjuan ballot WS compare 查看，核对原票后撤销（withdraw）并重新录入错的一遍",
                "the two entry passes differ in {n} places: see them with anjuan ballot WS compare, check the paper ballots, then withdraw and re-enter the wrong pass"
            ),
        }
    }
}

/// The setups, the ballot record and the workspace they are in.
pub struct Ballots {
    pub ws: Workspace,
    /// Every setup, oldest first, each checked against the ledger.
    pub setups: Vec<(Setup, RecordRef)>,
    pub journal: Chain<BallotEvent>,
}

const APPEND_ATTEMPTS: usize = 20;

/// What a saved entry reports.
pub struct Saved {
    pub seqs: Vec<u64>,
    /// A torn last line set aside before writing.
    pub recovered: Option<PathBuf>,
}

impl Ballots {
    pub fn open(dir: &Path) -> Result<Ballots, BallotError> {
        let ws = Workspace::open(dir).map_err(BallotError::Workspace)?;
        let setups = ws
            .recorded::<Setup>(SETUPS)
            .map_err(BallotError::Workspace)?;
        let journal = Chain::read(&dir.join(JOURNAL)).map_err(BallotError::Record)?;
        Ok(Ballots {
            ws,
            setups,
            journal,
        })
    }

    /// The setup in force: the last one.
    pub fn current(&self) -> Result<&(Setup, RecordRef), BallotError> {
        self.setups.last().ok_or(BallotError::NoSetup)
    }

    /// The passes of the current setup as they stand. A record with lines the rules refuse is
    /// not counted from.
    pub fn passes(&self) -> Result<BTreeMap<u8, Pass>, BallotError> {
        let (setup, _) = self.current()?;
        if !self.journal.breaks.is_empty() {
            return Err(BallotError::Damaged(self.journal.breaks.clone()));
        }
        let (passes, refused) = entry::replay(setup, &self.journal.events);
        if !refused.is_empty() {
            return Err(BallotError::Inconsistent(refused));
        }
        Ok(passes)
    }

    /// One pass of the current setup (empty when nothing was entered in it).
    pub fn pass(&self, pass: u8) -> Result<Pass, BallotError> {
        Ok(self.passes()?.remove(&pass).unwrap_or_default())
    }

    /// Read the record again (another program appended to it).
    fn reload(&mut self) -> Result<(), BallotError> {
        self.journal = Chain::read(&self.ws.dir.join(JOURNAL)).map_err(BallotError::Record)?;
        Ok(())
    }

    /// Run `step` again on the record as it now is while another program keeps appending.
    fn retrying(
        &mut self,
        mut step: impl FnMut(&mut Ballots) -> Result<Saved, BallotError>,
    ) -> Result<Saved, BallotError> {
        for _ in 0..APPEND_ATTEMPTS {
            match step(self) {
                Err(BallotError::Busy) => self.reload()?,
                r => return r,
            }
        }
        Err(BallotError::Busy)
    }

    /// Check `ballots` (also against each other) and save them in one write, each `via` its own.
    /// Nothing is written if any is refused.
    pub fn enter(
        &mut self,
        ballots: &[(Ballot, String)],
        pass: u8,
        clerk: Option<&str>,
    ) -> Result<Saved, BallotError> {
        self.retrying(|b| b.try_enter(ballots, pass, clerk))
    }

    fn try_enter(
        &mut self,
        ballots: &[(Ballot, String)],
        pass: u8,
        clerk: Option<&str>,
    ) -> Result<Saved, BallotError> {
        let (setup, _) = self.current()?;
        let mut standing = self.pass(pass)?;
        let mut events = Vec::new();
        let at = crate::workspace::now();
        for (b, via) in ballots {
            entry::check(setup, &standing, pass, b).map_err(BallotError::Refused)?;
            standing.ballots.insert(
                b.serial,
                entry::Counted {
                    marks: b.marks.clone(),
                    seq: 0,
                },
            );
            events.push(self.event(setup.number, pass, clerk, &at, entry::change(setup, b), via));
        }
        self.append(events)
    }

    /// Withdraw the pass's entry of `serial`, with a reason.
    pub fn withdraw(
        &mut self,
        serial: &str,
        pass: u8,
        reason: &str,
        clerk: Option<&str>,
    ) -> Result<Saved, BallotError> {
        self.retrying(|b| b.try_withdraw(serial, pass, reason, clerk))
    }

    fn try_withdraw(
        &mut self,
        serial: &str,
        pass: u8,
        reason: &str,
        clerk: Option<&str>,
    ) -> Result<Saved, BallotError> {
        let (setup, _) = self.current()?;
        let n = entry::serial(setup, serial).map_err(BallotError::Refused)?;
        if reason.trim().is_empty() {
            return Err(BallotError::EmptyReason);
        }
        if !self.pass(pass)?.ballots.contains_key(&n) {
            return Err(BallotError::Refused(Refusal::NotEntered {
                serial: setup.serial_text(n),
                pass,
            }));
        }
        let change = Change::Withdraw {
            serial: n,
            reason: reason.trim().to_string(),
        };
        let at = crate::workspace::now();
        let e = self.event(setup.number, pass, clerk, &at, change, "cli");
        self.append(vec![e])
    }

    fn event(
        &self,
        setup: u32,
        pass: u8,
        clerk: Option<&str>,
        at: &str,
        change: Change,
        via: &str,
    ) -> BallotEvent {
        BallotEvent {
            seq: 0,
            at: at.to_string(),
            by: clerk
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(String::from),
            setup,
            pass,
            change,
            via: via.to_string(),
            prev: String::new(),
        }
    }

    fn append(&mut self, events: Vec<BallotEvent>) -> Result<Saved, BallotError> {
        let first = self.journal.next_seq();
        let n = events.len() as u64;
        match self.journal.append(events) {
            Ok(recovered) => Ok(Saved {
                seqs: (first..first + n).collect(),
                recovered,
            }),
            Err(e) => Err(BallotError::from_append(e, &self.journal)),
        }
    }
}

/// A pass number from `--pass`: 1 or 2.
pub fn parse_pass(p: u8) -> Result<u8, BallotError> {
    match p {
        1 | 2 => Ok(p),
        _ => Err(BallotError::Refused(Refusal::BadPass(p.to_string()))),
    }
}
