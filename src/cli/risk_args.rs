//! Flags of `anjuan risk`, and the `--ROLE-column` overrides of the risk columns that `init`
//! takes (flattened into its import flags, so `args.rs` stays short).

use crate::register::columns::Role;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug, Clone, Default)]
pub struct RiskColumnArgs {
    /// 违法行为列名（风险筛查用）/ header of the violation column (risk scan)
    #[arg(long, value_name = "C")]
    pub violation_column: Option<String>,
    /// 处罚依据列名 / header of the legal-basis column
    #[arg(long, value_name = "C")]
    pub basis_column: Option<String>,
    /// 违法情节列名 / header of the circumstance column (轻微/一般/严重)
    #[arg(long, value_name = "C")]
    pub circumstance_column: Option<String>,
    /// 罚款金额列名 / header of the fine column
    #[arg(long, value_name = "C")]
    pub fine_column: Option<String>,
    /// 程序类型列名 / header of the procedure column
    #[arg(long, value_name = "C")]
    pub procedure_column: Option<String>,
    /// 立案日期列名 / header of the filed-date column
    #[arg(long, value_name = "C")]
    pub filed_date_column: Option<String>,
    /// 决定日期列名 / header of the decision-date column
    #[arg(long, value_name = "C")]
    pub decided_date_column: Option<String>,
    /// 违法行为发生日期列名 / header of the violation-date column
    #[arg(long, value_name = "C")]
    pub violation_date_column: Option<String>,
    /// 延长期限列名 / header of the extension column
    #[arg(long, value_name = "C")]
    pub extension_column: Option<String>,
    /// 统一社会信用代码列名 / header of the credit-code column
    #[arg(long, value_name = "C")]
    pub credit_code_column: Option<String>,
}

impl RiskColumnArgs {
    pub fn overrides(&self) -> [(Role, &Option<String>); 10] {
        [
            (Role::Violation, &self.violation_column),
            (Role::Basis, &self.basis_column),
            (Role::Circumstance, &self.circumstance_column),
            (Role::Fine, &self.fine_column),
            (Role::Procedure, &self.procedure_column),
            (Role::FiledDate, &self.filed_date_column),
            (Role::DecidedDate, &self.decided_date_column),
            (Role::ViolationDate, &self.violation_date_column),
            (Role::Extension, &self.extension_column),
            (Role::CreditCode, &self.credit_code_column),
        ]
    }
}

#[derive(Args, Debug, Clone)]
pub struct RiskArgs {
    /// 工作区 / the campaign workspace
    pub dir: PathBuf,
    /// 裁量基准表（CSV 或 XLSX）/ the fine benchmarks table (CSV or XLSX)
    #[arg(long, value_name = "FILE")]
    pub benchmarks: Option<PathBuf>,
    /// 办案期限与追责时效表（CSV 或 XLSX）/ the time-limits table (CSV or XLSX)
    #[arg(long, value_name = "FILE")]
    pub limits: Option<PathBuf>,
    /// 高额罚款线（元，超过即列出）/ a fine above this many yuan is listed as high
    #[arg(long, value_name = "YUAN")]
    pub high_fine: Option<String>,
    /// 类案不同罚：最高与最低罚款之比超过此值 / unequal fines: highest ÷ lowest above this ratio
    #[arg(long, value_name = "R")]
    pub spread_ratio: Option<String>,
    /// 涉企检查：同一机关一年内检查同一主体超过此次数 / inspections of one entity by one agency in a year above this count
    #[arg(long, value_name = "N")]
    pub inspection_limit: Option<u32>,
    /// 只查这些指标（可重复；键名或中文名）/ only these indicators (repeatable; key or Chinese name)
    #[arg(long, value_name = "KEY")]
    pub only: Vec<String>,
    /// 输出格式 / output format
    #[arg(long, value_enum, default_value = "text")]
    pub format: RiskFormat,
    /// 将报告（XLSX 和 CSV）写入此文件夹 / write the report (XLSX and CSV) into this folder
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// 不在工作区记录本次筛查 / do not record this scan in the workspace
    #[arg(long)]
    pub no_record: bool,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum RiskFormat {
    Text,
    Json,
}
