//! The pinned random assignment of reviewers (评查人) to drawn files, `anjuan-assign-v1`, as
//! published in docs/ASSIGNMENT.md: ChaCha20 keyed from the draw gives every (file, reviewer)
//! pair a 40-bit weight; the assignment is the one that first balances the reviewers' loads
//! (least Σ load²) and then has the least total weight, subject to 回避 (no reviewer gets a file
//! of their own agency) and, for double review, two reviewers from different units per file.
//!
//! Owns the key derivation, the weight stream, eligibility and the optimisation (a min-cost flow
//! solved by successive shortest paths). It must not read or write files, know the workspace or
//! the roster's format, or use `rand`'s sampling routines (shuffle, choose, gen_range…): those
//! change between `rand` versions, while raw ChaCha20 words do not. Anything that changes the
//! result needs a new algorithm name, because old assignments must stay verifiable.

use crate::i18n::Lang;
use crate::tr;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

pub const ALGORITHM: &str = "anjuan-assign-v1";

/// Weights are the top `WEIGHT_BITS` bits of each 64-bit word (`next_u64() >> 24`).
pub const WEIGHT_BITS: u32 = 40;

/// A 评查人 on the roster.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub id: String,
    pub unit: String,
}

/// A drawn file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub case_id: String,
    pub agency: String,
}

#[derive(Clone, Copy, Debug)]
pub struct Input<'a> {
    /// The draw's seed, decimal digits exactly as recorded.
    pub seed: &'a str,
    /// The population digest, 64 lowercase hex characters exactly as recorded.
    pub population_sha256: &'a str,
    pub reviewers: &'a [Candidate],
    pub files: &'a [Target],
    /// 1 (single review) or 2 (double review, 交叉评查 by two units).
    pub per_file: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Reviewer ids for each input file, in the order of `Input::files`; ids within a file
    /// sorted by id.
    pub files: Vec<Vec<String>>,
    /// Every candidate and their number of files, sorted by id.
    pub loads: Vec<(String, usize)>,
    /// Max load − min load ≤ 1. False only when 回避 (or the unit rule of double review) makes
    /// an even spread impossible; the loads are then as even as the rules allow.
    pub balanced: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AssignError {
    NoReviewers,
    PerFile(usize),
    DuplicateReviewer(String),
    DuplicateCase(String),
    /// Files that do not have enough eligible reviewers, in case-id order.
    Infeasible {
        cases: Vec<String>,
    },
}

impl AssignError {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            AssignError::NoReviewers => tr!(
                lang,
                "评查人员名单中没有评查人，无法分配案卷。请先在名单中登记评查人",
                "the roster has no reviewers, so no file can be assigned. Add reviewers to the roster first"
            ),
            AssignError::PerFile(n) => tr!(
                lang,
                "每件案卷由 1 名（单人评查）或 2 名（双人交叉评查）评查人评查，不能是 {n} 名",
                "each file is reviewed by 1 reviewer (single review) or 2 (double review), not {n}"
            ),
            AssignError::DuplicateReviewer(id) => tr!(
                lang,
                "评查人员名单中编号“{id}”出现了不止一次。请删除或更正重复的条目后重试",
                "reviewer id {id:?} appears more than once on the roster. Remove or correct the duplicate and try again"
            ),
            AssignError::DuplicateCase(id) => tr!(
                lang,
                "案卷“{id}”在待分配的案卷中出现了不止一次。抽取记录可能已损坏，请运行 anjuan verify 检查",
                "case {id:?} appears more than once among the files to assign. The draw record may be damaged; run anjuan verify"
            ),
            AssignError::Infeasible { cases } => {
                let mut s = tr!(
                    lang,
                    "{} 件案卷找不到足够的评查人：评查人不得来自该案卷的执法机关（回避），双人评查时两人还须来自不同单位。没有分配任何案卷。请在评查人员名单中增加其他单位的人员，或改为单人评查。这些案卷是：",
                    "{} files do not have enough eligible reviewers: no reviewer may come from the file's own agency (回避, recusal), and in double review the two must come from different units. Nothing was assigned. Add reviewers from other units to the roster, or use single review. The files:",
                    cases.len()
                );
                const SHOWN: usize = 20;
                for case in cases.iter().take(SHOWN) {
                    s.push_str("\n  ");
                    s.push_str(case);
                }
                if cases.len() > SHOWN {
                    s.push_str("\n  ");
                    s.push_str(&tr!(
                        lang,
                        "……另有 {} 件",
                        "… and {} more",
                        cases.len() - SHOWN
                    ));
                }
                s
            }
        }
    }
}

impl std::fmt::Display for AssignError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for AssignError {}

/// The 32-byte ChaCha20 key, for the write-up and for outside checkers:
/// SHA-256(`anjuan-assign-v1` ‖ 0x00 ‖ seed ‖ 0x00 ‖ population_sha256), the texts as given.
pub fn key(seed: &str, population_sha256: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(ALGORITHM.as_bytes());
    h.update([0u8]);
    h.update(seed.as_bytes());
    h.update([0u8]);
    h.update(population_sha256.as_bytes());
    h.finalize().into()
}

/// The weights w(f, r) for files × reviewers, both in canonical (byte) order, row by row: one
/// `next_u64() >> 24` each, for every pair whether eligible or not.
pub fn weights(seed: &str, population_sha256: &str, files: usize, reviewers: usize) -> Vec<u64> {
    let mut rng = ChaCha20Rng::from_seed(key(seed, population_sha256));
    (0..files * reviewers)
        .map(|_| rng.next_u64() >> (64 - WEIGHT_BITS))
        .collect()
}

