//! The public page's own scripts (src/publication/page/*.js), run under Node without a browser:
//! its draw-v1 agrees with the reference package on the interop fixtures (awkward ids
//! included), its own SHA-256 (whole and seed-prefixed, as tickets use it) with Web Crypto and the standard's vectors, its allocation
//! with anjuan's on random strata, and its verification passes a real campaign and names what
//! was altered in copies of it. tests/publish_browser.rs opens the whole page in Chromium.

mod common;
#[path = "common/page.rs"]
mod page;

use anjuan::draw::allocation::{allocate, Method};
use page::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::PathBuf;

fn fixtures() -> Vec<PathBuf> {
    let dir = common::repo("tests/fixtures/interop");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with(char::is_numeric)
        })
        .collect();
    v.sort();
    v
}

#[test]
fn tickets_and_order_agree_with_the_reference_package() {
    if !node_available() {
        return;
    }
    let paths = fixtures();
    assert!(paths.len() >= 7, "the interop fixtures");
    for path in paths {
        let fixture: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let got = node(&["fixture", path.to_str().unwrap()]);
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        assert_eq!(got["prefix_mismatches"], json!([]), "{name}");
        for case in fixture["order"].as_array().unwrap() {
            let id = case["id"].as_str().unwrap();
            assert_eq!(
                got["tickets"][id], case["ticket"],
                "{name}: ticket of {id:?}"
            );
            assert_eq!(
                got["short"][id], case["ticket18"],
                "{name}: shown ticket of {id:?}"
            );
        }
        for (stratum, ids) in fixture["strata"].as_object().unwrap() {
            assert_eq!(&got["strata"][stratum], ids, "{name}: order of {stratum}");
        }
    }
    // The specification's own reference values.
    let vectors: Value = serde_json::from_str(
        &std::fs::read_to_string(common::repo("tests/fixtures/interop/ticket-vectors.json"))
            .unwrap(),
    )
    .unwrap();
    assert!(!vectors.as_array().unwrap().is_empty());
}

