//! Property tests of `anjuan-draw-v1` (spec draw-v1 §3–§5): invariance under row order and extra
//! columns, the allocation rules against direct references written here in exact integers,
//! per-stratum independence, the prefix property and the form and order of tickets.

use anjuan::draw::allocation::{allocate, Allocation, AllocationError, Method, StratumKey};
use anjuan::draw::ticket::{display, TicketHasher};
use anjuan::register::import::{import, ImportSettings, RegisterFile};
use anjuan::register::population::{Population, PopulationBuilder, Role, Selected};
use proptest::prelude::*;
use proptest::test_runner::Config;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

const AGENCIES: [&str; 6] = [
    "攸县公安局",
    "攸县市场监督管理局",
    "攸县交通运输局",
    "株洲市生态环境局攸县分局",
    "攸县应急管理局",
    "Agency B (pilot)",
];

fn config() -> Config {
    // No regression files: the tests directory holds only the test sources.
    Config {
        cases: 64,
        failure_persistence: None,
        ..Config::default()
    }
}

/// An id made from a distinct number; the template depends on the number, so ids are unique.
fn id_for(n: u32) -> String {
    match n % 6 {
        0 => format!("攸市监罚〔2024〕{n}号"),
        1 => format!("攸公罚〔2023〕{n}号"),
        2 => format!("AG0{}/2024-{n:05}", n % 7),
        3 => format!("株环罚字〔2022〕第{n}号"),
        4 => format!("{n:08}"),
        _ => format!("攸 交\u{3000}罚 {n}"),
    }
}

type Rows = Vec<(String, String)>;

/// 1–300 unique ids spread over 1–6 strata (some strata may end up empty).
fn rows() -> impl Strategy<Value = Rows> {
    (
        1usize..=6,
        prop::collection::btree_set(0u32..1_000_000, 1..=300),
    )
        .prop_flat_map(|(k, nums)| {
            let n = nums.len();
            let ids: Vec<String> = nums.into_iter().map(id_for).collect();
            (Just(ids), prop::collection::vec(0..k, n)).prop_map(|(ids, strata)| {
                ids.into_iter()
                    .zip(strata)
                    .map(|(id, s)| (id, AGENCIES[s].to_string()))
                    .collect::<Rows>()
            })
        })
}

/// Rows, a shuffled copy of them, and a seed of 20–30 digits.
fn shuffled_rows_and_seed() -> impl Strategy<Value = (Rows, Rows, String)> {
    (rows(), "[0-9]{20,30}")
        .prop_flat_map(|(rows, seed)| (Just(rows.clone()), Just(rows).prop_shuffle(), Just(seed)))
}

fn build(seed: &str, rows: &[(String, String)]) -> Population {
    let mut b = PopulationBuilder::new(Some(seed));
    for (i, (id, agency)) in rows.iter().enumerate() {
        let s = b.stratum(&[agency]);
        b.push(id, s, i as u32).unwrap();
    }
    let (p, dups) = b.finish();
    assert!(dups.is_empty());
    p
}

fn total(p: &Population) -> u64 {
    p.strata().iter().map(|(_, n)| n).sum()
}

