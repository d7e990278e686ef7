//! The population: every case id with its stratum, held compactly enough for a 10-million-row
//! register. Owns the canonical population text and its digest (spec §5), duplicate detection,
//! and per-stratum selection by ticket (spec §4). It knows nothing of files or columns.

use crate::draw::allocation::{Allocation, StratumKey};
use crate::draw::ticket::{order_key, TicketHasher, Ticketed};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

/// Ids up to this many bytes are stored inline, so sorting rarely leaves the entry array. The
/// head is kept as big-endian words: comparing them as integers is comparing the bytes, without
/// a call to memcmp.
const HEAD: usize = 40;
const WORDS: usize = HEAD / 8;
const NO_TAIL: u32 = u32::MAX;

#[derive(Clone, Copy)]
struct Entry {
    head: [u64; WORDS],
    tail: u32,
    len: u32,
    stratum: u32,
    origin: u32,
    key: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the register is too large: more than 4 GiB of long case ids or 4 billion rows")]
pub struct TooLarge;

pub struct PopulationBuilder {
    index: HashMap<Vec<u8>, u32>,
    strata: Vec<StratumKey>,
    entries: Vec<Entry>,
    tails: Vec<u8>,
    hasher: Option<TicketHasher>,
    joined: Vec<u8>,
    cache: Vec<Option<(Vec<u8>, u32)>>,
}

const CACHE_SLOTS: usize = 128;

fn cache_slot(key: &[u8]) -> usize {
    // FNV-1a over at most the first 16 and last 16 bytes: cheap, and a miss only costs a lookup.
    let mut h: u32 = 0x811c_9dc5;
    let n = key.len();
    for &b in key
        .iter()
        .take(16)
        .chain(key.iter().skip(n.saturating_sub(16).max(16.min(n))))
    {
        h = (h ^ b as u32).wrapping_mul(0x0100_0193);
    }
    (h as usize ^ n) % CACHE_SLOTS
}

/// A point to roll back to when a file must be read again.
#[derive(Clone, Copy)]
pub struct Mark {
    entries: usize,
    tails: usize,
}

/// One id that occurs more than once, with the origins of every occurrence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub id: String,
    pub origins: Vec<u32>,
}

pub struct Population {
    strata: Vec<StratumKey>,
    sizes: Vec<u64>,
    entries: Vec<Entry>,
    tails: Vec<u8>,
    hasher: Option<TicketHasher>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Drawn at random in its stratum (spec §4).
    Sample,
    /// Next in ticket order in its stratum, used only in rank order for a file that cannot be
    /// produced (spec §4).
    Alternate,
    /// 重点抽查: a case a risk scan flagged, added from the set fixed in the commitment, kept
    /// apart from the random sample (never counted in its figures).
    Targeted,
}

impl Role {
    /// Whether a file of this role is to be reviewed (the random sample and the targeted files).
    pub fn reviewed(self) -> bool {
        matches!(self, Role::Sample | Role::Targeted)
    }

    /// The role as sheets and screens name it.
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            Role::Sample => lang.pick("样本", "sample"),
            Role::Alternate => lang.pick("备选", "alternate"),
            Role::Targeted => lang.pick("重点抽查", "targeted"),
        }
    }

    /// How the file came to be drawn: 随机抽取 (sample and alternates) or 重点抽查.
    pub fn method(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            Role::Sample | Role::Alternate => lang.pick("随机抽取", "random"),
            Role::Targeted => lang.pick("重点抽查", "targeted"),
        }
    }

    /// Listing order within a stratum: the sample, the targeted files, the alternates.
    pub fn order(self) -> u8 {
        match self {
            Role::Sample => 0,
            Role::Targeted => 1,
            Role::Alternate => 2,
        }
    }
}

/// One drawn case (spec §4).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Selected {
    pub stratum: StratumKey,
    pub role: Role,
    pub rank: u64,
    pub case_id: String,
    pub ticket: String,
}

impl Selected {
    /// The order sheets and screens list a draw in: by stratum, the sample, then targeted
    /// files, then the alternates, each by rank.
    pub fn listing_key(&self) -> (&StratumKey, u8, u64) {
        (&self.stratum, self.role.order(), self.rank)
    }
}

impl PopulationBuilder {
    /// With a seed, every pushed case also gets its ticket's ordering key.
    pub fn new(seed: Option<&str>) -> Self {
        PopulationBuilder {
            index: HashMap::new(),
            strata: Vec::new(),
            entries: Vec::new(),
            tails: Vec::new(),
            hasher: seed.map(TicketHasher::new),
            joined: Vec::new(),
            cache: vec![None; CACHE_SLOTS],
        }
    }

