//! The arguments of `anjuan ballot` (民主评议: setup, print, count, import, tally, results), kept
//! apart from `args.rs` so the stage's flags are read in one place.

use super::args::TextOrJson;
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct BallotArgs {
    /// 工作区 / the campaign workspace
    pub dir: PathBuf,
    #[command(subcommand)]
    pub action: BallotAction,
}

#[derive(Subcommand, Debug)]
pub enum BallotAction {
    /// 设置民主评议：被评议单位、评价等次、测评票张数（印票之前）/ set up: evaluated agencies, scale, number of ballots (before printing)
    Setup(SetupArgs),
    /// 印制带编号和校验码的测评票（XLSX），以及计票表和校验码清单 / print the numbered ballots with check codes (XLSX), the tally sheet and the list of codes
    Print(PrintArgs),
    /// 计票界面：逐张录入测评票 / the counting screen: enter the ballots one by one
    Count(CountArgs),
    /// 录入一张测评票 / enter one ballot
    Enter(EnterArgs),
    /// 导入填好的计票表（XLSX 或 CSV），全部通过才保存 / import a filled tally sheet (XLSX or CSV), all rows or none
    Import(ImportArgs),
    /// 撤销某一遍中一张票的录入（录错时），以便重新录入 / withdraw a ballot's entry in a pass (a typing mistake), to enter it again
    Withdraw(WithdrawArgs),
    /// 比对两遍录入，列出每处不一致 / compare the two entry passes and list every difference
    Compare(CompareArgs),
    /// 计票结果：各单位票数、满意率、名次、收回情况 / the tally: votes, rates, ranking, turnout
    Tally(TallyArgs),
    /// 测评结果：各单位反馈表和公布表（XLSX 与 CSV），回头看名单 / the results: feedback per agency and the publication sheet (XLSX and CSV), the 回头看 list
    Results(ResultsArgs),
}

#[derive(Args, Debug)]
pub struct SetupArgs {
    /// 被评议单位名单（CSV 或 XLSX，表头“单位名称”或“被评议单位”）/ the evaluated agencies (CSV or XLSX, a 单位名称 or 被评议单位 column)
    #[arg(long, value_name = "FILE")]
    pub agencies: PathBuf,
    /// 评价等次，由好到差，2–5 个 / the levels, best first, 2 to 5
    #[arg(long, value_name = "LEVELS", default_value = "满意,基本满意,不满意")]
    pub scale: String,
    /// 测评票张数（默认：最近一次抽取的抽中人数）/ number of ballots (default: the sample size of the latest draw)
    #[arg(long, value_name = "N")]
    pub ballots: Option<u32>,
    /// 已录入测评票后重新设置（已录入的票留在记录中，不再计入）/ start a new setup although ballots were entered (they stay on record, uncounted)
    #[arg(long, value_name = "REASON")]
    pub new: Option<String>,
}

#[derive(Args, Debug)]
pub struct PrintArgs {
    /// 写入此文件夹 / write into this folder
    #[arg(long)]
    pub out: PathBuf,
}

/// Who enters, in which pass.
#[derive(Args, Debug, Clone)]
pub struct PassArgs {
    /// 录入遍次：1，或双人录入的第 2 遍 / entry pass: 1, or 2 for the second of a double entry
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub pass: u8,
    /// 录入人 / the clerk entering
    #[arg(long, value_name = "NAME")]
    pub clerk: Option<String>,
}

#[derive(Args, Debug)]
pub struct CountArgs {
    #[command(flatten)]
    pub pass: PassArgs,
}

#[derive(Args, Debug)]
pub struct EnterArgs {
    /// 票面编号 / the serial on the ballot
    pub serial: String,
    /// 票面校验码 / the check code on the ballot
    pub code: String,
    /// 各单位的评价，按设置顺序，逗号分隔：等次名称或序号，0 或空为未评价 / the choices in the setup's order, comma-separated: a level or its number, 0 or empty for none
    #[arg(long, value_name = "LIST", conflicts_with = "spoiled")]
    pub choices: Option<String>,
    /// 废票 / the ballot is spoiled
    #[arg(long)]
    pub spoiled: bool,
    #[command(flatten)]
    pub pass: PassArgs,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// 计票表 / the tally sheet
    pub file: PathBuf,
    #[command(flatten)]
    pub pass: PassArgs,
}

#[derive(Args, Debug)]
pub struct WithdrawArgs {
    /// 票面编号 / the serial
    pub serial: String,
    /// 理由 / why
    #[arg(long)]
    pub reason: String,
    #[command(flatten)]
    pub pass: PassArgs,
}

#[derive(Args, Debug)]
pub struct CompareArgs {
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
}

#[derive(Args, Debug)]
pub struct TallyArgs {
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
    /// 按第几遍录入计票 / which entry pass to count
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub pass: u8,
}

#[derive(Args, Debug)]
pub struct ResultsArgs {
    /// 写入此文件夹 / write into this folder
    #[arg(long)]
    pub out: PathBuf,
    /// 满意及基本满意率低于此百分比的单位列入回头看 / agencies whose satisfied-or-basically-satisfied rate is below this percentage go to 回头看
    #[arg(long, value_name = "PERCENT", default_value = "80")]
    pub recheck_below: String,
    /// 按第几遍录入 / which entry pass
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub pass: u8,
}