/// Spec §5 computed here.
fn reference_digest(rows: &[(String, String)]) -> String {
    let mut lines: Vec<(&[u8], String)> = rows
        .iter()
        .map(|(id, a)| (id.as_bytes(), format!("{id}\t{a}\n")))
        .collect();
    lines.sort();
    let mut h = Sha256::new();
    for (_, l) in &lines {
        h.update(l.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) || s != s.trim() {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn write_csv(path: &Path, lines: &[Vec<String>]) {
    let mut text = String::new();
    for l in lines {
        text.push_str(&l.iter().map(|c| csv_field(c)).collect::<Vec<_>>().join(","));
        text.push('\n');
    }
    std::fs::write(path, text).unwrap();
}

fn import_csv(path: &Path, seed: &str) -> Population {
    let files = [RegisterFile {
        path: path.to_path_buf(),
        agency: None,
        ..Default::default()
    }];
    match import(&files, &ImportSettings::default(), Some(seed), false) {
        Ok(i) => i.population,
        Err(e) => panic!("import failed: {e:?}"),
    }
}

/// Ids of one stratum's part of a selection, in order.
fn ids_in(sel: &[Selected], key: &StratumKey) -> Vec<String> {
    sel.iter()
        .filter(|s| &s.stratum == key)
        .map(|s| s.case_id.clone())
        .collect()
}

fn sample_ids_in(sel: &[Selected], key: &StratumKey) -> Vec<String> {
    sel.iter()
        .filter(|s| &s.stratum == key && s.role == Role::Sample)
        .map(|s| s.case_id.clone())
        .collect()
}

/// Stratum sizes under sorted distinct keys: half the time 1..=100, half the time 1..=8, where
/// equal remainders (the tie rules) are common.
fn sizes() -> impl Strategy<Value = Vec<(StratumKey, u64)>> {
    prop_oneof![
        prop::collection::vec(1u64..=100, 1..=6),
        prop::collection::vec(1u64..=8, 1..=6),
    ]
    .prop_map(|v| {
        let mut v: Vec<(StratumKey, u64)> = v
            .into_iter()
            .enumerate()
            .map(|(i, n)| (vec![AGENCIES[i].to_string()], n))
            .collect();
        v.sort();
        v
    })
}

/// Spec §3 `proportional`, step 3, written directly: repeatedly the largest deficit.
fn reference_greedy(strata: &[(StratumKey, u64)], n: u64, m: u64) -> Vec<u64> {
    let big_n: u64 = strata.iter().map(|(_, s)| s).sum();
    let mut a: Vec<u64> = strata.iter().map(|(_, s)| m.min(*s)).collect();
    while a.iter().sum::<u64>() < n {
        let best = (0..strata.len())
            .filter(|&i| a[i] < strata[i].1)
            .max_by(|&i, &j| {
                let di = n as i128 * strata[i].1 as i128 - a[i] as i128 * big_n as i128;
                let dj = n as i128 * strata[j].1 as i128 - a[j] as i128 * big_n as i128;
                di.cmp(&dj)
                    .then(strata[i].1.cmp(&strata[j].1))
                    .then(strata[j].0.cmp(&strata[i].0))
            })
            .unwrap();
        a[best] += 1;
    }
    a
}

/// Largest remainder (Hamilton): floors of n·N_s/N, then one more to the largest remainders,
/// ties to the larger N_s, then the smaller key. Exact integers only.
fn reference_hamilton(strata: &[(StratumKey, u64)], n: u64) -> Vec<u64> {
    let big_n: u64 = strata.iter().map(|(_, s)| s).sum();
    let mut a: Vec<u64> = strata.iter().map(|(_, s)| n * s / big_n).collect();
    let mut left = n - a.iter().sum::<u64>();
    let mut order: Vec<usize> = (0..strata.len()).collect();
    order.sort_by(|&i, &j| {
        let ri = n * strata[i].1 % big_n;
        let rj = n * strata[j].1 % big_n;
        rj.cmp(&ri)
            .then(strata[j].1.cmp(&strata[i].1))
            .then(strata[i].0.cmp(&strata[j].0))
    });
    for i in order {
        if left == 0 {
            break;
        }
        a[i] += 1;
        left -= 1;
    }
    a
}

fn check_alternates(allocs: &[Allocation], strata: &[(StratumKey, u64)], r: u64) {
    assert_eq!(allocs.len(), strata.len());
    for (a, (k, size)) in allocs.iter().zip(strata) {
        assert_eq!(&a.stratum, k);
        assert_eq!(a.size, *size);
        assert!(a.allocated <= *size);
        assert_eq!(a.alternates, r.min(size - a.allocated));
    }
}

proptest! {
    #![proptest_config(config())]

    /// Row order does not change the population digest, the strata or the selection.
    #[test]
    fn row_order_does_not_matter(
        (rows, shuffled, seed) in shuffled_rows_and_seed(),
        frac in 0.0f64..=1.0,
        m in 0u64..=2,
        r in 0u64..=3,
    ) {
        let p = build(&seed, &rows);
        let q = build(&seed, &shuffled);
        prop_assert_eq!(p.digest(), q.digest());
        prop_assert_eq!(p.digest(), reference_digest(&rows));
        prop_assert_eq!(p.strata(), q.strata());
        let big_n = total(&p);
        let need: u64 = p.strata().iter().map(|(_, s)| m.min(*s)).sum();
        let n = need.max((big_n as f64 * frac) as u64).min(big_n);
        let alloc = allocate(&p.strata(), &Method::Proportional { n, min_per_stratum: m }, r).unwrap();
        prop_assert_eq!(p.select(&alloc), q.select(&alloc));
    }

    /// Through the CSV importer: an extra column and a different row order change nothing.
    #[test]
    fn extra_columns_do_not_matter(
        (rows, shuffled, seed) in shuffled_rows_and_seed(),
        notes in prop::collection::vec("[a-z ,\"攸县备注]{0,12}", 300),
        k in 0u64..=4,
        r in 0u64..=2,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain.csv");
        let extra = dir.path().join("extra.csv");
        let mut lines = vec![vec!["案号".to_string(), "执法机关".to_string()]];
        lines.extend(rows.iter().map(|(id, a)| vec![id.clone(), a.clone()]));
        write_csv(&plain, &lines);
        let mut lines = vec![vec!["序号".to_string(), "执法机关".to_string(), "备注".to_string(), "案号".to_string()]];
        lines.extend(
            shuffled.iter().zip(&notes).enumerate()
                .map(|(i, ((id, a), note))| vec![(i + 1).to_string(), a.clone(), note.clone(), id.clone()]),
        );
        write_csv(&extra, &lines);
        let p = import_csv(&plain, &seed);
        let q = import_csv(&extra, &seed);
        let b = build(&seed, &rows);
        prop_assert_eq!(p.digest(), q.digest());
        prop_assert_eq!(p.digest(), b.digest());
        prop_assert_eq!(p.strata(), q.strata());
        let alloc = allocate(&p.strata(), &Method::Equal { per_stratum: k }, r).unwrap();
        let sel = p.select(&alloc);
        prop_assert_eq!(&sel, &q.select(&alloc));
        prop_assert_eq!(&sel, &b.select(&alloc));
    }

    /// Proportional allocation: sums to n, respects minimums and sizes, alternates are capped,
    /// equals the spec's greedy written directly, and errors exactly when the spec says.
    #[test]
    fn proportional_allocation_rules(
        (strata, n) in sizes().prop_flat_map(|s| {
            let big_n: u64 = s.iter().map(|(_, n)| n).sum();
            (Just(s), 0..=big_n + 3)
        }),
        m in 0u64..=30,
        r in 0u64..=4,
    ) {
        let big_n: u64 = strata.iter().map(|(_, s)| s).sum();
        let need: u64 = strata.iter().map(|(_, s)| m.min(*s)).sum();
        let got = allocate(&strata, &Method::Proportional { n, min_per_stratum: m }, r);
        if n > big_n {
            prop_assert_eq!(got, Err(AllocationError::MoreThanPopulation { n, population: big_n }));
        } else if need > n {
            prop_assert_eq!(got, Err(AllocationError::MinimumsExceedN { needed: need, min: m, strata: strata.len(), n }));
        } else {
            let allocs = got.unwrap();
            check_alternates(&allocs, &strata, r);
            prop_assert_eq!(allocs.iter().map(|a| a.allocated).sum::<u64>(), n);
            for (a, (_, size)) in allocs.iter().zip(&strata) {
                prop_assert!(a.allocated >= m.min(*size));
            }
            let counts: Vec<u64> = allocs.iter().map(|a| a.allocated).collect();
            prop_assert_eq!(counts, reference_greedy(&strata, n, m));
        }
    }

    /// Without a binding minimum, proportional is exactly largest remainder (Hamilton).
    #[test]
    fn proportional_without_binding_minimum_is_hamilton(
        (strata, n) in sizes().prop_flat_map(|s| {
            let big_n: u64 = s.iter().map(|(_, n)| n).sum();
            (Just(s), 0..=big_n)
        }),
        m in 0u64..=3,
    ) {
        let hamilton = reference_hamilton(&strata, n);
        prop_assert_eq!(hamilton.iter().sum::<u64>(), n);
        let counts = |m: u64| -> Vec<u64> {
            allocate(&strata, &Method::Proportional { n, min_per_stratum: m }, 0)
                .unwrap()
                .iter()
                .map(|a| a.allocated)
                .collect()
        };
        prop_assert_eq!(counts(0), hamilton.clone());
        let binding = hamilton.iter().zip(&strata).any(|(h, (_, s))| *h < m.min(*s));
        if !binding {
            prop_assert_eq!(counts(m), hamilton);
        }
    }

    /// Equal and fixed allocations respect sizes; fixed errors on a quota above size or an
    /// unknown stratum; missing strata get 0.
    #[test]
    fn equal_and_fixed_allocation_rules(
        strata in sizes(),
        k in 0u64..=120,
        quotas in prop::collection::vec(0u64..=110, 6),
        keep in prop::collection::vec(any::<bool>(), 6),
        r in 0u64..=4,
    ) {
        let allocs = allocate(&strata, &Method::Equal { per_stratum: k }, r).unwrap();
        check_alternates(&allocs, &strata, r);
        for (a, (_, size)) in allocs.iter().zip(&strata) {
            prop_assert_eq!(a.allocated, k.min(*size));
        }
        let table: BTreeMap<String, u64> = strata
            .iter()
            .zip(&quotas)
            .zip(&keep)
            .filter(|(_, keep)| **keep)
            .map(|(((key, _), q), _)| (key.join("\t"), *q))
            .collect();
        let over = strata.iter().any(|(key, size)| table.get(&key.join("\t")).is_some_and(|q| q > size));
        let got = allocate(&strata, &Method::Fixed { quotas: table.clone() }, r);
        if over {
            let over_size = matches!(got, Err(AllocationError::QuotaAboveSize { .. }));
            prop_assert!(over_size, "{:?}", got);
        } else {
            let allocs = got.unwrap();
            check_alternates(&allocs, &strata, r);
            for (a, (key, _)) in allocs.iter().zip(&strata) {
                prop_assert_eq!(a.allocated, table.get(&key.join("\t")).copied().unwrap_or(0));
            }
        }
        let mut unknown = table;
        unknown.insert("不存在的机关".to_string(), 0);
        let unknown_stratum = matches!(
            allocate(&strata, &Method::Fixed { quotas: unknown }, r),
            Err(AllocationError::UnknownStratum { .. })
        );
        prop_assert!(unknown_stratum);
    }

    /// Sampling one stratum on its own gives that stratum's part of the pooled selection.
    #[test]
    fn one_stratum_alone_equals_its_part_of_the_pool(
        rows in rows(),
        seed in "[0-9]{20,30}",
        pick in any::<prop::sample::Index>(),
        k in 0u64..=40,
        r in 0u64..=3,
    ) {
        let pooled = build(&seed, &rows);
        let strata = pooled.strata();
        let (key, size) = strata[pick.index(strata.len())].clone();
        let alone_rows: Rows = rows.iter().filter(|(_, a)| *a == key[0]).cloned().collect();
        let alone = build(&seed, &alone_rows);
        prop_assert_eq!(alone.strata(), vec![(key.clone(), size)]);
        for (allocated, alternates) in [(k.min(size), r.min(size - k.min(size))), (size, 0)] {
            let a = Allocation { stratum: key.clone(), size, allocated, alternates };
            let all: Vec<Allocation> = strata
                .iter()
                .map(|(s, n)| if *s == key { a.clone() } else { Allocation { stratum: s.clone(), size: *n, allocated: (*n).min(2), alternates: 0 } })
                .collect();
            let from_pool: Vec<Selected> = pooled.select(&all).into_iter().filter(|s| s.stratum == key).collect();
            prop_assert_eq!(alone.select(&[a]), from_pool);
        }
    }

    /// With equal or fixed allocations, a smaller sample is a prefix of a larger one in every
    /// stratum, and so is the sample-plus-alternates list.
    #[test]
    fn smaller_samples_are_prefixes_of_larger_ones(
        rows in rows(),
        seed in "[0-9]{20,30}",
        k in 0u64..=30,
        extra in 1u64..=30,
        fracs in prop::collection::vec((0.0f64..=1.0, 0.0f64..=1.0), 6),
        r in 0u64..=3,
    ) {
        let p = build(&seed, &rows);
        let strata = p.strata();
        let small = allocate(&strata, &Method::Equal { per_stratum: k }, r).unwrap();
        let large = allocate(&strata, &Method::Equal { per_stratum: k + extra }, r).unwrap();
        // Fixed quotas q ≤ q' ≤ N_s per stratum.
        let mut lo = BTreeMap::new();
        let mut hi = BTreeMap::new();
        for ((key, size), (f1, f2)) in strata.iter().zip(&fracs) {
            let q = (*size as f64 * f1.min(*f2)) as u64;
            let q2 = ((*size as f64 * f1.max(*f2)) as u64).max(q).min(*size);
            lo.insert(key.join("\t"), q);
            hi.insert(key.join("\t"), q2);
        }
        let fixed_lo = allocate(&strata, &Method::Fixed { quotas: lo }, r).unwrap();
        let fixed_hi = allocate(&strata, &Method::Fixed { quotas: hi }, r).unwrap();
        for (a, b) in [(small, large), (fixed_lo, fixed_hi)] {
            let sa = p.select(&a);
            let sb = p.select(&b);
            for (key, _) in &strata {
                let (xa, xb) = (sample_ids_in(&sa, key), sample_ids_in(&sb, key));
                prop_assert!(xa.len() <= xb.len());
                prop_assert_eq!(&xa[..], &xb[..xa.len()]);
                let (ya, yb) = (ids_in(&sa, key), ids_in(&sb, key));
                prop_assert!(ya.len() <= yb.len());
                prop_assert_eq!(&ya[..], &yb[..ya.len()]);
            }
        }
    }

    /// Within each stratum the selection is in ascending ticket-string order, ranked 1.., samples
    /// before alternates; tickets are `0.` plus 64–78 digits and are the tickets of the ids.
    #[test]
    fn selection_is_sorted_by_ticket_and_tickets_are_well_formed(
        rows in rows(),
        seed in "[0-9]{20,30}",
        frac in 0.0f64..=1.0,
        r in 0u64..=3,
    ) {
        let p = build(&seed, &rows);
        let big_n = total(&p);
        let n = ((big_n as f64 * frac) as u64).clamp(p.strata().len() as u64, big_n);
        let alloc = allocate(&p.strata(), &Method::Proportional { n, min_per_stratum: 1 }, r).unwrap();
        let sel = p.select(&alloc);
        let h = TicketHasher::new(&seed);
        prop_assert_eq!(sel.len() as u64, alloc.iter().map(|a| a.allocated + a.alternates).sum::<u64>());
        for a in &alloc {
            let part: Vec<&Selected> = sel.iter().filter(|s| s.stratum == a.stratum).collect();
            prop_assert_eq!(part.len() as u64, a.allocated + a.alternates);
            prop_assert!(part.windows(2).all(|w| w[0].ticket < w[1].ticket));
            for (i, s) in part.iter().enumerate() {
                prop_assert_eq!(s.rank, i as u64 + 1);
                prop_assert_eq!(s.role, if (i as u64) < a.allocated { Role::Sample } else { Role::Alternate });
                let t = &s.ticket;
                prop_assert!((66..=80).contains(&t.len()), "{}", t);
                prop_assert!(t.starts_with("0.") && t[2..].bytes().all(|b| b.is_ascii_digit()), "{}", t);
                prop_assert_eq!(t, &h.ticket(&s.case_id));
                prop_assert!(t.starts_with(display(t)));
            }
            // The selected ones are the smallest tickets of their stratum.
            let mut all: Vec<String> = rows
                .iter()
                .filter(|(_, ag)| *ag == a.stratum[0])
                .map(|(id, _)| h.ticket(id))
                .collect();
            all.sort();
            let got: Vec<&str> = part.iter().map(|s| s.ticket.as_str()).collect();
            let want: Vec<&str> = all.iter().take(part.len()).map(String::as_str).collect();
            prop_assert_eq!(got, want);
        }
    }
}

/// Fixed examples of the two tie rules, so that they are exercised on every run.
#[test]
fn hamilton_tie_rules_examples() {
    let s = |v: &[(&str, u64)]| -> Vec<(StratumKey, u64)> {
        v.iter().map(|(k, n)| (vec![k.to_string()], *n)).collect()
    };
    let counts = |strata: &[(StratumKey, u64)], n: u64| -> Vec<u64> {
        allocate(
            strata,
            &Method::Proportional {
                n,
                min_per_stratum: 0,
            },
            0,
        )
        .unwrap()
        .iter()
        .map(|a| a.allocated)
        .collect()
    };
    // Shares 0.5, 1.5, 3: remainders of a and b tie; the larger stratum (b) wins.
    let strata = s(&[("a", 1), ("b", 3), ("c", 6)]);
    assert_eq!(reference_hamilton(&strata, 5), vec![0, 2, 3]);
    assert_eq!(counts(&strata, 5), vec![0, 2, 3]);
    // Shares 1.5, 1.5, 2: same remainder and size; the smaller key (a) wins.
    let strata = s(&[("a", 3), ("b", 3), ("c", 4)]);
    assert_eq!(reference_hamilton(&strata, 5), vec![2, 1, 2]);
    assert_eq!(counts(&strata, 5), vec![2, 1, 2]);
    // Keys compare as UTF-8 bytes: "Z" < "a" < "攸".
    let strata = s(&[("Z", 1), ("a", 1), ("攸", 1)]);
    assert_eq!(counts(&strata, 1), vec![1, 0, 0]);
    assert_eq!(reference_greedy(&strata, 2, 0), vec![1, 1, 0]);
    assert_eq!(counts(&strata, 2), vec![1, 1, 0]);
}
