//! Stage 6: what is published and reported — the campaign's record and results as they leave
//! the office. The public record page (`anjuan publish`, `page`): one self-contained HTML file
//! that recomputes the draw in the visitor's browser, `page_data` deciding what it may show and
//! nothing else; and the 评查情况通报（草稿）for the office to edit and issue (`report`, with
//! its charts in `report_charts`).
//!
//! Every result number printed here comes from `export::figures::Figures`, so each place that
//! publishes the results shows the same figures as the 评查情况汇总表. Floors: this stage uses
//! `export`, `rectification`, `review` and `workspace`; none of them uses it, and only `cli`
//! drives it. It writes only into the folder it is given.

pub mod page;
pub mod page_data;
pub mod report;
pub mod report_charts;
