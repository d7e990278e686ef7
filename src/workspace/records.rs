//! The records a campaign workspace holds, as written to disk. Field names are part of the
//! published format: third parties read these files.

use crate::draw::allocation::{Allocation, Method, StratumKey};
use crate::draw::seed::SeedPart;
use crate::register::collection::CollectionRecord;
use crate::register::encoding::TextEncoding;
use crate::register::filter::Filter;
use crate::register::import::ImportSettings;
use crate::register::layout::{Delimiter, Layout};
use crate::register::population::Selected;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredRegister {
    /// The file as the user named it.
    pub file: String,
    /// Its byte-identical copy inside the workspace.
    pub stored_as: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
    pub sha256: String,
    pub bytes: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<TextEncoding>,
    /// The delimiter of a text file, as given or detected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<Delimiter>,
    /// `--header-row` for this file, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_row: Option<u64>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub agency_from_sheet: bool,
    pub rows: u64,
    pub kept: u64,
    /// Each sheet's layout: header rows, combined header names, rows that are not cases and
    /// why, hidden rows, merged ranges. Part of what is frozen and read out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub layouts: Vec<Layout>,
}

impl StoredRegister {
    /// Every sheet's layout, line by line, as `init` and `demo` print it (`Layout::describe`).
    pub fn layout_lines(&self, lang: crate::i18n::Lang) -> Vec<String> {
        self.layouts
            .iter()
            .flat_map(|l| l.describe(lang, true))
            .collect()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StratumSize {
    pub stratum: StratumKey,
    pub size: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PopulationSummary {
    pub sha256: String,
    pub size: u64,
    pub stratum_fields: Vec<String>,
    pub strata: Vec<StratumSize>,
}

impl PopulationSummary {
    /// The strata with their sizes, as the allocation takes them.
    pub fn strata_sizes(&self) -> Vec<(StratumKey, u64)> {
        self.strata
            .iter()
            .map(|s| (s.stratum.clone(), s.size))
            .collect()
    }
}

/// `campaign.json`: what was imported and frozen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Campaign {
    pub kind: String,
    pub tool_version: String,
    pub created_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub settings: ImportSettings,
    pub registers: Vec<StoredRegister>,
    /// The collection round against the office's list of agencies (`init --agencies`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collection: Option<CollectionRecord>,
    pub population: PopulationSummary,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordRef {
    pub number: u32,
    pub file: String,
    pub sha256: String,
}

/// `commitments/NNNN.json`: everything fixed before the seed exists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    pub kind: String,
    pub number: u32,
    pub algorithm: String,
    pub tool_version: String,
    pub created_at: String,
    pub campaign_sha256: String,
    pub population_sha256: String,
    pub population_size: u64,
    pub source_sha256: Vec<String>,
    pub stratum_fields: Vec<String>,
    pub filter: Filter,
    pub method: Method,
    pub alternates: u64,
    pub allocation: Vec<Allocation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<RecordRef>,
    /// 重点抽查: the flagged cases fixed before the seed (`commit --targeted`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub targeted: Option<TargetedSet>,
}

/// The targeted set of a commitment: which indicators of which recorded risk scan, and the
/// cases they flagged, fixed before the seed. The draw adds those not in the random sample, in
/// ticket order (all, or the first `max`), as role `targeted`; the random sample is drawn
/// exactly as without them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetedSet {
    /// Indicator keys (`top_fine`, `overdue`, …), in the order given.
    pub indicators: Vec<String>,
    /// The recorded scan (`risk/NNNN.json`) the cases come from.
    pub scan: RecordRef,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u64>,
    /// SHA-256 of the candidate ids, each followed by LF, in UTF-8 byte order.
    pub candidates_sha256: String,
    /// The flagged case ids, in UTF-8 byte order.
    pub candidates: Vec<String>,
}

impl TargetedSet {
    /// SHA-256 of ids each followed by LF (the order given).
    pub fn digest_of(ids: &[String]) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        for id in ids {
            h.update(id.as_bytes());
            h.update(b"\n");
        }
        crate::draw::ticket::hex(&h.finalize().into())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Witness {
    pub name: String,
    #[serde(default)]
    pub unit: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Supersedes {
    pub number: u32,
    pub file: String,
    pub sha256: String,
    pub reason: String,
}

/// `draws/NNNN.json`: an immutable draw record (spec §5).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DrawRecord {
    pub kind: String,
    pub number: u32,
    pub algorithm: String,
    pub tool_version: String,
    pub drawn_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organiser: Option<String>,
    pub commitment: RecordRef,
    pub campaign_sha256: String,
    pub population_sha256: String,
    pub source_sha256: Vec<String>,
    pub stratum_fields: Vec<String>,
    pub method: Method,
    pub alternates: u64,
    pub allocation: Vec<Allocation>,
    pub seed: String,
    pub seed_sha256: String,
    pub seed_parts: Vec<SeedPart>,
    pub witnesses: Vec<Witness>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supersedes: Option<Supersedes>,
    pub selected: Vec<Selected>,
}