/// Assign `per_file` reviewers to every file (spec docs/ASSIGNMENT.md).
pub fn assign(input: &Input) -> Result<Outcome, AssignError> {
    let problem = Problem::new(input)?;
    let seats = Solver::new(&problem).solve();

    let r_count = problem.reviewers.len();
    let mut load = vec![0usize; r_count];
    let mut files = vec![Vec::new(); input.files.len()];
    for (cf, mut ids) in seats.into_iter().enumerate() {
        ids.sort_unstable(); // canonical index order is id order
        for &r in &ids {
            load[r] += 1;
        }
        files[problem.files[cf]] = ids
            .into_iter()
            .map(|r| input.reviewers[problem.reviewers[r]].id.clone())
            .collect();
    }
    let loads: Vec<(String, usize)> = (0..r_count)
        .map(|r| (input.reviewers[problem.reviewers[r]].id.clone(), load[r]))
        .collect();
    let max = load.iter().copied().max().unwrap_or(0);
    let min = load.iter().copied().min().unwrap_or(0);
    Ok(Outcome {
        files,
        loads,
        balanced: max - min <= 1,
    })
}

/// The input in canonical order, with eligibility and weights worked out.
struct Problem {
    per_file: usize,
    /// Canonical file position → index in `Input::files`.
    files: Vec<usize>,
    /// Canonical reviewer position → index in `Input::reviewers`.
    reviewers: Vec<usize>,
    /// Canonical reviewer → its unit (an index into the units in byte order).
    unit_of: Vec<usize>,
    /// Canonical file → the unit its agency is (no reviewer of it may take the file), or `NONE`.
    agency_unit: Vec<usize>,
    /// w(f, r), row-major over canonical files × canonical reviewers.
    weights: Vec<u64>,
}

impl Problem {
    fn new(input: &Input) -> Result<Problem, AssignError> {
        if !(1..=2).contains(&input.per_file) {
            return Err(AssignError::PerFile(input.per_file));
        }
        if input.reviewers.is_empty() {
            return Err(AssignError::NoReviewers);
        }
        let mut reviewers: Vec<usize> = (0..input.reviewers.len()).collect();
        reviewers.sort_by(|&a, &b| input.reviewers[a].id.cmp(&input.reviewers[b].id));
        if let Some(w) = reviewers
            .windows(2)
            .find(|w| input.reviewers[w[0]].id == input.reviewers[w[1]].id)
        {
            return Err(AssignError::DuplicateReviewer(
                input.reviewers[w[0]].id.clone(),
            ));
        }
        let mut files: Vec<usize> = (0..input.files.len()).collect();
        files.sort_by(|&a, &b| input.files[a].case_id.cmp(&input.files[b].case_id));
        if let Some(w) = files
            .windows(2)
            .find(|w| input.files[w[0]].case_id == input.files[w[1]].case_id)
        {
            return Err(AssignError::DuplicateCase(
                input.files[w[0]].case_id.clone(),
            ));
        }

        // Units in byte order; a file's agency is compared with them after trimming.
        let mut unit_index: BTreeMap<&str, usize> = reviewers
            .iter()
            .map(|&r| (input.reviewers[r].unit.trim(), 0))
            .collect();
        for (i, v) in unit_index.values_mut().enumerate() {
            *v = i;
        }
        let unit_of: Vec<usize> = reviewers
            .iter()
            .map(|&r| unit_index[input.reviewers[r].unit.trim()])
            .collect();
        let agency_unit: Vec<usize> = files
            .iter()
            .map(|&f| {
                let agency = input.files[f].agency.trim();
                unit_index.get(agency).copied().unwrap_or(NONE)
            })
            .collect();
        let units = unit_index.len();
        let short: Vec<String> = files
            .iter()
            .zip(&agency_unit)
            .filter(|(_, &a)| units - usize::from(a != NONE) < input.per_file)
            .map(|(&f, _)| input.files[f].case_id.clone())
            .collect();
        if !short.is_empty() {
            return Err(AssignError::Infeasible { cases: short });
        }

        let weights = weights(
            input.seed,
            input.population_sha256,
            files.len(),
            reviewers.len(),
        );
        Ok(Problem {
            per_file: input.per_file,
            files,
            reviewers,
            unit_of,
            agency_unit,
            weights,
        })
    }

    fn w(&self, file: usize, reviewer: usize) -> i128 {
        self.weights[file * self.reviewers.len() + reviewer] as i128
    }
}

