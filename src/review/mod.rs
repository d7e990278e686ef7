//! Stage 4b: reviewing the drawn files. Decisions on checklist items become journal events
//! (`journal.jsonl`, hash-chained, fsync'ed before anyone is told they are saved); every file's
//! score, grade and status are derived from the journal alone. The command line, the TUI and the
//! decisions import all change files through `Review` here, so one set of rules holds for all.

pub mod assignment;
pub mod decision;
pub mod event;
pub mod import;
pub mod journal;
pub mod package;
pub mod plan;
pub mod score;
pub mod state;
pub mod verify;

use crate::checklist::categories::CategorySet;
use crate::checklist::{self, Checklist};
use crate::i18n::Lang;
use crate::register::import::CaseDetails;
use crate::register::population::{Role, Selected};
use crate::tr;
use crate::workspace::records::{DrawRecord, RecordRef};
use crate::workspace::{now, Workspace, WorkspaceError};
use assignment::Assignment;
use decision::Decision;
use event::{Change, Event};
use journal::{AppendError, Break, Journal, GENESIS, JOURNAL};
use package::{PackageManifest, PACKAGE};
use plan::{PlanError, ReviewPlan};
use state::{FileState, Lane, Refusal};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One drawn case file.
#[derive(Clone, Debug)]
pub struct CaseFile {
    pub selected: Selected,
    pub details: Option<CaseDetails>,
}

impl CaseFile {
    pub fn id(&self) -> &str {
        &self.selected.case_id
    }

    pub fn case_type(&self) -> &str {
        self.details.as_ref().map_or("", |d| d.case_type.as_str())
    }

    pub fn agency(&self) -> String {
        match &self.details {
            Some(d) if !d.agency.is_empty() => d.agency.clone(),
            _ => self.selected.stratum.join(" / "),
        }
    }
}

#[derive(Debug)]
pub enum ReviewError {
    Workspace(WorkspaceError),
    NoDraw,
    Plan(PlanError),
    PlanForOldDraw {
        plan: u32,
        draw: u32,
    },
    NoChecklistFor {
        case: String,
        case_type: String,
    },
    Refused {
        case: String,
        refusal: Refusal,
    },
    Damaged(Vec<Break>),
    Journal(std::io::Error),
    Busy,
    /// Writing in a reviewer package needs the reviewer's key.
    NeedKey {
        reviewer: String,
    },
    WrongKey {
        reviewer: String,
    },
    NotPackageOwner {
        by: String,
        owner: String,
    },
}

impl From<WorkspaceError> for ReviewError {
    fn from(e: WorkspaceError) -> Self {
        ReviewError::Workspace(e)
    }
}

impl From<PlanError> for ReviewError {
    fn from(e: PlanError) -> Self {
        ReviewError::Plan(e)
    }
}

