//! Stage 3: the campaign workspace, a folder that holds the frozen population, the pre-seed
//! commitments, the draw records and a hash-chained ledger of all of them. Records are never
//! rewritten: a change is a new record, and the old one stays.
//!
//! Layout: `campaign.json`, `registers/` (byte copies), `population.tsv` (spec §5 text),
//! `cases.jsonl`, `commitments/NNNN.json`, `draws/NNNN.json`, `drawn/NNNN.jsonl` (the drawn
//! cases' lines of `cases.jsonl`), `ledger.jsonl`.

pub mod cases_file;
pub mod drawn;
pub mod endings;
pub mod fsio;
pub mod ledger;
pub mod records;
pub mod safe_path;
pub mod verify;

use crate::draw::allocation::{self, AllocationError, Method};
use crate::draw::seed::SeedPart;
use crate::draw::{ticket, ALGORITHM};
use crate::i18n::Lang;
use crate::register::collection::{self, CollectionPlan, CollectionProblem, CollectionRecord};
use crate::register::import::{self, ImportSettings, RegisterFile};
use crate::register::population::{Population, PopulationBuilder};
use crate::register::problem::Problem;
use crate::tr;
use cases_file::CaseSpool;
use records::*;
use std::path::{Path, PathBuf};

pub const CAMPAIGN: &str = "campaign.json";
pub const POPULATION: &str = "population.tsv";
pub const CASES: &str = "cases.jsonl";
/// What `init` read: the import, `cases.jsonl`'s digest if known, the collection round.
type Imported = (
    import::Imported,
    Option<String>,
    Option<(PathBuf, CollectionRecord)>,
);

/// `cases.jsonl` while `init` is still reading the registers.
const SPOOL: &str = ".cases.jsonl.partial";
pub const LEDGER: &str = "ledger.jsonl";

#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    #[error("register problems")]
    Problems(Vec<Problem>),
    #[error("{0}")]
    Io(String),
    /// A write the storage refused (disk full, read-only); nothing of the operation was kept.
    #[error("{path}: {detail}")]
    Storage {
        path: String,
        fault: fsio::Fault,
        detail: String,
    },
    #[error("exists")]
    Exists(PathBuf),
    #[error("not a workspace")]
    NotAWorkspace(PathBuf),
    #[error("damaged")]
    Damaged(String),
    #[error("no commitment")]
    NoCommitment,
    #[error("already drawn")]
    AlreadyDrawn { number: u32 },
    #[error("supersede without draw")]
    NothingToSupersede,
    #[error("allocation")]
    Allocation(AllocationError),
    #[error("seed")]
    Seed(crate::draw::seed::SeedError),
    #[error("bad witness")]
    BadWitness(String),
    /// The collection round is not complete (`--agencies`).
    #[error("collection")]
    Collection(Vec<CollectionProblem>),
}

