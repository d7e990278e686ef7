//! Stage 2: the draw (`anjuan-draw-v1`, see the spec): seeds, tickets, allocation.

pub mod allocation;
pub mod seed;
pub mod ticket;

/// The name of the published method every record carries.
pub const ALGORITHM: &str = "anjuan-draw-v1";
