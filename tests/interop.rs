//! Interoperability with the public reference implementation of consistent sampling
//! (`consistent-sampler`, see docs/INTEROP.md). The fixtures under `tests/fixtures/interop/` were
//! produced by that package; these tests only read them, so no Python is needed at test time.
//!
//! Tickets are always compared as strings, never as floating-point numbers.

use anjuan::draw::allocation::{allocate, Allocation, Method, StratumKey};
use anjuan::draw::ticket::{display, uniform, TicketHasher};
use anjuan::register::columns::{ColumnChoice, Role as ColumnRole, StratumField};
use anjuan::register::import::{import, ImportSettings, RegisterFile};
use anjuan::register::population::{Population, PopulationBuilder, Role, Selected};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
struct Fixture {
    #[serde(skip)]
    name: String,
    generator: String,
    seed: String,
    population: Vec<Case>,
    order: Vec<Ordered>,
    strata: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Deserialize)]
struct Case {
    id: String,
    stratum: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Ordered {
    id: String,
    ticket: String,
    ticket18: String,
}

#[derive(Debug, Deserialize)]
struct Vector {
    seed: String,
    id: String,
    ticket: String,
}

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join("interop")
}

fn fixtures() -> Vec<Fixture> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(fixture_dir())
        .expect("fixture directory")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter(|p| p.file_name().is_some_and(|n| n != "ticket-vectors.json"))
        .collect();
    paths.sort();
    let out: Vec<Fixture> = paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("read fixture");
            let mut f: Fixture =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            f.name = p.file_name().unwrap().to_string_lossy().into_owned();
            f
        })
        .collect();
    assert_eq!(
        out.len(),
        7,
        "expected the seven fixtures of docs/INTEROP.md"
    );
    out
}

fn fixture(name: &str) -> Fixture {
    fixtures()
        .into_iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no fixture {name}"))
}

fn key_of(joined: &str) -> StratumKey {
    joined.split('\t').map(str::to_string).collect()
}

/// The reference package's `digits=18` display, computed here independently of `display`.
fn reference_trim(ticket: &str) -> String {
    let digits = ticket.strip_prefix("0.").expect("ticket starts with 0.");
    let nines = digits.chars().take_while(|&c| c == '9').count();
    format!("0.{}", &digits[..(nines + 18).min(digits.len())])
}

fn is_ticket(t: &str) -> bool {
    t.len() >= 66
        && t.len() <= 80
        && t.starts_with("0.")
        && t[2..].bytes().all(|b| b.is_ascii_digit())
}

fn build(f: &Fixture) -> Population {
    let mut b = PopulationBuilder::new(Some(&f.seed));
    for (i, c) in f.population.iter().enumerate() {
        let fields: Vec<&str> = c.stratum.iter().map(String::as_str).collect();
        let s = b.stratum(&fields);
        b.push(&c.id, s, i as u32).unwrap();
    }
    let (p, dups) = b.finish();
    assert!(dups.is_empty(), "{}: duplicates {dups:?}", f.name);
    p
}

fn tickets_of(f: &Fixture) -> HashMap<&str, &str> {
    f.order
        .iter()
        .map(|o| (o.id.as_str(), o.ticket.as_str()))
        .collect()
}

/// Group a selection by stratum, checking that strata come in key order and each once.
fn by_stratum(sel: &[Selected]) -> Vec<(StratumKey, Vec<&Selected>)> {
    let mut out: Vec<(StratumKey, Vec<&Selected>)> = Vec::new();
    for s in sel {
        match out.last_mut() {
            Some((k, v)) if *k == s.stratum => v.push(s),
            _ => out.push((s.stratum.clone(), vec![s])),
        }
    }
    let keys: Vec<&StratumKey> = out.iter().map(|(k, _)| k).collect();
    assert!(
        keys.windows(2).all(|w| w[0] < w[1]),
        "strata not in key order or split: {keys:?}"
    );
    out
}

/// Check a selection against the fixture's per-stratum order: each stratum's part must be the
/// first `allocated + alternates` of the reference order, ranked 1.., sample before alternates.
fn check_selection(f: &Fixture, allocations: &[Allocation], sel: &[Selected]) {
    let tickets = tickets_of(f);
    let groups: HashMap<StratumKey, Vec<&Selected>> = by_stratum(sel).into_iter().collect();
    for a in allocations {
        let want = &f.strata[&a.stratum.join("\t")];
        let k = (a.allocated + a.alternates) as usize;
        let got = groups.get(&a.stratum).cloned().unwrap_or_default();
        let got_ids: Vec<&str> = got.iter().map(|s| s.case_id.as_str()).collect();
        let want_ids: Vec<&str> = want[..k].iter().map(String::as_str).collect();
        assert_eq!(got_ids, want_ids, "{}: stratum {:?}", f.name, a.stratum);
        for (i, s) in got.iter().enumerate() {
            assert_eq!(s.rank, i as u64 + 1, "{}: rank of {}", f.name, s.case_id);
            let role = if (i as u64) < a.allocated {
                Role::Sample
            } else {
                Role::Alternate
            };
            assert_eq!(s.role, role, "{}: role of {}", f.name, s.case_id);
            assert_eq!(
                s.ticket,
                tickets[s.case_id.as_str()],
                "{}: ticket of {}",
                f.name,
                s.case_id
            );
        }
    }
    let listed: usize = allocations
        .iter()
        .map(|a| (a.allocated + a.alternates) as usize)
        .sum();
    assert_eq!(
        sel.len(),
        listed,
        "{}: selection has cases outside the allocation",
        f.name
    );
}