impl ReviewError {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            ReviewError::Workspace(e) => e.render(lang),
            ReviewError::NoDraw => tr!(
                lang,
                "本工作区还没有抽取结果。请先完成 anjuan commit 与 anjuan draw",
                "this workspace has no draw yet. Run anjuan commit and anjuan draw first"
            ),
            ReviewError::Plan(e) => render_plan_error(e, lang),
            ReviewError::PlanForOldDraw { plan, draw } => tr!(
                lang,
                "评查方案 {plan} 针对的是已被作废的抽取；当前抽取为第 {draw} 次。请重新运行 anjuan review DIR setup",
                "review plan {plan} was made for a superseded draw; the current draw is {draw}. Run anjuan review DIR setup again"
            ),
            ReviewError::NoChecklistFor { case, case_type } if case_type.is_empty() => tr!(
                lang,
                "案卷“{case}”没有案件类型，无法确定评查标准。请用 anjuan review DIR setup --default-checklist 标准编号 指定",
                "case {case:?} has no case type, so no checklist applies. Name one with anjuan review DIR setup --default-checklist CHECKLIST_ID"
            ),
            ReviewError::NoChecklistFor { case, case_type } => tr!(
                lang,
                "案卷“{case}”的案件类型“{case_type}”没有对应的评查标准。请用 anjuan review DIR setup --map \"{case_type}=标准编号\" 指定",
                "case {case:?} has case type {case_type:?}, which no checklist covers. Map it with anjuan review DIR setup --map \"{case_type}=CHECKLIST_ID\""
            ),
            ReviewError::Refused { case, refusal } => refusal.render(lang, case),
            ReviewError::Damaged(breaks) => {
                let mut s = tr!(
                    lang,
                    "评查日志有 {} 处断裂，在查明之前不再写入任何内容：",
                    "the review journal has {} breaks; nothing more is written until they are resolved:",
                    breaks.len()
                );
                for b in breaks.iter().take(20) {
                    s.push_str("\n  ");
                    s.push_str(&b.render(lang));
                }
                s
            }
            ReviewError::Journal(e) => match crate::workspace::fsio::Fault::of(e) {
                Some(fault) => {
                    let (what, todo) = (fault.what_in_workspace(lang, JOURNAL), fault.todo(lang));
                    tr!(
                        lang,
                        "{what}（{e}）。本次修改没有保存：评查日志未被改动，此前保存的记录都完好。{todo}（重做本次修改即可）",
                        "{what} ({e}). This change was NOT saved: the review journal is unchanged and everything saved before is intact. To save it, {todo} (make the change again)"
                    )
                }
                None => tr!(
                    lang,
                    "无法写入评查日志 journal.jsonl（{e}）。本次修改没有保存，评查日志未被改动；请检查磁盘和文件权限后重试",
                    "cannot write the review journal journal.jsonl ({e}). This change was NOT saved and the journal is unchanged; check the disk and permissions, then try again"
                ),
            },
            ReviewError::Busy => tr!(
                lang,
                "评查日志正被其他程序频繁写入，本次修改未保存。请稍后重试",
                "another program keeps writing the review journal; this change was not saved. Try again"
            ),
            ReviewError::NeedKey { reviewer } => tr!(
                lang,
                "这是 {reviewer} 的评查包：每条记录都要用本人的签名密钥签名。请加上 --key {reviewer}.key（由 anjuan team keygen 生成）",
                "this is {reviewer}'s reviewer package: every change is signed with their key. Add --key {reviewer}.key (made by anjuan team keygen)"
            ),
            ReviewError::WrongKey { reviewer } => tr!(
                lang,
                "所给密钥不是组长为 {reviewer} 登记的公钥所对应的密钥。请使用本人生成并已登记的密钥文件",
                "the key given is not the one the lead registered for {reviewer}. Use the key file you generated and had registered"
            ),
            ReviewError::NotPackageOwner { by, owner } => tr!(
                lang,
                "这是 {owner} 的评查包，{by} 不能在其中评查",
                "this is {owner}'s reviewer package; {by} cannot review in it"
            ),
        }
    }
}

pub fn render_plan_error(e: &PlanError, lang: Lang) -> String {
    match e {
        PlanError::Io(m) => tr!(lang, "读写失败：{m}", "read/write failed: {m}"),
        PlanError::Storage { file, fault, detail } => {
            let (what, todo) = (fault.what_in_workspace(lang, file), fault.todo(lang));
            tr!(
                lang,
                "{what}（{detail}）。评查方案没有登记，本次修改没有保存，工作区未被改动。{todo}",
                "{what} ({detail}). The review plan was not recorded and this change was NOT saved; the workspace is unchanged. To go on, {todo}"
            )
        }
        PlanError::Checklist(c) => c.render(lang),
        PlanError::ChecklistAltered { file, recorded, found } => tr!(
            lang,
            "{file} 在登记后被修改（登记时 SHA-256 {recorded}，现在 {found}）。已评查的结果不能改按新内容解释：请恢复原文件；如要采用修改后的标准，请在副本中提高 version 后运行 anjuan review DIR setup --checklist 副本",
            "{file} changed after it was recorded (SHA-256 {recorded} then, {found} now). Reviews cannot be reinterpreted under new content: restore the file; to adopt the edited standard, raise `version` in a copy and run anjuan review DIR setup --checklist COPY"
        ),
        PlanError::DuplicateId(id) => tr!(
            lang,
            "给出了两个编号都为 {id} 的评查标准",
            "two checklists with the same id {id} were given"
        ),
        PlanError::VersionReused { id, version, file } => tr!(
            lang,
            "评查标准 {id} 版本 {version} 已登记为 {file}，但给出的文件内容不同。修改了标准就必须声明新版本：请修改文件中的 version",
            "checklist {id} version {version} is already recorded as {file}, with different content. An edited standard must declare a new version: change `version` in the file"
        ),
        PlanError::UnknownInRule { case_type, checklist } => tr!(
            lang,
            "对应规则“{case_type}={checklist}”中的评查标准 {checklist} 不在本次方案中",
            "the rule {case_type}={checklist} names checklist {checklist}, which is not in this plan"
        ),
        PlanError::UnsupportedSet { checklist, set } => tr!(
            lang,
            "评查标准 {checklist} 没有对应 {} 问题类别体系",
            "checklist {checklist} has no categories for the {} set",
            set.key()
        ),
        PlanError::Unmapped(types) => {
            let list = types
                .iter()
                .map(|(t, n)| {
                    let t = if t.is_empty() { "（空）" } else { t.as_str() };
                    format!("“{t}” × {n}")
                })
                .collect::<Vec<_>>()
                .join("、");
            tr!(
                lang,
                "以下案件类型没有对应的评查标准：{list}。请用 --map \"类型=标准编号\" 或 --default-checklist 标准编号 指定",
                "no checklist covers these case types: {list}. Map them with --map \"TYPE=CHECKLIST_ID\" or --default-checklist CHECKLIST_ID"
            )
        }
    }
}

