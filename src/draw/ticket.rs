//! Tickets of `anjuan-draw-v1` (spec §2): Rivest's consistent-sampling ticket `U(H(seed) ‖ id)`.
//!
//! Owns the exact ticket text and a fast, exact ordering key. Ordering is by the ticket *string*;
//! the key here is only a shortcut that agrees with string order and falls back to the full text
//! on a tie, so no float and no approximation ever decides an order.

use sha2::{Digest, Sha256};
use std::cmp::Ordering;

/// Lowercase hex SHA-256 of the UTF-8 bytes of `s` (spec `H`).
pub fn h(s: &[u8]) -> String {
    hex(&Sha256::digest(s).into())
}

pub fn hex(bytes: &[u8; 32]) -> String {
    hex_bytes(bytes)
}

/// Decode exactly `out.len() * 2` hex digits (either case) into `out`; false if they are not.
pub fn unhex(text: &str, out: &mut [u8]) -> bool {
    let digits = text.as_bytes();
    if digits.len() != out.len() * 2 {
        return false;
    }
    let value = |d: u8| match d {
        b'0'..=b'9' => Some(d - b'0'),
        b'a'..=b'f' => Some(d - b'a' + 10),
        b'A'..=b'F' => Some(d - b'A' + 10),
        _ => None,
    };
    for (o, pair) in out.iter_mut().zip(digits.chunks_exact(2)) {
        match (value(pair[0]), value(pair[1])) {
            (Some(h), Some(l)) => *o = h << 4 | l,
            _ => return false,
        }
    }
    true
}

/// Lowercase hex of any bytes.
pub fn hex_bytes(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(64);
    for b in bytes {
        out.push(DIGITS[(b >> 4) as usize] as char);
        out.push(DIGITS[(b & 15) as usize] as char);
    }
    out
}

/// Spec `U`: the hash read as a big-endian integer, in decimal, left-padded to 64 digits,
/// reversed, prefixed with `0.`.
pub fn uniform_from_digest(digest: &[u8; 32]) -> String {
    let mut limbs = limbs_of(digest);
    // Repeated division by 10^19 yields decimal digits least significant first, which is
    // exactly the order the reversed string wants.
    let mut digits: Vec<u8> = Vec::with_capacity(80);
    while limbs.iter().any(|&l| l != 0) {
        let mut rem: u128 = 0;
        for limb in limbs.iter_mut() {
            let cur = (rem << 64) | (*limb as u128);
            *limb = (cur / 10_000_000_000_000_000_000u128) as u64;
            rem = cur % 10_000_000_000_000_000_000u128;
        }
        let mut chunk = rem as u64;
        for _ in 0..19 {
            digits.push(b'0' + (chunk % 10) as u8);
            chunk /= 10;
        }
    }
    // Drop the high zeros the last chunk added, then pad to at least 64 digits.
    while digits.last() == Some(&b'0') {
        digits.pop();
    }
    while digits.len() < 64 {
        digits.push(b'0');
    }
    let mut out = String::with_capacity(2 + digits.len());
    out.push_str("0.");
    out.extend(digits.iter().map(|&d| d as char));
    out
}

/// Spec `U(s)` for a text.
pub fn uniform(s: &[u8]) -> String {
    uniform_from_digest(&Sha256::digest(s).into())
}

fn limbs_of(digest: &[u8; 32]) -> [u64; 4] {
    let mut limbs = [0u64; 4];
    for (i, limb) in limbs.iter_mut().enumerate() {
        let mut b = [0u8; 8];
        b.copy_from_slice(&digest[i * 8..i * 8 + 8]);
        *limb = u64::from_be_bytes(b);
    }
    limbs
}

/// The first 9 digits of `U` after `0.` as an integer: the low 9 decimal digits of the digest's
/// value, reversed. Comparing these numbers equals comparing the first 9 characters of the
/// tickets (every ticket has at least 64 digits); equal keys are settled on the full ticket.
pub fn order_key(digest: &[u8; 32]) -> u64 {
    // x mod 10^9 over 32-bit limbs: a constant divisor compiles to multiplications.
    let mut rem: u64 = 0;
    for chunk in digest.chunks_exact(4) {
        let limb = u32::from_be_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]) as u64;
        rem = ((rem << 32) | limb) % 1_000_000_000;
    }
    reverse9(rem)
}

