//! Stage 5: the review team. Who may review (the roster and its signing keys), who reviews what
//! (the pinned random assignment, with 回避 and manual reassignment), reviewer packages for
//! offline work and merging them back, and reconciling double reviews. Builds on `review`; the
//! stages before it never depend on it.

pub mod assign;
pub mod assignment;
pub mod error;
pub mod keys;
pub mod merge;
pub mod package;
pub mod records;
pub mod roster;
pub mod verify;