/// A saved change, for the message that says so.
pub struct Saved {
    pub events: Vec<Event>,
    /// Where a torn line left by an earlier crash was set aside.
    pub recovered: Option<PathBuf>,
}

/// Everything needed to review a workspace's drawn files.
pub struct Review {
    pub ws: Workspace,
    pub draw: DrawRecord,
    pub draw_ref: RecordRef,
    pub plan: Option<(ReviewPlan, RecordRef)>,
    /// Before any plan is recorded: the built-in plan the first change would record.
    pub default_plan: Option<ReviewPlan>,
    pub checklists: Vec<Checklist>,
    /// Drawn files: the sample, then alternates, each by stratum and rank.
    pub files: Vec<CaseFile>,
    index: HashMap<String, usize>,
    pub states: Vec<FileState>,
    /// Per file, the reviewers' own sheets (double review).
    pub lanes: Vec<Vec<Lane>>,
    /// Who reviews what (none before `team assign`).
    pub assignment: Option<Assignment>,
    /// Set when the folder is a reviewer package.
    pub package: Option<(PackageManifest, String)>,
    pub journal: Journal,
    /// Journal events the rules refuse: (line, case, refusal).
    pub refused: Vec<(usize, String, Refusal)>,
    /// Every time a file's sheet was finalized, in journal order: what rectification items
    /// derive from.
    pub finalizations: Vec<Finalization>,
    /// Opened as of an earlier journal line (`open_at`): for checking, never for writing.
    read_only: bool,
}

/// A file's sheet finalized: its deducted and vetoed items at that moment.
#[derive(Clone, Debug)]
pub struct Finalization {
    /// Seq of the finalize event in the journal.
    pub seq: u64,
    pub file: usize,
    pub checklist: usize,
    pub by: String,
    pub at: String,
    /// (item index, decision) of every item decided 扣分 or 否决.
    pub problems: Vec<(usize, Decision)>,
    /// The reason of the reopen before this finalization (none on the first).
    pub reopened: Option<String>,
}

/// A foreign event refused: its index, and why (`None`: an earlier event of its file was).
pub type RefusedAt = (usize, Option<Refusal>);

/// Retries when another process appends between reading and writing.
const APPEND_ATTEMPTS: usize = 20;

impl Review {
    pub fn open(dir: &Path) -> Result<Review, ReviewError> {
        Review::open_at(dir, None)
    }