#[test]
fn ticket_vectors_match_the_reference_package() {
    let text = std::fs::read_to_string(fixture_dir().join("ticket-vectors.json")).unwrap();
    let vectors: Vec<Vector> = serde_json::from_str(&text).unwrap();
    assert_eq!(vectors.len(), 276);
    // The reference values of spec draw-v1 §2 come first.
    assert_eq!(vectors[0].seed, "01382438112797316654");
    assert_eq!(vectors[0].id, "AB-130");
    assert_eq!(
        vectors[0].ticket,
        "0.26299714122838008416507544297546663599715395525154425586041245287750224561854"
    );
    assert_eq!(vectors[1].seed, "08772473296991897540");
    assert_eq!(vectors[1].id, "AG02/2024-0005");
    let seeds: HashSet<&str> = vectors.iter().map(|v| v.seed.as_str()).collect();
    assert_eq!(seeds.len(), 12);
    let mut hashers: HashMap<&str, TicketHasher> = HashMap::new();
    for v in &vectors {
        let h = hashers
            .entry(&v.seed)
            .or_insert_with(|| TicketHasher::new(&v.seed));
        let t = h.ticket(&v.id);
        assert_eq!(t, v.ticket, "seed {} id {:?}", v.seed, v.id);
        assert!(is_ticket(&t), "{t}");
        // The hasher's shortcut equals the definition T(id) = U(H(seed) ‖ id).
        assert_eq!(
            uniform(format!("{}{}", h.seed_hash(), v.id).as_bytes()),
            v.ticket
        );
    }
    // Seeds are text: a leading zero makes a different seed.
    let a = TicketHasher::new("0123456789012345678901").ticket("AB-130");
    let b = TicketHasher::new("123456789012345678901").ticket("AB-130");
    assert_ne!(a, b);
    assert!(seeds.contains("0123456789012345678901") && seeds.contains("123456789012345678901"));
}

#[test]
fn spec_reference_u_of_abc() {
    assert_eq!(
        uniform(b"abc"),
        "0.56998071861792858926477341561059638840106636224182943832566300809078486324348"
    );
}

#[test]
fn fixtures_are_self_consistent() {
    for f in fixtures() {
        assert_eq!(f.generator, "consistent-sampler 1.0.10", "{}", f.name);
        assert!(
            f.seed.len() >= 20 && f.seed.bytes().all(|b| b.is_ascii_digit()),
            "{}",
            f.name
        );
        let ids: HashSet<&str> = f.population.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids.len(), f.population.len(), "{}: ids not unique", f.name);
        let ordered: HashSet<&str> = f.order.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(
            ids, ordered,
            "{}: order is not a permutation of the population",
            f.name
        );
        assert_eq!(f.order.len(), f.population.len(), "{}", f.name);
        // The pooled order, filtered to a stratum, equals that stratum's own order.
        let stratum_of: HashMap<&str, String> = f
            .population
            .iter()
            .map(|c| (c.id.as_str(), c.stratum.join("\t")))
            .collect();
        let mut filtered: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for o in &f.order {
            filtered
                .entry(stratum_of[o.id.as_str()].clone())
                .or_default()
                .push(o.id.clone());
        }
        assert_eq!(filtered, f.strata, "{}", f.name);
        // Every full ticket is a well-formed ticket; the population is not already sorted.
        for o in &f.order {
            assert!(is_ticket(&o.ticket), "{}: {}", f.name, o.ticket);
        }
        let pop_ids: Vec<&str> = f.population.iter().map(|c| c.id.as_str()).collect();
        let order_ids: Vec<&str> = f.order.iter().map(|o| o.id.as_str()).collect();
        assert_ne!(
            pop_ids, order_ids,
            "{}: population is expected in scrambled order",
            f.name
        );
    }
}

