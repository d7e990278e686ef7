//! Property tests of `anjuan-assign-v1` (docs/ASSIGNMENT.md): the rules hold (回避, distinct
//! reviewers, distinct units in double review), the result is reproducible and independent of
//! input order, loads are balanced whenever the rules allow it, and on tiny instances the result
//! is the brute-force optimum, with the weights recomputed here from the write-up alone.

use anjuan::team::assign::*;
use proptest::prelude::*;
use proptest::test_runner::Config;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::RangeInclusive;

/// Units and agencies; some differ only by surrounding spaces, which do not count.
const UNITS: [&str; 7] = [
    "县公安局",
    " 县公安局",
    "县市场监督管理局",
    "县司法局 ",
    "县交通运输局",
    "株洲市生态环境局攸县分局",
    "Unit B",
];

const POPULATION: &str = "7d865e959b2466918c9863afca942d0fb89d7c9ac0c99bafc3749504ded97730";

fn config(cases: u32) -> Config {
    // No regression files: the tests directory holds only the test sources.
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

fn reviewer_id(n: u16) -> String {
    match n % 3 {
        0 => format!("评查员{n}"),
        1 => format!("P{n:04}"),
        _ => format!("{n}"),
    }
}

fn case_id(n: u16) -> String {
    match n % 3 {
        0 => format!("攸市监罚〔2024〕{n}号"),
        1 => format!("AG02/2024-{n:05}"),
        _ => format!("攸公罚〔2023〕{n}号"),
    }
}

#[derive(Clone, Debug)]
struct Case {
    seed: String,
    reviewers: Vec<Candidate>,
    files: Vec<Target>,
    per_file: usize,
}

impl Case {
    fn input(&self) -> Input<'_> {
        Input {
            seed: &self.seed,
            population_sha256: POPULATION,
            reviewers: &self.reviewers,
            files: &self.files,
            per_file: self.per_file,
        }
    }
}

/// 1 to `max_reviewers` reviewers, a number of files in `files`, units and agencies drawn from
/// the first `units` names (agencies may also be from outside the roster's units).
fn case(
    max_reviewers: usize,
    files: RangeInclusive<usize>,
    units: usize,
) -> impl Strategy<Value = Case> {
    (
        prop::collection::btree_set(0u16..5000, 1..=max_reviewers),
        prop::collection::btree_set(0u16..5000, files),
        "[0-9]{20}",
        1usize..=2,
    )
        .prop_flat_map(move |(rs, fs, seed, per_file)| {
            let (nr, nf) = (rs.len(), fs.len());
            (
                Just(rs),
                Just(fs),
                Just(seed),
                Just(per_file),
                prop::collection::vec(0..units, nr),
                prop::collection::vec(0..units + 1, nf),
            )
        })
        .prop_map(|(rs, fs, seed, per_file, ru, fa)| Case {
            seed,
            reviewers: rs
                .into_iter()
                .zip(ru)
                .map(|(n, u)| Candidate {
                    id: reviewer_id(n),
                    unit: UNITS[u].to_string(),
                })
                .collect(),
            files: fs
                .into_iter()
                .zip(fa)
                .map(|(n, a)| Target {
                    case_id: case_id(n),
                    agency: UNITS.get(a).unwrap_or(&"县应急管理局").to_string(),
                })
                .collect(),
            per_file,
        })
}

/// A case and the same case with both lists shuffled.
fn case_and_shuffled() -> impl Strategy<Value = (Case, Case)> {
    case(12, 0..=30, 5).prop_flat_map(|c| {
        let (r, f) = (c.reviewers.clone(), c.files.clone());
        (Just(c), Just(r).prop_shuffle(), Just(f).prop_shuffle()).prop_map(|(c, r, f)| {
            let shuffled = Case {
                reviewers: r,
                files: f,
                ..c.clone()
            };
            (c, shuffled)
        })
    })
}

fn unit_of(c: &Case, id: &str) -> String {
    let r = c
        .reviewers
        .iter()
        .find(|r| r.id == id)
        .expect("a roster id");
    r.unit.trim().to_string()
}

/// The files that cannot have `per_file` reviewers from distinct units other than their agency.
fn short_files(c: &Case) -> Vec<String> {
    let units: BTreeSet<&str> = c.reviewers.iter().map(|r| r.unit.trim()).collect();
    let mut short: Vec<String> = c
        .files
        .iter()
        .filter(|f| units.iter().filter(|&&u| u != f.agency.trim()).count() < c.per_file)
        .map(|f| f.case_id.clone())
        .collect();
    short.sort();
    short
}