    /// The review as it stood after the first `events` journal events (all when `None`), e.g. to
    /// rebuild an export made then. A review opened at an earlier point cannot be changed.
    pub fn open_at(dir: &Path, events: Option<usize>) -> Result<Review, ReviewError> {
        let ws = Workspace::open(dir)?;
        let (number, file) = ws.draws()?.last().cloned().ok_or(ReviewError::NoDraw)?;
        let (draw, sha256) = ws.read_draw(&file)?;
        ws.check_recorded(&file, &sha256)?;
        let draw_ref = RecordRef {
            number,
            file,
            sha256,
        };
        let mut selected = draw.selected.clone();
        // A targeted case that is also a random alternate is one file: reviewed as targeted
        // (the draw record keeps both entries; the alternate is not called upon for it).
        let targeted: std::collections::HashSet<String> = selected
            .iter()
            .filter(|s| s.role == Role::Targeted)
            .map(|s| s.case_id.clone())
            .collect();
        selected.retain(|s| !(s.role == Role::Alternate && targeted.contains(&s.case_id)));
        // The sample, then the targeted files, then the alternates, each by stratum and rank.
        selected.sort_by(|a, b| {
            (a.role.order(), &a.stratum, a.rank).cmp(&(b.role.order(), &b.stratum, b.rank))
        });
        let package = read_package(&ws.dir)?;
        if let Some((p, _)) = &package {
            selected.retain(|s| p.files.contains(&s.case_id));
        }
        let assignment = assignment::current(&assignment::records(&ws)?, &draw_ref);
        let mut details = ws.drawn_details(number, &selected)?;
        let files: Vec<CaseFile> = selected
            .into_iter()
            .map(|s| CaseFile {
                details: details.remove(&s.case_id),
                selected: s,
            })
            .collect();
        let index = files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id().to_string(), i))
            .collect();
        let root = package
            .as_ref()
            .map_or(GENESIS, |(_, digest)| digest.as_str());
        let mut journal =
            Journal::read_rooted(&ws.dir.join(JOURNAL), root).map_err(ReviewError::Journal)?;
        let read_only = events.is_some_and(|n| n < journal.events.len());
        if let Some(n) = events {
            journal.events.truncate(n);
            journal.hashes.truncate(n);
        }
        let mut review = Review {
            ws,
            draw,
            draw_ref,
            plan: None,
            default_plan: None,
            checklists: Vec::new(),
            files,
            index,
            states: Vec::new(),
            lanes: Vec::new(),
            assignment,
            package,
            journal,
            refused: Vec::new(),
            finalizations: Vec::new(),
            read_only,
        };
        review.load_plans()?;
        review.replay();
        Ok(review)
    }

    /// Load every plan's checklists (a file may be bound to an earlier version). With no plan
    /// yet, the built-in checklists, so files show what they would be scored against.
    fn load_plans(&mut self) -> Result<(), ReviewError> {
        let plans = plan::plans(&self.ws)?;
        self.checklists.clear();
        for (p, r) in &plans {
            self.ws.check_recorded(&r.file, &r.sha256)?;
            for pc in &p.checklists {
                if !self.checklists.iter().any(|c| c.sha256 == pc.sha256) {
                    self.checklists.push(plan::load_planned(&self.ws.dir, pc)?);
                }
            }
        }
        self.plan = plans.last().cloned();
        self.default_plan = None;
        if self.plan.is_none() {
            let builtin =
                checklist::builtin().map_err(|e| ReviewError::Plan(PlanError::Checklist(e)))?;
            let entries = builtin.iter().map(plan::planned_entry).collect();
            self.default_plan = plan::draft(
                self.draw_ref.clone(),
                CategorySet::Youxian,
                entries,
                &builtin,
                Vec::new(),
                None,
                &self.case_types(),
            )
            .ok();
            self.checklists = builtin;
        }
        Ok(())
    }

    fn case_types(&self) -> Vec<String> {
        self.files
            .iter()
            .map(|f| f.case_type().to_string())
            .collect()
    }

    /// Refuse changes under a plan made for a draw that has since been superseded.
    fn check_plan_current(&self) -> Result<(), ReviewError> {
        match &self.plan {
            Some((p, r)) if p.draw != self.draw_ref => Err(ReviewError::PlanForOldDraw {
                plan: r.number,
                draw: self.draw_ref.number,
            }),
            _ => Ok(()),
        }
    }

    /// The checklist a file not yet started would be reviewed with under the current plan.
    fn planned_checklist(&self, file: &CaseFile) -> Option<usize> {
        let p = match &self.plan {
            Some((p, _)) => p,
            None => self.default_plan.as_ref()?,
        };
        let id = p.checklist_for(file.case_type())?;
        let pc = p.checklists.iter().find(|c| c.id == id)?;
        self.checklists.iter().position(|c| c.sha256 == pc.sha256)
    }

    /// Derive every file's state from the journal.
    fn replay(&mut self) {
        self.states = self
            .files
            .iter()
            .map(|f| {
                let c = self.planned_checklist(f).unwrap_or(0);
                let items = self.checklists.get(c).map_or(0, |c| c.items.len());
                let mut st = FileState::new(c, items);
                st.double = self.assigned(f.id()).len() > 1;
                st
            })
            .collect();
        self.lanes = vec![Vec::new(); self.files.len()];
        self.refused.clear();
        self.finalizations.clear();
        let mut reopened: HashMap<usize, String> = HashMap::new();
        // Taken out while applying, so the events can be read while the states change.
        let events = std::mem::take(&mut self.journal.events);
        for (line, e) in events.iter().enumerate() {
            let result = match self.index.get(&e.case) {
                Some(&i) => self.apply_event(i, e).map(|()| i),
                None => Err(Refusal::UnknownCase),
            };
            match result {
                Ok(i) => self.note_finalization(i, e, &mut reopened),
                Err(r) => self.refused.push((line + 1, e.case.clone(), r)),
            }
        }
        self.journal.events = events;
    }

    /// After an applied event: a file's sheet just finalized is recorded with its problems; a
    /// reopen's reason is kept for the next finalization of that file.
    fn note_finalization(&mut self, i: usize, e: &Event, reopened: &mut HashMap<usize, String>) {
        if e.lane.is_some() {
            return;
        }
        match &e.change {
            Change::Reopen { reason } => {
                reopened.insert(i, reason.clone());
            }
            Change::Finalize { .. } | Change::Resolve { .. } => {
                let st = &self.states[i];
                let just =
                    matches!(&st.status, state::Status::Finalized { seq, .. } if *seq == e.seq);
                if !just {
                    return;
                }
                let problems = st
                    .decisions
                    .iter()
                    .enumerate()
                    .filter_map(|(k, d)| d.as_ref().map(|d| (k, d)))
                    .filter(|(_, d)| {
                        matches!(
                            d.verdict,
                            decision::Verdict::Deduct | decision::Verdict::Veto
                        )
                    })
                    .map(|(k, d)| (k, d.clone()))
                    .collect();
                self.finalizations.push(Finalization {
                    seq: e.seq,
                    file: i,
                    checklist: st.checklist,
                    by: e.by.clone(),
                    at: e.at.clone(),
                    problems,
                    reopened: reopened.remove(&i),
                });
            }
            Change::Set { .. } => {}
        }
    }

    /// Apply a journal event to drawn file `i`: its sheet, or a reviewer's own.
    fn apply_event(&mut self, i: usize, e: &Event) -> Result<(), Refusal> {
        let counted = self
            .assignment
            .as_ref()
            .map_or(&[][..], |a| a.reviewers_of(&e.case));
        state::apply_to_file(
            &mut self.states[i],
            &mut self.lanes[i],
            counted,
            &self.checklists,
            e,
        )
    }

    /// The reviewers assigned a file (none before `team assign`).
    pub fn assigned(&self, case: &str) -> &[String] {
        self.assignment
            .as_ref()
            .map_or(&[], |a| a.reviewers_of(case))
    }

    /// The sheet `reviewer` works on for a file: their own on a double-reviewed file (empty
    /// until they start), else the file's.
    pub fn sheet_of(&self, file: usize, reviewer: &str) -> std::borrow::Cow<'_, FileState> {
        use std::borrow::Cow;
        let main = &self.states[file];
        if self.lane_for(file, reviewer).is_none() {
            return Cow::Borrowed(main);
        }
        match self.lanes[file]
            .iter()
            .find(|l| l.reviewer == reviewer.trim())
        {
            Some(l) => Cow::Borrowed(&l.state),
            None => {
                let mut st = FileState::new(main.checklist, main.decisions.len());
                st.bound = main.bound;
                Cow::Owned(st)
            }
        }
    }

    /// The lane `by`'s changes to a file go to: their own sheet on a double-reviewed file
    /// (checkers work on the file's sheet).
    pub fn lane_for(&self, file: usize, by: &str) -> Option<String> {
        let by = by.trim();
        let checker = self.assignment.as_ref().is_some_and(|a| a.is_checker(by));
        (self.states[file].double && !checker).then(|| by.to_string())
    }

    /// The double review's disagreements on a file (empty until both sheets are final).
    pub fn disputes(&self, file: usize) -> Vec<state::Dispute> {
        self.states[file].disputes(&self.lanes[file], self.assigned(self.files[file].id()))
    }

    /// With an assignment in force: may `e.by` make this change? (Reviewers their assigned
    /// files, checkers the reconciliation, nobody a file of their own agency.)
    fn check_authority(&self, file: usize, e: &Event) -> Result<(), Refusal> {
        let Some(a) = &self.assignment else {
            return Ok(());
        };
        let f = &self.files[file];
        let agency = f.agency();
        let assigned = a.reviewers_of(f.id()).contains(&e.by);
        let checker = a.is_checker(&e.by);
        if let Some(p) = a.person(&e.by) {
            if p.unit.trim() == agency.trim() {
                return Err(Refusal::OwnAgency {
                    by: e.by.clone(),
                    agency,
                });
            }
        }
        // Own sheets exist only on files assigned for double review.
        if e.lane.is_some() && !self.states[file].double {
            return Err(Refusal::NotDouble);
        }
        let reconciling = self.states[file].double && e.lane.is_none();
        if reconciling && !checker {
            return Err(Refusal::NotChecker { by: e.by.clone() });
        }
        if !reconciling && !assigned && !checker {
            return Err(Refusal::NotAssigned { by: e.by.clone() });
        }
        Ok(())
    }

    pub fn file_index(&self, case: &str) -> Result<usize, ReviewError> {
        let case = case.trim();
        self.index
            .get(case)
            .copied()
            .ok_or_else(|| ReviewError::Refused {
                case: case.to_string(),
                refusal: Refusal::UnknownCase,
            })
    }

    /// The checklist a file is (or will be) scored against; `None` if no plan maps its case type.
    pub fn checklist_of(&self, file: usize) -> Option<&Checklist> {
        let st = &self.states[file];
        if !st.bound && self.planned_checklist(&self.files[file]).is_none() {
            return None;
        }
        self.checklists.get(st.checklist)
    }

    /// Record a plan with the built-in checklists if none exists yet. Returns its file name.
    pub fn ensure_plan(&mut self) -> Result<Option<String>, ReviewError> {
        if self.plan.is_some() {
            return Ok(None);
        }
        let builtin =
            checklist::builtin_files().map_err(|e| ReviewError::Plan(PlanError::Checklist(e)))?;
        let r = self.setup(builtin, Vec::new(), None, CategorySet::Youxian)?;
        Ok(Some(r.file))
    }

    /// Record a new plan (or return the current one if its terms are the same).
    pub fn setup(
        &mut self,
        checklists: Vec<(Checklist, Vec<u8>)>,
        mapping: Vec<plan::CaseTypeRule>,
        default_checklist: Option<String>,
        category_set: CategorySet,
    ) -> Result<RecordRef, ReviewError> {
        // Checklist copies this call adds are taken back if no plan comes of it (a full disk, a
        // read-only workspace, a refused mapping): nothing is left that no record names.
        let dir = self.ws.dir.join(plan::CHECKLIST_DIR);
        let dir_existed = dir.exists();
        let fresh: Vec<PathBuf> = checklists
            .iter()
            .map(|(c, _)| self.ws.dir.join(plan::copy_name(c)))
            .filter(|p| !p.exists())
            .collect();
        let mut recorded = false;
        let result = self.setup_inner(
            checklists,
            mapping,
            default_checklist,
            category_set,
            &mut recorded,
        );
        if result.is_err() && !recorded {
            for p in &fresh {
                let _ = std::fs::remove_file(p);
            }
            if !dir_existed {
                let _ = std::fs::remove_dir(&dir);
            }
        }
        result
    }

    fn setup_inner(
        &mut self,
        checklists: Vec<(Checklist, Vec<u8>)>,
        mapping: Vec<plan::CaseTypeRule>,
        default_checklist: Option<String>,
        category_set: CategorySet,
        recorded: &mut bool,
    ) -> Result<RecordRef, ReviewError> {
        let earlier = plan::plans(&self.ws)?;
        let planned = plan::store_checklists(&self.ws, &checklists, &earlier)?;
        let parsed: Vec<Checklist> = checklists.into_iter().map(|(c, _)| c).collect();
        let types = self.case_types();
        let mut draft = plan::draft(
            self.draw_ref.clone(),
            category_set,
            planned,
            &parsed,
            mapping,
            default_checklist,
            &types,
        )?;
        if let Some((current, r)) = &self.plan {
            if current.same_terms(&draft) {
                return Ok(r.clone());
            }
        }
        draft.number = earlier.last().map_or(1, |(p, _)| p.number + 1);
        draft.previous = earlier.last().map(|(_, r)| r.clone());
        let (file, sha256) = self.ws.write_record(
            plan::PLANS,
            draft.number,
            "review-plan",
            &draft,
            &draft.created_at,
        )?;
        *recorded = true;
        self.load_plans()?;
        self.replay();
        Ok(RecordRef {
            number: draft.number,
            file,
            sha256,
        })
    }

    fn event(
        &self,
        file: usize,
        by: &str,
        via: &str,
        change: Change,
    ) -> Result<Event, ReviewError> {
        let f = &self.files[file];
        let c = self
            .checklist_of(file)
            .filter(|_| self.plan.is_some())
            .ok_or_else(|| ReviewError::NoChecklistFor {
                case: f.id().to_string(),
                case_type: f.case_type().to_string(),
            })?;
        let lane = match change {
            Change::Resolve { .. } => None,
            _ => self.lane_for(file, by),
        };
        Ok(Event {
            seq: 0,
            at: now(),
            by: by.trim().to_string(),
            case: f.id().to_string(),
            lane,
            checklist: c.reference(),
            change,
            via: via.to_string(),
            prev: String::new(),
            signed: None,
        })
    }

    /// Check events against the current state, append them durably, then apply them. `build`
    /// is asked again if another process wrote in between.
    pub fn commit(
        &mut self,
        build: &dyn Fn(&Review) -> Result<Vec<Event>, ReviewError>,
    ) -> Result<Saved, ReviewError> {
        if self.read_only {
            return Err(ReviewError::Busy);
        }
        if let Some((p, _)) = &self.package {
            if self.journal.signer.is_none() {
                return Err(ReviewError::NeedKey {
                    reviewer: p.reviewer.id.clone(),
                });
            }
        }
        self.ensure_plan()?;
        self.check_plan_current()?;
        for _ in 0..APPEND_ATTEMPTS {
            if !self.journal.breaks.is_empty() {
                return Err(ReviewError::Damaged(self.journal.breaks.clone()));
            }
            let events = build(self)?;
            if let Some((p, _)) = &self.package {
                if let Some(e) = events.iter().find(|e| e.by != p.reviewer.id) {
                    return Err(ReviewError::NotPackageOwner {
                        by: e.by.clone(),
                        owner: p.reviewer.id.clone(),
                    });
                }
            }
            let mut trial = self.states.clone();
            let mut trial_lanes = self.lanes.clone();
            for e in &events {
                let i = self.file_index(&e.case)?;
                let refused = |refusal| ReviewError::Refused {
                    case: e.case.clone(),
                    refusal,
                };
                self.check_authority(i, e).map_err(refused)?;
                state::apply_to_file(
                    &mut trial[i],
                    &mut trial_lanes[i],
                    self.assigned(&e.case),
                    &self.checklists,
                    e,
                )
                .map_err(refused)?;
            }
            if events.is_empty() {
                return Ok(Saved {
                    events,
                    recovered: None,
                });
            }
            let first = self.journal.events.len();
            match self.journal.append(events) {
                Ok(recovered) => {
                    // Apply what was written (now with seq and line digests) to the real state.
                    let written: Vec<Event> = self.journal.events[first..].to_vec();
                    for e in &written {
                        let i = self.file_index(&e.case)?;
                        let _ = self.apply_event(i, e);
                    }
                    return Ok(Saved {
                        events: written,
                        recovered,
                    });
                }
                Err(AppendError::Changed) => self.reload()?,
                Err(AppendError::Damaged) => {
                    return Err(ReviewError::Damaged(self.journal.breaks.clone()))
                }
                Err(AppendError::Io(e)) => return Err(ReviewError::Journal(e)),
            }
        }
        Err(ReviewError::Busy)
    }

    /// The checker settles a disagreement on `item` by adopting reviewer `take`'s decision.
    pub fn resolve(
        &mut self,
        file: usize,
        item: &str,
        take: &str,
        reason: &str,
        by: &str,
        via: &str,
    ) -> Result<Saved, ReviewError> {
        let (item, take, reason) = (item.trim(), take.trim(), reason.trim().to_string());
        self.commit(&|r| {
            let case = r.files[file].id().to_string();
            let refused = |refusal| ReviewError::Refused {
                case: case.clone(),
                refusal,
            };
            let k = r
                .checklist_of(file)
                .and_then(|c| c.item_index(item))
                .ok_or_else(|| {
                    refused(Refusal::UnknownItem {
                        item: item.to_string(),
                        checklist: r
                            .checklist_of(file)
                            .map_or_else(String::new, |c| c.id.clone()),
                    })
                })?;
            let dispute = r.disputes(file).into_iter().find(|d| d.item == k);
            let Some(d) = dispute else {
                return Err(refused(Refusal::NotDisputed {
                    item: item.to_string(),
                }));
            };
            let Some((_, new)) = d.sides.iter().find(|(who, _)| who == take) else {
                return Err(refused(Refusal::NotOwnSheet {
                    lane: take.to_string(),
                }));
            };
            Ok(vec![r.event(
                file,
                by,
                via,
                Change::Resolve {
                    item: item.to_string(),
                    new: new.clone(),
                    reason: reason.clone(),
                },
            )?])
        })
    }

    /// Append events made elsewhere (a reviewer's package), keeping their signatures. Each is
    /// checked in order against the same rules as a change made here; a refused event is not
    /// written, nor any later event of the same file. Returns the written events and, by index
    /// into `events`, the refused ones with the reason (`None`: after a refused one).
    pub fn append_foreign(
        &mut self,
        events: &[Event],
    ) -> Result<(Vec<Event>, Vec<RefusedAt>), ReviewError> {
        let refused = std::cell::RefCell::new(Vec::new());
        let saved = self.commit(&|r| {
            let mut refused = refused.borrow_mut();
            refused.clear();
            let mut trial = r.states.clone();
            let mut trial_lanes = r.lanes.clone();
            let mut stopped: Vec<&str> = Vec::new();
            let mut accepted = Vec::new();
            for (k, e) in events.iter().enumerate() {
                if stopped.contains(&e.case.as_str()) {
                    refused.push((k, None));
                    continue;
                }
                let result = r
                    .file_index(&e.case)
                    .map_err(|_| Refusal::UnknownCase)
                    .and_then(|i| {
                        r.check_authority(i, e)?;
                        state::apply_to_file(
                            &mut trial[i],
                            &mut trial_lanes[i],
                            r.assigned(&e.case),
                            &r.checklists,
                            e,
                        )
                    });
                match result {
                    Ok(()) => accepted.push(e.clone()),
                    Err(why) => {
                        refused.push((k, Some(why)));
                        stopped.push(&e.case);
                    }
                }
            }
            Ok(accepted)
        })?;
        Ok((saved.events, refused.into_inner()))
    }

    /// Sign every change from now on with `key`. In a reviewer package the key must be one the
    /// lead registered for the package's reviewer.
    pub fn sign_with(&mut self, key: ed25519_dalek::SigningKey) -> Result<(), ReviewError> {
        if let Some((p, _)) = &self.package {
            let public = crate::draw::ticket::hex(&key.verifying_key().to_bytes());
            if !p.keys.contains(&public) {
                return Err(ReviewError::WrongKey {
                    reviewer: p.reviewer.id.clone(),
                });
            }
        }
        self.journal.signer = Some(key);
        Ok(())
    }

    /// Said once when a workspace is opened whose journal or ledger came through a copy that
    /// converted line endings (LF → CRLF, e.g. through a Windows machine): what was converted,
    /// and that the content is not changed by it. `anjuan verify` checks every file.
    pub fn line_endings_note(&self, lang: Lang) -> Option<String> {
        let ledger = std::fs::read(self.ws.dir.join(crate::workspace::LEDGER))
            .map_or(0, |b| crate::workspace::endings::crlf_lines(&b));
        let journal = self.journal.crlf_lines;
        if ledger == 0 && journal == 0 {
            return None;
        }
        Some(tr!(
            lang,
            "注意：本工作区的文本文件在复制时被转换了换行符（LF 变为 CRLF，例如经 Windows 复制）：{JOURNAL} 中 {journal} 行，ledger.jsonl 中 {ledger} 行。内容没有改变：哈希链与摘要按原内容核对，新的记录照常追加。运行 anjuan verify 可逐个文件核对。",
            "note: this workspace was copied in a way that converted its line endings (LF to CRLF, e.g. through a Windows machine): {journal} lines of {JOURNAL}, {ledger} lines of ledger.jsonl. The content is unchanged: hash chains and digests are checked against it, and new records are appended as usual. Run anjuan verify to check every file."
        ))
    }

    /// Re-read the journal (and plans) from disk.
    pub fn reload(&mut self) -> Result<(), ReviewError> {
        let signer = self.journal.signer.take();
        let root = self.journal.root().to_string();
        self.journal = Journal::read_rooted(&self.ws.dir.join(JOURNAL), &root)
            .map_err(ReviewError::Journal)?;
        self.journal.signer = signer;
        self.load_plans()?;
        self.replay();
        Ok(())
    }

    /// Set (or with `None` clear) one item's decision.
    pub fn set(
        &mut self,
        case: &str,
        item: &str,
        new: Option<Decision>,
        by: &str,
        via: &str,
    ) -> Result<Saved, ReviewError> {
        let item = item.trim().to_string();
        self.commit(&|r| {
            let i = r.file_index(case)?;
            let c = r.checklist_of(i);
            let sheet = r.sheet_of(i, by);
            let old = c
                .and_then(|c| c.item_index(&item))
                .and_then(|k| sheet.decisions.get(k).cloned().flatten());
            if old == new && !sheet.is_finalized() {
                // Already so: nothing to write (scripts may repeat themselves).
                return Ok(Vec::new());
            }
            Ok(vec![r.event(
                i,
                by,
                via,
                Change::Set {
                    item: item.clone(),
                    old,
                    new: new.clone(),
                },
            )?])
        })
    }

    pub fn finalize(&mut self, case: &str, by: &str, via: &str) -> Result<Saved, ReviewError> {
        self.commit(&|r| {
            let i = r.file_index(case)?;
            let (score, grade) = match r.checklist_of(i) {
                Some(c) => {
                    let s = r.sheet_of(i, by).score(c);
                    (s.points, s.grade)
                }
                None => Default::default(),
            };
            Ok(vec![r.event(
                i,
                by,
                via,
                Change::Finalize { score, grade },
            )?])
        })
    }

    pub fn reopen(
        &mut self,
        case: &str,
        reason: &str,
        by: &str,
        via: &str,
    ) -> Result<Saved, ReviewError> {
        let reason = reason.trim().to_string();
        self.commit(&|r| {
            let i = r.file_index(case)?;
            Ok(vec![r.event(
                i,
                by,
                via,
                Change::Reopen {
                    reason: reason.clone(),
                },
            )?])
        })
    }
}

/// The package description and its digest (the package journal's root), if `dir` is a package.
fn read_package(dir: &Path) -> Result<Option<(PackageManifest, String)>, ReviewError> {
    let path = dir.join(PACKAGE);
    if !path.exists() {
        return Ok(None);
    }
    let (p, digest) = crate::workspace::read_json::<PackageManifest>(&path)?;
    Ok(Some((p, digest)))
}
