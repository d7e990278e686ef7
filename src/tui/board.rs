//! The office's 整改 board: every agency's rectification items counted by state, one agency's
//! items, one item in full, and the forms of the steps on an item (plan, report, close, return,
//! refer). This module holds the board's state and changes it; `view::board` draws it.
//!
//! The discipline is the review desk's: a step goes through `Rectification::commit`, and only
//! once that returned is the step called saved. A step refused — by the rules, or by the disk —
//! leaves the form as it was typed, and a form put away with Esc is kept as a draft, so nothing
//! typed is lost. 逾期 is computed from `item::today()` each time it is shown, never kept.

use super::app::App;
use super::editor::Editor;
use super::keymap::{Action, Context};
use crate::export::rectification::{closing_rate, progress, Progress};
use crate::i18n::Lang;
use crate::rectification::book::{Refusal, MAX_TEXT};
use crate::rectification::event::Change;
use crate::rectification::item::{date_text, parse_date, today, Item, Status};
use crate::rectification::{evidence, RectError, Rectification};
use crate::tr;
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent};
use std::cell::Cell;
use std::path::Path;

/// Where on the board the user is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Agencies,
    Items,
    Detail,
}

/// A step on an item, taken through a form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Act {
    Plan,
    Report,
    Close,
    Return,
    Refer,
}

impl Act {
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Act::Plan => lang.pick("整改方案", "Plan"),
            Act::Report => lang.pick("报告整改情况", "Report progress"),
            Act::Close => lang.pick("销号", "Close"),
            Act::Return => lang.pick("退回", "Return"),
            Act::Refer => lang.pick("移送问责线索", "Refer for accountability"),
        }
    }

    /// What the step does, after 不能 / "cannot".
    fn verb(self, lang: Lang) -> &'static str {
        match self {
            Act::Plan => lang.pick("制定整改方案", "plan"),
            Act::Report => lang.pick("报告整改情况", "report"),
            Act::Close => lang.pick("销号", "close"),
            Act::Return => lang.pick("退回", "return"),
            Act::Refer => lang.pick("移送", "refer"),
        }
    }
}

/// A refusal as the board says it: the rule's message (which names the command-line way), then
/// the key that does it here.
fn refusal(r: &Refusal, lang: Lang) -> String {
    let here = match r {
        Refusal::Status {
            action: "close", status, ..
        } if *status != Status::Closed => Some(lang.pick(
            "在整改台：选中该事项按 r 报告整改情况，并选“整改完成：是”。",
            "On the board: select the item, press r and report it done.",
        )),
        Refusal::Status {
            status: Status::Submitted,
            ..
        } => Some(lang.pick(
            "在整改台：按 c 销号，或按 t 退回。",
            "On the board: press c to close it or t to return it.",
        )),
        Refusal::NoPlan(_) => Some(lang.pick(
            "在整改台：先按 p 制定整改方案。",
            "On the board: press p to plan it first.",
        )),
        Refusal::CloseByReporter { .. } => Some(lang.pick(
            "在整改台：请由核实人以本人姓名打开（anjuan tui 工作区 --reviewer 姓名）后按 c 销号。",
            "On the board: the person who checks it opens the TUI under their own name (anjuan tui WS --reviewer NAME) and presses c.",
        )),
        _ => None,
    };
    match here {
        Some(h) => format!("{}\n{h}", r.render(lang)),
        None => r.render(lang),
    }
}

/// Who the step goes to when the form does not say otherwise (as `rectify refer`).
pub const REFER_TO: &str = "监督问责组";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Text(Editor),
    YesNo(bool),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub zh: &'static str,
    pub en: &'static str,
    pub value: Value,
    /// Said under the field: what an empty field means, the form of a date.
    pub hint: String,
    pub required: bool,
}

impl Field {
    fn text(zh: &'static str, en: &'static str, value: &str, required: bool) -> Field {
        Field {
            zh,
            en,
            value: Value::Text(Editor::with(value)),
            hint: String::new(),
            required,
        }
    }