    /// The index of a stratum, given its (already validated) field values.
    pub fn stratum(&mut self, fields: &[&str]) -> u32 {
        self.joined.clear();
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                self.joined.push(b'\t');
            }
            self.joined.extend_from_slice(f.as_bytes());
        }
        // A small direct-mapped cache in front of the (DoS-resistant, slower) hash map: registers
        // have few strata, so nearly every row hits it.
        let slot = cache_slot(&self.joined);
        if let Some((key, i)) = &self.cache[slot] {
            if *key == self.joined {
                return *i;
            }
        }
        if let Some(&i) = self.index.get(self.joined.as_slice()) {
            self.cache[slot] = Some((self.joined.clone(), i));
            return i;
        }
        let i = self.strata.len() as u32;
        self.strata
            .push(fields.iter().map(|s| s.to_string()).collect());
        self.index.insert(self.joined.clone(), i);
        i
    }

    pub fn push(&mut self, id: &str, stratum: u32, origin: u32) -> Result<(), TooLarge> {
        let bytes = id.as_bytes();
        let mut bytes_head = [0u8; HEAD];
        let n = bytes.len().min(HEAD);
        bytes_head[..n].copy_from_slice(&bytes[..n]);
        let mut head = [0u64; WORDS];
        for (w, chunk) in head.iter_mut().zip(bytes_head.chunks_exact(8)) {
            let mut b = [0u8; 8];
            b.copy_from_slice(chunk);
            *w = u64::from_be_bytes(b);
        }
        let tail = if bytes.len() > HEAD {
            let at = u32::try_from(self.tails.len()).map_err(|_| TooLarge)?;
            self.tails.extend_from_slice(&bytes[HEAD..]);
            at
        } else {
            NO_TAIL
        };
        let key = match &self.hasher {
            Some(h) => order_key(&h.digest(bytes)),
            None => 0,
        };
        let len = u32::try_from(bytes.len()).map_err(|_| TooLarge)?;
        self.entries.push(Entry {
            head,
            tail,
            len,
            stratum,
            origin,
            key,
        });
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn mark(&self) -> Mark {
        Mark {
            entries: self.entries.len(),
            tails: self.tails.len(),
        }
    }

    pub fn rollback(&mut self, mark: Mark) {
        self.entries.truncate(mark.entries);
        self.tails.truncate(mark.tails);
    }

    /// Sort by id, drop strata left empty, and list duplicate ids.
    pub fn finish(self) -> (Population, Vec<Duplicate>) {
        let PopulationBuilder {
            strata,
            mut entries,
            tails,
            hasher,
            ..
        } = self;
        entries.par_sort_unstable_by(|a, b| cmp_ids(a, b, &tails));
        let mut duplicates = Vec::new();
        let mut i = 0;
        while i + 1 < entries.len() {
            if cmp_ids(&entries[i], &entries[i + 1], &tails) == Ordering::Equal {
                let mut j = i + 1;
                while j + 1 < entries.len()
                    && cmp_ids(&entries[i], &entries[j + 1], &tails) == Ordering::Equal
                {
                    j += 1;
                }
                let mut origins: Vec<u32> = entries[i..=j].iter().map(|e| e.origin).collect();
                origins.sort_unstable();
                duplicates.push(Duplicate {
                    id: id_of(&entries[i], &tails),
                    origins,
                });
                i = j + 1;
            } else {
                i += 1;
            }
        }
        let mut counts = vec![0u64; strata.len()];
        for e in &entries {
            counts[e.stratum as usize] += 1;
        }
        // Strata in key order (field by field, UTF-8 bytes); empty ones vanish.
        let mut order: Vec<usize> = (0..strata.len()).filter(|&i| counts[i] > 0).collect();
        order.sort_by(|&a, &b| strata[a].cmp(&strata[b]));
        let mut remap = vec![u32::MAX; strata.len()];
        for (new, &old) in order.iter().enumerate() {
            remap[old] = new as u32;
        }
        entries
            .par_iter_mut()
            .for_each(|e| e.stratum = remap[e.stratum as usize]);
        let sizes = order.iter().map(|&i| counts[i]).collect();
        let strata = order.into_iter().map(|i| strata[i].clone()).collect();
        (
            Population {
                strata,
                sizes,
                entries,
                tails,
                hasher,
            },
            duplicates,
        )
    }
}

fn cmp_ids(a: &Entry, b: &Entry, tails: &[u8]) -> Ordering {
    match a.head.cmp(&b.head) {
        Ordering::Equal if a.tail != NO_TAIL || b.tail != NO_TAIL => {
            tail(a, tails).cmp(tail(b, tails))
        }
        Ordering::Equal => a.len.cmp(&b.len),
        other => other,
    }
}

fn tail<'t>(e: &Entry, tails: &'t [u8]) -> &'t [u8] {
    if e.tail == NO_TAIL {
        &[]
    } else {
        &tails[e.tail as usize..e.tail as usize + (e.len as usize - HEAD)]
    }
}