/// The weights by the write-up alone (§3–§4): key, ChaCha20, canonical order, `next_u64 >> 24`.
fn weights_by_the_book(c: &Case) -> BTreeMap<(String, String), u64> {
    let mut files: Vec<&str> = c.files.iter().map(|f| f.case_id.as_str()).collect();
    let mut reviewers: Vec<&str> = c.reviewers.iter().map(|r| r.id.as_str()).collect();
    files.sort_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
    reviewers.sort_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
    let mut h = Sha256::new();
    h.update(b"anjuan-assign-v1\0");
    h.update(c.seed.as_bytes());
    h.update(b"\0");
    h.update(POPULATION.as_bytes());
    let key: [u8; 32] = h.finalize().into();
    assert_eq!(key, anjuan::team::assign::key(&c.seed, POPULATION));
    let mut rng = ChaCha20Rng::from_seed(key);
    let mut w = BTreeMap::new();
    for f in &files {
        for r in &reviewers {
            w.insert((f.to_string(), r.to_string()), rng.next_u64() >> 24);
        }
    }
    w
}

/// Every permitted choice of reviewers for one file.
fn options(c: &Case, file: &Target) -> Vec<Vec<String>> {
    let eligible: Vec<&Candidate> = c
        .reviewers
        .iter()
        .filter(|r| r.unit.trim() != file.agency.trim())
        .collect();
    let mut out = Vec::new();
    for (i, a) in eligible.iter().enumerate() {
        if c.per_file == 1 {
            out.push(vec![a.id.clone()]);
            continue;
        }
        for b in &eligible[i + 1..] {
            if a.unit.trim() != b.unit.trim() {
                let mut pair = vec![a.id.clone(), b.id.clone()];
                pair.sort();
                out.push(pair);
            }
        }
    }
    out
}

/// (Σ load², Σ w), compared lexicographically.
type Objective = (usize, u128);

/// The objective of an assignment given per file in `c.files` order.
fn objective(c: &Case, w: &BTreeMap<(String, String), u64>, chosen: &[Vec<String>]) -> Objective {
    let mut load: BTreeMap<&str, usize> = c.reviewers.iter().map(|r| (r.id.as_str(), 0)).collect();
    let mut total = 0u128;
    for (file, ids) in c.files.iter().zip(chosen) {
        for id in ids {
            *load.get_mut(id.as_str()).expect("a roster id") += 1;
            total += u128::from(w[&(file.case_id.clone(), id.clone())]);
        }
    }
    (load.values().map(|l| l * l).sum(), total)
}