#[test]
fn fixture_tickets_and_pooled_order() {
    for f in fixtures() {
        let h = TicketHasher::new(&f.seed);
        for o in &f.order {
            assert_eq!(
                h.ticket(&o.id),
                o.ticket,
                "{}: ticket of {:?}",
                f.name,
                o.id
            );
        }
        // Order by (ticket string, id bytes) from the scrambled register order.
        let mut ours: Vec<(String, &str)> = f
            .population
            .iter()
            .map(|c| (h.ticket(&c.id), c.id.as_str()))
            .collect();
        ours.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| a.1.as_bytes().cmp(b.1.as_bytes()))
        });
        let got: Vec<(&str, &str)> = ours.iter().map(|(t, i)| (*i, t.as_str())).collect();
        let want: Vec<(&str, &str)> = f
            .order
            .iter()
            .map(|o| (o.id.as_str(), o.ticket.as_str()))
            .collect();
        assert_eq!(got, want, "{}", f.name);
        // String order strictly increases along the reference order (no ties in the fixtures).
        assert!(
            f.order.windows(2).all(|w| w[0].ticket < w[1].ticket),
            "{}",
            f.name
        );
    }
}

#[test]
fn first_five_of_fixture_01_as_documented() {
    let f = fixture("01-ag-ascii-30.json");
    let first: Vec<&str> = f.order.iter().take(5).map(|o| o.id.as_str()).collect();
    assert_eq!(
        first,
        [
            "AG02/2024-0008",
            "AG01/2024-0008",
            "AG03/2024-0005",
            "AG01/2024-0005",
            "AG03/2024-0002"
        ]
    );
}

#[test]
fn selecting_every_case_reproduces_each_stratum_order() {
    for f in fixtures() {
        let p = build(&f);
        let want_strata: Vec<(StratumKey, u64)> = f
            .strata
            .iter()
            .map(|(k, v)| (key_of(k), v.len() as u64))
            .collect();
        let mut want_sorted = want_strata.clone();
        want_sorted.sort();
        assert_eq!(p.strata(), want_sorted, "{}", f.name);
        let all: Vec<Allocation> = p
            .strata()
            .into_iter()
            .map(|(stratum, size)| Allocation {
                stratum,
                size,
                allocated: size,
                alternates: 0,
            })
            .collect();
        let sel = p.select(&all);
        assert_eq!(sel.len(), f.population.len(), "{}", f.name);
        assert!(sel.iter().all(|s| s.role == Role::Sample), "{}", f.name);
        check_selection(&f, &all, &sel);
    }
}

#[test]
fn small_allocations_are_prefixes_of_each_stratum_order() {
    for f in fixtures() {
        let p = build(&f);
        // 2 sample + 1 alternate per stratum, capped by size.
        let alloc = allocate(&p.strata(), &Method::Equal { per_stratum: 2 }, 1).unwrap();
        for a in &alloc {
            assert_eq!(a.allocated, a.size.min(2));
            assert_eq!(a.alternates, (a.size - a.allocated).min(1));
        }
        check_selection(&f, &alloc, &p.select(&alloc));
        // A few more allocations, including proportional ones and all-alternates.
        let n_total = f.population.len() as u64;
        let strata_count = f.strata.len() as u64;
        for (method, r) in [
            (Method::Equal { per_stratum: 1 }, 0),
            (Method::Equal { per_stratum: 0 }, 3),
            (Method::Equal { per_stratum: 5 }, 2),
            (
                Method::Proportional {
                    n: n_total / 3 + strata_count,
                    min_per_stratum: 1,
                },
                2,
            ),
            (
                Method::Proportional {
                    n: n_total,
                    min_per_stratum: 1,
                },
                2,
            ),
            (
                Method::Proportional {
                    n: 0,
                    min_per_stratum: 0,
                },
                1,
            ),
        ] {
            let alloc = allocate(&p.strata(), &method, r).unwrap();
            check_selection(&f, &alloc, &p.select(&alloc));
        }
    }
}

#[test]
fn display_equals_the_reference_digits_18() {
    let mut nines = 0;
    for f in fixtures() {
        for o in &f.order {
            // The fixture's ticket18 really is the reference trim: leading 9s plus 18 digits.
            assert_eq!(
                o.ticket18,
                reference_trim(&o.ticket),
                "{}: {:?}",
                f.name,
                o.id
            );
            assert!(o.ticket.starts_with(&o.ticket18));
            let lead = o.ticket[2..].chars().take_while(|&c| c == '9').count();
            assert_eq!(o.ticket18.len(), 2 + lead + 18);
            if lead >= 3 {
                nines += 1;
            }
            assert_eq!(display(&o.ticket), o.ticket18, "{}: {:?}", f.name, o.id);
        }
    }
    assert!(
        nines >= 2,
        "the fixtures are documented to contain tickets starting 0.999… and 0.9999…"
    );
}