    fn hint(mut self, hint: String) -> Field {
        self.hint = hint;
        self
    }

    pub fn label(&self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }
}

/// The fields of one step on one item, as typed so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    pub act: Act,
    pub id: String,
    pub fields: Vec<Field>,
    pub focus: usize,
}

// Field positions, per step.
const LEADER: usize = 0;
const OWNER: usize = 1;
const MEASURE: usize = 2;
const DEADLINE: usize = 3;
const PROGRESS: usize = 0;
const DONE: usize = 1;
const DATE: usize = 2;
const EVIDENCE: usize = 3;
const TO: usize = 0;

impl Form {
    /// A blank form for `act` on `it` (a plan starts from the plan on record, if any).
    pub fn new(act: Act, it: &Item, lang: Lang) -> Form {
        let fields = match act {
            Act::Plan => {
                let p = it.plan.as_ref();
                let keep = match &it.deadline {
                    Some(d) => tr!(
                        lang,
                        "留空则沿用现有时限 {d}；日期写成 2025-01-31",
                        "empty keeps the deadline {d}; write a date as 2025-01-31"
                    ),
                    None => lang
                        .pick(
                            "留空则暂不定时限；日期写成 2025-01-31",
                            "empty sets no deadline yet; write a date as 2025-01-31",
                        )
                        .to_string(),
                };
                vec![
                    Field::text(
                        "责任领导",
                        "Leader",
                        p.map_or("", |p| p.leader.as_str()),
                        true,
                    ),
                    Field::text("责任人", "Owner", p.map_or("", |p| p.owner.as_str()), true),
                    Field::text(
                        "整改措施",
                        "Measures",
                        p.map_or("", |p| p.measure.as_str()),
                        true,
                    ),
                    Field::text("整改时限", "Deadline", "", false).hint(keep),
                ]
            }
            Act::Report => vec![
                Field::text("整改情况", "Progress", "", true),
                Field {
                    zh: "整改完成",
                    en: "Done",
                    value: Value::YesNo(false),
                    hint: lang
                        .pick(
                            "空格切换；“是”即申请销号",
                            "Space toggles; yes asks for the item to be closed",
                        )
                        .to_string(),
                    required: false,
                },
                Field::text("完成日期", "Date done", "", false).hint(
                    lang.pick("写成 2025-01-31，可留空", "as 2025-01-31, may be empty")
                        .to_string(),
                ),
                Field::text("佐证材料", "Evidence", "", false).hint(
                    lang.pick(
                        "文件路径，多个用 ; 分隔，可留空；保存时复制进工作区并记录 SHA-256",
                        "file paths separated by ; (may be empty); copied into the workspace with their SHA-256 on saving",
                    )
                    .to_string(),
                ),
            ],
            Act::Close => vec![Field::text("核实意见", "Opinion", "", true)],
            Act::Return => vec![Field::text("退回理由", "Reason", "", true)],
            Act::Refer => vec![
                Field::text("移送对象", "Refer to", REFER_TO, true),
                Field::text("移送理由", "Reason", "", true),
            ],
        };
        Form {
            act,
            id: it.id.clone(),
            fields,
            focus: 0,
        }
    }

    /// The trimmed text of field `k` (empty for a yes/no field).
    pub fn text(&self, k: usize) -> String {
        match self.fields.get(k).map(|f| &f.value) {
            Some(Value::Text(e)) => e.text().trim().to_string(),
            _ => String::new(),
        }
    }

    fn yes(&self, k: usize) -> bool {
        matches!(
            self.fields.get(k).map(|f| &f.value),
            Some(Value::YesNo(true))
        )
    }

    /// Whether anything has been typed that quitting would lose.
    pub fn typed(&self) -> bool {
        self.fields
            .iter()
            .any(|f| matches!(&f.value, Value::Text(e) if !e.is_empty()))
    }

    pub fn focused_editor(&mut self) -> Option<&mut Editor> {
        match self.fields.get_mut(self.focus).map(|f| &mut f.value) {
            Some(Value::Text(e)) => Some(e),
            _ => None,
        }
    }