impl WorkspaceError {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            WorkspaceError::Problems(ps) => {
                let n = ps.len();
                let mut s = tr!(
                    lang,
                    "案卷目录有 {n} 个问题，未冻结任何数据：",
                    "the registers have {n} problems; nothing was frozen:"
                );
                for p in ps {
                    s.push_str("\n  ");
                    s.push_str(&p.render(lang));
                }
                s
            }
            WorkspaceError::Collection(ps) => {
                let n = ps.len();
                let mut s = tr!(
                    lang,
                    "案卷目录与执法机关名单核对有 {n} 个问题，未冻结任何数据：",
                    "checking the registers against the list of agencies found {n} problems; nothing was frozen:"
                );
                for p in ps {
                    s.push_str("\n  ");
                    s.push_str(&p.render(lang));
                }
                s
            }
            WorkspaceError::Io(e) => tr!(lang, "读写失败：{e}", "read/write failed: {e}"),
            WorkspaceError::Storage {
                path,
                fault,
                detail,
            } => {
                let (what, todo) = (fault.what_in_workspace(lang, path), fault.todo(lang));
                tr!(
                    lang,
                    "{what}（{detail}）。本次操作没有保存任何内容，工作区中已有的记录未被改动。{todo}",
                    "{what} ({detail}). Nothing of this operation was saved; the records already in the workspace are unchanged. To go on, {todo}"
                )
            }
            WorkspaceError::Exists(p) => {
                let p = p.display();
                tr!(
                    lang,
                    "{p} 已经是一个评查工作区。冻结后的数据不可替换：请换一个新文件夹",
                    "{p} is already a campaign workspace. Frozen data cannot be replaced: use a new folder"
                )
            }
            WorkspaceError::NotAWorkspace(p) => {
                let p = p.display();
                tr!(
                    lang,
                    "{p} 不是评查工作区（没有 campaign.json）。请先运行 anjuan init",
                    "{p} is not a campaign workspace (no campaign.json). Run anjuan init first"
                )
            }
            WorkspaceError::Damaged(e) => tr!(
                lang,
                "工作区记录损坏或被改动：{e}。请运行 anjuan verify 查看详情",
                "the workspace records are damaged or altered: {e}. Run anjuan verify for details"
            ),
            WorkspaceError::NoCommitment => tr!(
                lang,
                "还没有抽样前承诺。请先运行 anjuan commit，并在掷骰前宣读其摘要",
                "there is no pre-seed commitment yet. Run anjuan commit and read out its digest before rolling the dice"
            ),
            WorkspaceError::AlreadyDrawn { number } => tr!(
                lang,
                "本工作区已完成第 {number} 次抽取。不能悄悄重抽：如确需重抽，请用 --supersede \"理由\" 作废上一次，两次都会留在记录中",
                "draw {number} has already been made here. A draw cannot be redone quietly: to redo it, pass --supersede \"REASON\"; both draws stay on record"
            ),
            WorkspaceError::NothingToSupersede => tr!(
                lang,
                "没有可作废的抽取记录：去掉 --supersede",
                "there is no draw to supersede: drop --supersede"
            ),
            WorkspaceError::Allocation(e) => match lang {
                Lang::Zh => e.zh(),
                Lang::En => e.to_string(),
            },
            WorkspaceError::Seed(e) => e.render(lang),
            WorkspaceError::BadWitness(w) => tr!(
                lang,
                "见证人应写作 “姓名/单位”，实际为“{w}”",
                "a witness must be written \"NAME/UNIT\", got {w:?}"
            ),
        }
    }
}

fn io_err(context: &Path) -> impl Fn(std::io::Error) -> WorkspaceError + '_ {
    move |e| match fsio::Fault::of(&e) {
        Some(fault) => WorkspaceError::Storage {
            path: context.display().to_string(),
            fault,
            detail: e.to_string(),
        },
        None => WorkspaceError::Io(format!("{}: {e}", context.display())),
    }
}

/// A fictional clock for the demo campaign (`demo --build`), so the whole campaign — and every
/// digest and export made from it — comes out the same on every machine. Each reading advances
/// it by one second. Never set for real campaigns.
static FIXED_CLOCK: std::sync::Mutex<Option<chrono::DateTime<chrono::FixedOffset>>> =
    std::sync::Mutex::new(None);

pub fn use_fixed_clock(start: chrono::DateTime<chrono::FixedOffset>) {
    if let Ok(mut c) = FIXED_CLOCK.lock() {
        *c = Some(start);
    }
}