#[test]
fn unusual_ids_fixture_covers_what_it_claims() {
    let f = fixture("05-unusual-ids.json");
    let ids: Vec<&str> = f.population.iter().map(|c| c.id.as_str()).collect();
    assert!(ids.iter().any(|i| i.contains('\u{3000}')));
    assert!(ids.iter().any(|i| i.contains('\u{a0}')));
    assert!(ids.iter().any(|i| i.contains('"')));
    assert!(ids.iter().any(|i| i.contains(',')));
    assert!(ids.iter().any(|i| i.chars().count() == 200));
    assert!(f.order.iter().any(|o| o.ticket.starts_with("0.9999")));
    assert!(f.strata.keys().any(|k| k.contains(' ')));
}

// ---------------------------------------------------------------------------------------------
// End to end through the real CSV importer.

fn csv_field(s: &str) -> String {
    let needs = s.contains([',', '"', '\n', '\r']) || s != s.trim() || s.is_empty();
    if needs {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn write_csv(path: &Path, header: &[&str], rows: &[Vec<&str>], bom: bool) {
    let mut text = String::new();
    if bom {
        text.push('\u{feff}');
    }
    text.push_str(
        &header
            .iter()
            .map(|h| csv_field(h))
            .collect::<Vec<_>>()
            .join(","),
    );
    text.push_str("\r\n");
    for r in rows {
        text.push_str(&r.iter().map(|c| csv_field(c)).collect::<Vec<_>>().join(","));
        text.push_str("\r\n");
    }
    std::fs::write(path, text).unwrap();
}

/// Spec §5 computed here: one `id TAB field… LF` line per case, sorted by id bytes.
fn reference_digest(f: &Fixture) -> String {
    let mut lines: Vec<(&[u8], String)> = f
        .population
        .iter()
        .map(|c| {
            (
                c.id.as_bytes(),
                format!("{}\t{}\n", c.id, c.stratum.join("\t")),
            )
        })
        .collect();
    lines.sort();
    let mut h = Sha256::new();
    for (_, l) in &lines {
        h.update(l.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn check_import(f: &Fixture, dir: &Path, settings: &ImportSettings, header: &[&str], bom: bool) {
    let rows: Vec<Vec<&str>> = f
        .population
        .iter()
        .map(|c| {
            std::iter::once(c.id.as_str())
                .chain(c.stratum.iter().map(String::as_str))
                .collect()
        })
        .collect();
    let path = dir.join(format!("{}.csv", f.name.trim_end_matches(".json")));
    write_csv(&path, header, &rows, bom);
    let imported = import(
        &[RegisterFile {
            path: path.clone(),
            agency: None,
            ..Default::default()
        }],
        settings,
        Some(&f.seed),
        false,
    )
    .unwrap_or_else(|e| panic!("{}: import failed: {e:?}", f.name));
    let p = &imported.population;
    assert_eq!(p.len(), f.population.len() as u64, "{}", f.name);
    assert_eq!(imported.sources.len(), 1);
    assert_eq!(imported.sources[0].rows, f.population.len() as u64);
    let bytes = std::fs::read(&path).unwrap();
    let source: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        imported.sources[0].sha256, source,
        "{}: source digest",
        f.name
    );
    // The imported population is the fixture's, so its digest is the spec's.
    assert_eq!(
        p.digest(),
        reference_digest(f),
        "{}: population digest",
        f.name
    );
    assert_eq!(p.digest(), build(f).digest(), "{}", f.name);
    let all: Vec<Allocation> = p
        .strata()
        .into_iter()
        .map(|(stratum, size)| Allocation {
            stratum,
            size,
            allocated: size,
            alternates: 0,
        })
        .collect();
    check_selection(f, &all, &p.select(&all));
    let small = allocate(&p.strata(), &Method::Equal { per_stratum: 2 }, 1).unwrap();
    check_selection(f, &small, &p.select(&small));
}

#[test]
fn csv_import_end_to_end_single_field_fixtures() {
    let dir = tempfile::tempdir().unwrap();
    let mut done = 0;
    for (i, f) in fixtures().iter().enumerate() {
        if f.population.iter().any(|c| c.stratum.len() != 1) {
            continue;
        }
        check_import(
            f,
            dir.path(),
            &ImportSettings::default(),
            &["案号", "执法机关"],
            i % 2 == 0,
        );
        done += 1;
    }
    assert_eq!(done, 6);
}

#[test]
fn csv_import_end_to_end_two_field_fixture() {
    let f = fixture("07-two-field-strata-60.json");
    let dir = tempfile::tempdir().unwrap();
    let settings = ImportSettings {
        columns: ColumnChoice {
            stratum: vec![
                StratumField::Role(ColumnRole::Agency),
                StratumField::Role(ColumnRole::CaseType),
            ],
            ..Default::default()
        },
        ..Default::default()
    };
    check_import(
        &f,
        dir.path(),
        &settings,
        &["案号", "执法机关", "案件类型"],
        true,
    );
}
