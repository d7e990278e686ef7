"""pandas peer: what a user writes today for "n cases, proportional by agency, at least MIN each".

usage: pd_sample.py CSV N MIN SEED ENGINE(c|pyarrow) METHOD(exact|frac) OUT

exact: read_csv, allocation by alloc.allocate (the anjuan-draw-v1 rule), then one
       g.sample(n=alloc[k]) per group drawing from one shared RandomState
frac:  the usual one-liner groupby(...).sample(frac=n/N) (total only ~n, no minimum)
From the research note (perf-anchors), with the allocation rule swapped for anjuan's.
"""
import os
import sys
import time

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from alloc import allocate  # noqa: E402

path, n, mn, seed, engine, method, out = (
    sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6], sys.argv[7])
t0 = time.perf_counter()
df = pd.read_csv(path, engine=engine)
t1 = time.perf_counter()
if method == "frac":
    s = df.groupby("agency").sample(frac=n / len(df), random_state=seed)
else:
    alloc = allocate(df["agency"].value_counts().to_dict(), n, mn)
    rs = np.random.RandomState(seed)   # one stream for all groups (an int per group would reseed each group)
    s = pd.concat([g.sample(n=alloc[k], random_state=rs) for k, g in df.groupby("agency", sort=True)])
s.to_csv(out, index=False)
t2 = time.perf_counter()
print(f"pandas {pd.__version__} engine={engine} {method}: read={t1-t0:.3f}s sample+write={t2-t1:.3f}s "
      f"rows={len(df)} sampled={len(s)}", file=sys.stderr)
