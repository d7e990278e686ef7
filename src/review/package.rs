//! A reviewer package's own description, `package.json`: whose package it is and which drawn
//! files it holds. A folder with this file is a reviewer's copy of the workspace (made by
//! `team::package`); its journal starts from the package's digest instead of `GENESIS`, and
//! every event in it must be signed by the reviewer's key.

use super::assignment::Person;
use crate::workspace::records::RecordRef;
use serde::{Deserialize, Serialize};

pub const PACKAGE: &str = "package.json";
pub const FORMAT: &str = "anjuan-package-v1";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackageManifest {
    pub format: String,
    pub created_at: String,
    /// The lead's workspace the package was made from: its campaign record, journal head and
    /// the assignment in force.
    pub campaign_sha256: String,
    pub lead_journal_head: String,
    pub assignment: RecordRef,
    pub reviewer: Person,
    /// The reviewer's registered public keys (hex): events signed by any other are refused.
    pub keys: Vec<String>,
    /// Case ids of the files in the package, in listing order.
    pub files: Vec<String>,
}