/// The current local time with offset, as every record writes it.
pub fn now() -> String {
    if let Ok(mut c) = FIXED_CLOCK.lock() {
        if let Some(t) = c.as_mut() {
            let shown = t.format("%Y-%m-%dT%H:%M:%S%:z").to_string();
            *t += chrono::Duration::seconds(1);
            return shown;
        }
    }
    chrono::Local::now()
        .format("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

pub struct Workspace {
    pub dir: PathBuf,
}

pub(crate) fn read_json<T: serde::de::DeserializeOwned>(
    path: &Path,
) -> Result<(T, String), WorkspaceError> {
    let bytes = safe_path::read(path).map_err(io_err(path))?;
    // anjuan writes records with `\n` only (JSON escapes a CR inside a string), so a `\r\n` is
    // a copy's converted line ending: the record's digest is that of its bytes as written.
    let bytes = endings::crlf_to_lf(&bytes);
    let value = serde_json::from_slice(&bytes)
        .map_err(|e| WorkspaceError::Damaged(format!("{}: {e}", path.display())))?;
    Ok((value, ledger::sha256_hex(&bytes)))
}

pub(crate) fn pretty<T: serde::Serialize>(value: &T) -> Vec<u8> {
    let mut v = serde_json::to_vec_pretty(value).unwrap_or_default();
    v.push(b'\n');
    v
}

/// Numbered records in a subfolder, in order: (number, relative file name).
pub(crate) fn numbered(dir: &Path, sub: &str) -> Result<Vec<(u32, String)>, WorkspaceError> {
    let path = dir.join(sub);
    let mut out = Vec::new();
    let rd = match std::fs::read_dir(&path) {
        Ok(rd) => rd,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(io_err(&path)(e)),
    };
    for entry in rd {
        let entry = entry.map_err(io_err(&path))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(n) = name
            .strip_suffix(".json")
            .and_then(|s| s.parse::<u32>().ok())
        {
            out.push((n, format!("{sub}/{name}")));
        }
    }
    out.sort();
    Ok(out)
}

/// Numbered records of another stage kept in the workspace (`risk/NNNN.json`).
pub fn numbered_records(dir: &Path, sub: &str) -> Result<Vec<(u32, String)>, WorkspaceError> {
    numbered(dir, sub)
}

/// What `init` produced, for printing.
pub struct InitReport {
    pub campaign: Campaign,
}

impl Workspace {
    pub fn open(dir: &Path) -> Result<Workspace, WorkspaceError> {
        if !dir.join(CAMPAIGN).is_file() {
            return Err(WorkspaceError::NotAWorkspace(dir.to_path_buf()));
        }
        Ok(Workspace {
            dir: dir.to_path_buf(),
        })
    }

    /// Import, validate and freeze registers into a new workspace at `dir`. Built in a sibling
    /// temporary folder and renamed into place, so a failure leaves nothing half-written.
    pub fn init(
        dir: &Path,
        files: &[RegisterFile],
        settings: &ImportSettings,
        name: Option<String>,
    ) -> Result<InitReport, WorkspaceError> {
        Self::init_with(dir, files, settings, name, &CollectionPlan::default())
    }

    /// `init` with the collection round: the registers are checked against the office's list
    /// of agencies before anything is written.
    pub fn init_with(
        dir: &Path,
        files: &[RegisterFile],
        settings: &ImportSettings,
        name: Option<String>,
        plan: &CollectionPlan,
    ) -> Result<InitReport, WorkspaceError> {
        if dir.join(CAMPAIGN).exists() || dir.join(LEDGER).exists() {
            return Err(WorkspaceError::Exists(dir.to_path_buf()));
        }
        if dir.is_dir()
            && std::fs::read_dir(dir)
                .map_err(io_err(dir))?
                .next()
                .is_some()
        {
            return Err(WorkspaceError::Exists(dir.to_path_buf()));
        }
        let parent = match dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(io_err(&parent))?;
        let leaf = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "workspace".into());
        let tmp = parent.join(format!(".{leaf}.init-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        std::fs::create_dir_all(&tmp).map_err(io_err(&tmp))?;
        let result = (|| {
            let (imported, cases_sha, collection) = Self::import_new(&tmp, files, settings, plan)?;
            Self::write_new(&tmp, files, settings, name, imported, cases_sha, collection)
        })();
        match result {
            Ok(report) => {
                if dir.is_dir() {
                    std::fs::remove_dir(dir).map_err(io_err(dir))?;
                }
                std::fs::rename(&tmp, dir).map_err(io_err(dir))?;
                Ok(report)
            }
            Err(e) => {
                let _ = std::fs::remove_dir_all(&tmp);
                // A refused write names the workspace being made, not its temporary folder (nor
                // the register being copied in).
                Err(match e {
                    WorkspaceError::Storage { fault, detail, .. } => WorkspaceError::Storage {
                        path: dir.display().to_string(),
                        fault,
                        detail,
                    },
                    e => e,
                })
            }
        }
    }

    /// Read the registers (their cases spooled into `tmp`) and check the collection round.
    fn import_new(
        tmp: &Path,
        files: &[RegisterFile],
        settings: &ImportSettings,
        plan: &CollectionPlan,
    ) -> Result<Imported, WorkspaceError> {
        // The cases' details go straight to the new workspace's cases.jsonl as they are read
        // (cases_file.rs): memory grows with the population's compact entries, not the register.
        let spooled = tmp.join(SPOOL);
        let mut spool = CaseSpool::create(&spooled).map_err(io_err(&spooled))?;
        let imported = import::import_into(files, settings, None, Some(&mut spool))
            .map_err(WorkspaceError::Problems)?;
        let cases_sha = spool.finish().map_err(io_err(&spooled))?;
        let collection = match &plan.list {
            None if plan.zero_reports.is_empty() && plan.allow_missing.is_empty() => None,
            None => return Err(WorkspaceError::Collection(vec![CollectionProblem::NoList])),
            Some(path) => {
                let list = collection::read_list(path).map_err(WorkspaceError::Problems)?;
                if imported.agencies.is_empty() {
                    return Err(WorkspaceError::Collection(vec![
                        CollectionProblem::NoAgencyColumn,
                    ]));
                }
                let stored_as = format!("registers/list-{}", file_name(path));
                let record = collection::check(&list, &imported.agencies, plan, &stored_as)
                    .map_err(WorkspaceError::Collection)?;
                Some((path.clone(), record))
            }
        };
        Ok((imported, cases_sha, collection))
    }

    fn write_new(
        tmp: &Path,
        files: &[RegisterFile],
        settings: &ImportSettings,
        name: Option<String>,
        imported: import::Imported,
        cases_sha: Option<String>,
        collection: Option<(PathBuf, CollectionRecord)>,
    ) -> Result<InitReport, WorkspaceError> {
        std::fs::create_dir_all(tmp.join("registers")).map_err(io_err(tmp))?;
        let at = now();
        let ledger_path = tmp.join(LEDGER);
        if let Some((path, record)) = &collection {
            fsio::copy_new(path, &tmp.join(&record.stored_as)).map_err(io_err(path))?;
            let copied = ledger::sha256_hex(
                &std::fs::read(tmp.join(&record.stored_as)).map_err(io_err(tmp))?,
            );
            if copied != record.list_sha256 {
                return Err(WorkspaceError::Io(format!(
                    "{} changed while it was being read",
                    path.display()
                )));
            }
            ledger::append(
                &ledger_path,
                "agency_list",
                &record.stored_as,
                &record.list_sha256,
                &at,
            )
            .map_err(io_err(tmp))?;
        }
        let mut registers = Vec::new();
        for (i, (file, source)) in files.iter().zip(&imported.sources).enumerate() {
            let base = file
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let stored_as = format!("registers/{:02}-{base}", i + 1);
            // The copy must be the bytes that were validated (hashed as they are copied).
            let copied = cases_file::copy_hashed(&file.path, &tmp.join(&stored_as))
                .map_err(io_err(&file.path))?;
            if copied != source.sha256 {
                return Err(WorkspaceError::Io(format!(
                    "{} changed while it was being imported",
                    file.name()
                )));
            }
            ledger::append(&ledger_path, "register", &stored_as, &source.sha256, &at)
                .map_err(io_err(tmp))?;
            registers.push(StoredRegister {
                file: source.file.clone(),
                stored_as,
                agency: file.agency.clone(),
                sha256: source.sha256.clone(),
                bytes: source.bytes,
                encoding: source.encoding,
                delimiter: source.delimiter,
                header_row: file.header_row,
                agency_from_sheet: file.agency_from_sheet,
                rows: source.rows,
                kept: source.kept,
                layouts: source.layouts.clone(),
            });
        }
        let population = &imported.population;
        let mut hasher = sha2::Sha256::default();
        fsio::create_new_with(&tmp.join(POPULATION), &mut |w| {
            let mut result = Ok(());
            population.canonical_text(&mut |chunk| {
                use sha2::Digest;
                hasher.update(chunk);
                if result.is_ok() {
                    result = w.write_all(chunk);
                }
            });
            result
        })
        .map_err(io_err(tmp))?;
        let population_sha256 = {
            use sha2::Digest;
            ticket::hex(&hasher.finalize().into())
        };
        ledger::append(
            &ledger_path,
            "population",
            POPULATION,
            &population_sha256,
            &at,
        )
        .map_err(io_err(tmp))?;
        // Written during the import (import_new); hashed as it stands on disk.
        std::fs::rename(tmp.join(SPOOL), tmp.join(CASES)).map_err(io_err(tmp))?;
        let cases_sha = match cases_sha {
            Some(sha) => sha,
            None => cases_file::sha256_file(&tmp.join(CASES)).map_err(io_err(tmp))?,
        };
        ledger::append(&ledger_path, "cases", CASES, &cases_sha, &at).map_err(io_err(tmp))?;
        let campaign = Campaign {
            kind: "anjuan-campaign".into(),
            tool_version: crate::TOOL_VERSION.into(),
            created_at: at.clone(),
            name,
            settings: settings.clone(),
            registers,
            collection: collection.map(|(_, r)| r),
            population: PopulationSummary {
                sha256: population_sha256,
                size: population.len(),
                stratum_fields: settings
                    .columns
                    .stratum_fields()
                    .iter()
                    .map(|f| f.label())
                    .collect(),
                strata: population
                    .strata()
                    .into_iter()
                    .map(|(stratum, size)| StratumSize { stratum, size })
                    .collect(),
            },
        };
        let bytes = pretty(&campaign);
        fsio::create_new(&tmp.join(CAMPAIGN), &bytes).map_err(io_err(tmp))?;
        ledger::append(
            &ledger_path,
            "campaign",
            CAMPAIGN,
            &ledger::sha256_hex(&bytes),
            &at,
        )
        .map_err(io_err(tmp))?;
        Ok(InitReport { campaign })
    }

    pub fn campaign(&self) -> Result<(Campaign, String), WorkspaceError> {
        read_json(&self.dir.join(CAMPAIGN))
    }

    pub fn commitments(&self) -> Result<Vec<(u32, String)>, WorkspaceError> {
        numbered(&self.dir, "commitments")
    }

    pub fn draws(&self) -> Result<Vec<(u32, String)>, WorkspaceError> {
        numbered(&self.dir, "draws")
    }

    pub fn read_commitment(&self, file: &str) -> Result<(Commitment, String), WorkspaceError> {
        read_json(&self.dir.join(file))
    }

    pub fn read_draw(&self, file: &str) -> Result<(DrawRecord, String), WorkspaceError> {
        read_json(&self.dir.join(file))
    }

    /// Check the ledger and that a record file is the one the ledger names.
    pub(crate) fn check_recorded(&self, file: &str, sha256: &str) -> Result<(), WorkspaceError> {
        let (entries, errors) = ledger::read(&self.dir.join(LEDGER));
        if !errors.is_empty() {
            return Err(WorkspaceError::Damaged(errors.join("; ")));
        }
        match entries.iter().rev().find(|e| e.file == file) {
            Some(e) if e.sha256 == sha256 => Ok(()),
            Some(e) => Err(WorkspaceError::Damaged(format!(
                "{file}: SHA-256 {sha256}, ledger says {}",
                e.sha256
            ))),
            None => Err(WorkspaceError::Damaged(format!(
                "{file} is not in the ledger"
            ))),
        }
    }

    /// Write the pre-seed commitment. A later commitment supersedes earlier ones (all stay).
    pub fn commit(
        &self,
        method: Method,
        alternates: u64,
        targeted: Option<TargetedSet>,
    ) -> Result<(Commitment, String, String), WorkspaceError> {
        let (campaign, campaign_sha) = self.campaign()?;
        if let Some(t) = &targeted {
            check_targeted(t)?;
        }
        self.check_recorded(CAMPAIGN, &campaign_sha)?;
        let strata = campaign.population.strata_sizes();
        let allocation = allocation::allocate(&strata, &method, alternates)
            .map_err(WorkspaceError::Allocation)?;
        let existing = self.commitments()?;
        let previous = match existing.last() {
            Some((number, file)) => {
                let (_, sha256) = self.read_commitment(file)?;
                Some(RecordRef {
                    number: *number,
                    file: file.clone(),
                    sha256,
                })
            }
            None => None,
        };
        let number = existing.last().map_or(1, |(n, _)| n + 1);
        let commitment = Commitment {
            kind: "anjuan-commitment".into(),
            number,
            algorithm: ALGORITHM.into(),
            tool_version: crate::TOOL_VERSION.into(),
            created_at: now(),
            campaign_sha256: campaign_sha,
            population_sha256: campaign.population.sha256.clone(),
            population_size: campaign.population.size,
            source_sha256: campaign
                .registers
                .iter()
                .map(|r| r.sha256.clone())
                .collect(),
            stratum_fields: campaign.population.stratum_fields.clone(),
            filter: campaign.settings.filter.clone(),
            method,
            alternates,
            allocation,
            previous,
            targeted,
        };
        let (file, sha) = self.write_record(
            "commitments",
            number,
            "commit",
            &commitment,
            &commitment.created_at,
        )?;
        Ok((commitment, sha, file))
    }

    /// Load the frozen population with tickets for `seed`, checking it is the frozen one.
    pub fn population(
        &self,
        seed: Option<&str>,
        expected_sha256: &str,
    ) -> Result<Population, WorkspaceError> {
        let path = self.dir.join(POPULATION);
        let raw = safe_path::read(&path).map_err(io_err(&path))?;
        // Converted line endings are restored; any other change is refused.
        let recovered = endings::recover(&raw, expected_sha256);
        let text = match &recovered {
            endings::Recovered::Altered { found } => {
                return Err(WorkspaceError::Damaged(format!(
                    "population.tsv SHA-256 {found} differs from the frozen {expected_sha256}"
                )))
            }
            r => r.bytes().unwrap_or_default(),
        };
        let text = std::str::from_utf8(text)
            .map_err(|e| WorkspaceError::Damaged(format!("population.tsv: {e}")))?;
        let mut builder = PopulationBuilder::new(seed);
        for (i, line) in text.lines().enumerate() {
            let mut parts = line.split('\t');
            let id = parts.next().unwrap_or_default();
            let fields: Vec<&str> = parts.collect();
            let s = builder.stratum(&fields);
            builder
                .push(id, s, i as u32)
                .map_err(|e| WorkspaceError::Damaged(e.to_string()))?;
        }
        let (population, duplicates) = builder.finish();
        if !duplicates.is_empty() {
            return Err(WorkspaceError::Damaged(
                "population.tsv has duplicate ids".into(),
            ));
        }
        Ok(population)
    }

    /// The draw, after the commitment, in front of witnesses.
    #[allow(clippy::too_many_arguments)]
    pub fn draw(
        &self,
        seed: &str,
        seed_parts: Vec<SeedPart>,
        witnesses: Vec<Witness>,
        supersede: Option<String>,
        place: Option<String>,
        organiser: Option<String>,
    ) -> Result<(DrawRecord, String, String), WorkspaceError> {
        crate::draw::seed::check_seed(seed).map_err(WorkspaceError::Seed)?;
        let (commit_no, commit_file) = self
            .commitments()?
            .last()
            .cloned()
            .ok_or(WorkspaceError::NoCommitment)?;
        let (commitment, commit_sha) = self.read_commitment(&commit_file)?;
        self.check_recorded(&commit_file, &commit_sha)?;
        let draws = self.draws()?;
        let supersedes = match (draws.last(), supersede) {
            (Some((n, _)), None) => return Err(WorkspaceError::AlreadyDrawn { number: *n }),
            (None, Some(_)) => return Err(WorkspaceError::NothingToSupersede),
            (None, None) => None,
            (Some((n, file)), Some(reason)) => {
                let (_, sha256) = self.read_draw(file)?;
                Some(Supersedes {
                    number: *n,
                    file: file.clone(),
                    sha256,
                    reason,
                })
            }
        };
        let population = self.population(Some(seed), &commitment.population_sha256)?;
        let selected = selection(
            &population,
            &commitment.allocation,
            commitment.targeted.as_ref(),
        )?;
        let number = draws.last().map_or(1, |(n, _)| n + 1);
        let record = DrawRecord {
            kind: "anjuan-draw".into(),
            number,
            algorithm: ALGORITHM.into(),
            tool_version: crate::TOOL_VERSION.into(),
            drawn_at: now(),
            place,
            organiser,
            commitment: RecordRef {
                number: commit_no,
                file: commit_file,
                sha256: commit_sha,
            },
            campaign_sha256: commitment.campaign_sha256.clone(),
            population_sha256: commitment.population_sha256.clone(),
            source_sha256: commitment.source_sha256.clone(),
            stratum_fields: commitment.stratum_fields.clone(),
            method: commitment.method.clone(),
            alternates: commitment.alternates,
            allocation: commitment.allocation.clone(),
            seed: seed.to_string(),
            seed_sha256: ticket::h(seed.as_bytes()),
            seed_parts,
            witnesses,
            supersedes,
            selected,
        };
        let (file, sha) = self.write_record("draws", number, "draw", &record, &record.drawn_at)?;
        // The drawn cases' details for every later command (drawn.rs). The draw stands if this
        // cannot be written (its file and ledger line are then both left out): later commands
        // read the same lines from cases.jsonl, only more slowly, and verify says which it is.
        let _ = self.write_drawn(number, &record.selected, &record.drawn_at);
        Ok((record, sha, file))
    }

    /// Write record `sub/NNNN.json` (never over an existing one) and enter it in the ledger.
    /// Every numbered record in `sub`, oldest first, each checked against the ledger.
    pub(crate) fn recorded<T: serde::de::DeserializeOwned>(
        &self,
        sub: &str,
    ) -> Result<Vec<(T, RecordRef)>, WorkspaceError> {
        let mut out = Vec::new();
        for (number, file) in numbered(&self.dir, sub)? {
            let (record, sha256) = read_json::<T>(&self.dir.join(&file))?;
            self.check_recorded(&file, &sha256)?;
            out.push((
                record,
                RecordRef {
                    number,
                    file,
                    sha256,
                },
            ));
        }
        Ok(out)
    }

    pub(crate) fn write_record<T: serde::Serialize>(
        &self,
        sub: &str,
        number: u32,
        event: &str,
        value: &T,
        at: &str,
    ) -> Result<(String, String), WorkspaceError> {
        let file = format!("{sub}/{number:04}.json");
        let sha = self.write_recorded(sub, &file, event, &pretty(value), at)?;
        Ok((file, sha))
    }

    /// Write the new file `file` (inside folder `sub`) and enter it in the ledger as `event`;
    /// on any failure nothing of it is kept. Returns its SHA-256.
    pub(crate) fn write_recorded(
        &self,
        sub: &str,
        file: &str,
        event: &str,
        bytes: &[u8],
        at: &str,
    ) -> Result<String, WorkspaceError> {
        let sha = ledger::sha256_hex(bytes);
        let path = self.dir.join(file);
        let folder = self.dir.join(sub);
        let new_folder = !folder.exists();
        // A folder made for a record that then could not be written goes again.
        let undo_folder = || {
            if new_folder {
                let _ = std::fs::remove_dir(&folder);
            }
        };
        std::fs::create_dir_all(&folder).map_err(io_err(&folder))?;
        if let Err(e) = fsio::create_new(&path, bytes) {
            undo_folder();
            return Err(io_err(&path)(e));
        }
        let ledger_path = self.dir.join(LEDGER);
        if let Err(e) = ledger::append(&ledger_path, event, file, &sha, at) {
            // Not in the ledger, so not a record: take it back rather than leave a file that
            // verify would call "added afterwards". Nobody was told it exists.
            let _ = std::fs::remove_file(&path);
            let _ = fsio::sync_dir(&folder);
            undo_folder();
            return Err(io_err(&ledger_path)(e));
        }
        Ok(sha)
    }
}

/// What a commitment draws for a seed: per stratum the random sample and its alternates
/// (spec §4), then the targeted files of its targeted set, if any. The random part never
/// depends on the targeted set.
pub fn selection(
    population: &Population,
    allocation: &[allocation::Allocation],
    targeted: Option<&TargetedSet>,
) -> Result<Vec<crate::register::population::Selected>, WorkspaceError> {
    let mut selected = population.select(allocation);
    if let Some(t) = targeted {
        let extra = population
            .select_targeted(&t.candidates, &selected, t.max)
            .map_err(|id| {
                WorkspaceError::Damaged(format!(
                    "the targeted set names {id}, which is not a case of the frozen population"
                ))
            })?;
        selected.extend(extra);
    }
    Ok(selected)
}

/// A targeted set as a commitment may hold it: ids unique and in UTF-8 byte order, and its
/// digest theirs.
pub fn check_targeted(t: &TargetedSet) -> Result<(), WorkspaceError> {
    if !t
        .candidates
        .windows(2)
        .all(|w| w[0].as_bytes() < w[1].as_bytes())
    {
        return Err(WorkspaceError::Damaged(
            "the targeted set's ids are not unique and in byte order".into(),
        ));
    }
    if TargetedSet::digest_of(&t.candidates) != t.candidates_sha256 {
        return Err(WorkspaceError::Damaged(
            "the targeted set's digest is not that of its ids".into(),
        ));
    }
    Ok(())
}

/// `NAME/UNIT` (the unit may be omitted).
pub fn parse_witness(text: &str) -> Result<Witness, WorkspaceError> {
    let (name, unit) = text.split_once('/').unwrap_or((text, ""));
    let name = name.trim();
    if name.is_empty() {
        return Err(WorkspaceError::BadWitness(text.to_string()));
    }
    Ok(Witness {
        name: name.to_string(),
        unit: unit.trim().to_string(),
    })
}

/// The last component of a path, for naming its copy.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod fault_tests {
    use super::*;
    use fsio::faulty;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    /// The record fits on the disk but its ledger entry does not: the record is taken back, so
    /// there is never a record the ledger does not name (verify would call it added afterwards).
    #[test]
    fn a_record_whose_ledger_entry_the_disk_refuses_is_taken_back() {
        faulty::run(
            "workspace::fault_tests::a_record_whose_ledger_entry_the_disk_refuses_is_taken_back",
            |dir| {
                let ledger_path = dir.join(LEDGER);
                ledger::append(&ledger_path, "x", CAMPAIGN, "ab", "t").unwrap();
                let one = std::fs::metadata(&ledger_path).unwrap().len();
                ledger::append(&ledger_path, "x", CAMPAIGN, "ab", "t").unwrap();
                let two = std::fs::metadata(&ledger_path).unwrap().len();
                // A third entry whose event name pads the ledger to 4095 bytes: its last page
                // has one byte left, so the next entry needs a page of its own.
                let pad = 4095 - two - (two - one - 1);
                ledger::append(&ledger_path, &"x".repeat(pad as usize), CAMPAIGN, "ab", "t")
                    .unwrap();
                assert_eq!(std::fs::metadata(&ledger_path).unwrap().len(), 4095);
                faulty::fill(dir);
                // One page free: enough for the record, not for the ledger's next page.
                let filler = std::fs::OpenOptions::new()
                    .write(true)
                    .open(dir.join(".filler"))
                    .unwrap();
                let len = filler.metadata().unwrap().len();
                filler.set_len(len - 4096).unwrap();
                drop(filler);
                let before = std::fs::read(&ledger_path).unwrap();
                let ws = Workspace {
                    dir: dir.to_path_buf(),
                };
                let record = serde_json::json!({ "kind": "anjuan-commitment", "number": 1 });
                let e = ws
                    .write_record("commitments", 1, "commit", &record, "t")
                    .unwrap_err();
                assert!(
                    matches!(
                        e,
                        WorkspaceError::Storage {
                            fault: fsio::Fault::Full,
                            ..
                        }
                    ),
                    "{e:?}"
                );
                let shown = e.render(Lang::En);
                assert!(shown.contains("the disk is full"), "{shown}");
                assert!(shown.contains(LEDGER), "{shown}");
                assert!(
                    !dir.join("commitments").exists(),
                    "{:?}",
                    names(&dir.join("commitments"))
                );
                assert!(std::fs::read(&ledger_path).unwrap() == before);
                // With room again, the same record goes in, named by the ledger.
                std::fs::remove_file(dir.join(".filler")).unwrap();
                let (file, sha) = ws
                    .write_record("commitments", 1, "commit", &record, "t")
                    .unwrap();
                ws.check_recorded(&file, &sha)
                    .unwrap_or_else(|e| panic!("{e:?}"));
            },
        );
    }

    /// A read-only workspace: nothing is written, and the message says so and what to do.
    #[test]
    fn a_record_in_a_read_only_workspace_is_refused_with_a_clear_message() {
        faulty::run(
            "workspace::fault_tests::a_record_in_a_read_only_workspace_is_refused_with_a_clear_message",
            |dir| {
                ledger::append(&dir.join(LEDGER), "x", CAMPAIGN, "ab", "t").unwrap();
                faulty::read_only(dir);
                let ws = Workspace {
                    dir: dir.to_path_buf(),
                };
                let e = ws
                    .write_record("draws", 1, "draw", &serde_json::json!({}), "t")
                    .unwrap_err();
                let (zh, en) = (e.render(Lang::Zh), e.render(Lang::En));
                assert!(en.contains("read-only") && en.contains("writable"), "{en}");
                assert!(zh.contains("只读") && zh.contains("没有保存"), "{zh}");
                assert_eq!(names(dir), vec![LEDGER.to_string()]);
            },
        );
    }
}
