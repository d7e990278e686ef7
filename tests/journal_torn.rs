//! A write cut off at every byte of the journal's last line, as a crash or a power cut can
//! leave it: for each cut, every earlier event is intact, the fragment is reported (never
//! silently dropped) and never counted as saved, verify says what happened, and the next change
//! sets the fragment aside byte for byte and continues the chain. Every offset goes through the
//! library (the same code the binary runs); a few go through the binary as well.

mod common;

use anjuan::i18n::Lang;
use anjuan::review::decision::{Decision, Verdict};
use anjuan::review::journal::{Journal, JOURNAL, TORN_DIR};
use anjuan::review::Review;
use anjuan::workspace::Workspace;
use common::*;
use predicates::str::contains;
use std::path::Path;

/// A small drawn workspace (a 12-case register, every case drawn).
fn small_workspace(dir: &Path) -> std::path::PathBuf {
    let ws = dir.join("ws");
    committed_from(&ws, &repo("tests/fixtures/registers/good-utf8.csv"), 12, 0);
    draw(&ws);
    ws
}

fn set(ws: &Path, case: &str, item: &str, args: &[&str]) {
    anjuan()
        .arg("review")
        .arg(ws)
        .args(["set", case, item])
        .args(args)
        .args(["--reviewer", "张三"])
        .assert()
        .success();
}

fn pass(review: &mut Review, case: &str, item: &str) -> anjuan::review::Saved {
    let i = review.file_index(case).unwrap();
    let c = review.checklist_of(i).unwrap();
    let k = c.item_index(item).unwrap();
    let d = Decision::new(&c.items[k], Verdict::Pass, None, None, None, Lang::En).unwrap();
    review
        .set(case, item, Some(d), "李四", "test")
        .unwrap_or_else(|e| panic!("{}", e.render(Lang::En)))
}

fn decided(review: &Review, case: &str, item: &str) -> bool {
    let i = review.file_index(case).unwrap();
    let k = review.checklist_of(i).unwrap().item_index(item).unwrap();
    review.states[i].decisions[k].is_some()
}

#[test]
fn a_write_cut_at_any_byte_of_the_last_line_loses_nothing_saved() {
    let dir = tempfile::tempdir().unwrap();
    let ws = small_workspace(dir.path());
    let case = case_of_type(&ws, "行政处罚（一般程序）");
    set(&ws, &case, "A1", &["--pass"]);
    set(&ws, &case, "A2", &["--pass"]);
    // The last line: Chinese text, so some cuts fall inside a character.
    set(
        &ws,
        &case,
        "A3",
        &["--deduct", "1", "--finding", "管辖依据未写明，移送手续不全"],
    );
    let path = ws.join(JOURNAL);
    let full = std::fs::read(&path).unwrap();
    let whole = Journal::read(&path).unwrap();
    assert_eq!(whole.events.len(), 3);
    let last_start = full[..full.len() - 1]
        .iter()
        .rposition(|&b| b == b'\n')
        .unwrap()
        + 1;
    let last_len = full.len() - last_start;
    assert!(last_len > 300, "{last_len}");
    // A cut inside a multi-byte character, to check through the binary too.
    let in_char = (1..last_len)
        .find(|&k| std::str::from_utf8(&full[last_start..last_start + k]).is_err())
        .unwrap();
    let by_binary = [0, 1, in_char, last_len / 2, last_len - 1];
    let cut = Cut {
        case: &case,
        full: &full,
        whole: &whole,
        last_start,
        by_binary: &by_binary,
    };
    // The offsets are shared out among threads, each with its own copy of the workspace.
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
    std::thread::scope(|s| {
        for t in 0..threads {
            let copy = dir.path().join(format!("ws-{t}"));
            copy_dir(&ws, &copy);
            let cut = &cut;
            s.spawn(move || {
                for k in (t..last_len).step_by(threads) {
                    cut.at(&copy, k);
                }
                anjuan().arg("verify").arg(&copy).assert().success();
            });
        }
    });
}

/// The journal as written, and where its last line starts.
struct Cut<'a> {
    case: &'a str,
    full: &'a [u8],
    whole: &'a Journal,
    last_start: usize,
    by_binary: &'a [usize],
}

