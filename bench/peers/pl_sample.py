"""polars peer: what a user writes today for "n cases, proportional by agency, at least MIN each".

usage: pl_sample.py CSV N MIN SEED MODE(eager|lazy) OUT

eager: read_csv, allocation by alloc.allocate (the anjuan-draw-v1 rule), then the idiom
       int_range(len).shuffle(seed).over(agency) < alloc[agency]
lazy:  two scans (counts, then the same filter)
From the research note (perf-anchors), with the allocation rule swapped for anjuan's.
Note: the idiom applies the same permutation in every group (see the note); it is here
for its cost, not as a recommendation.
"""
import os
import sys
import time

import polars as pl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from alloc import allocate  # noqa: E402

path, n, mn, seed, mode, out = (
    sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6])
t0 = time.perf_counter()
if mode == "eager":
    df = pl.read_csv(path)
    t1 = time.perf_counter()
    counts = dict(df["agency"].value_counts().iter_rows())
    alloc = allocate(counts, n, mn)
    s = df.filter(
        pl.int_range(pl.len()).shuffle(seed=seed).over("agency")
        < pl.col("agency").replace_strict(alloc, return_dtype=pl.Int64)
    ).sort("agency", maintain_order=True)
    rows = df.height
else:
    lf = pl.scan_csv(path)
    counts = dict(lf.group_by("agency").len().collect().iter_rows())
    t1 = time.perf_counter()
    alloc = allocate(counts, n, mn)
    s = lf.filter(
        pl.int_range(pl.len()).shuffle(seed=seed).over("agency")
        < pl.col("agency").replace_strict(alloc, return_dtype=pl.Int64)
    ).collect()
    s = s.sort("agency", maintain_order=True)
    rows = sum(counts.values())
s.write_csv(out)
t2 = time.perf_counter()
print(f"polars {pl.__version__} {mode}: read={t1-t0:.3f}s sample+write={t2-t1:.3f}s "
      f"rows={rows} sampled={len(s)}", file=sys.stderr)
