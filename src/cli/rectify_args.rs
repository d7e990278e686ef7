//! The arguments of `anjuan rectify` and `anjuan feedback` (the rectification loop), kept apart
//! from `args.rs` so each stage's flags are read in one place.

use super::args::TextOrJson;
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct RectifyArgs {
    /// 工作区 / the campaign workspace
    pub dir: PathBuf,
    #[command(subcommand)]
    pub action: RectifyAction,
}

#[derive(Subcommand, Debug)]
pub enum RectifyAction {
    /// 列出整改事项 / list the rectification items
    List(ListArgs),
    /// 一个整改事项的全部情况 / everything about one item
    Show(ShowItemArgs),
    /// 定领导、定责任、定方案、定时限 / plan: leader, person responsible, measures, deadline
    Plan(PlanArgs),
    /// 报告整改进展或完成 / report progress, or that it is done
    Report(ReportArgs),
    /// 销号（仅对已整改事项，且不能由报告人本人）/ close an item reported done (not by its reporter)
    Close(CloseArgs),
    /// 退回整改 / return an item reported done
    Return(ReturnArgs),
    /// 问责线索移送 / refer an item to the supervision and accountability group
    Refer(ReferArgs),
    /// 回头看：先承诺（--share），宣读摘要后以骰子种子抽取复查的已销号事项 / re-check draw: commit (--share), read out the digest, then draw with the dice seed
    Recheck(RecheckArgs),
    /// 录入回头看复查结果（反弹则重新打开）/ record a re-check result (a rebound reopens the item)
    Rechecked(RecheckedArgs),
    /// 带入上一年工作区中未完成的整改事项 / bring last year's unfinished items in from its workspace
    Carry(CarryArgs),
    /// 生成某执法机关的整改台账（XLSX），供其离线填写 / write an agency's rectification sheet (XLSX) to fill in offline
    Sheet(SheetArgs),
    /// 导入执法机关填回的整改台账（XLSX 或 CSV）/ import a rectification sheet an agency filled in (XLSX or CSV)
    Import(ImportArgs),
}

#[derive(Args, Debug)]
pub struct RecheckArgs {
    /// 抽查比例，如 20% / share of the closed items to re-check, e.g. 20%
    #[arg(long, value_name = "PERCENT")]
    pub share: Option<String>,
    /// 种子（骰子点数）/ the seed digits
    #[arg(long)]
    pub seed: Option<String>,
    /// 种子分段 姓名=数字（按掷骰顺序，可重复）/ a seed part WHO=DIGITS, in the order rolled
    #[arg(long = "seed-part", value_name = "WHO=DIGITS")]
    pub seed_part: Vec<String>,
    /// 见证人 姓名/单位（可重复）/ a witness NAME/UNIT, repeatable
    #[arg(long, value_name = "NAME/UNIT")]
    pub witness: Vec<String>,
    /// 组织人 / who runs the draw
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
}

#[derive(Args, Debug)]
pub struct RecheckedArgs {
    pub id: String,
    /// confirmed（整改到位）或 rebound（反弹）/ confirmed or rebound
    #[arg(long, value_name = "RESULT")]
    pub result: String,
    /// 复查情况 / what the re-check found
    #[arg(long)]
    pub note: String,
    #[arg(long, value_name = "NAME")]
    pub by: String,
}

