//! What the public page may show, gathered from the workspace: the frozen registers' digests,
//! the published population (case id and stratum per case, nothing else), the ledger, every
//! commitment and draw record byte for byte (so the page can hash them and compare with the
//! digests read out at the ceremony), and — only when the office asks — each drawn file's score
//! and grade (`--with-results`) or its 案件名称 and 当事人 (`--with-titles`).
//!
//! Privacy is decided here and only here: nothing reaches the page that is not a field of
//! `PageData`. Register file names are reduced to their last component (a path of the office's
//! machine is not published); the layout notes of `campaign.json` (which may quote cells of the
//! register) are not published at all.

use crate::export::figures::Figures;
use crate::i18n::Lang;
use crate::register::columns::{ColumnChoice, Role, StratumField};
use crate::review::state::Status;
use crate::review::Review;
use crate::workspace::records::Campaign;
use crate::workspace::{ledger, safe_path, Workspace, WorkspaceError, LEDGER, POPULATION};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

/// The format of the data block embedded in the page; a change of shape gets a new name.
pub const FORMAT: &str = "anjuan-public-page-v1";

/// What the office chose to publish beyond the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Each finalized file's score and grade, and the figures by agency and category.
    pub with_results: bool,
    /// Each drawn file's 案件名称 and 当事人 (and, with results, its findings).
    pub with_titles: bool,
}

#[derive(Debug, Serialize)]
pub struct PageData {
    pub format: &'static str,
    pub algorithm: String,
    pub tool_version: &'static str,
    /// The language the page opens in (the visitor can switch).
    pub lang: Lang,
    pub campaign: CampaignPart,
    pub registers: Vec<RegisterPart>,
    pub population: PopulationPart,
    /// Header names a visitor's register file may use for the id and each stratum field, as
    /// `init` recognised them (its overrides, or the built-in aliases), compared after
    /// `normalise` (trimmed, ASCII lower-case, without spaces, `_` and `-`).
    pub columns: ColumnsPart,
    /// `ledger.jsonl` as written.
    pub ledger: String,
    pub commitments: Vec<RecordPart>,
    pub draws: Vec<RecordPart>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub results: Option<ResultsPart>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub titles: Option<Vec<TitlePart>>,
}

#[derive(Debug, Serialize)]
pub struct CampaignPart {
    pub name: Option<String>,
    pub created_at: String,
    /// SHA-256 of `campaign.json`, which the commitments name (the file itself is not published).
    pub sha256: String,
    /// Whether `init` filtered the registers (then a visitor's whole register file cannot give
    /// the population digest by itself).
    pub filtered: bool,
}

#[derive(Debug, Serialize)]
pub struct RegisterPart {
    /// The file's name, without any folder.
    pub name: String,
    pub agency: Option<String>,
    pub sha256: String,
    pub bytes: u64,
    pub rows: u64,
    pub kept: u64,
}

#[derive(Debug, Serialize)]
pub struct PopulationPart {
    pub sha256: String,
    pub size: u64,
    pub stratum_fields: Vec<String>,
    /// The strata, each its field values; `cases` refers to them by index.
    pub strata: Vec<Vec<String>>,
    /// One line per case in `population.tsv` order (sorted by id): the id, a TAB, the index of
    /// its stratum in `strata`, a LF.
    pub cases: String,
}

#[derive(Debug, Serialize)]
pub struct ColumnsPart {
    pub id: Vec<String>,
    pub stratum: Vec<Vec<String>>,
}

/// A record file, byte for byte, with its name.
#[derive(Debug, Serialize)]
pub struct RecordPart {
    pub file: String,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct ResultsPart {
    /// The journal head the results were read at.
    pub journal_head: String,
    pub files: Vec<FileResult>,
    pub grades: Vec<String>,
    pub agencies: Vec<AgencyResult>,
    pub categories: Vec<(String, usize)>,
}

#[derive(Debug, Serialize)]
pub struct FileResult {
    pub case_id: String,
    pub score: String,
    pub grade: String,
}

#[derive(Debug, Serialize)]
pub struct AgencyResult {
    pub agency: String,
    pub rank: Option<usize>,
    pub finalized: usize,
    pub grades: Vec<usize>,
    pub average: String,
}

#[derive(Debug, Serialize)]
pub struct TitlePart {
    pub case_id: String,
    pub title: String,
    pub party: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<String>,
}

/// What the page holds, for `publish` to say.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Included {
    pub cases: u64,
    pub strata: usize,
    pub commitments: usize,
    pub draws: usize,
    /// Files with a score and grade (with `--with-results`).
    pub results: Option<usize>,
    /// Files with 案件名称 and 当事人 (with `--with-titles`).
    pub titles: Option<usize>,
}