impl Cut<'_> {
    /// Cut the last line of `ws`'s journal after `k` bytes and check everything.
    fn at(&self, ws: &Path, k: usize) {
        let Cut {
            case,
            full,
            whole,
            last_start,
            by_binary,
        } = *self;
        let case = case.to_string();
        let path = ws.join(JOURNAL);
        let ws_handle = Workspace::open(ws).unwrap();
        let cut = &full[..last_start + k];
        std::fs::write(&path, cut).unwrap();
        let _ = std::fs::remove_dir_all(ws.join(TORN_DIR));

        // Reading: the two earlier events, intact; the fragment reported, exactly.
        let mut review = Review::open(ws).unwrap();
        let j = &review.journal;
        assert!(j.breaks.is_empty(), "cut at {k}: {:?}", j.breaks);
        assert_eq!(j.events.len(), 2, "cut at {k}");
        assert_eq!(j.hashes[..], whole.hashes[..2], "cut at {k}");
        match (&j.torn, k) {
            (None, 0) => {}
            (Some(t), k) if k > 0 => {
                assert_eq!(t.offset, last_start as u64, "cut at {k}");
                assert_eq!(t.bytes, &full[last_start..last_start + k], "cut at {k}");
            }
            (t, k) => panic!("cut at {k}: torn {t:?}"),
        }
        // Never counted as saved: the file's state is as after the second event.
        assert!(decided(&review, &case, "A2"), "cut at {k}");
        assert!(!decided(&review, &case, "A3"), "cut at {k}");

        // Verify: everything holds, and a fragment is named with its size.
        let checks = anjuan::review::verify::verify(&ws_handle, &[], Lang::En);
        let bad: Vec<&String> = checks.iter().filter(|c| !c.ok).map(|c| &c.what).collect();
        assert!(bad.is_empty(), "cut at {k}: {bad:?}");
        let noted = checks
            .iter()
            .any(|c| c.what.contains(&format!("incomplete line of {k} bytes")));
        assert_eq!(noted, k > 0, "cut at {k}");

        if by_binary.contains(&k) {
            let status = anjuan()
                .args(["--lang", "en", "review"])
                .arg(ws)
                .arg("status")
                .assert()
                .success();
            let err = String::from_utf8_lossy(&status.get_output().stderr).into_owned();
            assert_eq!(
                err.contains(&format!("incomplete line of {k} bytes")),
                k > 0,
                "cut at {k}: {err}"
            );
            let verify = anjuan()
                .args(["--lang", "en", "verify"])
                .arg(ws)
                .assert()
                .success();
            let out = String::from_utf8_lossy(&verify.get_output().stdout).into_owned();
            assert_eq!(
                out.contains(&format!("incomplete line of {k} bytes")),
                k > 0,
                "cut at {k}: {out}"
            );
            // The next change through the command line keeps the fragment and goes on.
            let next = anjuan()
                .args(["--lang", "en", "review"])
                .arg(ws)
                .args(["set", &case, "B1", "--pass", "--reviewer", "王五"])
                .assert()
                .success()
                .stdout(contains("saved (journal event 3, on disk)"));
            let err = String::from_utf8_lossy(&next.get_output().stderr).into_owned();
            assert_eq!(err.contains("journal-torn/journal-at-"), k > 0, "{err}");
        } else {
            // The next change through the library.
            let saved = pass(&mut review, &case, "B1");
            assert_eq!(saved.events.len(), 1);
            assert_eq!(saved.events[0].seq, 3, "cut at {k}");
            assert_eq!(saved.events[0].prev, whole.hashes[1], "cut at {k}");
            match (&saved.recovered, k) {
                (None, 0) => {}
                (Some(copy), k) if k > 0 => {
                    assert_eq!(
                        std::fs::read(copy).unwrap(),
                        &full[last_start..last_start + k],
                        "cut at {k}"
                    );
                }
                (r, k) => panic!("cut at {k}: recovered {r:?}"),
            }
        }
        // Either way: the chain goes on from the second event, the fragment is kept aside
        // (and only then), and the workspace's journal checks.
        let after = Journal::read(&path).unwrap();
        assert!(
            after.breaks.is_empty() && after.torn.is_none(),
            "cut at {k}"
        );
        assert_eq!(after.events.len(), 3, "cut at {k}");
        assert_eq!(after.events[2].seq, 3);
        assert_eq!(after.events[2].prev, whole.hashes[1]);
        let kept: Vec<Vec<u8>> = std::fs::read_dir(ws.join(TORN_DIR))
            .map(|d| {
                d.map(|e| std::fs::read(e.unwrap().path()).unwrap())
                    .collect()
            })
            .unwrap_or_default();
        if k == 0 {
            assert!(kept.is_empty(), "cut at {k}");
        } else {
            assert_eq!(kept, vec![full[last_start..last_start + k].to_vec()]);
        }
    }
}
