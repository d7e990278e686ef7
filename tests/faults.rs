//! Fault injection with real file-system errors: a disk that is full (a small tmpfs, filled to
//! the last page) and a workspace or export folder that is mounted read-only, while the real
//! binary appends to the journal, writes records and the ledger, and exports; also in the TUI,
//! driven through a pseudo-terminal. Each time the user must be told what happened, nothing
//! acknowledged may be lost, nothing half-written may be left, and once the fault is gone the
//! same action must succeed. See `common/faults.rs` for how the faults are made.

mod common;
#[path = "common/faults.rs"]
mod faults;
#[path = "common/pty.rs"]
mod pty;

use common::*;
use faults::{differences, tree};
use pty::{Pty, ROWS};
use std::ffi::OsStr;
use std::path::Path;

/// A workspace with a draw, a recorded plan and one event, and a case of the ordinary
/// procedure to work on.
fn prepared() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let ws = drawn_workspace(dir.path());
    let case = case_of_type(&ws, "行政处罚（一般程序）");
    anjuan()
        .arg("review")
        .arg(&ws)
        .args(["set", &case, "A1", "--pass", "--reviewer", "张三"])
        .assert()
        .success();
    (dir, ws, case)
}

/// A finding longer than a memory page (4 KiB in UTF-8), so that writing its journal line needs
/// a page the full disk does not have, whatever room the journal's last page still has.
fn long_finding() -> String {
    let mut f = String::from("处罚决定书未载明申请行政复议、提起行政诉讼的途径和期限；");
    while f.len() < 5000 {
        f.push_str("送达回证缺少受送达人签名，");
    }
    f.push_str("（完）");
    f
}

