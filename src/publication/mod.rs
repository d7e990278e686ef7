//! Stage 6: what is published and reported. `page` writes the public record page of a
//! campaign (`anjuan publish`): one self-contained HTML file that recomputes the draw in the
//! visitor's browser; `page_data` gathers what that page may show, and nothing else.
//!
//! This stage reads the records of the stages below it (workspace, review, export's figures)
//! and writes only into the folder it is given; nothing below depends on it.

pub mod page;
pub mod page_data;