#[derive(Debug, thiserror::Error)]
pub enum GatherError {
    #[error("workspace")]
    Workspace(#[from] WorkspaceError),
    #[error("no commitment")]
    NoCommitment,
    #[error("review")]
    Review(String),
}

impl GatherError {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            GatherError::Workspace(e) => e.render(lang),
            GatherError::NoCommitment => lang
                .pick(
                    "工作区还没有抽样承诺，没有可公开的抽取：请先运行 anjuan commit",
                    "the workspace has no commitment yet, so there is no draw to publish: run anjuan commit first",
                )
                .into(),
            GatherError::Review(e) => e.clone(),
        }
    }
}

fn file_name(path: &str) -> String {
    path.rsplit(['/', '\\']).next().unwrap_or(path).to_string()
}

/// A record file's text as the ledger hashed it (a copy's converted line endings undone),
/// checked against the ledger.
fn record(ws: &Workspace, file: &str) -> Result<RecordPart, GatherError> {
    let path = ws.dir.join(file);
    let bytes = safe_path::read(&path)
        .map_err(|e| WorkspaceError::Io(format!("{}: {e}", path.display())))?;
    let bytes = crate::workspace::endings::crlf_to_lf(&bytes).into_owned();
    ws.check_recorded(file, &ledger::sha256_hex(&bytes))?;
    let text =
        String::from_utf8(bytes).map_err(|e| WorkspaceError::Damaged(format!("{file}: {e}")))?;
    Ok(RecordPart {
        file: file.to_string(),
        text,
    })
}

/// The headers the page looks for, as the import did: an entity list's own (统一社会信用代码, 监管部门)
/// for an entity population.
fn aliases(role: Role, choice: &ColumnChoice) -> Vec<String> {
    match choice.overrides.get(&role) {
        Some(h) => vec![h.clone()],
        None => choice
            .population
            .aliases(role)
            .iter()
            .map(|a| a.to_string())
            .collect(),
    }
}

fn columns(campaign: &Campaign) -> ColumnsPart {
    columns_of(&campaign.settings.columns)
}

fn columns_of(choice: &ColumnChoice) -> ColumnsPart {
    let fields = if choice.stratum.is_empty() {
        vec![StratumField::Role(Role::Agency)]
    } else {
        choice.stratum.clone()
    };
    ColumnsPart {
        id: aliases(Role::Id, choice),
        stratum: fields
            .iter()
            .map(|f| match f {
                StratumField::Role(r) => aliases(*r, choice),
                StratumField::Header(h) => vec![h.clone()],
            })
            .collect(),
    }
}

/// The population as the page embeds it, from `population.tsv` (checked against the frozen
/// digest by `Workspace::population`'s rules: converted line endings undone, anything else
/// refused).
fn population(ws: &Workspace, campaign: &Campaign) -> Result<PopulationPart, GatherError> {
    let path = ws.dir.join(POPULATION);
    let raw = safe_path::read(&path)
        .map_err(|e| WorkspaceError::Io(format!("{}: {e}", path.display())))?;
    let frozen = &campaign.population.sha256;
    let recovered = crate::workspace::endings::recover(&raw, frozen);
    let bytes = match &recovered {
        crate::workspace::endings::Recovered::Altered { found } => {
            return Err(WorkspaceError::Damaged(format!(
                "population.tsv SHA-256 {found} differs from the frozen {frozen}"
            ))
            .into())
        }
        r => r.bytes().unwrap_or_default(),
    };
    let text = std::str::from_utf8(bytes)
        .map_err(|e| WorkspaceError::Damaged(format!("population.tsv: {e}")))?;
    let mut strata: Vec<Vec<String>> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut cases = String::with_capacity(text.len() / 2);
    for line in text.lines() {
        let (id, fields) = line.split_once('\t').unwrap_or((line, ""));
        let k = *index.entry(fields).or_insert_with(|| {
            strata.push(fields.split('\t').map(str::to_string).collect());
            strata.len() - 1
        });
        cases.push_str(id);
        cases.push('\t');
        cases.push_str(&k.to_string());
        cases.push('\n');
    }
    Ok(PopulationPart {
        sha256: frozen.clone(),
        size: campaign.population.size,
        stratum_fields: campaign.population.stratum_fields.clone(),
        strata,
        cases,
    })
}

fn results(review: &Review, lang: Lang) -> ResultsPart {
    let mut files = Vec::new();
    for (i, f) in review.files.iter().enumerate() {
        let st = &review.states[i];
        if !matches!(st.status, Status::Finalized { .. }) {
            continue;
        }
        let Some(c) = review.checklist_of(i) else {
            continue;
        };
        let score = st.score(c);
        files.push(FileResult {
            case_id: f.id().to_string(),
            score: score.points.to_string(),
            grade: crate::export::figures::GradeName {
                zh: score.grade,
                en: score.grade_en,
            }
            .pick(lang)
            .to_string(),
        });
    }
    let figures = Figures::of(review, lang);
    ResultsPart {
        journal_head: review.journal.head().to_string(),
        files,
        grades: figures.grades.iter().map(|g| g.pick(lang).into()).collect(),
        agencies: figures
            .agencies
            .iter()
            .map(|a| AgencyResult {
                agency: a.agency.clone(),
                rank: a.rank,
                finalized: a.finalized(),
                grades: a.grades.clone(),
                average: a.average_text(),
            })
            .collect(),
        categories: figures
            .categories
            .iter()
            .map(|c| (c.category.clone(), c.count))
            .collect(),
    }
}

