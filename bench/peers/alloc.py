"""Allocation rule of anjuan-draw-v1 (docs: shared spec `draw-v1.md`, section 3, "proportional").

Proportional allocation with a minimum per stratum m:
  1. error if n > N or sum(min(m, N_s)) > n;
  2. start every stratum at a_s = min(m, N_s);
  3. while sum(a_s) < n: among strata with a_s < N_s, give one to the stratum with
     the largest deficit n*N_s - a_s*N (exact integers); ties: larger N_s, then the
     smaller stratum key compared as UTF-8 bytes.
Without a binding minimum this is the largest-remainder (Hamilton) method.

The peers (pl_sample.py, pd_sample.py) use this so that they draw exactly as many
rows per stratum as anjuan does; check_alloc.py compares it with the earlier
"fix the small strata, share the rest" variant from the research note.
"""


def _key_bytes(key):
    """Stratum key as comparable UTF-8 bytes (a tuple for multi-field keys)."""
    if isinstance(key, tuple):
        return tuple(str(k).encode("utf-8") for k in key)
    return str(key).encode("utf-8")


def allocate(counts, n, minimum=1):
    """counts: {stratum key: N_s}; returns {stratum key: a_s}."""
    counts = {k: int(v) for k, v in dict(counts).items()}
    if n < 0 or minimum < 0:
        raise ValueError(f"n={n} and minimum={minimum} must be >= 0")
    N = sum(counts.values())
    if n > N:
        raise ValueError(f"n={n} is larger than the register ({N} rows)")
    alloc = {k: min(minimum, c) for k, c in counts.items()}
    start = sum(alloc.values())
    if start > n:
        raise ValueError(
            f"minimum {minimum} per stratum needs {start} rows over {len(counts)} strata, more than n={n}")
    # n is small in practice; a plain selection per unit keeps the rule obvious.
    for _ in range(n - start):
        best = min(
            (k for k in counts if alloc[k] < counts[k]),
            key=lambda k: (-(n * counts[k] - alloc[k] * N), -counts[k], _key_bytes(k)),
        )
        alloc[best] += 1
    return alloc
