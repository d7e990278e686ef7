#!/usr/bin/env python3
"""Peers for the journal benchmark (cargo bench --bench journal): what saving one decision costs
with the tools a team would otherwise reach for, on the same disk.

- sqlite: one INSERT + COMMIT per decision, WAL, synchronous=FULL (durable like the journal).
- rewrite: the whole score table (100 files x 45 items, as a CSV like a saved spreadsheet)
  written to a temporary file, fsync'ed and renamed into place per decision — what "save after
  every change" in a spreadsheet amounts to.

usage: python3 bench/journal_peer.py [N]   (stdlib only; runs in target/bench-tmp)
"""
import os
import sqlite3
import statistics
import sys
import tempfile
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "bench-tmp")
os.makedirs(ROOT, exist_ok=True)


def report(name, times):
    times.sort()
    pct = lambda p: times[round((len(times) - 1) * p)] * 1e6
    print(f"{name}: n={len(times)} median {pct(0.5):.0f}µs p90 {pct(0.9):.0f}µs "
          f"p99 {pct(0.99):.0f}µs max {times[-1] * 1e6:.0f}µs")


with tempfile.TemporaryDirectory(dir=ROOT) as d:
    db = sqlite3.connect(os.path.join(d, "scores.db"), isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("CREATE TABLE events (seq INTEGER PRIMARY KEY, at TEXT, by TEXT, case_id TEXT,"
               " item TEXT, decision TEXT, points REAL, finding TEXT)")
    times = []
    for k in range(N):
        t = time.perf_counter()
        db.execute("BEGIN")
        db.execute("INSERT INTO events (at, by, case_id, item, decision, points, finding)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?)",
                   ("2026-11-21T10:00:00+08:00", "评查人甲", "攸交罚〔2023〕52号",
                    f"A{k % 45}", "deduct", 1.0, f"问题 {k}"))
        db.execute("COMMIT")
        times.append(time.perf_counter() - t)
    report("sqlite INSERT+COMMIT (WAL, synchronous=FULL)", times)

    table = [[f"攸交罚〔2023〕{f}号", f"A{i}", "符合", "0", ""] for f in range(100) for i in range(45)]
    path = os.path.join(d, "scores.csv")
    times = []
    for k in range(min(N, 300)):
        table[k % len(table)][2:5] = ["扣分", "1", f"问题 {k}"]
        t = time.perf_counter()
        fd, tmp = tempfile.mkstemp(dir=d)
        with os.fdopen(fd, "w", encoding="utf-8-sig") as f:
            f.write("\n".join(",".join(r) for r in table))
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        dirfd = os.open(d, os.O_RDONLY)
        os.fsync(dirfd)
        os.close(dirfd)
        times.append(time.perf_counter() - t)
    report("rewrite whole score table + fsync + rename", times)