fn titles(review: &Review, with_findings: bool) -> Vec<TitlePart> {
    review
        .files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let (title, party) = f
                .details
                .as_ref()
                .map(|d| (d.title.clone(), d.party.clone()))
                .unwrap_or_default();
            let mut findings = Vec::new();
            let st = &review.states[i];
            if with_findings && matches!(st.status, Status::Finalized { .. }) {
                if let Some(c) = review.checklist_of(i) {
                    for (item, d) in c.items.iter().zip(&st.decisions) {
                        if let Some(text) = d.as_ref().and_then(|d| d.finding.clone()) {
                            if !text.is_empty() {
                                findings.push(format!("{} {text}", item.id));
                            }
                        }
                    }
                }
            }
            TitlePart {
                case_id: f.id().to_string(),
                title,
                party,
                findings,
            }
        })
        .collect()
}

/// Everything the page shows, for the workspace at `dir`.
pub fn gather(
    dir: &Path,
    options: Options,
    lang: Lang,
) -> Result<(PageData, Included), GatherError> {
    let ws = Workspace::open(dir)?;
    let (campaign, campaign_sha) = ws.campaign()?;
    let ledger_path = ws.dir.join(LEDGER);
    let (_, breaks) = ledger::read(&ledger_path);
    if !breaks.is_empty() {
        return Err(WorkspaceError::Damaged(breaks.join("; ")).into());
    }
    let ledger_bytes = safe_path::read(&ledger_path)
        .map_err(|e| WorkspaceError::Io(format!("{}: {e}", ledger_path.display())))?;
    let ledger_text =
        String::from_utf8(crate::workspace::endings::crlf_to_lf(&ledger_bytes).into_owned())
            .map_err(|e| WorkspaceError::Damaged(format!("{LEDGER}: {e}")))?;

    let commitments = ws
        .commitments()?
        .iter()
        .map(|(_, f)| record(&ws, f))
        .collect::<Result<Vec<_>, _>>()?;
    if commitments.is_empty() {
        return Err(GatherError::NoCommitment);
    }
    let draws = ws
        .draws()?
        .iter()
        .map(|(_, f)| record(&ws, f))
        .collect::<Result<Vec<_>, _>>()?;
    let population = population(&ws, &campaign)?;

    let review = if (options.with_results || options.with_titles) && !draws.is_empty() {
        Some(Review::open(dir).map_err(|e| GatherError::Review(e.render(lang)))?)
    } else {
        None
    };
    let results = match (&review, options.with_results) {
        (Some(r), true) => Some(results(r, lang)),
        _ => None,
    };
    let titles = match (&review, options.with_titles) {
        (Some(r), true) => Some(titles(r, options.with_results)),
        _ => None,
    };

    let included = Included {
        cases: campaign.population.size,
        strata: population.strata.len(),
        commitments: commitments.len(),
        draws: draws.len(),
        results: results.as_ref().map(|r| r.files.len()),
        titles: titles.as_ref().map(Vec::len),
    };
    let data = PageData {
        format: FORMAT,
        algorithm: crate::draw::ALGORITHM.to_string(),
        tool_version: env!("CARGO_PKG_VERSION"),
        lang,
        campaign: CampaignPart {
            name: campaign.name.clone(),
            created_at: campaign.created_at.clone(),
            sha256: campaign_sha,
            filtered: campaign.settings.filter != Default::default(),
        },
        registers: campaign
            .registers
            .iter()
            .map(|r| RegisterPart {
                name: file_name(&r.file),
                agency: r.agency.clone(),
                sha256: r.sha256.clone(),
                bytes: r.bytes,
                rows: r.rows,
                kept: r.kept,
            })
            .collect(),
        columns: columns(&campaign),
        population,
        ledger: ledger_text,
        commitments,
        draws,
        results,
        titles,
    };
    Ok((data, included))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::entities::PopulationKind;

    #[test]
    fn the_page_looks_for_the_headers_the_import_read() {
        let cases = columns_of(&ColumnChoice::default());
        assert!(cases.id.contains(&"案号".to_string()));
        assert!(cases.stratum[0].contains(&"执法机关".to_string()));
        let entities = columns_of(&ColumnChoice {
            population: PopulationKind::Entities,
            ..Default::default()
        });
        assert!(entities.id.contains(&"统一社会信用代码".to_string()));
        assert!(!entities.id.contains(&"案号".to_string()));
        assert!(entities.stratum[0].contains(&"监管部门".to_string()));
    }
}