/// The optimisation, as a min-cost flow (docs/ASSIGNMENT.md §6): file → seat (one per eligible
/// unit of the file, capacity 1, cost 0) → reviewer of that unit (capacity 1, cost w) → sink,
/// where a reviewer's j-th file costs (2j − 1)·BIG, so the sink edges add up to BIG·Σ load².
/// BIG exceeds any possible Σ w, so the total cost orders assignments by (Σ load², Σ w)
/// lexicographically.
///
/// Files are added one at a time in canonical order and each gets `per_file` augmentations along
/// a shortest path from it to the sink (Dijkstra on reduced costs with potentials, stopped when
/// the sink is settled). Adding a supply node and augmenting along a shortest path keeps the flow
/// optimal for the files added so far, so the final flow is a minimum-cost one.
///
/// The search runs on the reviewers only: every path from one reviewer to another goes through
/// one file, either keeping that file's seat (another reviewer of the same unit) or moving it to
/// an empty seat of another unit, so the edge r → r′ costs the least w(f, r′) − w(f, r) over the
/// files f that r holds and may hand to r′. Those edges are kept in an R × R table and only the
/// rows of reviewers whose files changed are recomputed (when next needed). A shortest reviewer
/// path is unfolded into the seat graph and applied there.
///
/// Ties are broken by the smallest reviewer index (the sink last) when settling and the smallest
/// file index for an edge, relaxation is strict, so the run is the same every time.
struct Solver<'p> {
    p: &'p Problem,
    big: i128,
    r_count: usize,
    /// Reviewers (canonical positions) chosen for each file, in the order they were seated.
    chosen: Vec<Vec<usize>>,
    /// Files each reviewer holds; the load is the length.
    held: Vec<Vec<usize>>,
    /// Potentials of reviewers `0..R` and the sink `R`.
    pot: Vec<i128>,
    /// `edge_cost[r·R + r′]` (`NO_EDGE`: none) and the file it moves.
    edge_cost: Vec<i64>,
    edge_file: Vec<usize>,
    /// Rows whose reviewer's files changed since they were computed; recomputed when needed.
    stale: Vec<bool>,
    dist: Vec<i128>,
    prev: Vec<usize>,
    settled: Vec<bool>,
}

const NONE: usize = usize::MAX;
const FAR: i128 = i128::MAX;
const NO_EDGE: i64 = i64::MAX;

/// A node of the seat graph, for unfolding a reviewer path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Node {
    File(usize),
    /// (file, unit)
    Seat(usize, usize),
    Reviewer(usize),
    Sink,
}

