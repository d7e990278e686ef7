//! The targeted stratum (重点抽查, `commit --targeted`): the flagged cases of a recorded risk scan
//! are fixed in the commitment before the seed, the draw adds those not in the random sample in
//! ticket order, the random sample is exactly what it is without them, `verify` re-runs the scan
//! and re-derives the set, the reference sampler agrees (`tools/interop/check_draw.py
//! --commitment`), the sheets mark 重点抽查 and the random sample's figures leave the targeted
//! files out; the public page's own check recomputes the targeted rows and names an altered one.

mod common;
#[path = "common/page.rs"]
mod page;

use anjuan::export::figures::Figures;
use anjuan::i18n::Lang;
use anjuan::review::Review;
use common::anjuan;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const AGENCIES: [&str; 4] = ["城管局", "交通局", "市监局", "林业局"];
const BENCH: &str = "违法行为,依据,情节,最低罚款,最高罚款\n占道经营,,,500,1000\n";

/// 4 agencies × 50 cases; every 5th fined at the top of its range (顶格罚款), every 7th decided
/// more than 90 days after it was filed (超期办结). Returns the planted ids.
fn register(dir: &Path) -> (PathBuf, BTreeSet<String>) {
    let mut s = String::from(
        "案号,执法机关,案件类型,程序类型,案件名称,当事人,违法行为,罚款金额,立案日期,决定日期\n",
    );
    let mut planted = BTreeSet::new();
    for (a, agency) in AGENCIES.iter().enumerate() {
        for i in 1..=50 {
            let id = format!("Q{a}-2024-{i:03}");
            let top = i % 5 == 0;
            let late = i % 7 == 0;
            if top || late {
                planted.insert(id.clone());
            }
            let fine = if top { "1000" } else { "600" };
            let decided = if late { "2024-05-01" } else { "2024-01-20" };
            s += &format!("{id},{agency},行政处罚,普通程序,案{i},当事人{i},占道经营,{fine},2024-01-05,{decided}\n");
        }
    }
    let path = dir.join("register.csv");
    std::fs::write(&path, s).unwrap();
    (path, planted)
}

fn init(ws: &Path, register: &Path) {
    anjuan()
        .arg("init")
        .arg(ws)
        .arg("--register")
        .arg(register)
        .assert()
        .success();
}

fn commit(ws: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    anjuan()
        .arg("commit")
        .arg(ws)
        .args(["--n", "12", "--alternates", "2"])
        .args(extra)
        .assert()
}