fn verify_ok(ws: &Path) {
    let out = anjuan()
        .args(["--lang", "en", "verify"])
        .arg(ws)
        .arg("--quiet")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "verify {}:\n{}{}",
        ws.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// What is in the journal of `ws`: its lines.
fn events(ws: &Path) -> Vec<serde_json::Value> {
    journal_lines(ws)
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// What the script leaves in the workspace, checked after a refused write: the whole folder
/// byte for byte as before (the journal unchanged, no temporary file anywhere), and it verifies.
fn unchanged(r: &faults::Results, before: &str, after: &str) {
    let diff = differences(&tree(&r.path(before)), &tree(&r.path(after)));
    assert!(
        diff.is_empty(),
        "a refused write changed the workspace: {diff:?}"
    );
    verify_ok(&r.path(after));
}

/// 1. The disk fills up: `review set` says so, in both languages, keeps nothing of the change,
///    and the same command succeeds once there is room again.
#[test]
fn a_change_on_a_full_disk_is_refused_whole_and_saved_once_there_is_room() {
    let (_d, ws, case) = prepared();
    let finding = long_finding();
    let script = r#"
        cp -a "$SRC" "$FS/ws"
        snap before "$FS/ws"
        fill
        set_finding() {
            "$ANJUAN" "$@" review "$FS/ws" set "$CASE" A2 --deduct 1 --finding "$FINDING" \
                --reviewer 张三
        }
        run full-en set_finding --lang en
        run full-zh set_finding
        snap after "$FS/ws"
        unfill
        run retry set_finding --lang en
        snap retried "$FS/ws"
    "#;
    let env: [(&str, &OsStr); 3] = [
        ("SRC", ws.as_os_str()),
        ("CASE", OsStr::new(&case)),
        ("FINDING", OsStr::new(&finding)),
    ];
    let Some(r) = faults::run(32 * 1024, &env, script) else {
        return;
    };
    for name in ["full-en", "full-zh"] {
        assert_eq!(r.code(name), 2, "{name}: {}", r.stderr(name));
        assert!(!r.stdout(name).contains("saved"), "{}", r.stdout(name));
        assert!(!r.stdout(name).contains("已保存"), "{}", r.stdout(name));
    }
    let en = r.stderr("full-en");
    for want in [
        "the disk is full",
        "journal.jsonl",
        "This change was NOT saved",
        "free some disk space",
    ] {
        assert!(en.contains(want), "{want:?} not in: {en}");
    }
    let zh = r.stderr("full-zh");
    for want in [
        "磁盘已满",
        "journal.jsonl",
        "本次修改没有保存",
        "腾出磁盘空间",
    ] {
        assert!(zh.contains(want), "{want:?} not in: {zh}");
    }
    unchanged(&r, "before", "after");
    assert_eq!(events(&r.path("after")).len(), 1);

    assert_eq!(r.code("retry"), 0, "{}", r.stderr("retry"));
    assert!(
        r.stdout("retry")
            .contains("saved (journal event 2, on disk)"),
        "{}",
        r.stdout("retry")
    );
    let after = events(&r.path("retried"));
    assert_eq!(after.len(), 2);
    assert_eq!(after[1]["new"]["finding"], finding.as_str());
    verify_ok(&r.path("retried"));
}

/// 2. The workspace is read-only: the same, and the message says it is read-only.
#[test]
fn a_change_in_a_read_only_workspace_is_refused_and_saved_once_writable() {
    let (_d, ws, case) = prepared();
    let script = r#"
        cp -a "$SRC" "$FS/ws"
        snap before "$FS/ws"
        read_only "$FS/ws"
        pass() {
            "$ANJUAN" "$@" review "$FS/ws" set "$CASE" A2 --pass --reviewer 张三
        }
        run ro-en pass --lang en
        run ro-zh pass
        snap after "$FS/ws"
        writable "$FS/ws"
        run retry pass --lang en
        snap retried "$FS/ws"
    "#;
    let env: [(&str, &OsStr); 2] = [("SRC", ws.as_os_str()), ("CASE", OsStr::new(&case))];
    let Some(r) = faults::run(32 * 1024, &env, script) else {
        return;
    };
    assert_eq!(r.code("ro-en"), 2);
    let en = r.stderr("ro-en");
    for want in [
        "the workspace is read-only",
        "journal.jsonl",
        "NOT saved",
        "writable",
    ] {
        assert!(en.contains(want), "{want:?} not in: {en}");
    }
    let zh = r.stderr("ro-zh");
    for want in ["工作区是只读的", "journal.jsonl", "本次修改没有保存"] {
        assert!(zh.contains(want), "{want:?} not in: {zh}");
    }
    unchanged(&r, "before", "after");
    assert_eq!(r.code("retry"), 0, "{}", r.stderr("retry"));
    assert_eq!(events(&r.path("retried")).len(), 2);
    verify_ok(&r.path("retried"));
}

/// 5. Records and the ledger: a new commitment on a full disk or in a read-only workspace is
///    refused whole — no record, no temporary file, no ledger line — and made once it can be.
#[test]
fn a_commitment_that_cannot_be_written_leaves_no_record_and_no_ledger_line() {
    let (_d, ws, _case) = prepared();
    let script = r#"
        cp -a "$SRC" "$FS/ws"
        snap before "$FS/ws"
        commit() {
            "$ANJUAN" --lang en commit "$FS/ws" --n 40 --min-per-stratum 1 --alternates 1
        }
        fill
        run full commit
        snap after-full "$FS/ws"
        unfill
        read_only "$FS/ws"
        run ro commit
        snap after-ro "$FS/ws"
        writable "$FS/ws"
        run retry commit
        snap retried "$FS/ws"
    "#;
    let Some(r) = faults::run(32 * 1024, &[("SRC", ws.as_os_str())], script) else {
        return;
    };
    assert_eq!(r.code("full"), 2, "{}", r.stdout("full"));
    let full = r.stderr("full");
    assert!(full.contains("the disk is full"), "{full}");
    assert!(
        full.contains("Nothing of this operation was saved"),
        "{full}"
    );
    unchanged(&r, "before", "after-full");
    assert_eq!(r.code("ro"), 2);
    let ro = r.stderr("ro");
    assert!(
        ro.contains("the workspace is read-only") && ro.contains("writable"),
        "{ro}"
    );
    unchanged(&r, "before", "after-ro");
    assert_eq!(r.code("retry"), 0, "{}", r.stderr("retry"));
    assert!(r.path("retried/commitments/0002.json").is_file());
    verify_ok(&r.path("retried"));
}

/// 5. The first change of a campaign also records the review plan and copies the checklists
///    into the workspace: on a full disk none of that is left behind either.
#[test]
fn a_first_change_on_a_full_disk_leaves_no_plan_and_no_checklist_copies() {
    let dir = tempfile::tempdir().unwrap();
    let ws = drawn_workspace(dir.path());
    let case = case_of_type(&ws, "行政处罚（一般程序）");
    let script = r#"
        cp -a "$SRC" "$FS/ws"
        snap before "$FS/ws"
        pass() {
            "$ANJUAN" --lang en review "$FS/ws" set "$CASE" A1 --pass --reviewer 张三
        }
        fill
        run full pass
        snap after-full "$FS/ws"
        unfill
        read_only "$FS/ws"
        run ro pass
        snap after-ro "$FS/ws"
        writable "$FS/ws"
        run retry pass
        snap retried "$FS/ws"
    "#;
    let env: [(&str, &OsStr); 2] = [("SRC", ws.as_os_str()), ("CASE", OsStr::new(&case))];
    let Some(r) = faults::run(32 * 1024, &env, script) else {
        return;
    };
    assert!(!r.path("before/review-plans").exists());
    for (run, after, want) in [
        ("full", "after-full", "the disk is full"),
        ("ro", "after-ro", "the workspace is read-only"),
    ] {
        assert_eq!(r.code(run), 2, "{}", r.stdout(run));
        let err = r.stderr(run);
        assert!(err.contains(want), "{want:?} not in: {err}");
        assert!(err.contains("NOT saved"), "{err}");
        unchanged(&r, "before", after);
    }
    assert_eq!(r.code("retry"), 0, "{}", r.stderr("retry"));
    assert!(r.path("retried/review-plans/0001.json").is_file());
    assert_eq!(events(&r.path("retried")).len(), 1);
    verify_ok(&r.path("retried"));
}

/// 4. Export: the disk fills up half-way through (there is room for some files, not all), or
///    the export folder is read-only. The user is told; the folder holds exactly the earlier
///    export, unchanged, with no partial or temporary file; a new folder is not left behind.
#[test]
fn an_export_that_cannot_be_written_leaves_the_earlier_one_untouched() {
    let (_d, ws, case) = prepared();
    let script = r#"
        cp -a "$SRC" "$FS/ws"
        run first "$ANJUAN" --lang en export "$FS/ws" --out "$FS/out"
        # A change after it, so that the next export differs from the earlier one.
        "$ANJUAN" review "$FS/ws" set "$CASE" A2 --pass --reviewer 张三 > /dev/null
        snap out-before "$FS/out"
        # Workbooks carry the second they were made: the next ones differ from these.
        sleep 1
        fill
        # Room for the first workbook, not for all the files (nor for the largest of them).
        free_kib 24
        run full "$ANJUAN" --lang en export "$FS/ws" --out "$FS/out"
        run full-zh "$ANJUAN" export "$FS/ws" --out "$FS/out"
        snap out-full "$FS/out"
        run fresh "$ANJUAN" --lang en export "$FS/ws" --out "$FS/fresh"
        if [ -e "$FS/fresh" ]; then touch "$OUT/fresh-left"; fi
        unfill
        read_only "$FS/out"
        run ro "$ANJUAN" --lang en export "$FS/ws" --out "$FS/out"
        snap out-ro "$FS/out"
        writable "$FS/out"
        run retry "$ANJUAN" --lang en export "$FS/ws" --out "$FS/out"
        snap out-retried "$FS/out"
        snap ws "$FS/ws"
    "#;
    let env: [(&str, &OsStr); 2] = [("SRC", ws.as_os_str()), ("CASE", OsStr::new(&case))];
    let Some(r) = faults::run(32 * 1024, &env, script) else {
        return;
    };
    assert_eq!(r.code("first"), 0, "{}", r.stderr("first"));
    let before = tree(&r.path("out-before"));
    assert!(
        before.len() > 6,
        "the first export wrote {:?}",
        before.keys()
    );
    let total: usize = before.values().map(Vec::len).sum();
    assert!(
        total > 4 * 24 * 1024,
        "the export ({total} bytes) must not fit in the room left"
    );

    assert_eq!(r.code("full"), 2);
    let full = r.stderr("full");
    for want in [
        "the disk is full",
        "The export was not made",
        "unchanged",
        "free some disk space",
    ] {
        assert!(full.contains(want), "{want:?} not in: {full}");
    }
    assert!(
        r.stderr("full-zh").contains("磁盘已满"),
        "{}",
        r.stderr("full-zh")
    );
    let diff = differences(&before, &tree(&r.path("out-full")));
    assert!(diff.is_empty(), "the export folder changed: {diff:?}");
    assert_eq!(r.code("fresh"), 2);
    assert!(
        !r.path("fresh-left").exists(),
        "a failed export left a new folder"
    );

    assert_eq!(r.code("ro"), 2);
    let ro = r.stderr("ro");
    assert!(
        ro.contains("out is read-only") && ro.contains("--out"),
        "{ro}"
    );
    let diff = differences(&before, &tree(&r.path("out-ro")));
    assert!(diff.is_empty(), "the export folder changed: {diff:?}");

    assert_eq!(r.code("retry"), 0, "{}", r.stderr("retry"));
    let retried = tree(&r.path("out-retried"));
    assert_eq!(
        retried.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>()
    );
    assert_ne!(retried, before, "the new export reflects the later change");
    anjuan()
        .arg("verify")
        .arg(r.path("ws"))
        .arg("--export")
        .arg(r.path("out-retried"))
        .assert()
        .success();
}

#[track_caller]
fn wait_for_file(path: &Path) {
    let start = std::time::Instant::now();
    while !path.exists() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(20),
            "{} did not appear",
            path.display()
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// 3. The TUI on a full disk: the reviewer deducts points with a long finding and presses
///    Enter. The screen says the disk is full and that nothing was saved, the status bar does
///    not call it saved, and the journal is unchanged. The finding is not lost: closing the
///    message brings the field back with the text in it, and once there is room, Enter saves it.
#[test]
fn the_tui_keeps_what_was_typed_when_the_disk_is_full_and_saves_it_later() {
    if !faults::available() {
        return;
    }
    let (_d, ws, case) = prepared();
    let finding = long_finding();
    let folders = faults::folders();
    let ctl = folders.path().join("ctl");
    std::fs::create_dir(&ctl).unwrap();
    let body = r#"
        cp -a "$SRC" "$FS/ws"
        snap before "$FS/ws"
        fill
        (
            while [ ! -e "$CTL/free" ]; do sleep 0.05; done
            snap failed "$FS/ws"
            unfill
            touch "$CTL/freed"
        ) &
        "$ANJUAN" --lang en tui "$FS/ws" --reviewer 张三
        echo $? > "$OUT/tui.code"
        wait
        snap after "$FS/ws"
    "#;
    let fixed = faults::script_env(folders.path());
    let mut env: Vec<(&str, &OsStr)> = fixed.iter().map(|(k, v)| (*k, v.as_os_str())).collect();
    env.extend([
        ("SRC", ws.as_os_str()),
        ("CTL", ctl.as_os_str()),
        ("CASE", OsStr::new(&case)),
    ]);
    let args = ["-rm", "sh", "-c", &faults::script(32 * 1024, body)].map(String::from);
    let mut t = Pty::spawn("unshare", &args, &env);

    t.wait_all(&["Review desk", "reviewer 张三"]);
    t.send("/");
    t.wait_all(&["Contains:"]);
    t.send(&case);
    t.send("\r");
    t.wait_all(&[&format!("filter: {case}")]);
    t.send("\r");
    t.wait_all(&[&format!("File {case} | "), "decided 1/"]);
    let at = show(&ws, &case)["items"]
        .as_array()
        .unwrap()
        .iter()
        .position(|i| i["id"] == "A2")
        .expect("item A2");
    t.send(&"j".repeat(at));
    t.send("d");
    t.wait_all(&["Deduct A2"]);
    t.paste(&finding);
    t.wait_all(&["（完）"]);
    t.send("\r");
    let s = t.wait_all(&["Not saved", "the disk is full", "What you typed is kept"]);
    assert!(!s.contains("saved #2"), "{s}");
    assert!(t.status_bar().contains("NOT saved"), "{}", t.status_bar());
    // Nothing of it on disk, in the journal or anywhere else.
    std::fs::write(ctl.join("free"), "").unwrap();
    wait_for_file(&ctl.join("freed"));
    let r = faults::results(folders, String::new());
    let diff = differences(&tree(&r.path("before")), &tree(&r.path("failed")));
    assert!(diff.is_empty(), "the refused change left {diff:?}");
    assert_eq!(events(&r.path("failed")).len(), 1);

    // Any key closes the message; the field is back with everything typed in it.
    t.send("x");
    let s = t.wait_all(&["Deduct A2", "（完）"]);
    assert!(!s.contains("Not saved"), "{s}");
    t.send("\r");
    t.wait_until("saved #2 in the status bar", |s| {
        s.lines()
            .nth(ROWS as usize - 1)
            .is_some_and(|l| l.contains(" saved #2 "))
    });
    t.send("q");
    assert!(t.wait_exit().success());
    assert_eq!(
        std::fs::read_to_string(r.path("tui.code")).unwrap().trim(),
        "0"
    );
    let after = events(&r.path("after"));
    assert_eq!(after.len(), 2);
    assert_eq!(after[1]["item"], "A2");
    assert_eq!(after[1]["new"]["verdict"], "deduct");
    assert_eq!(after[1]["new"]["finding"], finding.as_str());
    verify_ok(&r.path("after"));
}

/// A rectification step on a full disk: refused whole (the record byte for byte as it was, the
/// user told it was not saved and what to do), and saved once there is room.
#[test]
fn a_rectification_step_on_a_full_disk_is_refused_whole_and_saved_later() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("demo");
    anjuan()
        .args(["demo", "--build"])
        .arg(&ws)
        .assert()
        .success();
    // A first step, so the record exists and only an append is refused.
    anjuan()
        .arg("rectify")
        .arg(&ws)
        .args(["refer", "Z0002", "--reason", "虚与应付", "--by", "王五"])
        .assert()
        .success();
    // Longer than a memory page in UTF-8, so the line needs a page the full disk does not have.
    let measure = "补正处罚决定书并组织全体执法人员培训；".repeat(100);
    let script = r#"
        cp -a "$SRC" "$FS/ws"
        snap before "$FS/ws"
        fill
        plan() {
            "$ANJUAN" "$@" rectify "$FS/ws" plan Z0001 --leader 刘副局长 --owner 陈某 \
                --measure "$MEASURE" --by 陈某
        }
        run full-en plan --lang en
        run full-zh plan
        snap after "$FS/ws"
        unfill
        run retry plan
        snap retried "$FS/ws"
    "#;
    let env: [(&str, &OsStr); 2] = [("SRC", ws.as_os_str()), ("MEASURE", OsStr::new(&measure))];
    let Some(r) = faults::run(32 * 1024, &env, script) else {
        return;
    };
    for name in ["full-en", "full-zh"] {
        assert_eq!(r.code(name), 2, "{name}: {}", r.stderr(name));
        assert!(!r.stdout(name).contains("已保存"), "{}", r.stdout(name));
    }
    let en = r.stderr("full-en");
    for want in ["the disk is full", "rectification.jsonl", "NOT saved"] {
        assert!(en.contains(want), "{want:?} not in: {en}");
    }
    let zh = r.stderr("full-zh");
    for want in ["磁盘已满", "rectification.jsonl", "没有保存"] {
        assert!(zh.contains(want), "{want:?} not in: {zh}");
    }
    unchanged(&r, "before", "after");
    assert_eq!(r.code("retry"), 0, "{}", r.stderr("retry"));
    assert!(
        r.stdout("retry").contains("已保存（第 2 号事件）"),
        "{}",
        r.stdout("retry")
    );
    let record = std::fs::read_to_string(r.path("retried").join("rectification.jsonl")).unwrap();
    assert_eq!(record.lines().count(), 2);
    assert!(record.contains(&measure));
    verify_ok(&r.path("retried"));
}