#[test]
fn the_pages_own_sha256_agrees_with_web_crypto_and_the_standard() {
    if !node_available() {
        return;
    }
    let long = "案".repeat(1000);
    let texts = [
        "abc",
        "",
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
        &"a".repeat(55),
        &"a".repeat(56),
        &"a".repeat(63),
        &"a".repeat(64),
        &"a".repeat(65),
        &"a".repeat(119),
        &"a".repeat(120),
        &"b".repeat(128),
        "攸交罚〔2023〕52号",
        &long,
    ];
    let got = node(&[&["sha256"], &texts[..]].concat());
    assert_eq!(got["own"], got["webcrypto"]);
    assert_eq!(got["prefixed"], got["prefixed_webcrypto"]);
    assert_eq!(
        got["own"][0],
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(
        got["own"][1],
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    assert_eq!(
        got["own"][2],
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    );
}

/// A small deterministic generator, so a failure can be replayed.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

#[test]
fn the_page_allocates_as_anjuan_does() {
    if !node_available() {
        return;
    }
    let mut rng = Lcg(20261203);
    let mut cases = Vec::new();
    let mut expected = Vec::new();
    for _ in 0..300 {
        let k = 1 + rng.next(12) as usize;
        // Names that order differently in UTF-16 and in UTF-8 (U+FF01 vs U+1F600) among them.
        let names = [
            "甲", "乙", "ｚ", "😀", "A", "a b", "攸县", "攸县 ", "丙", "Z", "🇨🇳", "ＡＧ",
        ];
        let strata: Vec<(Vec<String>, u64)> = (0..k)
            .map(|i| {
                (
                    vec![names[i].to_string()],
                    1 + rng.next(if i % 3 == 0 { 500 } else { 40 }),
                )
            })
            .collect();
        let total: u64 = strata.iter().map(|s| s.1).sum();
        let method = match rng.next(3) {
            0 => Method::Proportional {
                n: rng.next(total + 2),
                min_per_stratum: rng.next(3),
            },
            1 => Method::Equal {
                per_stratum: rng.next(20),
            },
            _ => {
                let mut quotas = BTreeMap::new();
                for (key, size) in &strata {
                    if rng.next(2) == 0 {
                        quotas.insert(key.join("\t"), rng.next(size + 2));
                    }
                }
                if rng.next(10) == 0 {
                    quotas.insert("不在目录中".to_string(), 1);
                }
                Method::Fixed { quotas }
            }
        };
        let alternates = rng.next(4);
        expected.push(match allocate(&strata, &method, alternates) {
            Ok(table) => Some(serde_json::to_value(table).unwrap()),
            Err(_) => None,
        });
        cases.push(json!({
            "strata": strata.iter().map(|(k, s)| json!({"key": k, "size": s})).collect::<Vec<_>>(),
            "method": method,
            "alternates": alternates,
        }));
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cases.json");
    std::fs::write(&file, serde_json::to_string(&cases).unwrap()).unwrap();
    let got = node(&["allocate", file.to_str().unwrap()]);
    let results = got["results"].as_array().unwrap();
    let mut errors = 0;
    for (i, (want, got)) in expected.iter().zip(results).enumerate() {
        match want {
            Some(table) => assert_eq!(&got["table"], table, "case {i}: {}", cases[i]),
            None => {
                errors += 1;
                assert!(
                    got["error"].is_string(),
                    "case {i} is refused by anjuan: {}",
                    cases[i]
                );
            }
        }
    }
    // Both kinds of case were tried.
    assert!(errors > 0 && errors < results.len(), "{errors} refusals");
}

fn failed_keys(result: &Value) -> Vec<String> {
    result["failed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["key"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_page_checks_a_real_campaign_and_names_what_was_altered() {
    if !node_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let ws = common::drawn_workspace(dir.path());
    let html = publish(&ws, &dir.path().join("page"), &[]);
    let data = data_of(&html);
    let run = |d: &Value| {
        let f = dir.path().join("data.json");
        std::fs::write(&f, serde_json::to_string(d).unwrap()).unwrap();
        node(&["verify", f.to_str().unwrap()])
    };
    let real = run(&data);
    assert_eq!(real["failed"], json!([]), "a real campaign verifies");
    assert!(real["checks"].as_u64().unwrap() > 100, "{}", real["checks"]);

    let (stratum, rank, id) = first_drawn(&data);
    let row = format!("draw:draws/0001.json:row:{stratum}:{rank}");

    let keys = failed_keys(&run(&alter_case_id(&data, &id)));
    assert!(keys.contains(&"population:digest".to_string()), "{keys:?}");
    assert!(
        keys.contains(&row),
        "the altered case's row is named: {keys:?}"
    );

    let keys = failed_keys(&run(&alter_ticket(&data)));
    assert!(keys.contains(&row), "{keys:?}");
    assert!(
        keys.contains(&"draw:draws/0001.json:digest".to_string()),
        "{keys:?}"
    );
    assert!(!keys.contains(&"population:digest".to_string()), "{keys:?}");

    let keys = failed_keys(&run(&alter_stratum(&data, &id)));
    assert!(keys.contains(&"population:digest".to_string()), "{keys:?}");
    assert!(
        keys.iter()
            .any(|k| k.starts_with("commitment:commitments/0001.json:allocation:")),
        "{keys:?}"
    );

    // The page orders tickets with its own SHA-256 and checks the drawn ones with Web Crypto: a
    // wrong own SHA-256 cannot pass.
    let f = dir.path().join("data.json");
    std::fs::write(&f, serde_json::to_string(&data).unwrap()).unwrap();
    let keys = failed_keys(&node(&["verify", f.to_str().unwrap(), "--corrupt-own-sha"]));
    assert!(
        keys.contains(&"draw:draws/0001.json:webcrypto".to_string()),
        "{keys:?}"
    );
    assert!(keys.iter().any(|k| k.contains(":row:")), "{keys:?}");

    let keys = failed_keys(&run(&alter_seed(&data)));
    assert!(
        keys.contains(&"draw:draws/0001.json:seed".to_string()),
        "{keys:?}"
    );
    assert!(
        keys.iter().filter(|k| k.contains(":row:")).count() > 10,
        "{keys:?}"
    );
}