    /// A key typed into the focused field: text into a text field, a toggle of a yes/no one.
    pub fn press(&mut self, key: KeyEvent) {
        let focus = self.focus;
        let Some(field) = self.fields.get_mut(focus) else {
            return;
        };
        let set = match (&mut field.value, key.code) {
            (Value::Text(e), code) => {
                e.press(code);
                return;
            }
            (Value::YesNo(v), KeyCode::Char(' ') | KeyCode::Left | KeyCode::Right) => !*v,
            (Value::YesNo(_), KeyCode::Char('y' | 'Y' | '是')) => true,
            (Value::YesNo(_), KeyCode::Char('n' | 'N' | '否')) => false,
            _ => return,
        };
        field.value = Value::YesNo(set);
        // Done today, unless the agency said another day.
        if self.act == Act::Report && focus == DONE && set && self.text(DATE).is_empty() {
            self.fields[DATE].value = Value::Text(Editor::with(&date_text(today())));
        }
    }

    /// Check what was typed, field by field, naming the field; then the step it asks for.
    pub fn change(&self, lang: Lang) -> Result<Change, String> {
        for (k, f) in self.fields.iter().enumerate() {
            let Value::Text(_) = f.value else { continue };
            let v = self.text(k);
            let label = f.label(lang);
            if f.required && v.is_empty() {
                return Err(tr!(
                    lang,
                    "“{label}”不能为空：请填写后按 Enter 保存",
                    "“{label}” must not be empty: fill it in and press Enter"
                ));
            }
            if let Some(c) = crate::review::decision::forbidden_char(&v, false) {
                return Err(tr!(
                    lang,
                    "“{label}”含有看不见的控制或格式字符 U+{:04X}：请删去后重试",
                    "“{label}” contains an invisible control or format character U+{:04X}: remove it and try again",
                    c as u32
                ));
            }
            if v.chars().count() > MAX_TEXT {
                return Err(tr!(
                    lang,
                    "“{label}”超过 {MAX_TEXT} 字：请精简",
                    "“{label}” is longer than {MAX_TEXT} characters: shorten it"
                ));
            }
        }
        let date = |k: usize| -> Result<Option<String>, String> {
            let v = self.text(k);
            if v.is_empty() {
                return Ok(None);
            }
            let label = self.fields[k].label(lang);
            parse_date(&v).map(|d| Some(date_text(d))).ok_or_else(|| {
                tr!(
                    lang,
                    "“{label}” “{v}” 不是日期：请写成 2025-01-31",
                    "“{label}” “{v}” is not a date: write it as 2025-01-31"
                )
            })
        };
        let id = self.id.clone();
        Ok(match self.act {
            Act::Plan => Change::Plan {
                id,
                leader: self.text(LEADER),
                owner: self.text(OWNER),
                measure: self.text(MEASURE),
                deadline: date(DEADLINE)?,
            },
            Act::Report => Change::Report {
                id,
                progress: self.text(PROGRESS),
                evidence: Vec::new(),
                done: self.yes(DONE),
                date: date(DATE)?,
            },
            Act::Close => Change::Close {
                id,
                opinion: self.text(0),
            },
            Act::Return => Change::Return {
                id,
                reason: self.text(0),
            },
            Act::Refer => Change::Refer {
                id,
                to: self.text(TO),
                reason: self.text(1),
            },
        })
    }