fn id_bytes(e: &Entry, tails: &[u8], out: &mut Vec<u8>) {
    let n = (e.len as usize).min(HEAD);
    let mut bytes = [0u8; HEAD];
    for (chunk, w) in bytes.chunks_exact_mut(8).zip(e.head) {
        chunk.copy_from_slice(&w.to_be_bytes());
    }
    out.extend_from_slice(&bytes[..n]);
    out.extend_from_slice(tail(e, tails));
}

fn id_of(e: &Entry, tails: &[u8]) -> String {
    let mut v = Vec::with_capacity(e.len as usize);
    id_bytes(e, tails, &mut v);
    String::from_utf8_lossy(&v).into_owned()
}

impl Population {
    pub fn len(&self) -> u64 {
        self.entries.len() as u64
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Strata in key order with their sizes.
    pub fn strata(&self) -> Vec<(StratumKey, u64)> {
        self.strata
            .iter()
            .cloned()
            .zip(self.sizes.iter().copied())
            .collect()
    }

    /// The canonical population text (spec §5), handed on in chunks of about 1 MiB:
    /// one line per case sorted by id, `id TAB field… LF`.
    pub fn canonical_text(&self, sink: &mut dyn FnMut(&[u8])) {
        let suffixes: Vec<Vec<u8>> = self
            .strata
            .iter()
            .map(|k| {
                let mut s = Vec::new();
                for f in k {
                    s.push(b'\t');
                    s.extend_from_slice(f.as_bytes());
                }
                s.push(b'\n');
                s
            })
            .collect();
        let mut buf = Vec::with_capacity(1 << 20);
        for e in &self.entries {
            id_bytes(e, &self.tails, &mut buf);
            buf.extend_from_slice(&suffixes[e.stratum as usize]);
            if buf.len() >= (1 << 20) - 4096 {
                sink(&buf);
                buf.clear();
            }
        }
        if !buf.is_empty() {
            sink(&buf);
        }
    }

    /// SHA-256 of the canonical population text.
    pub fn digest(&self) -> String {
        let mut h = Sha256::new();
        self.canonical_text(&mut |chunk| h.update(chunk));
        crate::draw::ticket::hex(&h.finalize().into())
    }

    /// Per stratum, the `allocated` smallest tickets as the sample and the next `alternates` as
    /// ordered alternates, ranked 1, 2, … across both (spec §4). Needs a population built with a seed.
    pub fn select(&self, allocations: &[Allocation]) -> Vec<Selected> {
        // Built without a seed there are no tickets: a caller's bug, not a user's error.
        debug_assert!(
            self.hasher.is_some(),
            "select on a population built without a seed"
        );
        let Some(hasher) = &self.hasher else {
            return Vec::new();
        };
        let want: Vec<usize> = self
            .strata
            .iter()
            .map(|k| {
                allocations
                    .iter()
                    .find(|a| &a.stratum == k)
                    .map_or(0, |a| (a.allocated + a.alternates) as usize)
            })
            .collect();
        let mut heaps: Vec<BinaryHeap<Ticketed>> = want
            .iter()
            .map(|&k| BinaryHeap::with_capacity(k + 1))
            .collect();
        for e in &self.entries {
            let s = e.stratum as usize;
            let heap = &mut heaps[s];
            if want[s] == 0 {
                continue;
            }
            if heap.len() == want[s] && heap.peek().is_some_and(|top| e.key > top.key) {
                continue;
            }
            let id = id_of(e, &self.tails);
            let t = Ticketed {
                key: e.key,
                digest: hasher.digest(id.as_bytes()),
                id,
            };
            if heap.len() < want[s] {
                heap.push(t);
            } else if heap.peek().is_some_and(|top| t < *top) {
                heap.pop();
                heap.push(t);
            }
        }
        let mut out = Vec::new();
        for (s, heap) in heaps.into_iter().enumerate() {
            let allocated = allocations
                .iter()
                .find(|a| a.stratum == self.strata[s])
                .map_or(0, |a| a.allocated);
            for (i, t) in heap.into_sorted_vec().into_iter().enumerate() {
                let rank = i as u64 + 1;
                out.push(Selected {
                    stratum: self.strata[s].clone(),
                    role: if rank <= allocated {
                        Role::Sample
                    } else {
                        Role::Alternate
                    },
                    rank,
                    ticket: crate::draw::ticket::uniform_from_digest(&t.digest),
                    case_id: t.id,
                });
            }
        }
        out
    }
}

impl Population {
    /// The targeted files (重点抽查): the `candidates` fixed in the commitment, less the cases
    /// already in the random sample (`random`), in ticket order over the whole set, the first
    /// `max` of them (all without one), ranked 1, 2, …. Each keeps its own stratum. A candidate
    /// that is not in the population is returned as the error, by id.
    pub fn select_targeted(
        &self,
        candidates: &[String],
        random: &[Selected],
        max: Option<u64>,
    ) -> Result<Vec<Selected>, String> {
        debug_assert!(self.hasher.is_some(), "targeted selection without a seed");
        let Some(hasher) = &self.hasher else {
            return Ok(Vec::new());
        };
        let sampled: std::collections::HashSet<&str> = random
            .iter()
            .filter(|s| s.role == Role::Sample)
            .map(|s| s.case_id.as_str())
            .collect();
        let mut wanted: HashMap<&str, bool> = candidates
            .iter()
            .filter(|c| !sampled.contains(c.as_str()))
            .map(|c| (c.as_str(), false))
            .collect();
        let mut found: Vec<(Ticketed, u32)> = Vec::with_capacity(wanted.len());
        let mut id = Vec::new();
        for e in &self.entries {
            id.clear();
            id_bytes(e, &self.tails, &mut id);
            let Ok(text) = std::str::from_utf8(&id) else {
                continue;
            };
            if let Some(seen) = wanted.get_mut(text) {
                *seen = true;
                found.push((
                    Ticketed {
                        key: e.key,
                        digest: hasher.digest(&id),
                        id: text.to_string(),
                    },
                    e.stratum,
                ));
            }
        }
        // The first candidate (in the commitment's order) that is not a case of the population.
        if let Some(missing) = candidates
            .iter()
            .find(|c| wanted.get(c.as_str()) == Some(&false))
        {
            return Err(missing.clone());
        }
        found.sort_by(|a, b| a.0.cmp(&b.0));
        let take = max.map_or(found.len(), |m| (m as usize).min(found.len()));
        Ok(found
            .into_iter()
            .take(take)
            .enumerate()
            .map(|(i, (t, s))| Selected {
                stratum: self.strata[s as usize].clone(),
                role: Role::Targeted,
                rank: i as u64 + 1,
                ticket: crate::draw::ticket::uniform_from_digest(&t.digest),
                case_id: t.id,
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(seed: Option<&str>, rows: &[(&str, &str)]) -> (Population, Vec<Duplicate>) {
        let mut b = PopulationBuilder::new(seed);
        for (i, (id, agency)) in rows.iter().enumerate() {
            let s = b.stratum(&[agency]);
            b.push(id, s, i as u32).unwrap();
        }
        b.finish()
    }

    #[test]
    fn canonical_text_is_sorted_by_id_bytes() {
        let long = "攸".repeat(20);
        let (p, d) = build(
            None,
            &[("b", "乙"), (&long, "甲"), ("a", "乙"), ("ab", "甲")],
        );
        assert!(d.is_empty());
        let mut text = Vec::new();
        p.canonical_text(&mut |c| text.extend_from_slice(c));
        assert_eq!(
            String::from_utf8(text).unwrap(),
            format!("a\t乙\nab\t甲\nb\t乙\n{long}\t甲\n")
        );
        assert_eq!(
            p.strata(),
            vec![(vec!["乙".to_string()], 2), (vec!["甲".to_string()], 2)]
        );
    }

    #[test]
    fn duplicates_list_every_occurrence_including_long_ids() {
        let long = format!("{}1", "攸".repeat(20));
        let long2 = format!("{}2", "攸".repeat(20));
        let (_, d) = build(
            None,
            &[
                ("x", "a"),
                (&long, "a"),
                ("x", "b"),
                (&long2, "a"),
                ("x", "a"),
                (&long, "c"),
            ],
        );
        assert_eq!(
            d,
            vec![
                Duplicate {
                    id: "x".into(),
                    origins: vec![0, 2, 4]
                },
                Duplicate {
                    id: long.clone(),
                    origins: vec![1, 5]
                }
            ]
        );
    }

    #[test]
    fn spec_example_selection() {
        // Research note §1.5 D: AG01:2, AG02:1, AG03:1.
        let ids: Vec<(String, String)> = (1..=3)
            .flat_map(|a| (1..=10).map(move |i| (format!("AG0{a}/2024-{i:04}"), format!("AG0{a}"))))
            .collect();
        let rows: Vec<(&str, &str)> = ids.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let (p, _) = build(Some("08772473296991897540"), &rows);
        let alloc = |s: &str, n| Allocation {
            stratum: vec![s.to_string()],
            size: 10,
            allocated: n,
            alternates: 0,
        };
        let sel = p.select(&[alloc("AG01", 2), alloc("AG02", 1), alloc("AG03", 1)]);
        let got: Vec<&str> = sel.iter().map(|s| s.case_id.as_str()).collect();
        assert_eq!(
            got,
            vec![
                "AG01/2024-0008",
                "AG01/2024-0005",
                "AG02/2024-0008",
                "AG03/2024-0005"
            ]
        );
        assert!(sel[0].ticket.starts_with("0.059281398783613398"));
    }
}
