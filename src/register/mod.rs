//! Stage 1: case registers. Reading CSV/XLSX in the encodings agencies send, mapping columns,
//! validating, filtering, and building the population whose digest is frozen before any seed.

pub mod amount;
pub mod collection;
pub mod columns;
pub mod credit_code;
pub mod csv_parse;
pub mod dates;
pub mod delimiter;
pub mod encoding;
pub mod entities;
pub mod filter;
pub mod import;
pub mod layout;
pub mod population;
pub mod problem;
pub mod reader;
pub mod record;
pub mod workbook;
pub mod xls_guard;
pub mod xlsx;
pub mod xlsx_guard;
