//! Argument definitions and their conversion into the stages' settings.

use crate::checklist::categories::CategorySet;
use crate::draw::allocation::Method;
use crate::i18n::Lang;
use crate::register::collection::CollectionPlan;
use crate::register::columns::{ColumnChoice, Role, StratumField};
use crate::register::encoding::TextEncoding;
use crate::register::entities::PopulationKind;
use crate::register::filter::Filter;
use crate::register::import::{ImportSettings, RegisterFile};
use crate::register::layout::Delimiter;
use crate::tr;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "anjuan",
    version,
    long_version = super::install::long_version(),
    about = "案卷：行政执法案卷的见证随机抽取与评查 / witnessed, reproducible sampling of case files"
)]
pub struct Cli {
    /// 界面语言 / language of messages
    #[arg(long, global = true, value_enum, default_value = "zh")]
    pub lang: Lang,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// 导入、校验并冻结案卷目录 / import, validate and freeze registers into a new workspace
    Init(InitArgs),
    /// 抽样前承诺：分配表与摘要 / the pre-seed commitment: allocation and its digest
    Commit(CommitArgs),
    /// 见证抽取 / the witnessed draw
    Draw(DrawArgs),
    /// 复核工作区的全部记录 / re-derive and check everything in a workspace
    Verify(VerifyArgs),
    /// 无状态抽样，输出到标准输出 / stateless draw for scripts and third parties
    Sample(SampleArgs),
    /// 评查：打分、定稿、退回、导入、查看 / review: score, finalize, reopen, import, show
    Review(ReviewArgs),
    /// 评查标准文件：校验、列出 / checklist files: check, list
    Checklist(ChecklistArgs),
    /// 终端界面：抽样仪式与评查台 / the terminal UI: draw ceremony and review desk
    Tui(TuiArgs),
    /// 导出可打印的表格（XLSX 与 CSV）/ export printable sheets (XLSX and CSV)
    Export(ExportArgs),
    /// 评查组：名单、密钥、随机分配、离线评查包与合并 / the review team: roster, keys, random assignment, offline packages and merging
    Team(TeamArgs),
    /// 用 samples/ 中的虚构数据演示整个流程 / rehearse the whole flow on the fictional samples
    Demo(DemoArgs),
    /// 空白模板：发给各执法机关的案卷目录、评查人员名单 / blank templates: the register agencies fill in, the reviewer roster
    Template(TemplateArgs),
    /// 整改：事项清单、定方案、报告、销号、退回、移送 / rectification: items, plan, report, close, return, refer
    Rectify(super::rectify_args::RectifyArgs),
    /// 评查意见书：向案卷已全部定稿的执法机关下发（DOCX 与 XLSX）/ feedback letters to agencies whose files are all finalized (DOCX and XLSX)
    Feedback(super::rectify_args::FeedbackArgs),
    /// 公开页面：在任何浏览器中自行复核抽取的单个 HTML 文件 / the public page: one HTML file that re-checks the draw in any browser
    Publish(PublishArgs),
    /// 风险筛查：对全部冻结案卷检查罚款、期限和涉企检查频次 / risk scan: fines, time limits and inspection frequency over every frozen case
    Risk(super::risk_args::RiskArgs),
    /// 替补：受邀代表不能到场时，由同层下一名备选按序替补（记录原因）/ replace a representative who cannot come by the next alternate of the stratum, recording why
    Replace(ReplaceArgs),
    /// 评查情况通报（草稿，DOCX）/ the review bulletin draft (DOCX)
    Report(super::report::ReportArgs),
    /// 民主评议：测评票设置、印制、计票、结果 / democratic appraisal: ballot setup, printing, counting, results
    Ballot(super::ballot_args::BallotArgs),
    /// 写出每个命令的手册页（man）/ write a manual page per command (man)
    Manual(ManualArgs),
    /// 打印 shell 补全脚本 / print shell completions
    Completions(CompletionsArgs),
}

#[derive(Args, Debug, Clone)]
pub struct ManualArgs {
    /// 写入此文件夹（anjuan.1、anjuan-draw.1 …）/ folder to write anjuan.1, anjuan-draw.1, … into
    #[arg(long)]
    pub out: PathBuf,
}