impl<'p> Solver<'p> {
    fn new(p: &'p Problem) -> Solver<'p> {
        let r_count = p.reviewers.len();
        let pairs = (p.files.len() * p.per_file) as i128;
        Solver {
            p,
            big: (pairs + 1) << WEIGHT_BITS,
            r_count,
            chosen: vec![Vec::new(); p.files.len()],
            held: vec![Vec::new(); r_count],
            pot: vec![0; r_count + 1],
            edge_cost: vec![NO_EDGE; r_count * r_count],
            edge_file: vec![NONE; r_count * r_count],
            stale: vec![false; r_count],
            dist: vec![FAR; r_count + 1],
            prev: vec![NONE; r_count + 1],
            settled: vec![false; r_count + 1],
        }
    }

    /// The chosen reviewers (canonical positions) of each canonical file.
    fn solve(mut self) -> Vec<Vec<usize>> {
        for f in 0..self.p.files.len() {
            for _ in 0..self.p.per_file {
                self.augment(f);
            }
        }
        self.chosen
    }

    /// May file `f` take reviewer `r` into an empty seat of r's unit (not its agency, no other
    /// reviewer of that unit)?
    fn seat_free(&self, f: usize, r: usize) -> bool {
        let unit = self.p.unit_of[r];
        unit != self.p.agency_unit[f] && self.chosen[f].iter().all(|&o| self.p.unit_of[o] != unit)
    }

    /// Recompute the edges out of reviewer `r`: hand one of its files to `to`, either in the
    /// same seat (same unit) or in an empty seat of to's unit.
    fn refresh_row(&mut self, r: usize) {
        self.stale[r] = false;
        let n = self.r_count;
        let row = r * n..(r + 1) * n;
        let costs = &mut self.edge_cost[row.clone()];
        let files = &mut self.edge_file[row];
        costs.fill(NO_EDGE);
        files.fill(NONE);
        for &f in &self.held[r] {
            let weights = &self.p.weights[f * n..(f + 1) * n];
            let leave = weights[r] as i64;
            let agency = self.p.agency_unit[f];
            // The unit of the file's other reviewer, if any: `to` may not be from it.
            let other = self.chosen[f]
                .iter()
                .find(|&&o| o != r)
                .map_or(NONE, |&o| self.p.unit_of[o]);
            for (to, (&unit, &w)) in self.p.unit_of.iter().zip(weights).enumerate() {
                if unit == agency || unit == other || to == r {
                    continue;
                }
                let cost = w as i64 - leave;
                if cost < costs[to] || (cost == costs[to] && f < files[to]) {
                    costs[to] = cost;
                    files[to] = f;
                }
            }
        }
    }

    /// One unit of flow from file `f` to the sink along a shortest path.
    fn augment(&mut self, f: usize) {
        let n = self.r_count;
        let sink = n;
        self.dist.fill(FAR);
        self.prev.fill(NONE);
        self.settled.fill(false);

        // Entering edges f → seat → r: a potential for f that makes them all non-negative.
        let open: Vec<usize> = (0..n).filter(|&r| self.seat_free(f, r)).collect();
        let source_pot = open
            .iter()
            .map(|&r| self.pot[r] - self.p.w(f, r))
            .max()
            .expect("every file has an eligible seat (checked in Problem::new)");
        for &r in &open {
            self.dist[r] = self.p.w(f, r) + source_pot - self.pot[r];
        }

        // Dense Dijkstra: the next node to settle is the unsettled one with the least distance,
        // the smallest index on a tie (the sink counts as index R, after every reviewer). The
        // scan for it is folded into the relaxation pass.
        let mut v = self.closest(0..n);
        while v != sink {
            self.settled[v] = true;
            if self.stale[v] {
                self.refresh_row(v);
            }
            let d = self.dist[v];
            let load = self.held[v].len() as i128;
            let to_sink = d + (2 * load + 1) * self.big + self.pot[v] - self.pot[sink];
            if to_sink < self.dist[sink] {
                self.dist[sink] = to_sink;
                self.prev[sink] = v;
            }
            let (mut next, mut best) = (sink, self.dist[sink]);
            let row = &self.edge_cost[v * n..(v + 1) * n];
            for (to, &cost) in row.iter().enumerate() {
                if self.settled[to] {
                    continue;
                }
                if cost != NO_EDGE {
                    let reduced = cost as i128 + self.pot[v] - self.pot[to];
                    debug_assert!(reduced >= 0, "negative reduced cost {reduced}");
                    if d + reduced < self.dist[to] {
                        self.dist[to] = d + reduced;
                        self.prev[to] = v;
                    }
                }
                let dist = self.dist[to];
                if dist < FAR && (dist < best || (dist == best && next == sink)) {
                    (next, best) = (to, dist);
                }
            }
            v = next;
        }
        assert!(self.dist[sink] < FAR, "the sink is always reachable");
        self.settled[sink] = true;
        let reach = self.dist[sink];
        for v in 0..=n {
            if self.settled[v] {
                self.pot[v] += self.dist[v] - reach;
            }
        }

        // Apply the path. Rows to recompute (when next needed): the reviewers who gained or lost a file, and the
        // holders of every file whose set of units changed (it entered or left a seat through
        // its file node), since what they may hand on depends on the other unit.
        let path = self.unfold(f);
        let mut rows = Vec::new();
        let mut regrouped = Vec::new();
        for pair in path.windows(2) {
            match (pair[0], pair[1]) {
                (Node::Seat(file, _), Node::Reviewer(r)) => {
                    self.chosen[file].push(r);
                    self.held[r].push(file);
                    rows.push(r);
                }
                (Node::Reviewer(r), Node::Seat(file, _)) => {
                    self.chosen[file].retain(|&o| o != r);
                    self.held[r].retain(|&o| o != file);
                    rows.push(r);
                }
                (Node::File(file), _) => regrouped.push(file),
                _ => {}
            }
        }
        for file in regrouped {
            rows.extend_from_slice(&self.chosen[file]);
        }
        for r in rows {
            self.stale[r] = true;
        }
    }

    /// The unsettled node among `reviewers` and the sink with the least distance (smallest
    /// index on a tie, the sink last).
    fn closest(&self, reviewers: std::ops::Range<usize>) -> usize {
        let sink = self.r_count;
        let (mut next, mut best) = (sink, self.dist[sink]);
        for r in reviewers {
            let dist = self.dist[r];
            if !self.settled[r] && dist < FAR && (dist < best || (dist == best && next == sink)) {
                (next, best) = (r, dist);
            }
        }
        next
    }

    /// The shortest path just found, from file `f` to the sink, as a simple path of the seat
    /// graph.
    fn unfold(&self, f: usize) -> Vec<Node> {
        let mut reviewers = Vec::new();
        let mut v = self.prev[self.r_count];
        while v != NONE {
            reviewers.push(v);
            v = self.prev[v];
        }
        reviewers.reverse();

        let unit = |r: usize| self.p.unit_of[r];
        let mut walk = vec![
            Node::File(f),
            Node::Seat(f, unit(reviewers[0])),
            Node::Reviewer(reviewers[0]),
        ];
        for pair in reviewers.windows(2) {
            let (from, to) = (pair[0], pair[1]);
            let file = self.edge_file[from * self.r_count + to];
            walk.push(Node::Seat(file, unit(from)));
            if unit(to) != unit(from) {
                walk.push(Node::File(file));
                walk.push(Node::Seat(file, unit(to)));
            }
            walk.push(Node::Reviewer(to));
        }
        walk.push(Node::Sink);

        // The walk does not pass a file or seat twice: if it did, the part between would be a
        // zero-cost cycle, and the reviewer before it would have an edge straight to the
        // reviewer after it, of the same total length; that reviewer was settled earlier, and
        // relaxation is strict, so it would be the predecessor. Should it happen all the same,
        // cutting the cycle out leaves a simple shortest path of residual edges.
        let steps = walk.len();
        let mut path: Vec<Node> = Vec::with_capacity(steps);
        for node in walk {
            if let Some(i) = path.iter().position(|&n| n == node) {
                path.truncate(i + 1);
            } else {
                path.push(node);
            }
        }
        debug_assert_eq!(path.len(), steps, "the reviewer path unfolded into a cycle");
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn people(list: &[(&str, &str)]) -> Vec<Candidate> {
        list.iter()
            .map(|(id, unit)| Candidate {
                id: id.to_string(),
                unit: unit.to_string(),
            })
            .collect()
    }

    fn targets(list: &[(&str, &str)]) -> Vec<Target> {
        list.iter()
            .map(|(case_id, agency)| Target {
                case_id: case_id.to_string(),
                agency: agency.to_string(),
            })
            .collect()
    }

    /// The first implementation, kept as a reference: the same min-cost flow on the full seat
    /// graph (files, one seat per eligible unit, reviewers, sink) with a heap Dijkstra from each
    /// new file. Slow but direct; the fast solver must agree with it.
    mod seat_graph {
        use super::super::{Problem, FAR, NONE, WEIGHT_BITS};
        use std::cmp::Reverse;
        use std::collections::BinaryHeap;

        pub struct Graph {
            per_file: usize,
            file_count: usize,
            reviewer_count: usize,
            members: Vec<Vec<usize>>,
            eligible: Vec<Vec<usize>>,
            weights: Vec<u64>,
        }

        impl Graph {
            fn w(&self, file: usize, reviewer: usize) -> i128 {
                self.weights[file * self.reviewer_count + reviewer] as i128
            }
        }

        pub fn solve(p: &Problem) -> Vec<Vec<usize>> {
            let units = p.unit_of.iter().max().map_or(0, |&u| u + 1);
            let mut members = vec![Vec::new(); units];
            for (r, &u) in p.unit_of.iter().enumerate() {
                members[u].push(r);
            }
            let eligible = p
                .agency_unit
                .iter()
                .map(|&a| (0..units).filter(|&u| u != a).collect())
                .collect();
            let g = Graph {
                per_file: p.per_file,
                file_count: p.files.len(),
                reviewer_count: p.reviewers.len(),
                members,
                eligible,
                weights: p.weights.clone(),
            };
            let mut out = Solver::new(&g).solve();
            for r in &mut out {
                r.sort_unstable();
            }
            out
        }

        /// Min-cost flow on: file → seat (one per eligible unit of the file, capacity 1, cost 0) →
        /// reviewer of that unit (capacity 1, cost w) → sink, where a reviewer's j-th file costs
        /// (2j − 1)·BIG, so the sink edges add up to BIG·Σ load². BIG exceeds any possible Σ w, so the
        /// total cost orders assignments by (Σ load², Σ w) lexicographically.
        ///
        /// Files are added one at a time in canonical order and each gets `per_file` augmentations along
        /// a shortest path from it to the sink (Dijkstra on reduced costs with node potentials, stopped
        /// when the sink is settled). Adding a supply node and augmenting along shortest paths keeps the
        /// flow optimal for the files added so far, so the final flow is a minimum-cost one. Heap ties
        /// are broken by node number and relaxation is strict, so the run is the same every time.
        struct Solver<'p> {
            p: &'p Graph,
            big: i128,
            /// Node layout: files `0..F`, seats `F..F+S`, reviewers `F+S..F+S+R`, sink last.
            seat_start: Vec<usize>,
            seat_file: Vec<usize>,
            seat_unit: Vec<usize>,
            /// The reviewer a seat is filled by (flow on file → seat → reviewer), or `NONE`.
            seat_reviewer: Vec<usize>,
            /// Seats each reviewer fills; its load is the length.
            held: Vec<Vec<usize>>,
            pot: Vec<i128>,
            dist: Vec<i128>,
            prev: Vec<usize>,
            settled: Vec<bool>,
            touched: Vec<usize>,
            edges: Vec<(usize, i128)>,
        }

        impl<'p> Solver<'p> {
            fn new(p: &'p Graph) -> Solver<'p> {
                let f_count = p.file_count;
                let mut seat_start = Vec::with_capacity(f_count + 1);
                let mut seat_file = Vec::new();
                let mut seat_unit = Vec::new();
                for (f, units) in p.eligible.iter().enumerate() {
                    seat_start.push(f_count + seat_file.len());
                    for &u in units {
                        seat_file.push(f);
                        seat_unit.push(u);
                    }
                }
                seat_start.push(f_count + seat_file.len());
                let nodes = f_count + seat_file.len() + p.reviewer_count + 1;
                let pairs = (f_count * p.per_file) as i128;
                Solver {
                    p,
                    big: (pairs + 1) << WEIGHT_BITS,
                    seat_start,
                    seat_reviewer: vec![NONE; seat_file.len()],
                    seat_file,
                    seat_unit,
                    held: vec![Vec::new(); p.reviewer_count],
                    pot: vec![0; nodes],
                    dist: vec![FAR; nodes],
                    prev: vec![NONE; nodes],
                    settled: vec![false; nodes],
                    touched: Vec::new(),
                    edges: Vec::new(),
                }
            }

            fn first_reviewer(&self) -> usize {
                self.seat_start[self.p.file_count]
            }

            fn sink(&self) -> usize {
                self.pot.len() - 1
            }

            /// The chosen reviewers (canonical positions) of each canonical file.
            fn solve(mut self) -> Vec<Vec<usize>> {
                let f_count = self.p.file_count;
                for f in 0..f_count {
                    self.admit(f);
                    for _ in 0..self.p.per_file {
                        self.augment(f);
                    }
                }
                let mut out = vec![Vec::new(); f_count];
                for (s, &r) in self.seat_reviewer.iter().enumerate() {
                    if r != NONE {
                        out[self.seat_file[s]].push(r);
                    }
                }
                out
            }

            /// Give a new file and its seats potentials under which all their edges have non-negative
            /// reduced cost (the rest of the graph is untouched, so it stays valid).
            fn admit(&mut self, f: usize) {
                let base = self.first_reviewer();
                let mut top = i128::MIN;
                for s in self.seat_start[f]..self.seat_start[f + 1] {
                    let seat = s - self.p.file_count;
                    let u = self.seat_unit[seat];
                    let pot = self.p.members[u]
                        .iter()
                        .map(|&r| self.pot[base + r] - self.p.w(f, r))
                        .max()
                        .unwrap_or(0);
                    self.pot[s] = pot;
                    top = top.max(pot);
                }
                self.pot[f] = top;
            }

            /// Residual edges out of `v` with their real costs, into `self.edges`.
            fn out_edges(&mut self, v: usize) {
                self.edges.clear();
                let f_count = self.p.file_count;
                let base = self.first_reviewer();
                if v < f_count {
                    for s in self.seat_start[v]..self.seat_start[v + 1] {
                        if self.seat_reviewer[s - f_count] == NONE {
                            self.edges.push((s, 0));
                        }
                    }
                } else if v < base {
                    let seat = v - f_count;
                    let f = self.seat_file[seat];
                    let filled = self.seat_reviewer[seat];
                    if filled != NONE {
                        self.edges.push((f, 0));
                    }
                    for &r in &self.p.members[self.seat_unit[seat]] {
                        if r != filled {
                            self.edges.push((base + r, self.p.w(f, r)));
                        }
                    }
                } else if v < self.sink() {
                    let r = v - base;
                    let load = self.held[r].len() as i128;
                    self.edges.push((self.sink(), (2 * load + 1) * self.big));
                    for &seat in &self.held[r] {
                        self.edges
                            .push((f_count + seat, -self.p.w(self.seat_file[seat], r)));
                    }
                }
            }

            /// One unit of flow from file `f` to the sink along a shortest path.
            fn augment(&mut self, f: usize) {
                let sink = self.sink();
                let mut heap = BinaryHeap::new();
                self.dist[f] = 0;
                self.touched.push(f);
                heap.push(Reverse((0i128, f)));
                let mut order = Vec::new();
                while let Some(Reverse((d, v))) = heap.pop() {
                    if self.settled[v] {
                        continue;
                    }
                    self.settled[v] = true;
                    order.push(v);
                    if v == sink {
                        break;
                    }
                    self.out_edges(v);
                    for i in 0..self.edges.len() {
                        let (to, cost) = self.edges[i];
                        if self.settled[to] {
                            continue;
                        }
                        let reduced = cost + self.pot[v] - self.pot[to];
                        debug_assert!(reduced >= 0, "negative reduced cost {reduced}");
                        let nd = d + reduced;
                        if nd < self.dist[to] {
                            if self.dist[to] == FAR {
                                self.touched.push(to);
                            }
                            self.dist[to] = nd;
                            self.prev[to] = v;
                            heap.push(Reverse((nd, to)));
                        }
                    }
                }
                // A feasible file always reaches the sink: it has an empty seat whose unit has a
                // reviewer, and reviewer → sink is never full.
                assert!(self.settled[sink], "no augmenting path");
                let reach = self.dist[sink];
                for &v in &order {
                    self.pot[v] += self.dist[v] - reach;
                }

                let mut path = vec![sink];
                let mut v = sink;
                while v != f {
                    v = self.prev[v];
                    path.push(v);
                }
                path.reverse();
                let f_count = self.p.file_count;
                let base = self.first_reviewer();
                for pair in path.windows(2) {
                    let (a, b) = (pair[0], pair[1]);
                    let seat_node = |n: usize| (f_count..base).contains(&n);
                    let reviewer_node = |n: usize| (base..sink).contains(&n);
                    if seat_node(a) && reviewer_node(b) {
                        self.seat_reviewer[a - f_count] = b - base;
                        self.held[b - base].push(a - f_count);
                    } else if reviewer_node(a) && seat_node(b) {
                        let (seat, r) = (b - f_count, a - base);
                        debug_assert_eq!(self.seat_reviewer[seat], r);
                        self.seat_reviewer[seat] = NONE;
                        self.held[r].retain(|&s| s != seat);
                    }
                }

                for &v in &self.touched {
                    self.dist[v] = FAR;
                    self.prev[v] = NONE;
                    self.settled[v] = false;
                }
                self.touched.clear();
            }
        }
    }

    const SEED: &str = "08772473296991897540";
    /// SHA-256 of an empty file; any 64-hex digest would do for the example.
    const POPULATION: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// The worked example of docs/ASSIGNMENT.md §9, in a deliberately non-canonical order and
    /// with a unit written with spaces around it.
    fn example() -> (Vec<Candidate>, Vec<Target>) {
        (
            people(&[
                ("P05", "县交通运输局"),
                ("P01", "县司法局"),
                ("P03", "县市场监督管理局"),
                ("P02", "县司法局"),
                ("P04", "县公安局"),
                ("P06", " 县市场监督管理局 "),
            ]),
            targets(&[
                ("攸市监罚〔2024〕12号", "县市场监督管理局"),
                ("攸公罚〔2024〕7号", "县公安局"),
                ("攸市监罚〔2024〕3号", "县市场监督管理局"),
                ("攸交罚〔2024〕21号", "县交通运输局"),
                ("攸应急罚〔2024〕2号", "县应急管理局"),
            ]),
        )
    }

    fn run(
        reviewers: &[Candidate],
        files: &[Target],
        per_file: usize,
    ) -> Result<Outcome, AssignError> {
        assign(&Input {
            seed: SEED,
            population_sha256: POPULATION,
            reviewers,
            files,
            per_file,
        })
    }

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn key_vector() {
        assert_eq!(
            hex(&key(SEED, POPULATION)),
            "a28472cc22b1449c4f61320dee9440a71c8fe270a2aae983ca954a059801894a"
        );
        // The separators matter: moving a digit across them changes the key.
        assert_ne!(
            key("0877247329699189754", &format!("0{POPULATION}")),
            key(SEED, POPULATION)
        );
    }

    #[test]
    fn weights_vector() {
        // Canonical order: files 攸交罚…21号, 攸公罚…7号, 攸市监罚…12号, 攸市监罚…3号, 攸应急罚…2号;
        // reviewers P01…P06. First row and the first weight of the second row.
        let w = weights(SEED, POPULATION, 5, 6);
        assert_eq!(
            w[..7],
            [
                816459312248,
                293473961799,
                314538962361,
                218630232891,
                350128954302,
                826907930207,
                71119720534
            ]
        );
        assert!(w.iter().all(|&x| x < 1 << WEIGHT_BITS));
    }

    #[test]
    fn golden_double_review() {
        let (reviewers, files) = example();
        let out = run(&reviewers, &files, 2).expect("feasible");
        // In input order: 市监12号, 公安7号, 市监3号, 交通21号, 应急2号.
        assert_eq!(
            out.files,
            vec![
                ids(&["P02", "P04"]),
                ids(&["P01", "P05"]),
                ids(&["P01", "P05"]),
                ids(&["P03", "P04"]),
                ids(&["P02", "P06"]),
            ]
        );
        let loads: Vec<(String, usize)> = [
            ("P01", 2),
            ("P02", 2),
            ("P03", 1),
            ("P04", 2),
            ("P05", 2),
            ("P06", 1),
        ]
        .iter()
        .map(|(id, n)| (id.to_string(), *n))
        .collect();
        assert_eq!(out.loads, loads);
        assert!(out.balanced);
    }

    #[test]
    fn golden_single_review() {
        let (reviewers, files) = example();
        let out = run(&reviewers, &files, 1).expect("feasible");
        assert_eq!(
            out.files,
            vec![
                ids(&["P02"]),
                ids(&["P01"]),
                ids(&["P05"]),
                ids(&["P04"]),
                ids(&["P03"])
            ]
        );
        assert_eq!(out.loads.last(), Some(&("P06".to_string(), 0)));
        assert!(out.balanced);
    }

    #[test]
    fn no_files_is_an_empty_assignment() {
        let (reviewers, _) = example();
        let out = run(&reviewers, &[], 2).expect("nothing to do");
        assert!(out.files.is_empty());
        assert!(out.loads.iter().all(|(_, n)| *n == 0));
        assert!(out.balanced);
    }

    #[test]
    fn errors() {
        let (reviewers, files) = example();
        assert_eq!(run(&[], &files, 1), Err(AssignError::NoReviewers));
        assert_eq!(run(&reviewers, &files, 3), Err(AssignError::PerFile(3)));
        assert_eq!(run(&reviewers, &files, 0), Err(AssignError::PerFile(0)));

        let mut twice = reviewers.clone();
        twice.push(Candidate {
            id: "P03".into(),
            unit: "县财政局".into(),
        });
        assert_eq!(
            run(&twice, &files, 1),
            Err(AssignError::DuplicateReviewer("P03".into()))
        );
        let mut twice = files.clone();
        twice.push(files[1].clone());
        assert_eq!(
            run(&reviewers, &twice, 1),
            Err(AssignError::DuplicateCase("攸公罚〔2024〕7号".into()))
        );

        // Everyone is from the one agency whose files were drawn: 回避 leaves nobody.
        let same = people(&[("A", "县公安局"), ("B", " 县公安局")]);
        let police = targets(&[
            ("攸公罚〔2024〕9号", "县公安局"),
            ("攸公罚〔2024〕1号", "县公安局 "),
        ]);
        assert_eq!(
            run(&same, &police, 1),
            Err(AssignError::Infeasible {
                cases: ids(&["攸公罚〔2024〕1号", "攸公罚〔2024〕9号"])
            })
        );

        // Double review needs two units other than the file's own: 公安 files have 司法 and
        // 市监 to choose from, the 市监 file only 司法.
        let two = people(&[
            ("A", "县司法局"),
            ("B", "县市场监督管理局"),
            ("C", "县司法局"),
        ]);
        let mixed = targets(&[
            ("攸市监罚〔2024〕3号", "县市场监督管理局"),
            ("攸公罚〔2024〕1号", "县公安局"),
        ]);
        assert_eq!(
            run(&two, &mixed, 2),
            Err(AssignError::Infeasible {
                cases: ids(&["攸市监罚〔2024〕3号"])
            })
        );
        assert!(run(&two, &mixed, 1).is_ok());
    }

    #[test]
    fn errors_say_what_to_do_in_both_languages() {
        let e = AssignError::Infeasible {
            cases: (0..25).map(|i| format!("攸公罚〔2024〕{i}号")).collect(),
        };
        let zh = e.render(Lang::Zh);
        assert!(zh.contains("25 件") && zh.contains("增加其他单位") && zh.contains("单人评查"));
        assert!(zh.contains("攸公罚〔2024〕19号") && !zh.contains("攸公罚〔2024〕20号"));
        assert!(zh.contains("另有 5 件"));
        let en = e.render(Lang::En);
        assert!(
            en.contains("25 files") && en.contains("other units") && en.contains("single review")
        );
        assert!(en.contains("5 more"));
        for e in [
            AssignError::NoReviewers,
            AssignError::PerFile(3),
            AssignError::DuplicateReviewer("P1".into()),
            AssignError::DuplicateCase("C1".into()),
        ] {
            assert_ne!(e.render(Lang::Zh), e.render(Lang::En));
        }
    }

    /// Σ load² and Σ w of an assignment, in canonical positions.
    fn objective(p: &Problem, chosen: &[Vec<usize>]) -> (usize, i128) {
        let mut load = vec![0usize; p.reviewers.len()];
        let mut total = 0;
        for (f, rs) in chosen.iter().enumerate() {
            for &r in rs {
                load[r] += 1;
                total += p.w(f, r);
            }
        }
        (load.iter().map(|l| l * l).sum(), total)
    }

    /// Random instances from a ChaCha stream (not proptest: many larger instances, quickly).
    fn instance(rng: &mut ChaCha20Rng) -> (Vec<Candidate>, Vec<Target>, usize) {
        let mut pick = |n: u64| (rng.next_u64() % n) as usize;
        let units = 1 + pick(6);
        let reviewers: Vec<Candidate> = (0..1 + pick(14))
            .map(|i| Candidate {
                id: format!("R{i:02}"),
                unit: format!("U{}", pick(units as u64)),
            })
            .collect();
        let agencies = 1 + pick(8);
        let files: Vec<Target> = (0..pick(40))
            .map(|i| Target {
                case_id: format!("C{i:03}"),
                agency: format!("U{}", pick(agencies as u64)),
            })
            .collect();
        (reviewers, files, 1 + pick(2))
    }

    #[test]
    fn agrees_with_the_seat_graph_reference() {
        let mut rng = ChaCha20Rng::from_seed([7; 32]);
        let mut solved = 0;
        for round in 0..300 {
            let (reviewers, files, per_file) = instance(&mut rng);
            let seed = format!("{:020}", round);
            let input = Input {
                seed: &seed,
                population_sha256: POPULATION,
                reviewers: &reviewers,
                files: &files,
                per_file,
            };
            let Ok(p) = Problem::new(&input) else {
                continue;
            };
            let fast = Solver::new(&p).solve();
            let fast: Vec<Vec<usize>> = fast
                .into_iter()
                .map(|mut rs| {
                    rs.sort_unstable();
                    rs
                })
                .collect();
            let reference = seat_graph::solve(&p);
            assert_eq!(
                objective(&p, &fast),
                objective(&p, &reference),
                "round {round}"
            );
            assert_eq!(fast, reference, "round {round}");
            for (f, rs) in fast.iter().enumerate() {
                assert_eq!(rs.len(), per_file);
                assert!(rs.iter().all(|&r| p.unit_of[r] != p.agency_unit[f]));
                if per_file == 2 {
                    assert_ne!(p.unit_of[rs[0]], p.unit_of[rs[1]]);
                }
            }
            solved += 1;
        }
        assert!(solved > 150, "only {solved} feasible instances");
    }

    /// An exact tie: every weight equal is impossible with ChaCha, so force one by hand and
    /// check the solver still returns a valid, optimal and repeatable assignment.
    #[test]
    fn exact_ties_resolve_validly_and_repeatably() {
        let (reviewers, files) = example();
        let input = Input {
            seed: SEED,
            population_sha256: POPULATION,
            reviewers: &reviewers,
            files: &files,
            per_file: 2,
        };
        let mut p = Problem::new(&input).expect("feasible");
        p.weights.iter_mut().for_each(|w| *w = 5);
        let a = Solver::new(&p).solve();
        let b = Solver::new(&p).solve();
        assert_eq!(a, b);
        let reference = seat_graph::solve(&p);
        assert_eq!(objective(&p, &a), objective(&p, &reference));
        for (f, rs) in a.iter().enumerate() {
            assert_eq!(rs.len(), 2);
            assert_ne!(p.unit_of[rs[0]], p.unit_of[rs[1]]);
            assert!(rs.iter().all(|&r| p.unit_of[r] != p.agency_unit[f]));
        }
    }

    /// Exact ties on purpose: weights from a tiny range, so many assignments share the optimum
    /// and zero-cost cycles abound. The result must still be valid, optimal and repeatable.
    #[test]
    fn ties_still_give_a_valid_optimum() {
        let mut rng = ChaCha20Rng::from_seed([9; 32]);
        for round in 0..400 {
            let (reviewers, files, per_file) = instance(&mut rng);
            let input = Input {
                seed: SEED,
                population_sha256: POPULATION,
                reviewers: &reviewers,
                files: &files,
                per_file,
            };
            let Ok(mut p) = Problem::new(&input) else {
                continue;
            };
            let spread = 1 + round % 3;
            p.weights.iter_mut().for_each(|w| *w %= spread);
            let a = Solver::new(&p).solve();
            assert_eq!(a, Solver::new(&p).solve(), "round {round}");
            let reference = seat_graph::solve(&p);
            assert_eq!(
                objective(&p, &a),
                objective(&p, &reference),
                "round {round}"
            );
            for (f, rs) in a.iter().enumerate() {
                assert_eq!(rs.len(), per_file, "round {round}");
                assert!(rs.iter().all(|&r| p.unit_of[r] != p.agency_unit[f]));
                if per_file == 2 {
                    assert_ne!(p.unit_of[rs[0]], p.unit_of[rs[1]], "round {round}");
                }
            }
        }
    }

    #[test]
    fn chacha20_stream_is_djb_chacha20() {
        // The keystream of ChaCha20 with an all-zero key and nonce (RFC 8439 §A.1 test vector 1).
        let mut rng = ChaCha20Rng::from_seed([0; 32]);
        let words: Vec<u32> = (0..4).map(|_| rng.next_u32()).collect();
        assert_eq!(words, [0xade0b876, 0x903df1a0, 0xe56a5d40, 0x28bd8653]);
        let mut rng = ChaCha20Rng::from_seed([0; 32]);
        assert_eq!(rng.next_u64(), 0x903df1a0_ade0b876);
        assert_eq!(rng.next_u64(), 0x28bd8653_e56a5d40);
    }
}