#[derive(Args, Debug)]
pub struct CarryArgs {
    /// 上一年的工作区 / last year's workspace
    #[arg(long = "from", value_name = "PREV_WS")]
    pub from: PathBuf,
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

#[derive(Args, Debug)]
pub struct ListArgs {
    /// 只列此执法机关 / only this agency
    #[arg(long, value_name = "NAME")]
    pub agency: Option<String>,
    /// 只列此状态（open、in_progress、submitted、closed、returned 或中文名）/ only this status
    #[arg(long, value_name = "S")]
    pub status: Option<String>,
    /// 只列逾期事项 / only overdue items
    #[arg(long)]
    pub overdue: bool,
    /// 按此日期计算逾期（默认今天）/ compute overdue as of this date (default today)
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// 输出格式 / output format
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
}

#[derive(Args, Debug)]
pub struct ShowItemArgs {
    pub id: String,
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
}

#[derive(Args, Debug)]
pub struct PlanArgs {
    /// 整改编号 / the item id
    pub id: String,
    /// 责任领导 / the leader responsible
    #[arg(long)]
    pub leader: String,
    /// 责任人 / the person responsible
    #[arg(long)]
    pub owner: String,
    /// 整改措施 / the measures
    #[arg(long)]
    pub measure: String,
    /// 整改时限（不早于评查意见书日期）/ deadline (not before the feedback letter)
    #[arg(long, value_name = "DATE")]
    pub deadline: Option<String>,
    /// 操作人 / who records it
    #[arg(long, value_name = "NAME")]
    pub by: String,
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    pub id: String,
    /// 整改情况 / what was done
    #[arg(long)]
    pub progress: String,
    /// 佐证材料（可重复，复制进工作区并记录 SHA-256）/ evidence file, repeatable (copied in, SHA-256 recorded)
    #[arg(long, value_name = "FILE")]
    pub evidence: Vec<PathBuf>,
    /// 已整改完成，申请销号 / done: ask for it to be closed
    #[arg(long)]
    pub done: bool,
    /// 完成日期 / date it was completed
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    #[arg(long, value_name = "NAME")]
    pub by: String,
}

#[derive(Args, Debug)]
pub struct CloseArgs {
    pub id: String,
    /// 核实意见 / the checker's opinion
    #[arg(long)]
    pub opinion: String,
    #[arg(long, value_name = "NAME")]
    pub by: String,
}

#[derive(Args, Debug)]
pub struct ReturnArgs {
    pub id: String,
    /// 退回理由 / why it is returned
    #[arg(long)]
    pub reason: String,
    #[arg(long, value_name = "NAME")]
    pub by: String,
}

#[derive(Args, Debug)]
pub struct ReferArgs {
    pub id: String,
    /// 移送对象 / where it is referred
    #[arg(long, default_value = "监督问责组")]
    pub to: String,
    /// 移送理由 / why
    #[arg(long)]
    pub reason: String,
    #[arg(long, value_name = "NAME")]
    pub by: String,
}

#[derive(Args, Debug)]
pub struct SheetArgs {
    /// 执法机关 / the agency
    #[arg(long, value_name = "NAME")]
    pub agency: String,
    /// 输出文件（.xlsx）/ the file to write (.xlsx)
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// 覆盖已有文件 / overwrite an existing file
    #[arg(long)]
    pub force: bool,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// 填好的整改台账（XLSX、XLS、ODS，或 UTF-8/GBK 的 CSV）/ the filled-in sheet (XLSX, XLS, ODS, or CSV in UTF-8 or GBK)
    pub file: PathBuf,
    /// 录入人（默认记为该执法机关）/ who records it (default: the sheet's agency)
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

#[derive(Args, Debug)]
pub struct FeedbackArgs {
    /// 工作区 / the campaign workspace
    pub dir: PathBuf,
    /// 评查意见书写入此文件夹 / folder to write the letters into
    #[arg(long)]
    pub out: PathBuf,
    /// 整改期限（不早于意见书日期）/ the rectification deadline (not before the letter's date)
    #[arg(long, value_name = "DATE", conflicts_with = "days")]
    pub deadline: Option<String>,
    /// 整改期限为意见书日期后若干天（默认 30）/ the deadline as days after the letter's date (default 30)
    #[arg(long, value_name = "N")]
    pub days: Option<u32>,
    /// 意见书日期（默认今天）/ the letter's date (default today)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// 只给这些执法机关（可重复）/ only these agencies (repeatable)
    #[arg(long, value_name = "NAME")]
    pub agency: Vec<String>,
    /// 评查机关名称 / the issuing office, e.g. 攸县司法局
    #[arg(long, value_name = "NAME", default_value = "")]
    pub office: String,
    /// 文号，{n} 为序号 / document number; {n} is replaced by the letter's number, e.g. 攸司评〔2025〕{n}号
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub number: String,
    /// 签发人 / who issues the letters
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}