#[derive(Args, Debug, Clone)]
pub struct CompletionsArgs {
    /// bash、zsh 或 fish / bash, zsh or fish
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

#[derive(Args, Debug, Clone)]
pub struct PublishArgs {
    /// 工作区 / the campaign workspace
    pub dir: PathBuf,
    /// 写入此文件夹的 index.html / write index.html into this folder
    #[arg(long)]
    pub out: PathBuf,
    /// 同时公开每件已定稿案卷的得分和等级 / also publish each finalized file's score and grade
    #[arg(long)]
    pub with_results: bool,
    /// 同时公开抽中案卷的案件名称和当事人（及发现的问题）/ also publish the drawn files' case names and parties (and findings)
    #[arg(long)]
    pub with_titles: bool,
}

#[derive(Args, Debug, Clone)]
pub struct ImportArgs {
    /// 总体：案卷（默认）或监管对象（民主评议代表，按统一社会信用代码）/ what the register lists: case files (default) or regulated entities (民主评议; id = credit code)
    #[arg(long, value_enum, default_value_t = PopulationName::Cases)]
    pub population: PopulationName,
    /// 案号列名 / header of the case id column
    #[arg(long, value_name = "C")]
    pub id_column: Option<String>,
    /// 执法机关列名 / header of the agency column
    #[arg(long, value_name = "C")]
    pub agency_column: Option<String>,
    /// 案件类型列名 / header of the case type column
    #[arg(long, value_name = "C")]
    pub case_type_column: Option<String>,
    /// 办结日期列名 / header of the closed-date column
    #[arg(long, value_name = "C")]
    pub date_column: Option<String>,
    /// 案件名称列名 / header of the case name column
    #[arg(long, value_name = "C")]
    pub title_column: Option<String>,
    /// 当事人列名 / header of the party column
    #[arg(long, value_name = "C")]
    pub party_column: Option<String>,
    /// 分层字段（可重复，默认执法机关）/ stratum field, repeatable (default: the agency)
    #[arg(long, value_name = "C")]
    pub stratum: Vec<String>,
    /// 为没有执法机关列的文件指定机关 / agency for a file without that column
    #[arg(long, value_name = "FILE=NAME")]
    pub agency_for: Vec<String>,
    /// 筛选：closed>=2024-01-01, closed<=…, case_type=…, agency=…（可重复）
    #[arg(long, value_name = "EXPR")]
    pub filter: Vec<String>,
    /// 文本编码（默认自动识别）/ text encoding (detected when omitted)
    #[arg(long, value_enum)]
    pub encoding: Option<TextEncoding>,
    /// 工作表名（默认第一个；all 表示全部）/ workbook sheet (default: the first; `all` for every sheet)
    #[arg(long)]
    pub sheet: Option<String>,
    /// 表头所在行（按表格显示的行号），或 文件=行号；默认自动查找 / the header's row as the spreadsheet numbers it, or FILE=N; found automatically when omitted
    #[arg(long, value_name = "N|FILE=N")]
    pub header_row: Vec<String>,
    /// 以工作表名作为执法机关（可指定文件）/ each sheet's name is its agency (optionally for one FILE)
    #[arg(long, value_name = "FILE", num_args = 0..=1, default_missing_value = "")]
    pub agency_from_sheet: Vec<String>,
    /// 文本文件的分隔符（默认自动识别）/ delimiter of text files (detected when omitted)
    #[arg(long, value_enum)]
    pub delimiter: Option<Delimiter>,
    /// 接受数字格式的案号单元格 / accept number cells as case ids
    #[arg(long)]
    pub numeric_ids: bool,
    #[command(flatten)]
    pub risk_columns: super::risk_args::RiskColumnArgs,
}

impl ImportArgs {
    pub fn settings(&self, lang: Lang) -> Result<ImportSettings, String> {
        let mut overrides = BTreeMap::new();
        for (role, value) in [
            (Role::Id, &self.id_column),
            (Role::Agency, &self.agency_column),
            (Role::CaseType, &self.case_type_column),
            (Role::ClosedDate, &self.date_column),
            (Role::Title, &self.title_column),
            (Role::Party, &self.party_column),
        ]
        .into_iter()
        .chain(self.risk_columns.overrides())
        {
            if let Some(v) = value {
                overrides.insert(role, v.clone());
            }
        }
        let max = crate::register::import::MAX_STRATUM_FIELDS;
        if self.stratum.len() > max {
            return Err(tr!(
                lang,
                "分层字段最多 {max} 个",
                "at most {max} stratum fields"
            ));
        }
        let mut filter = Filter::default();
        for f in &self.filter {
            filter.add(f, lang).map_err(|e| e.0)?;
        }
        Ok(ImportSettings {
            columns: ColumnChoice {
                overrides,
                stratum: self
                    .stratum
                    .iter()
                    .map(|s| StratumField::parse(s))
                    .collect(),
                population: match self.population {
                    PopulationName::Cases => PopulationKind::Cases,
                    PopulationName::Entities => PopulationKind::Entities,
                },
            },
            filter,
            encoding: self.encoding,
            delimiter: self.delimiter,
            sheet: self.sheet.clone(),
            numeric_ids: self.numeric_ids,
        })
    }

