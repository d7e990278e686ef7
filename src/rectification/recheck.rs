//! The 回头看 re-check draw: which closed items are checked again on site. It is drawn the way
//! the sample is (`anjuan-draw-v1` tickets, spec §2): first a commitment fixes the eligible items
//! (every closed, not withdrawn item, by id), the share and so the count, and its line digest is
//! read out; then the dice digits form the seed, every eligible id gets the ticket
//! `U(H(seed) ‖ id)`, and the `count` smallest tickets are drawn. Anyone can recompute it from
//! the record with the published ticket definition.

use super::item::{Item, Status};
use crate::draw::ticket::{order_key, TicketHasher, Ticketed};

pub const ALGORITHM: &str = "anjuan-recheck-v1";

/// What may be drawn: closed items that were really closed (销号), not withdrawn, by id.
pub fn eligible(items: &[Item]) -> Vec<String> {
    let mut ids: Vec<String> = items
        .iter()
        .filter(|it| it.status == Status::Closed && !it.withdrawn())
        .map(|it| it.id.clone())
        .collect();
    ids.sort();
    ids
}

/// What a re-check commits to before its seed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Commitment {
    pub percent: u32,
    pub count: u64,
    pub eligible: Vec<String>,
}

impl Commitment {
    /// The commitment of a re-check drawing `percent` of the items eligible now.
    pub fn of(items: &[Item], percent: u32) -> Commitment {
        let eligible = eligible(items);
        Commitment {
            percent,
            count: count(eligible.len(), percent),
            eligible,
        }
    }

    pub fn change(&self) -> super::event::Change {
        super::event::Change::RecheckCommit {
            algorithm: ALGORITHM.into(),
            percent: self.percent,
            count: self.count,
            eligible: self.eligible.clone(),
        }
    }
}

/// How many of `eligible` a share of `percent` draws: rounded up, in integers, at least one
/// when there is any.
pub fn count(eligible: usize, percent: u32) -> u64 {
    let n = eligible as u64;
    (n * u64::from(percent)).div_ceil(100).min(n)
}

/// `20%`, `20` or `0.2` as a whole percent 1–100.
pub fn parse_share(text: &str) -> Option<u32> {
    let t = text.trim();
    let pct = if let Some(p) = t.strip_suffix('%') {
        p.trim().parse::<u32>().ok()?
    } else if let Some(frac) = t.strip_prefix("0.") {
        // Two digits at most, so the share stays a whole percent.
        if frac.is_empty() || frac.len() > 2 || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let v: u32 = frac.parse().ok()?;
        if frac.len() == 1 {
            v * 10
        } else {
            v
        }
    } else {
        t.parse::<u32>().ok()?
    };
    (1..=100).contains(&pct).then_some(pct)
}

/// The drawn ids, in ticket order, with their tickets.
pub fn draw(seed: &str, eligible: &[String], count: u64) -> Vec<(String, String)> {
    let h = TicketHasher::new(seed);
    let mut t: Vec<Ticketed> = eligible
        .iter()
        .map(|id| {
            let digest = h.digest(id.as_bytes());
            Ticketed {
                key: order_key(&digest),
                digest,
                id: id.clone(),
            }
        })
        .collect();
    t.sort();
    t.into_iter()
        .take(count as usize)
        .map(|x| {
            let ticket = crate::draw::ticket::uniform_from_digest(&x.digest);
            (x.id, ticket)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_and_counts() {
        assert_eq!(parse_share("20%"), Some(20));
        assert_eq!(parse_share("0.2"), Some(20));
        assert_eq!(parse_share("0.05"), Some(5));
        assert_eq!(parse_share("100"), Some(100));
        assert_eq!(parse_share("0%"), None);
        assert_eq!(parse_share("120%"), None);
        assert_eq!(parse_share("0.125"), None);
        assert_eq!(count(0, 20), 0);
        assert_eq!(count(1, 20), 1);
        assert_eq!(count(10, 20), 2);
        assert_eq!(count(11, 20), 3);
        assert_eq!(count(7, 100), 7);
    }

    /// Pinned: the same seed and ids give these items on every machine and version.
    #[test]
    fn the_draw_is_pinned() {
        let ids: Vec<String> = (1..=10).map(|i| format!("Z{i:04}")).collect();
        let a = draw("12345678901234567890", &ids, 3);
        let b = draw("12345678901234567890", &ids, 3);
        assert_eq!(a, b);
        assert_eq!(a.len(), 3);
        // Ticket order: each ticket is below the next.
        assert!(a.windows(2).all(|w| w[0].1 < w[1].1));
        // The same as computing each ticket alone (spec §2).
        let h = TicketHasher::new("12345678901234567890");
        let mut all: Vec<(String, String)> =
            ids.iter().map(|id| (h.ticket(id), id.clone())).collect();
        all.sort();
        let want: Vec<String> = all.iter().take(3).map(|(_, id)| id.clone()).collect();
        let got: Vec<String> = a.iter().map(|(id, _)| id.clone()).collect();
        assert_eq!(got, want);
    }
}
