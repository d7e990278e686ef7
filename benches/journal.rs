//! Review journal benchmark: keypress-to-saved latency of one decision (validation, append,
//! fsync) and the time to open a workspace whose journal holds ≈20,000 events (100 files, every
//! item edited several times). Run: `cargo bench --bench journal`. Figures: docs/PERFORMANCE.md.

use anjuan::checklist::points::Points;
use anjuan::review::decision::{Decision, Verdict};
use anjuan::review::event::{Change, Event};
use anjuan::review::journal::{Journal, JOURNAL};
use anjuan::review::Review;
use std::time::Instant;

mod common;
use common::{drawn_workspace, report};

fn deduct(points: Points, finding: String) -> Decision {
    Decision {
        verdict: Verdict::Deduct,
        points: Some(points),
        finding: Some(finding),
        evidence: Some("第3页".into()),
    }
}

fn pass() -> Decision {
    Decision {
        verdict: Verdict::Pass,
        points: None,
        finding: None,
        evidence: None,
    }
}

/// Every scored item of every sample file, once: deduct on odd passes, pass on even ones.
fn one_pass(review: &Review, round: usize) -> Vec<Event> {
    let mut events = Vec::new();
    for (fi, f) in review.files.iter().enumerate() {
        if f.selected.role != anjuan::register::population::Role::Sample {
            continue;
        }
        let Some(c) = review.checklist_of(fi) else {
            continue;
        };
        for (ii, item) in c.items.iter().enumerate() {
            let old = review.states[fi].decisions[ii].clone();
            let new = if item.max_points.is_zero() || round.is_multiple_of(2) {
                pass()
            } else {
                deduct(
                    item.step,
                    format!("第{round}轮：{}问题描述，含中文与数字 123", item.id),
                )
            };
            if old.as_ref() == Some(&new) {
                continue;
            }
            events.push(Event {
                seq: 0,
                at: "2026-11-21T10:00:00+08:00".into(),
                by: "评查人甲".into(),
                case: f.id().to_string(),
                checklist: c.reference(),
                change: Change::Set {
                    item: item.id.clone(),
                    old,
                    new: Some(new),
                },
                via: "bench".into(),
                prev: String::new(),
                lane: None,
                signed: None,
            });
        }
    }
    events
}

fn main() {
    let tmp = common::scratch();
    let ws = drawn_workspace(tmp.path());
    let mut review = Review::open(&ws).expect("review");
    review.ensure_plan().expect("plan");

    // 1. One decision at a time, as a reviewer makes them.
    let case = review.files[0].id().to_string();
    let items: Vec<String> = review
        .checklist_of(0)
        .expect("checklist")
        .items
        .iter()
        .filter(|i| !i.max_points.is_zero())
        .map(|i| i.id.clone())
        .collect();
    let mut times = Vec::new();
    for k in 0..1000 {
        let item = &items[k % items.len()];
        let d = if (k / items.len()).is_multiple_of(2) {
            deduct(Points(100), format!("问题 {k}"))
        } else {
            pass()
        };
        let t = Instant::now();
        review
            .set(&case, item, Some(d), "评查人甲", "bench")
            .expect("set");
        times.push(t.elapsed());
    }
    report("save one decision (validate + append + fsync)", times);

    // 2. Fill the journal to ≈20,000 events, in batches (one fsync each).
    let mut round = 1;
    while review.journal.events.len() < 20_000 {
        review.commit(&|r| Ok(one_pass(r, round))).expect("batch");
        round += 1;
    }
    let n = review.journal.events.len();
    let bytes = std::fs::metadata(ws.join(JOURNAL)).expect("journal").len();
    println!(
        "journal: {n} events, {:.1} MiB, {round} passes over every item of 100 files",
        bytes as f64 / (1 << 20) as f64
    );
    drop(review);
    if let Ok(keep) = std::env::var("ANJUAN_BENCH_KEEP") {
        std::fs::copy(ws.join(JOURNAL), keep).expect("keep journal");
    }

    // 3. Opening: the journal alone, and the whole review (draw, cases, checklists, replay).
    let mut read = Vec::new();
    let mut open = Vec::new();
    for _ in 0..21 {
        let t = Instant::now();
        let j = Journal::read(&ws.join(JOURNAL)).expect("read");
        read.push(t.elapsed());
        assert!(j.breaks.is_empty());
        let t = Instant::now();
        let r = Review::open(&ws).expect("open");
        open.push(t.elapsed());
        assert!(r.refused.is_empty());
    }
    report(&format!("read + verify chain of {n} events"), read);
    report(&format!("open workspace with {n} events (replay)"), open);
}