    /// Pair each register path with what was said about it alone: `--agency-for`,
    /// `--header-row`, `--agency-from-sheet`.
    pub fn files(&self, paths: &[PathBuf], lang: Lang) -> Result<Vec<RegisterFile>, String> {
        let mut files: Vec<RegisterFile> = paths.iter().cloned().map(RegisterFile::new).collect();
        for spec in &self.agency_for {
            let (file, name) = spec.rsplit_once('=').ok_or_else(|| {
                tr!(
                    lang,
                    "--agency-for 应写作 文件=机关，实际为“{spec}”",
                    "--agency-for must be FILE=NAME, got {spec:?}"
                )
            })?;
            let i = named_file(paths, file, "--agency-for", lang)?;
            files[i].agency = Some(name.trim().to_string());
        }
        for spec in &self.header_row {
            let (file, number) = match spec.rsplit_once('=') {
                Some((f, n)) => (Some(f), n),
                None => (None, spec.as_str()),
            };
            let row: u64 = number
                .trim()
                .parse()
                .ok()
                .filter(|n| *n >= 1)
                .ok_or_else(|| {
                    tr!(
                        lang,
                        "--header-row 应写作 行号 或 文件=行号（行号从 1 起，按表格显示），实际为“{spec}”",
                        "--header-row must be N or FILE=N (rows from 1, as the spreadsheet shows them), got {spec:?}"
                    )
                })?;
            match file {
                Some(f) => {
                    files[named_file(paths, f, "--header-row", lang)?].header_row = Some(row)
                }
                None => files.iter_mut().for_each(|f| {
                    f.header_row.get_or_insert(row);
                }),
            }
        }
        for file in &self.agency_from_sheet {
            if file.is_empty() {
                files.iter_mut().for_each(|f| f.agency_from_sheet = true);
            } else {
                files[named_file(paths, file, "--agency-from-sheet", lang)?].agency_from_sheet =
                    true;
            }
        }
        Ok(files)
    }
}

/// Which `--register` file a per-file flag names: the path as given, or its file name alone.
fn named_file(paths: &[PathBuf], file: &str, flag: &str, lang: Lang) -> Result<usize, String> {
    let target = PathBuf::from(file);
    paths
        .iter()
        .position(|p| {
            *p == target
                || (target.components().count() == 1 && p.file_name() == target.file_name())
        })
        .ok_or_else(|| {
            tr!(
                lang,
                "{flag} 指定的文件 {file} 不在 --register 列表中",
                "{flag} names {file}, which is not among the --register files"
            )
        })
}

#[derive(Args, Debug)]
pub struct InitArgs {
    /// 新工作区文件夹 / new workspace folder
    pub dir: PathBuf,
    /// 案卷目录文件（CSV/XLSX，可多个）/ register files
    #[arg(long = "register", value_name = "FILE", num_args = 1.., required = true)]
    pub registers: Vec<PathBuf>,
    /// 专项名称 / campaign name
    #[arg(long)]
    pub name: Option<String>,
    /// 应报送的执法机关名单（CSV/XLSX，每行一个）/ the list of agencies that must report (one a row)
    #[arg(long, value_name = "FILE")]
    pub agencies: Option<PathBuf>,
    /// 登记零报告的机关（可重复）/ an agency that declared no cases (repeatable)
    #[arg(long, value_name = "NAME")]
    pub zero_report: Vec<String>,
    /// 缺少案卷目录仍冻结的机关（可重复，须 --reason）/ freeze without this agency's register (repeatable; needs --reason)
    #[arg(long, value_name = "NAME")]
    pub allow_missing: Vec<String>,
    /// --allow-missing 的原因（按顺序对应；只给一个时适用于全部）/ why, for each --allow-missing in order (one applies to all)
    #[arg(long, value_name = "TEXT")]
    pub reason: Vec<String>,
    /// 回头看：带入上一年工作区中未完成的整改事项 / bring last year's unfinished rectification items in from its workspace
    #[arg(long, value_name = "PREV_WS")]
    pub carry: Option<PathBuf>,
    #[command(flatten)]
    pub import: ImportArgs,
}

impl InitArgs {
    /// The collection round as the flags describe it.
    pub fn collection(&self) -> CollectionPlan {
        let reason = |i: usize| -> String {
            match self.reason.as_slice() {
                [one] => one.clone(),
                many => many.get(i).cloned().unwrap_or_default(),
            }
        };
        CollectionPlan {
            list: self.agencies.clone(),
            zero_reports: self
                .zero_report
                .iter()
                .map(|s| s.trim().to_string())
                .collect(),
            allow_missing: self
                .allow_missing
                .iter()
                .enumerate()
                .map(|(i, n)| (n.trim().to_string(), reason(i)))
                .collect(),
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PopulationName {
    /// 案卷 / case files
    Cases,
    /// 监管对象（企业、个体工商户、社会组织）/ regulated entities
    Entities,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum MethodName {
    Proportional,
    Equal,
    Fixed,
}

#[derive(Args, Debug, Clone)]
pub struct AllocationArgs {
    /// 抽取总数 / total files to draw (proportional)
    #[arg(long)]
    pub n: Option<u64>,
    #[arg(long, value_enum, default_value = "proportional")]
    pub method: MethodName,
    /// 每层至少 / minimum per stratum (proportional)
    #[arg(long, default_value_t = 1)]
    pub min_per_stratum: u64,
    /// 每层抽取数 / files per stratum (equal)
    #[arg(long)]
    pub per_stratum: Option<u64>,
    /// 配额表（CSV：分层字段…, 数量）/ quota table for fixed: stratum fields…, count
    #[arg(long, value_name = "FILE")]
    pub quotas: Option<PathBuf>,
    /// 每层备选数 / alternates per stratum
    #[arg(long, default_value_t = 2)]
    pub alternates: u64,
}

impl AllocationArgs {
    pub fn method(&self, lang: Lang) -> Result<Method, String> {
        match self.method {
            MethodName::Proportional => match self.n {
                Some(n) => Ok(Method::Proportional {
                    n,
                    min_per_stratum: self.min_per_stratum,
                }),
                None => Err(tr!(
                    lang,
                    "按比例分配需要 --n 抽取总数",
                    "proportional allocation needs --n"
                )),
            },
            MethodName::Equal => match self.per_stratum {
                Some(k) => Ok(Method::Equal { per_stratum: k }),
                None => Err(tr!(
                    lang,
                    "等额分配需要 --per-stratum 每层数量",
                    "equal allocation needs --per-stratum"
                )),
            },
            MethodName::Fixed => match &self.quotas {
                Some(path) => Ok(Method::Fixed {
                    quotas: read_quotas(path, lang)?,
                }),
                None => Err(tr!(
                    lang,
                    "固定配额需要 --quotas 配额表",
                    "fixed allocation needs --quotas FILE"
                )),
            },
        }
    }
}

/// Quota table: a CSV whose last column is the count and the others the stratum fields.
fn read_quotas(path: &std::path::Path, lang: Lang) -> Result<BTreeMap<String, u64>, String> {
    use crate::register::reader::{read_csv, RecordSink};
    use crate::register::record::Record;
    struct Sink {
        rows: Vec<(u64, Vec<String>)>,
    }
    impl RecordSink for Sink {
        fn record(&mut self, rec: &Record) -> bool {
            if !rec.is_blank() {
                self.rows.push((
                    rec.row,
                    (0..rec.len())
                        .map(|i| rec.text(i).trim().to_string())
                        .collect(),
                ));
            }
            true
        }
        fn restart(&mut self) {
            self.rows.clear();
        }
    }
    let mut sink = Sink { rows: Vec::new() };
    let name = path.display().to_string();
    read_csv(path, None, &mut sink).map_err(|e| {
        let place = crate::register::problem::Place::file(&name);
        crate::register::problem::Problem::new(place, crate::register::import::read_problem(e))
            .render(lang)
    })?;
    let mut out = BTreeMap::new();
    for (row, fields) in sink.rows.into_iter().skip(1) {
        let (count, key) = fields.split_last().ok_or_else(|| name.clone())?;
        let count: u64 = count.parse().map_err(|_| {
            tr!(
                lang,
                "配额表 {name} 第 {row} 行：数量“{count}”不是非负整数",
                "quota table {name}, row {row}: the count {count:?} is not a whole number ≥ 0"
            )
        })?;
        out.insert(key.join("\t"), count);
    }
    Ok(out)
}

#[derive(Args, Debug)]
pub struct CommitArgs {
    pub dir: PathBuf,
    #[command(flatten)]
    pub allocation: AllocationArgs,
    /// 重点抽查：把风险筛查标出的案卷加入抽取（指标，逗号分隔，如 顶格罚款,超期办结）/ targeted files: add the cases these risk indicators flagged (comma-separated, e.g. top_fine,overdue)
    #[arg(long, value_delimiter = ',', value_name = "INDICATORS")]
    pub targeted: Vec<String>,
    /// 重点抽查最多 K 件（按签号顺序选取；默认全部）/ at most K targeted files, chosen in ticket order (default: all)
    #[arg(long, value_name = "K", requires = "targeted")]
    pub targeted_max: Option<u64>,
    /// 依据第 N 次风险筛查（默认最近一次）/ take them from recorded risk scan N (default: the latest)
    #[arg(long, value_name = "N", requires = "targeted")]
    pub risk_scan: Option<u32>,
}

#[derive(Args, Debug)]
pub struct DrawArgs {
    pub dir: PathBuf,
    /// 种子（≥20 位数字）/ the seed, at least 20 digits
    #[arg(long)]
    pub seed: Option<String>,
    /// 分段录入：谁=数字（按顺序拼接）/ a part of the seed: WHO=DIGITS, in order
    #[arg(long, value_name = "WHO=DIGITS")]
    pub seed_part: Vec<String>,
    /// 见证人：姓名/单位 / witness: NAME/UNIT
    #[arg(long, value_name = "NAME/UNIT")]
    pub witness: Vec<String>,
    /// 作废上一次抽取的理由 / supersede the previous draw, stating why
    #[arg(long, value_name = "REASON")]
    pub supersede: Option<String>,
    /// 抽取地点 / where the draw took place
    #[arg(long)]
    pub place: Option<String>,
    /// 组织人 / organiser
    #[arg(long)]
    pub organiser: Option<String>,
}

#[derive(Args, Debug)]
pub struct VerifyArgs {
    pub dir: PathBuf,
    /// 原始案卷目录文件（按导入顺序）/ the original register files, in import order
    #[arg(long = "register", value_name = "FILE", num_args = 1..)]
    pub registers: Vec<PathBuf>,
    /// 只显示不一致项 / show only what differs
    #[arg(long)]
    pub quiet: bool,
    /// 评查表上打印的日志摘要，核对其仍在日志链中 / a journal head printed on a sheet, to check it is still in the chain
    #[arg(long = "journal-head", value_name = "HEX")]
    pub journal_heads: Vec<String>,
    /// 整改表上打印的整改记录头，核对其仍在记录链中 / a rectification record head printed on a sheet, to check it is still in the chain
    #[arg(long = "record-head", value_name = "HEX")]
    pub record_heads: Vec<String>,
    /// 测评结果表上打印的测评票记录头，核对其仍在记录链中 / a ballot record head printed on a results sheet, to check it is still in the chain
    #[arg(long = "ballot-head", value_name = "HEX")]
    pub ballot_heads: Vec<String>,
    /// 导出文件夹（含 manifest.json），核对其文件与记录一致 / an export folder to check against the record
    #[arg(long = "export", value_name = "OUTDIR")]
    pub exports: Vec<PathBuf>,
    /// 与 --export 同用时也重读登记册、重算抽取（读取全部案卷）/ with --export, also re-read the registers and recompute the draws (reads every case)
    #[arg(long)]
    pub full: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    Csv,
    Json,
}

#[derive(Args, Debug)]
pub struct SampleArgs {
    /// 案卷目录文件 / register files
    #[arg(required = true, value_name = "REGISTER")]
    pub registers: Vec<PathBuf>,
    #[arg(long, required = true)]
    pub seed: String,
    #[command(flatten)]
    pub allocation: AllocationArgs,
    #[command(flatten)]
    pub import: ImportArgs,
    #[arg(long, value_enum, default_value = "csv")]
    pub format: OutputFormat,
}

#[derive(Args, Debug)]
pub struct DemoArgs {
    /// samples/ 所在目录 / where the sample registers are
    #[arg(long, default_value = "samples")]
    pub samples: PathBuf,
    /// 保留演示工作区于此（默认临时目录）/ keep the demo workspace here
    #[arg(long)]
    pub keep: Option<PathBuf>,
    /// 不打开界面，只打印演示过程 / print the rehearsal instead of opening the terminal UI
    #[arg(long)]
    pub print: bool,
    /// 不打开界面，在此（不存在或空的）文件夹建成完整的虚构评查项目：抽取并评完全部样本案卷 /
    /// build a complete fictional campaign here (a new or empty folder): drawn and every sample file reviewed
    #[arg(long, value_name = "DIR", conflicts_with = "keep")]
    pub build: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct TuiArgs {
    /// 工作区 / the campaign workspace
    pub dir: PathBuf,
    /// 评查人姓名或名单编号（不填则在打开案卷时询问）/ reviewer name or roster id (asked when a file is opened if omitted)
    #[arg(long)]
    pub reviewer: Option<String>,
    /// 本人的签名密钥文件（在评查包中必须提供）/ your signing key file (required in a reviewer package)
    #[arg(long, value_name = "FILE")]
    pub key: Option<PathBuf>,
}

#[derive(Args, Debug)]
#[command(args_conflicts_with_subcommands = false)]
pub struct ReviewArgs {
    /// 工作区或评查包 / the campaign workspace or a reviewer package
    pub dir: PathBuf,
    /// 本人的签名密钥文件（在评查包中必须提供）/ your signing key file (required in a reviewer package)
    #[arg(long, value_name = "FILE", global = true)]
    pub key: Option<PathBuf>,
    #[command(subcommand)]
    pub action: ReviewAction,
}

#[derive(Subcommand, Debug)]
pub enum ReviewAction {
    /// 评查方案：评查标准、案件类型对应、问题类别体系 / the review plan: checklists, case type mapping, category set
    Setup(SetupArgs),
    /// 全部抽中案卷的评查进度 / progress of every drawn file
    Status(FormatArgs),
    /// 一份案卷的评查表 / one file's checklist and decisions
    Show(ShowArgs),
    /// 对一个条目作出结论 / decide one item
    Set(SetArgs),
    /// 定稿（全部条目已评）/ finalize a file (every item decided)
    Finalize(FinalizeArgs),
    /// 退回已定稿的案卷 / reopen a finalized file
    Reopen(ReopenArgs),
    /// 从 CSV/XLSX 导入评查结论 / import decisions from CSV/XLSX
    Import(ReviewImportArgs),
    /// 复核人裁定双人评查的分歧条目 / the checker resolves an item two reviewers decided differently
    Resolve(ResolveArgs),
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum TextOrJson {
    #[default]
    Text,
    Json,
}

#[derive(Args, Debug)]
pub struct FormatArgs {
    /// 输出格式 / output format
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
}

#[derive(Args, Debug)]
pub struct SetupArgs {
    /// 评查标准文件（可重复；默认内置的五套）/ checklist file, repeatable (default: the five built-in ones)
    #[arg(long = "checklist", value_name = "FILE")]
    pub checklists: Vec<PathBuf>,
    /// 案件类型对应的评查标准 / case type to checklist, e.g. "行政处罚（一般程序）=xzcf-ordinary"
    #[arg(long = "map", value_name = "TYPE=ID")]
    pub map: Vec<String>,
    /// 其他类型一律使用的评查标准 / checklist for any other case type
    #[arg(long, value_name = "ID")]
    pub default_checklist: Option<String>,
    /// 问题类别体系 / category set the findings report under
    #[arg(long, value_enum, default_value = "youxian")]
    pub categories: CategorySet,
}

#[derive(Args, Debug)]
pub struct ShowArgs {
    /// 案号 / case id
    pub case: String,
    #[command(flatten)]
    pub format: FormatArgs,
}

#[derive(Args, Debug)]
#[command(group(clap::ArgGroup::new("verdict").required(true).args(["pass", "deduct", "na", "veto", "clear"])))]
pub struct SetArgs {
    /// 案号 / case id
    pub case: String,
    /// 条目编号，如 A1 / item id, e.g. A1
    pub item: String,
    /// 符合 / pass
    #[arg(long)]
    pub pass: bool,
    /// 扣分（分值）/ deduct POINTS
    #[arg(long, value_name = "POINTS")]
    pub deduct: Option<String>,
    /// 不适用 / not applicable
    #[arg(long)]
    pub na: bool,
    /// 否决 / veto
    #[arg(long)]
    pub veto: bool,
    /// 撤销该条目的结论 / make the item undecided again
    #[arg(long)]
    pub clear: bool,
    /// 问题描述（扣分、否决时必填）/ finding (required for deduct and veto)
    #[arg(long)]
    pub finding: Option<String>,
    /// 卷内页码 / evidence reference, e.g. page numbers
    #[arg(long)]
    pub evidence: Option<String>,
    /// 评查人 / reviewer
    #[arg(long)]
    pub reviewer: String,
}

#[derive(Args, Debug)]
pub struct FinalizeArgs {
    /// 案号 / case id
    pub case: String,
    /// 评查人 / reviewer
    #[arg(long)]
    pub reviewer: String,
}

#[derive(Args, Debug)]
pub struct ResolveArgs {
    /// 案号 / case id
    pub case: String,
    /// 条目编号 / item id
    pub item: String,
    /// 采用哪位评查人的结论（名单编号）/ whose decision to adopt (roster id)
    #[arg(long, value_name = "ID")]
    pub take: String,
    /// 裁定理由 / reason
    #[arg(long)]
    pub reason: String,
    /// 复核人（名单编号）/ the checker (roster id)
    #[arg(long)]
    pub reviewer: String,
}

#[derive(Args, Debug)]
pub struct TeamArgs {
    #[command(subcommand)]
    pub action: TeamAction,
}

#[derive(Subcommand, Debug)]
pub enum TeamAction {
    /// 在本人电脑上生成签名密钥（私钥留在本机）/ make your signing key on your own machine (the secret stays there)
    Keygen {
        /// 本人在名单中的编号 / your roster id
        #[arg(long)]
        reviewer: String,
        /// 密钥文件存放的文件夹 / folder for the key files
        #[arg(long, default_value = ".")]
        out: PathBuf,
    },
    /// 导入评查人员名单（CSV/XLSX）/ import the reviewer roster (CSV/XLSX)
    Roster { dir: PathBuf, file: PathBuf },
    /// 登记评查人的公钥（.pub 文件或 64 位十六进制）/ register a reviewer's public key (.pub file or 64 hex digits)
    Key {
        dir: PathBuf,
        /// .pub 文件或公钥 / the .pub file or the key itself
        key: String,
        /// 名单编号（.pub 文件中已写明时可省略）/ roster id (may be omitted when the .pub file names it)
        #[arg(long)]
        reviewer: Option<String>,
    },
    /// 抽取后随机分配评查人（可复算）/ assign reviewers at random after the draw (recomputable)
    Assign {
        dir: PathBuf,
        /// 每卷由两名不同单位的评查人独立评查 / two independent reviewers from different units per file
        #[arg(long)]
        double: bool,
    },
    /// 调整个别案卷的评查人并记录理由 / move a file to another reviewer, with the reason
    Reassign {
        dir: PathBuf,
        /// 案号 / case id
        case: String,
        /// 原评查人（名单编号；备选案卷新增评查人时省略）/ current reviewer (roster id; omit to give an alternate its reviewer)
        #[arg(long)]
        from: Option<String>,
        /// 新评查人（名单编号）/ new reviewer (roster id)
        #[arg(long)]
        to: String,
        /// 理由 / reason
        #[arg(long)]
        reason: String,
        /// 决定人（组长）/ who decided (the lead)
        #[arg(long)]
        by: String,
    },
    /// 名单、分配与进度 / roster, assignment and progress
    Status {
        dir: PathBuf,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// 为评查人导出离线评查包 / export a reviewer's offline package
    Package {
        dir: PathBuf,
        /// 名单编号 / roster id
        #[arg(long)]
        reviewer: String,
        /// 评查包文件夹（新建）/ package folder (new)
        #[arg(long)]
        out: PathBuf,
    },
    /// 合并评查包（核验签名与日志链）/ merge reviewer packages back (signatures and chains checked)
    Merge {
        dir: PathBuf,
        #[arg(required = true)]
        packages: Vec<PathBuf>,
    },
}

#[derive(Args, Debug)]
pub struct ReopenArgs {
    /// 案号 / case id
    pub case: String,
    /// 退回理由 / reason
    #[arg(long)]
    pub reason: String,
    /// 评查人 / reviewer
    #[arg(long)]
    pub reviewer: String,
}

#[derive(Args, Debug)]
pub struct ReviewImportArgs {
    /// CSV 或 XLSX 文件 / CSV or XLSX file
    pub file: PathBuf,
    /// XLSX 工作表名 / XLSX sheet
    #[arg(long)]
    pub sheet: Option<String>,
    /// 文本编码（默认自动识别）/ text encoding (detected when omitted)
    #[arg(long, value_enum)]
    pub encoding: Option<TextEncoding>,
}

#[derive(Args, Debug)]
pub struct ChecklistArgs {
    #[command(subcommand)]
    pub action: ChecklistAction,
}

#[derive(Subcommand, Debug)]
pub enum ChecklistAction {
    /// 校验评查标准文件 / validate checklist files
    Check {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// 列出内置评查标准 / list the built-in checklists
    List,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// 工作区 / the campaign workspace
    pub dir: PathBuf,
    /// 导出到此文件夹 / folder to write the sheets into
    #[arg(long)]
    pub out: PathBuf,
    /// 整改表按此日期计算逾期（默认今天，记入清单）/ count overdue items as of this date (default today; recorded in the manifest)
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
}

#[derive(Args, Debug)]
pub struct ReplaceArgs {
    /// 工作区 / the campaign workspace
    pub dir: PathBuf,
    /// 不能到场的代表（统一社会信用代码）/ the representative who cannot come (their id)
    pub id: String,
    /// 原因（记入替补记录）/ why (recorded)
    #[arg(long)]
    pub reason: String,
}

#[derive(Args, Debug)]
pub struct TemplateArgs {
    #[command(subcommand)]
    pub action: TemplateAction,
}

#[derive(Subcommand, Debug)]
pub enum TemplateAction {
    /// 案卷目录模板（发给各执法机关填写）/ the case register template the agencies fill in
    Register(TemplateOutArgs),
    /// 评查人员名单模板（供 team roster 导入）/ the reviewer roster template (for team roster)
    Roster(TemplateOutArgs),
}

#[derive(Args, Debug)]
pub struct TemplateOutArgs {
    /// 写出的 .xlsx 文件（默认：案卷目录模板.xlsx / 评查人员名单模板.xlsx）/ the .xlsx file to write
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// 覆盖已有文件 / replace an existing file
    #[arg(long)]
    pub force: bool,
}