fn reverse9(mut v: u64) -> u64 {
    let mut r = 0;
    for _ in 0..9 {
        r = r * 10 + v % 10;
        v /= 10;
    }
    r
}

/// A seed's precomputed hashing state: `H(seed)` is exactly one SHA-256 block, so every ticket
/// costs only the compression of the id's bytes.
#[derive(Clone)]
pub struct TicketHasher {
    after_seed: Sha256,
    seed_hash: String,
}

impl TicketHasher {
    pub fn new(seed: &str) -> Self {
        let seed_hash = h(seed.as_bytes());
        let mut after_seed = Sha256::new();
        after_seed.update(seed_hash.as_bytes());
        TicketHasher {
            after_seed,
            seed_hash,
        }
    }

    pub fn seed_hash(&self) -> &str {
        &self.seed_hash
    }

    pub fn digest(&self, id: &[u8]) -> [u8; 32] {
        let mut hasher = self.after_seed.clone();
        hasher.update(id);
        hasher.finalize().into()
    }

    /// The full ticket text `T(id)`.
    pub fn ticket(&self, id: &str) -> String {
        uniform_from_digest(&self.digest(id.as_bytes()))
    }
}

/// A case's place in the draw order: ordered by ticket string, then by id bytes (spec §2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ticketed {
    pub key: u64,
    pub digest: [u8; 32],
    pub id: String,
}

impl Ord for Ticketed {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key
            .cmp(&other.key)
            .then_with(|| {
                if self.digest == other.digest {
                    Ordering::Equal
                } else {
                    uniform_from_digest(&self.digest).cmp(&uniform_from_digest(&other.digest))
                }
            })
            .then_with(|| self.id.as_bytes().cmp(other.id.as_bytes()))
    }
}

impl PartialOrd for Ticketed {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Display form (spec §2): the leading run of `9`s after `0.` plus 18 digits, truncated.
pub fn display(ticket: &str) -> &str {
    let digits = ticket.strip_prefix("0.").unwrap_or(ticket);
    let nines = digits.bytes().take_while(|&b| b == b'9').count();
    let end = (2 + nines + 18).min(ticket.len());
    &ticket[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_reference_values() {
        assert_eq!(
            uniform(b"abc"),
            "0.56998071861792858926477341561059638840106636224182943832566300809078486324348"
        );
        assert_eq!(
            TicketHasher::new("01382438112797316654").ticket("AB-130"),
            "0.26299714122838008416507544297546663599715395525154425586041245287750224561854"
        );
        assert_eq!(
            TicketHasher::new("08772473296991897540").ticket("AG02/2024-0005"),
            "0.65830716624972680364434883395206408646294062195256531494281133475946280419908"
        );
        assert_eq!(
            h(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn seed_hash_is_one_block_and_matches_concatenation() {
        let t = TicketHasher::new("08772473296991897540");
        assert_eq!(
            t.seed_hash(),
            "f71b9bc9badde68bd985c373ae87cf64f026b717b10c84ba5cb35d2ed4f76744"
        );
        let direct = uniform(format!("{}{}", t.seed_hash(), "攸市监罚〔2024〕1号").as_bytes());
        assert_eq!(t.ticket("攸市监罚〔2024〕1号"), direct);
    }

    #[test]
    fn order_key_agrees_with_the_first_9_digits() {
        let t = TicketHasher::new("12345678901234567890");
        for i in 0..2000 {
            let id = format!("id-{i}");
            let d = t.digest(id.as_bytes());
            let ticket = uniform_from_digest(&d);
            let expect: u64 = ticket[2..11].parse().unwrap();
            assert_eq!(order_key(&d), expect, "{id}");
        }
    }

    #[test]
    fn small_values_are_padded_to_64_digits() {
        let mut d = [0u8; 32];
        d[31] = 12;
        let u = uniform_from_digest(&d);
        assert_eq!(u.len(), 66);
        assert!(u.starts_with("0.21000"));
        assert_eq!(
            uniform_from_digest(&[0u8; 32]),
            format!("0.{}", "0".repeat(64))
        );
        assert_eq!(order_key(&d), 210_000_000);
    }

    #[test]
    fn display_truncates_after_leading_nines() {
        assert_eq!(display("0.123456789012345678901"), "0.123456789012345678");
        assert_eq!(
            display("0.99123456789012345678901"),
            "0.99123456789012345678"
        );
        assert_eq!(display("0.12"), "0.12");
    }
}