fn read(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn rows(draw: &Value, targeted: bool) -> Vec<Value> {
    draw["selected"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| (s["role"] == "targeted") == targeted)
        .cloned()
        .collect()
}

/// Two campaigns on the same register and seed, one with a targeted stratum.
struct Campaigns {
    dir: tempfile::TempDir,
    random: PathBuf,
    targeted: PathBuf,
    planted: BTreeSet<String>,
}

fn campaigns() -> Campaigns {
    let dir = tempfile::tempdir().unwrap();
    let (reg, planted) = register(dir.path());
    let bench = dir.path().join("裁量基准.csv");
    std::fs::write(&bench, BENCH).unwrap();
    let random = dir.path().join("random");
    let targeted = dir.path().join("targeted");
    init(&random, &reg);
    init(&targeted, &reg);
    // Without a recorded scan there is nothing to target, and the user is told what to run.
    commit(&targeted, &["--targeted", "顶格罚款"])
        .code(2)
        .stderr(predicates::str::contains("anjuan risk"));
    anjuan()
        .arg("risk")
        .arg(&targeted)
        .arg("--benchmarks")
        .arg(&bench)
        .assert()
        .success();
    commit(&targeted, &["--targeted", "顶格罚款,nope"])
        .code(2)
        .stderr(predicates::str::contains("nope"));
    commit(
        &targeted,
        &["--targeted", "顶格罚款,overdue", "--targeted-max", "8"],
    )
    .success()
    .stdout(predicates::str::contains("重点抽查"));
    commit(&random, &[]).success();
    for ws in [&random, &targeted] {
        common::draw(ws);
    }
    Campaigns {
        dir,
        random,
        targeted,
        planted,
    }
}

#[test]
fn targeted_files_are_fixed_before_the_seed_and_kept_apart_from_the_random_sample() {
    let c = campaigns();
    let commitment = read(&c.targeted.join("commitments/0001.json"));
    let t = &commitment["targeted"];
    let candidates: BTreeSet<String> = t["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert_eq!(candidates, c.planted, "exactly the flagged cases");
    assert_eq!(t["indicators"], serde_json::json!(["top_fine", "overdue"]));
    assert_eq!(t["max"], 8);
    assert_eq!(t["scan"]["file"], "risk/0001.json");

    let with = read(&c.targeted.join("draws/0001.json"));
    let without = read(&c.random.join("draws/0001.json"));
    // The random sample and its alternates are the same with and without the targeted set.
    assert_eq!(rows(&with, false), rows(&without, false));
    let sampled: BTreeSet<String> = rows(&with, false)
        .iter()
        .filter(|s| s["role"] == "sample")
        .map(|s| s["case_id"].as_str().unwrap().to_string())
        .collect();
    let targeted = rows(&with, true);
    assert_eq!(targeted.len(), 8);
    let mut last = String::new();
    for (i, s) in targeted.iter().enumerate() {
        let id = s["case_id"].as_str().unwrap();
        assert_eq!(s["rank"], i as u64 + 1);
        assert!(c.planted.contains(id) && !sampled.contains(id), "{id}");
        let ticket = s["ticket"].as_str().unwrap().to_string();
        assert!(ticket > last, "ticket order");
        last = ticket;
    }

    // verify re-runs the recorded scan and re-derives the set and the targeted rows.
    let out = anjuan().arg("verify").arg(&c.targeted).assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(text.contains("风险筛查按记录的参数重新运行"), "{text}");
    assert!(
        text.contains("重点抽查名单") && text.contains("一致"),
        "{text}"
    );

    // The outside check: the reference sampler orders the candidates the same way.
    if let Some(python) = std::env::var_os("ANJUAN_REFERENCE_PYTHON") {
        let check = |commitment: Option<&Path>| {
            let mut cmd = std::process::Command::new(&python);
            cmd.arg(common::repo("tools/interop/check_draw.py"))
                .arg("--population")
                .arg(c.targeted.join("population.tsv"))
                .arg(c.targeted.join("draws/0001.json"));
            if let Some(p) = commitment {
                cmd.arg("--commitment").arg(p);
            }
            cmd.output().unwrap()
        };
        let out = check(Some(&c.targeted.join("commitments/0001.json")));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{text}");
        assert!(text.contains("8 targeted files"), "{text}");
        // A commitment whose candidates are one fewer gives another targeted set.
        let mut fewer = commitment.clone();
        let first = fewer["targeted"]["candidates"]
            .as_array_mut()
            .unwrap()
            .iter()
            .position(|v| v == &targeted[0]["case_id"])
            .unwrap();
        fewer["targeted"]["candidates"]
            .as_array_mut()
            .unwrap()
            .remove(first);
        let path = c.dir.path().join("fewer.json");
        std::fs::write(&path, serde_json::to_string(&fewer).unwrap()).unwrap();
        let out = check(Some(&path));
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    } else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must set ANJUAN_REFERENCE_PYTHON"
        );
        eprintln!("skipped the outside check: set ANJUAN_REFERENCE_PYTHON");
    }
}