/// Can every reviewer get ⌊m/R⌋ or ⌈m/R⌉ files with no 回避 conflict at all? With single review
/// always; with double review iff some such loads keep every unit's total within the number of
/// files (a unit can review a file only once), by the wrap-around argument of docs §8.
fn balance_possible_without_conflicts(c: &Case) -> bool {
    let (f, r) = (c.files.len(), c.reviewers.len());
    if c.per_file == 1 {
        return true;
    }
    let m = 2 * f;
    let (q, s) = (m / r, m % r);
    let mut sizes: BTreeMap<&str, usize> = BTreeMap::new();
    for rev in &c.reviewers {
        *sizes.entry(rev.unit.trim()).or_default() += 1;
    }
    sizes.values().all(|&k| k * q <= f)
        && sizes.values().map(|&k| k.min(f - k * q)).sum::<usize>() >= s
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn rules_hold_and_errors_are_exact(c in case(12, 0..=30, 5)) {
        let short = short_files(&c);
        match assign(&c.input()) {
            Err(AssignError::Infeasible { cases }) => prop_assert_eq!(cases, short),
            Err(e) => prop_assert!(false, "unexpected error {:?}", e),
            Ok(out) => {
                prop_assert!(short.is_empty());
                prop_assert_eq!(out.files.len(), c.files.len());
                for (file, ids) in c.files.iter().zip(&out.files) {
                    prop_assert_eq!(ids.len(), c.per_file);
                    let mut sorted = ids.clone();
                    sorted.sort();
                    sorted.dedup();
                    prop_assert_eq!(&sorted, ids, "sorted, distinct ids");
                    for id in ids {
                        prop_assert_ne!(unit_of(&c, id), file.agency.trim(), "回避");
                    }
                    if c.per_file == 2 {
                        prop_assert_ne!(unit_of(&c, &ids[0]), unit_of(&c, &ids[1]));
                    }
                }
                let mut roster: Vec<String> = c.reviewers.iter().map(|r| r.id.clone()).collect();
                roster.sort();
                let listed: Vec<String> = out.loads.iter().map(|(id, _)| id.clone()).collect();
                prop_assert_eq!(listed, roster);
                for (id, n) in &out.loads {
                    prop_assert_eq!(*n, out.files.iter().filter(|ids| ids.contains(id)).count());
                }
                let max = out.loads.iter().map(|l| l.1).max().unwrap_or(0);
                let min = out.loads.iter().map(|l| l.1).min().unwrap_or(0);
                prop_assert_eq!(out.balanced, max - min <= 1);
            }
        }
    }

    #[test]
    fn reproducible_and_independent_of_input_order((c, shuffled) in case_and_shuffled()) {
        let a = assign(&c.input());
        prop_assert_eq!(&a, &assign(&c.input()));
        let b = assign(&shuffled.input());
        match (a, b) {
            (Ok(a), Ok(b)) => {
                let by_case = |c: &Case, out: &Outcome| -> BTreeMap<String, Vec<String>> {
                    c.files.iter().map(|f| f.case_id.clone()).zip(out.files.clone()).collect()
                };
                prop_assert_eq!(by_case(&c, &a), by_case(&shuffled, &b));
                prop_assert_eq!(a.loads, b.loads);
                prop_assert_eq!(a.balanced, b.balanced);
            }
            (a, b) => prop_assert_eq!(a, b),
        }
    }

    #[test]
    fn balanced_when_no_reviewer_is_from_a_drawn_agency(c in case(12, 0..=30, 5)) {
        // Move every file to an agency no reviewer belongs to.
        let mut c = c;
        for (i, f) in c.files.iter_mut().enumerate() {
            f.agency = ["县应急管理局", "县自然资源局", "县卫生健康局"][i % 3].to_string();
        }
        prop_assume!(short_files(&c).is_empty());
        let out = assign(&c.input()).expect("feasible");
        prop_assert_eq!(out.balanced, balance_possible_without_conflicts(&c));
        if c.per_file == 1 {
            prop_assert!(out.balanced);
        }
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// Tiny instances against brute force over every permitted assignment: our Σ load² is the
    /// least possible, our Σ w the least among those, and the assignment is that optimum.
    #[test]
    fn tiny_instances_are_the_brute_force_optimum(c in case(4, 1..=5, 5)) {
        let out = match assign(&c.input()) {
            Err(AssignError::Infeasible { cases }) => {
                prop_assert_eq!(cases, short_files(&c));
                return Ok(());
            }
            other => other.expect("no other error"),
        };
        let w = weights_by_the_book(&c);
        let per_file: Vec<Vec<Vec<String>>> = c.files.iter().map(|f| options(&c, f)).collect();
        let mut best: Option<(Objective, Vec<Vec<String>>)> = None;
        let mut pick = vec![0usize; per_file.len()];
        loop {
            let chosen: Vec<Vec<String>> =
                pick.iter().zip(&per_file).map(|(&i, o)| o[i].clone()).collect();
            let obj = objective(&c, &w, &chosen);
            if best.as_ref().is_none_or(|(b, _)| obj < *b) {
                best = Some((obj, chosen));
            }
            // Next combination, odometer style.
            let mut k = 0;
            while k < pick.len() {
                pick[k] += 1;
                if pick[k] < per_file[k].len() {
                    break;
                }
                pick[k] = 0;
                k += 1;
            }
            if k == pick.len() {
                break;
            }
        }
        let (best_obj, best_choice) = best.expect("at least the empty assignment");
        let ours = objective(&c, &w, &out.files);
        prop_assert_eq!(ours.0, best_obj.0, "Σ load²");
        prop_assert_eq!(ours.1, best_obj.1, "Σ w among the most balanced");
        prop_assert_eq!(&out.files, &best_choice);

        // `balanced` is true exactly when some permitted assignment is balanced.
        let loads = |chosen: &[Vec<String>]| -> Vec<usize> {
            c.reviewers.iter().map(|r| chosen.iter().filter(|ids| ids.contains(&r.id)).count()).collect()
        };
        let l = loads(&best_choice);
        let spread = l.iter().max().unwrap_or(&0) - l.iter().min().unwrap_or(&0);
        prop_assert_eq!(out.balanced, spread <= 1);
    }
}