    /// The evidence files a report names.
    fn evidence_paths(&self) -> Vec<String> {
        if self.act != Act::Report {
            return Vec::new();
        }
        self.text(EVIDENCE)
            .split([';', '；'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(String::from)
            .collect()
    }
}

/// The step `act` on `id` with stand-in texts: checked when the form opens, so a step the rules
/// cannot take (closing what was never reported, reporting without a plan) is said at once,
/// before anything is typed for it.
fn probe(act: Act, id: &str) -> Change {
    let id = id.to_string();
    let t = || "-".to_string();
    match act {
        Act::Plan => Change::Plan {
            id,
            leader: t(),
            owner: t(),
            measure: t(),
            deadline: None,
        },
        Act::Report => Change::Report {
            id,
            progress: t(),
            evidence: Vec::new(),
            done: false,
            date: None,
        },
        Act::Close => Change::Close { id, opinion: t() },
        Act::Return => Change::Return { id, reason: t() },
        Act::Refer => Change::Refer {
            id,
            to: t(),
            reason: t(),
        },
    }
}

/// One agency's items counted by state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub agency: String,
    pub open: usize,
    pub in_progress: usize,
    pub submitted: usize,
    pub returned: usize,
    /// 已销号 (withdrawn items are not counted at all, as on the 整改进度汇总表).
    pub closed: usize,
    pub overdue: usize,
    pub total: usize,
}

impl Tally {
    pub fn count(&self, s: Status) -> usize {
        match s {
            Status::Open => self.open,
            Status::InProgress => self.in_progress,
            Status::Submitted => self.submitted,
            Status::Returned => self.returned,
            Status::Closed => self.closed,
        }
    }

    /// 销号率 (closed / total), to one decimal; `-` without items.
    pub fn rate(&self) -> String {
        // The same figure as the 整改进度汇总表 prints.
        closing_rate(self.closed, self.total).unwrap_or_else(|| "-".into())
    }

    /// The board's row of the counts the 整改进度汇总表 makes.
    fn of(p: &Progress) -> Tally {
        Tally {
            agency: p.agency.clone(),
            open: p.count(Status::Open),
            in_progress: p.count(Status::InProgress),
            submitted: p.count(Status::Submitted),
            returned: p.count(Status::Returned),
            closed: p.closed(),
            overdue: p.overdue,
            total: p.items,
        }
    }
}

/// Every agency's tally, in the order of the drawn files (`Rectification::agencies`), counted
/// by the export's `progress` so the board and the printed sheet cannot disagree.
pub fn tallies(rect: &Rectification, today: NaiveDate) -> Vec<Tally> {
    progress(rect, today).0.iter().map(Tally::of).collect()
}

/// The sum of `tallies` (the board's last row).
pub fn sum(tallies: &[Tally], label: &str) -> Tally {
    let mut s = Tally {
        agency: label.to_string(),
        ..Tally::default()
    };
    for t in tallies {
        s.open += t.open;
        s.in_progress += t.in_progress;
        s.submitted += t.submitted;
        s.returned += t.returned;
        s.closed += t.closed;
        s.overdue += t.overdue;
        s.total += t.total;
    }
    s
}

/// What the app is to do after a board action.
#[derive(Debug, PartialEq, Eq)]
pub enum Effect {
    None,
    /// Back to the review desk.
    Leave,
    Status(String),
    Message {
        title: String,
        body: String,
        /// A new status bar text, if any.
        status: Option<String>,
    },
}

pub struct Board {
    pub rect: Rectification,
    pub level: Level,
    /// Selected agency (index into `rect.agencies()`) and item (index into `items()`).
    pub agency: usize,
    pub item: usize,
    /// First line of the item's detail shown.
    pub scroll: Cell<usize>,
    pub form: Option<Form>,
    /// Forms put away with Esc, brought back when the same step on the same item is opened.
    pub drafts: Vec<Form>,
    /// A step asked for before the user's name was known, taken once it is.
    pub pending: Option<Action>,
}

impl Board {
    pub fn open(dir: &Path, lang: Lang) -> Result<Board, String> {
        Ok(Board {
            rect: Rectification::open(dir).map_err(|e| e.render(lang))?,
            level: Level::Agencies,
            agency: 0,
            item: 0,
            scroll: Cell::new(0),
            form: None,
            drafts: Vec::new(),
            pending: None,
        })
    }

    /// Read the record and the review journal again (others may have written to them), keeping
    /// where the user was and their drafts.
    pub fn refresh(&mut self, lang: Lang) -> Result<(), String> {
        self.rect.reload().map_err(|e| e.render(lang))
    }

