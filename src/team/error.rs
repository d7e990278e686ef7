//! Everything that can stop a team command, each message saying what to do.

use super::assign::AssignError;
use super::keys::KeyError;
use super::roster::RosterError;
use crate::i18n::Lang;
use crate::review::state::Refusal;
use crate::review::ReviewError;
use crate::tr;
use crate::workspace::WorkspaceError;
use std::path::PathBuf;

#[derive(Debug)]
pub enum TeamError {
    Workspace(WorkspaceError),
    Review(ReviewError),
    Roster(RosterError),
    Key(KeyError),
    Assign(AssignError),
    NoRoster,
    RosterAfterDraw,
    RosterChangedAfterDraw { before: String },
    NoAssignment,
    Assigned { file: String },
    UnknownMember(String),
    NotReviewer(String),
    NoKey(String),
    NoFiles(String),
    OutExists(PathBuf),
    NotAPackage(PathBuf),
    ForeignPackage(String),
    NotAssignedTo { case: String, from: String },
    Move { case: String, refusal: Refusal },
    Io(String),
}

impl From<WorkspaceError> for TeamError {
    fn from(e: WorkspaceError) -> Self {
        TeamError::Workspace(e)
    }
}

impl From<ReviewError> for TeamError {
    fn from(e: ReviewError) -> Self {
        TeamError::Review(e)
    }
}

impl From<KeyError> for TeamError {
    fn from(e: KeyError) -> Self {
        TeamError::Key(e)
    }
}

impl TeamError {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            TeamError::Workspace(e) => e.render(lang),
            TeamError::Review(e) => e.render(lang),
            TeamError::Roster(e) => e.render(lang),
            TeamError::Key(e) => e.render(lang),
            TeamError::Assign(e) => e.render(lang),
            TeamError::NoRoster => tr!(
                lang,
                "尚未导入评查人员名单。请先运行 anjuan team roster DIR 名单.csv",
                "no reviewer roster yet. Import one first: anjuan team roster DIR ROSTER.csv"
            ),
            TeamError::RosterAfterDraw => tr!(
                lang,
                "评查人员名单必须在抽取之前登记（否则可在得知随机种子后反复更换名单，挑选对自己有利的分配）。本次抽取之前没有登记名单，不能随机分配；请在下一次抽取前先运行 anjuan team roster",
                "the reviewer roster must be recorded before the draw (otherwise rosters could be tried after the seed is known until the assignment suits). No roster was recorded before this draw, so it cannot be assigned; run anjuan team roster before the next draw"
            ),
            TeamError::RosterChangedAfterDraw { before } => tr!(
                lang,
                "抽取之后评查人名单（编号或单位）有变动，与抽取前登记的 {before} 不同。随机分配只能按抽取前的名单进行；个别调整请在分配后用 anjuan team reassign 记录理由",
                "the reviewers (ids or units) changed after the draw and differ from {before}, recorded before it. The random assignment uses the roster as it was before the draw; record individual changes after it with anjuan team reassign"
            ),
            TeamError::NoAssignment => tr!(
                lang,
                "本次抽取尚未分配评查人。请先运行 anjuan team assign DIR",
                "the current draw has no reviewer assignment yet. Run anjuan team assign DIR first"
            ),
            TeamError::Assigned { file } => tr!(
                lang,
                "本次抽取已随机分配过评查人（{file}），不能重新分配。个别调整请用 anjuan team reassign",
                "the current draw already has its random assignment ({file}); it cannot be redone. Move single files with anjuan team reassign"
            ),
            TeamError::UnknownMember(id) => tr!(
                lang,
                "名单中没有编号为“{id}”的人员。请用 anjuan team status DIR 查看名单",
                "nobody on the roster has the id {id:?}. See anjuan team status DIR"
            ),
            TeamError::NotReviewer(id) => tr!(
                lang,
                "{id} 在名单中是复核人，不参与分配评查案卷",
                "{id} is a checker on the roster, not a reviewer who is assigned files"
            ),
            TeamError::NoKey(id) => tr!(
                lang,
                "{id} 尚未登记签名公钥。请其在本人电脑上运行 anjuan team keygen --reviewer {id}，再由组长 anjuan team key DIR {id}.pub 登记",
                "{id} has no registered public key. They run anjuan team keygen --reviewer {id} on their own machine; the lead then runs anjuan team key DIR {id}.pub"
            ),
            TeamError::NoFiles(id) => tr!(
                lang,
                "{id} 没有分配到任何案卷",
                "{id} is not assigned any files"
            ),
            TeamError::OutExists(p) => tr!(
                lang,
                "{} 已存在且不是空文件夹。请换一个输出位置",
                "{} already exists and is not an empty folder. Choose another place",
                p.display()
            ),
            TeamError::NotAPackage(p) => tr!(
                lang,
                "{} 不是评查包（缺少 package.json）",
                "{} is not a reviewer package (no package.json)",
                p.display()
            ),
            TeamError::ForeignPackage(why) => tr!(
                lang,
                "该评查包不是由本工作区制作的：{why}。未合并任何内容",
                "this package was not made from this workspace: {why}. Nothing was merged"
            ),
            TeamError::NotAssignedTo { case, from } => tr!(
                lang,
                "案卷“{case}”目前没有分配给 {from}",
                "case {case:?} is not currently assigned to {from}"
            ),
            TeamError::Move { case, refusal } => refusal.render(lang, case),
            TeamError::Io(m) => tr!(lang, "读写失败：{m}", "read/write failed: {m}"),
        }
    }
}
