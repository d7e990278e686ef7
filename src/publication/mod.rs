//! Stage 7: what is published and reported — the campaign's results as they leave the office.
//! The 评查情况通报（草稿）for the office to edit and issue (`report`, with its charts in
//! `report_charts`).
//!
//! Every number printed here comes from `export::figures::Figures`, so each place that
//! publishes the results shows the same figures as the 评查情况汇总表. Floors: this stage uses
//! `export`, `rectification`, `review` and `workspace`; none of them uses it, and only `cli`
//! drives it.

pub mod report;
pub mod report_charts;