#[test]
fn sheets_mark_targeted_files_and_the_random_figures_leave_them_out() {
    let c = campaigns();
    let status = |ws: &Path| common::status(ws)["files"].as_array().unwrap().clone();
    let files = status(&c.targeted);
    let targeted: Vec<String> = files
        .iter()
        .filter(|f| f["role"] == "targeted")
        .map(|f| f["case_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(targeted.len(), 8, "targeted files are on the review desk");
    let random_file = files.iter().find(|f| f["role"] == "sample").unwrap()["case_id"]
        .as_str()
        .unwrap()
        .to_string();

    // One random file finalized alike in both campaigns; one targeted file failed (a veto).
    let finalize = |ws: &Path, case: &str, veto: bool| {
        let items = common::show(ws, case)["items"].as_array().unwrap().clone();
        let mut csv = String::from("case_id,item_id,decision,points,finding,reviewer\n");
        let mut vetoed = false;
        for it in &items {
            let id = it["id"].as_str().unwrap();
            if veto && !vetoed && it["veto"].as_bool().unwrap() {
                vetoed = true;
                csv += &format!("{case},{id},veto,,超越职权,李四\n");
            } else {
                csv += &format!("{case},{id},pass,,,李四\n");
            }
        }
        let f = c.dir.path().join("decisions.csv");
        std::fs::write(&f, csv).unwrap();
        anjuan()
            .arg("review")
            .arg(ws)
            .arg("import")
            .arg(&f)
            .assert()
            .success();
        anjuan()
            .arg("review")
            .arg(ws)
            .args(["finalize", case, "--reviewer", "张三"])
            .assert()
            .success();
    };
    finalize(&c.random, &random_file, false);
    finalize(&c.targeted, &random_file, false);
    finalize(&c.targeted, &targeted[0], true);

    let with = Figures::of(&Review::open(&c.targeted).unwrap(), Lang::Zh);
    let without = Figures::of(&Review::open(&c.random).unwrap(), Lang::Zh);
    assert_eq!(with.agencies, without.agencies, "random figures unchanged");
    assert_eq!(with.total, without.total);
    assert_eq!(with.categories, without.categories);
    assert_eq!(with.samples, without.samples);
    let t = with.targeted.as_ref().expect("targeted figures apart");
    assert_eq!((t.samples, t.finalized, t.total.failed), (8, 1, 1));
    assert!(without.targeted.is_none());

    let out = c.dir.path().join("export");
    anjuan()
        .arg("export")
        .arg(&c.targeted)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let sheet = |file: &str, name: &str| -> Vec<String> {
        use calamine::{open_workbook, Reader, Xlsx};
        let mut wb: Xlsx<_> = open_workbook(out.join(file)).unwrap();
        let range = wb.worksheet_range(name).unwrap();
        range
            .rows()
            .map(|r| {
                r.iter()
                    .map(|c| c.to_string())
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect()
    };
    let summary = sheet("评查情况汇总表.xlsx", "重点抽查情况汇总表");
    assert!(
        summary.iter().any(|l| l.contains("重点抽查 8 件")),
        "{summary:?}"
    );
    let random = sheet("评查情况汇总表.xlsx", "评查情况汇总表");
    assert!(
        random.iter().any(|l| l.contains("本表只统计随机抽取")),
        "{random:?}"
    );
    let pull = sheet("调卷清单.xlsx", "调卷清单");
    assert_eq!(
        pull.iter().filter(|l| l.contains("|重点抽查|")).count(),
        8,
        "{pull:?}"
    );
    let witness = sheet("抽样记录表.xlsx", "抽样记录表");
    assert!(
        witness
            .iter()
            .any(|l| l.contains("候选") && l.contains("本次 8 件")),
        "{witness:?}"
    );
    let csv = std::fs::read_to_string(out.join("评查表.csv")).unwrap();
    assert!(
        csv.contains("抽取方式：重点抽查"),
        "the targeted file's sheet"
    );
    assert!(
        csv.contains("抽取方式：随机抽取"),
        "the random file's sheet"
    );
}

#[test]
fn the_public_page_recomputes_the_targeted_rows() {
    if !page::node_available() {
        return;
    }
    let c = campaigns();
    let html = page::publish(&c.targeted, &c.dir.path().join("page"), &[]);
    let data = page::data_of(&html);
    let run = |d: &Value| {
        let f = c.dir.path().join("data.json");
        std::fs::write(&f, serde_json::to_string(d).unwrap()).unwrap();
        page::node(&["verify", f.to_str().unwrap()])
    };
    let failed = |r: &Value| -> Vec<String> {
        r["failed"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["key"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(failed(&run(&data)), Vec::<String>::new());
    // A targeted row swapped for another candidate is named by its rank.
    let mut altered = data.clone();
    let draws = altered["draws"].as_array_mut().unwrap();
    let mut draw: Value = serde_json::from_str(draws[0]["text"].as_str().unwrap()).unwrap();
    let sel = draw["selected"].as_array_mut().unwrap();
    let k = sel.iter().position(|s| s["role"] == "targeted").unwrap();
    let rank = sel[k]["rank"].as_u64().unwrap();
    let other = sel.iter().rposition(|s| s["role"] == "targeted").unwrap();
    let (a, b) = (sel[k]["case_id"].clone(), sel[other]["case_id"].clone());
    sel[k]["case_id"] = b;
    sel[other]["case_id"] = a;
    draws[0]["text"] = Value::String(serde_json::to_string_pretty(&draw).unwrap() + "\n");
    let keys = failed(&run(&altered));
    assert!(
        keys.contains(&format!("draw:draws/0001.json:targeted:{rank}")),
        "{keys:?}"
    );
}
