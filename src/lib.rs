//! anjuan (案卷): a witnessed, reproducible random sample of administrative-enforcement case files.
//!
//! Stages, each depending only on those before it: `register` (import, validate, freeze),
//! `draw` (the published algorithm), `workspace` (the campaign folder and its records),
//! `checklist` (review standards), `review` (scores, journal), `export` (sheets and letters),
//! `rectification` (整改), `publication` (the 通报 and what is published), `ballots` (the
//! 民主评议 ballots: setup, count, tally).
#![forbid(unsafe_code)]

pub mod ballots;
pub mod chars;
pub mod checklist;
pub mod cli;
pub mod draw;
pub mod export;
#[doc(hidden)]
pub mod fuzzing;
pub mod i18n;
pub mod panel;
pub mod publication;
pub mod rectification;
pub mod register;
pub mod review;
pub mod risk;
pub mod team;
pub mod template;
pub mod tui;
pub mod workspace;

pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");