    pub fn context(&self) -> Context {
        if self.form.is_some() {
            return Context::Form;
        }
        match self.level {
            Level::Agencies => Context::Board,
            Level::Items => Context::BoardItems,
            Level::Detail => Context::BoardItem,
        }
    }

    pub fn agency_name(&self) -> Option<String> {
        self.rect.agencies().into_iter().nth(self.agency)
    }

    /// The selected agency's items, in the order they were issued.
    pub fn items(&self) -> Vec<&Item> {
        let Some(a) = self.agency_name() else {
            return Vec::new();
        };
        self.rect
            .book
            .items
            .iter()
            .filter(|it| it.agency == a)
            .collect()
    }

    pub fn current(&self) -> Option<&Item> {
        if self.level == Level::Agencies {
            return None;
        }
        self.items().get(self.item).copied()
    }

    /// Whether a form, or a draft, holds typed text that quitting would lose.
    pub fn typing(&self) -> bool {
        self.form.as_ref().is_some_and(Form::typed) || self.drafts.iter().any(Form::typed)
    }

    pub fn press(&mut self, key: KeyEvent) {
        if let Some(f) = &mut self.form {
            f.press(key);
        }
    }

    pub fn paste(&mut self, text: &str) {
        if let Some(e) = self.form.as_mut().and_then(Form::focused_editor) {
            e.insert(text);
        }
    }

    /// A click on list row `i` (not while a form is open over the list).
    pub fn click(&mut self, i: usize) {
        if self.form.is_some() {
            return;
        }
        match self.level {
            Level::Agencies => self.agency = i,
            Level::Items => self.item = i,
            Level::Detail => {}
        }
    }

    /// Whether `action` is a step, which needs to know who takes it.
    pub fn is_step(action: Action) -> bool {
        matches!(
            action,
            Action::Plan | Action::Report | Action::CloseItem | Action::ReturnItem | Action::Refer
        )
    }

