//! Stage 2b: the 民主评议 panel drawn from a population of regulated entities (`init
//! --population entities`). The draw is the ordinary one; this stage owns what follows it: an
//! invited representative who cannot come is replaced by the next alternate of the same stratum
//! in rank order, the replacement recorded with its reason (`replacement`), and the panel as it
//! stands — the drawn representatives less the replaced, plus their replacements — which the
//! invitation list (邀请名单) prints and `verify` re-derives (`verify`).
//!
//! Floors: reads `workspace` and `register`; `export` prints from it and `cli` drives it.

pub mod replacement;
pub mod verify;

use crate::register::population::{Role, Selected};
use crate::workspace::records::{DrawRecord, RecordRef};
use crate::workspace::{Workspace, WorkspaceError};
use replacement::Replacement;

/// One seat of the panel: the drawn row now holding it, and, for a replacement, whom it
/// replaced and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seat {
    pub selected: Selected,
    /// (replaced id, reason) for each representative this seat had before, in order: empty for
    /// a seat its drawn representative still holds.
    pub replaced: Vec<(String, String)>,
}

/// The panel of the latest draw as its replacements leave it.
#[derive(Clone, Debug)]
pub struct Panel {
    pub draw_ref: RecordRef,
    pub draw: DrawRecord,
    pub replacements: Vec<(String, Replacement)>,
    /// The seats, by stratum and the rank of the representative first drawn for them.
    pub seats: Vec<Seat>,
}

impl Panel {
    /// The panel of the workspace's latest draw.
    pub fn open(ws: &Workspace) -> Result<Option<Panel>, WorkspaceError> {
        let Some((number, file)) = ws.draws()?.last().cloned() else {
            return Ok(None);
        };
        let (draw, sha256) = ws.read_draw(&file)?;
        ws.check_recorded(&file, &sha256)?;
        let draw_ref = RecordRef {
            number,
            file,
            sha256,
        };
        let replacements = replacement::of_draw(ws, &draw_ref)?;
        let seats = seats(&draw, replacements.iter().map(|(_, r)| r));
        Ok(Some(Panel {
            draw_ref,
            draw,
            replacements,
            seats,
        }))
    }
}

/// Seats from a draw and its replacements in the order they were made: each replacement puts
/// its alternate in the seat of the member it replaces.
pub fn seats<'a>(
    draw: &DrawRecord,
    replacements: impl Iterator<Item = &'a Replacement>,
) -> Vec<Seat> {
    let mut seats: Vec<Seat> = draw
        .selected
        .iter()
        .filter(|s| s.role == Role::Sample)
        .map(|s| Seat {
            selected: s.clone(),
            replaced: Vec::new(),
        })
        .collect();
    for r in replacements {
        let alternate = draw
            .selected
            .iter()
            .find(|s| s.role == Role::Alternate && s.case_id == r.replacement);
        if let (Some(seat), Some(alt)) = (
            seats.iter_mut().find(|s| s.selected.case_id == r.replaced),
            alternate,
        ) {
            seat.selected = alt.clone();
            seat.replaced.push((r.replaced.clone(), r.reason.clone()));
        }
    }
    seats
}