    pub fn update(&mut self, action: Action, by: &str, lang: Lang) -> Effect {
        if let Some(form) = &mut self.form {
            let n = form.fields.len();
            match action {
                Action::NextField => form.focus = (form.focus + 1) % n,
                Action::PrevField => form.focus = (form.focus + n - 1) % n,
                Action::Enter => return self.submit(by, lang),
                Action::Back => {
                    let Some(form) = self.form.take() else {
                        return Effect::None;
                    };
                    let typed = form.typed();
                    self.keep_draft(form);
                    if typed {
                        return Effect::Status(
                            lang.pick(
                                "未保存：输入的内容留作草稿，再按同一键取回",
                                "not saved: kept as a draft, the same key brings it back",
                            )
                            .into(),
                        );
                    }
                }
                _ => {}
            }
            return Effect::None;
        }
        let act = match action {
            Action::Plan => Some(Act::Plan),
            Action::Report => Some(Act::Report),
            Action::CloseItem => Some(Act::Close),
            Action::ReturnItem => Some(Act::Return),
            Action::Refer => Some(Act::Refer),
            _ => None,
        };
        if let Some(act) = act {
            return self.open_form(act, by, lang);
        }
        match (self.level, action) {
            (Level::Agencies, Action::Back) => return Effect::Leave,
            (Level::Items, Action::Back) => self.level = Level::Agencies,
            (Level::Detail, Action::Back) => self.level = Level::Items,
            (Level::Agencies, Action::Enter) => {
                if self.agency_name().is_some() {
                    self.level = Level::Items;
                    self.item = 0;
                }
            }
            (Level::Items, Action::Enter) => {
                if self.current().is_some() {
                    self.level = Level::Detail;
                    self.scroll.set(0);
                }
            }
            (Level::Agencies, a) => {
                self.agency = App::move_sel(self.agency, self.rect.agencies().len(), a)
            }
            (Level::Items, a) => self.item = App::move_sel(self.item, self.items().len(), a),
            (Level::Detail, a) => {
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
        }
        Effect::None
    }

    fn keep_draft(&mut self, form: Form) {
        self.drafts
            .retain(|d| !(d.act == form.act && d.id == form.id));
        if form.typed() {
            self.drafts.push(form);
        }
    }

    /// Check `change` against the rules as `by` without writing it.
    fn dry_run(&self, change: &Change, by: &str) -> Result<(), Refusal> {
        self.rect
            .check(&[(change.clone(), "tui".into())], by)
            .map(|_| ())
    }

    fn open_form(&mut self, act: Act, by: &str, lang: Lang) -> Effect {
        let Some(it) = self.current() else {
            return Effect::None;
        };
        let id = it.id.clone();
        let fresh = Form::new(act, it, lang);
        if let Err(r) = self.dry_run(&probe(act, &id), by) {
            return Effect::Message {
                title: tr!(lang, "不能{}", "Cannot {}", act.verb(lang)),
                body: refusal(&r, lang),
                status: None,
            };
        }
        let form = match self.drafts.iter().position(|d| d.act == act && d.id == id) {
            Some(k) => self.drafts.remove(k),
            None => fresh,
        };
        self.form = Some(form);
        Effect::None
    }

    /// Save the form's step: checked, evidence copied in, committed; the form stays as typed
    /// unless the commit returned.
    fn submit(&mut self, by: &str, lang: Lang) -> Effect {
        let Some(form) = &self.form else {
            return Effect::None;
        };
        let not_saved = lang.pick("未保存", "NOT saved").to_string();
        let refused = |title: &str, body: String| {
            Effect::Message {
            title: title.to_string(),
            body: format!(
                "{body}\n{}",
                lang.pick(
                    "输入的内容已保留：按任意键回到表单，修改后再按 Enter 保存。",
                    "What you typed is kept: press any key to get back to the form, then Enter to save.",
                )
            ),
            status: Some(not_saved.clone()),
        }
        };
        let title = lang.pick("未保存", "Not saved");
        let mut change = match form.change(lang) {
            Ok(c) => c,
            Err(m) => return refused(title, m),
        };
        // Evidence is copied only for a step the rules take, so a refusal leaves no copy.
        if let Err(r) = self.dry_run(&change, by) {
            return refused(
                lang.pick("未保存：整改规则不允许", "Not saved: the rules refuse it"),
                refusal(&r, lang),
            );
        }
        let mut stored = Vec::new();
        for p in form.evidence_paths() {
            match evidence::store(&self.rect.review.ws.dir, Path::new(&p), lang) {
                Ok(e) => stored.push(e),
                Err(m) => return refused(title, m),
            }
        }
        if let Change::Report { evidence, .. } = &mut change {
            *evidence = stored;
        }
        match self.rect.commit(vec![change], by, "tui") {
            Ok(saved) => {
                if let Some(f) = self.form.take() {
                    self.drafts.retain(|d| !(d.act == f.act && d.id == f.id));
                }
                let head = &self.rect.head()[..12.min(self.rect.head().len())];
                let seq = saved.events.last().map_or(0, |e| e.seq);
                let mut status = tr!(
                    lang,
                    "已保存 #{seq}（整改记录头 {head}）",
                    "saved #{seq} (record head {head})"
                );
                if saved.recovered.is_some() {
                    status += lang.pick(
                        "（已保留上次中断的残行）",
                        " (kept an interrupted line aside)",
                    );
                }
                Effect::Status(status)
            }
            Err(e) => {
                let title = match e {
                    RectError::Refused(_) => {
                        lang.pick("未保存：整改规则不允许", "Not saved: the rules refuse it")
                    }
                    _ => title,
                };
                let body = match &e {
                    RectError::Refused(r) => refusal(r, lang),
                    e => e.render(lang),
                };
                refused(title, body)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    /// The sample county drawn, and two files of two agencies finalized with two deductions each.
    fn finalized() -> (tempfile::TempDir, std::path::PathBuf) {
        use crate::checklist::points::Points;
        use crate::draw::allocation::Method;
        use crate::draw::seed::SeedPart;
        use crate::register::import::{ImportSettings, RegisterFile};
        use crate::review::decision::{Decision, Verdict};
        use crate::review::Review;
        use crate::workspace::records::Witness;
        use crate::workspace::{now, Workspace};
        let tmp = tempfile::tempdir().unwrap();
        let ws = tmp.path().join("ws");
        let files = [RegisterFile {
            path: std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("samples/county-register.csv"),
            agency: None,
            ..Default::default()
        }];
        Workspace::init(&ws, &files, &ImportSettings::default(), None).unwrap();
        let w = Workspace::open(&ws).unwrap();
        let method = Method::Proportional {
            n: 100,
            min_per_stratum: 1,
        };
        w.commit(method, 2, None).unwrap();
        let seed = "08772473296991897540";
        let part = SeedPart {
            who: "王五".into(),
            digits: seed.into(),
            entered_at: now(),
        };
        let witness = Witness {
            name: "王五".into(),
            unit: "县纪委监委".into(),
        };
        w.draw(seed, vec![part], vec![witness], None, None, None)
            .unwrap();
        let mut r = Review::open(&ws).unwrap();
        let mut agencies = Vec::new();
        for i in 0..r.files.len() {
            let Some(c) = r.checklist_of(i).cloned() else {
                continue;
            };
            let (case, agency) = (r.files[i].id().to_string(), r.files[i].agency());
            if agencies.contains(&agency) {
                continue;
            }
            let mut deducted = 0;
            for it in &c.items {
                let d = if deducted < 2 && it.max_points > Points(0) {
                    deducted += 1;
                    let finding = Some("未加盖印章");
                    Decision::new(it, Verdict::Deduct, Some(it.step), finding, None, Lang::Zh)
                } else {
                    Decision::new(it, Verdict::Pass, None, None, None, Lang::Zh)
                };
                r.set(&case, &it.id, Some(d.unwrap()), "张三", "test")
                    .unwrap();
            }
            r.finalize(&case, "张三", "test").unwrap();
            agencies.push(agency);
            if agencies.len() == 2 {
                break;
            }
        }
        (tmp, ws)
    }

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    fn type_in(b: &mut Board, text: &str) {
        for c in text.chars() {
            b.press(key(c));
        }
    }

    #[test]
    fn tui_board_counts_every_item_once_by_state() {
        let (_t, ws) = finalized();
        let mut b = Board::open(&ws, Lang::Zh).unwrap();
        // Move some items along so more than one state is counted.
        let ids: Vec<String> = b.rect.book.items[..3]
            .iter()
            .map(|i| i.id.clone())
            .collect();
        let soon = date_text(today() + chrono::Days::new(3));
        for id in &ids {
            let plan = Change::Plan {
                id: id.clone(),
                leader: "赵局长".into(),
                owner: "钱科长".into(),
                measure: "补正文书".into(),
                deadline: Some(soon.clone()),
            };
            b.rect.commit(vec![plan], "王五", "test").unwrap();
        }
        let report = Change::Report {
            id: ids[1].clone(),
            progress: "已补正".into(),
            evidence: Vec::new(),
            done: true,
            date: None,
        };
        b.rect.commit(vec![report], "王五", "test").unwrap();
        assert_eq!(b.rect.book.items.len(), 4);
        assert_eq!(b.items().len(), 2, "two items in the first agency");
        let day = today() + chrono::Days::new(10);
        let t = tallies(&b.rect, day);
        assert_eq!(t.len(), b.rect.agencies().len());
        let all = sum(&t, "合计");
        assert_eq!(all.total, b.rect.book.items.len());
        assert_eq!(all.in_progress, 2);
        assert_eq!(all.submitted, 1);
        assert_eq!(all.open, all.total - 3);
        // Ten days on, the three items with a deadline three days on are past it; the rest have
        // no deadline, and today nothing is overdue.
        assert_eq!(all.overdue, 3);
        assert_eq!(sum(&tallies(&b.rect, today()), "").overdue, 0);
        for tally in &t {
            let mine: Vec<&Item> = b
                .rect
                .book
                .items
                .iter()
                .filter(|i| i.agency == tally.agency)
                .collect();
            assert_eq!(tally.total, mine.len());
            for s in Status::ALL {
                let n = mine.iter().filter(|i| i.status == s).count();
                assert_eq!(tally.count(s), n, "{} {s:?}", tally.agency);
            }
        }
        assert_eq!(Tally::default().rate(), "-");
        let third = Tally {
            closed: 1,
            total: 3,
            ..Tally::default()
        };
        assert_eq!(third.rate(), "33.3%");
    }

    #[test]
    fn tui_board_a_refused_step_keeps_the_form() {
        let (_t, ws) = finalized();
        let mut b = Board::open(&ws, Lang::En).unwrap();
        assert_eq!(b.update(Action::Enter, "王五", Lang::En), Effect::None);
        assert_eq!(b.context(), Context::BoardItems);
        // Closing an item nobody reported done is refused before anything is typed.
        let e = b.update(Action::CloseItem, "王五", Lang::En);
        assert!(
            matches!(&e, Effect::Message { body, .. } if body.contains("only an item reported done")),
            "{e:?}"
        );
        assert!(b.form.is_none());
        b.update(Action::Plan, "王五", Lang::En);
        assert_eq!(b.context(), Context::Form);
        type_in(&mut b, "赵局长");
        b.update(Action::NextField, "王五", Lang::En);
        type_in(&mut b, "钱科长");
        b.update(Action::NextField, "王五", Lang::En);
        type_in(&mut b, "补正文书");
        b.update(Action::NextField, "王五", Lang::En);
        type_in(&mut b, "2020-01-01");
        let e = b.update(Action::Enter, "王五", Lang::En);
        assert!(
            matches!(&e, Effect::Message { body, status: Some(s), .. }
                if body.contains("before the problem was found") && s == "NOT saved"),
            "{e:?}"
        );
        let form = b.form.clone().expect("the form stays");
        assert_eq!(form.text(MEASURE), "补正文书");
        // Esc keeps a draft (quitting would ask first); opening the plan again brings it back.
        let e = b.update(Action::Back, "王五", Lang::En);
        assert!(
            matches!(&e, Effect::Status(s) if s.starts_with("not saved")),
            "{e:?}"
        );
        assert!(b.form.is_none() && b.typing());
        b.update(Action::Plan, "王五", Lang::En);
        assert_eq!(b.form.as_ref(), Some(&form));
        for _ in 0.."2020-01-01".len() {
            b.press(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
        }
        let e = b.update(Action::Enter, "王五", Lang::En);
        assert!(
            matches!(&e, Effect::Status(s) if s.starts_with("saved #1 (record head ")),
            "{e:?}"
        );
        assert!(b.form.is_none() && b.drafts.is_empty());
        let it = b.current().unwrap();
        assert_eq!(it.status, Status::InProgress);
        assert_eq!(it.plan.as_ref().unwrap().leader, "赵局长");
        // Reported done by 王五, so 王五 may not close it.
        b.update(Action::Report, "王五", Lang::En);
        type_in(&mut b, "已补正");
        b.update(Action::NextField, "王五", Lang::En);
        b.press(key(' '));
        let date = b.form.as_ref().unwrap().text(DATE);
        assert_eq!(date, date_text(today()));
        assert!(matches!(
            b.update(Action::Enter, "王五", Lang::En),
            Effect::Status(_)
        ));
        let e = b.update(Action::CloseItem, "王五", Lang::En);
        assert!(
            matches!(&e, Effect::Message { body, .. } if body.contains("someone else must check")),
            "{e:?}"
        );
        b.update(Action::CloseItem, "赵六", Lang::En);
        type_in(&mut b, "核实无误");
        assert!(matches!(
            b.update(Action::Enter, "赵六", Lang::En),
            Effect::Status(_)
        ));
        assert_eq!(b.current().unwrap().status, Status::Closed);
    }
}
