"""Compare alloc.allocate (anjuan-draw-v1 section 3) with the research note's variant
("strata whose quota is below the minimum are fixed at min(m, N_s), the rest shared
proportionally, largest remainder") on the agency counts of a register CSV.

usage: check_alloc.py CSV [N ...]     (default N: 100; minimums 0, 1, 2 are checked)
Prints the two allocations where they differ; exits 0 either way (it is a report).
"""
import csv
import os
import sys
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from alloc import allocate  # noqa: E402


def allocate_note(counts, n, minimum=0):
    """The research note's version (kept verbatim in behaviour, for comparison only)."""
    counts = dict(counts)
    fixed = {}
    while True:
        free = {h: N for h, N in counts.items() if h not in fixed}
        rest = n - sum(fixed.values())
        tot = sum(free.values())
        quota = {h: Fraction(rest * N, tot) for h, N in free.items()}
        newly = {h: min(minimum, counts[h]) for h, q in quota.items() if q < minimum}
        if not newly:
            break
        fixed.update(newly)
    alloc = {h: int(q) for h, q in quota.items()}
    left = rest - sum(alloc.values())
    order = sorted(quota, key=lambda h: (-(quota[h] - int(quota[h])), -counts[h], h))
    for h in order[:left]:
        alloc[h] += 1
    alloc.update(fixed)
    return alloc


def agency_counts(path):
    try:
        import polars as pl
        df = pl.scan_csv(path).group_by("agency").len().collect()
        return dict(df.iter_rows())
    except ImportError:
        counts = {}
        with open(path, encoding="utf-8", newline="") as f:
            r = csv.reader(f)
            ia = next(r).index("agency")
            for row in r:
                counts[row[ia]] = counts.get(row[ia], 0) + 1
        return counts


def main():
    path = sys.argv[1]
    ns = [int(x) for x in sys.argv[2:]] or [100]
    counts = agency_counts(path)
    N = sum(counts.values())
    print(f"{os.path.basename(path)}: {N} rows, {len(counts)} strata, "
          f"largest {max(counts.values()) / N:.2%}, smallest {min(counts.values()) / N:.2%}")
    for n in ns:
        for m in (0, 1, 2):
            try:
                a = allocate(counts, n, m)
            except ValueError as e:
                print(f"n={n} m={m}: {e}")
                continue
            b = allocate_note(counts, n, m)
            assert sum(a.values()) == n, (n, m, sum(a.values()))
            diff = {k: (a[k], b[k]) for k in counts if a[k] != b[k]}
            zeros = sum(1 for v in a.values() if v == 0)
            ones = sum(1 for v in a.values() if v == 1)
            twos = sum(1 for v in a.values() if v == 2)
            head = f"n={n} m={m}: spec alloc has {zeros} strata at 0, {ones} at 1, {twos} at 2; "
            if not diff:
                print(head + "note's variant: identical")
            else:
                print(head + f"note's variant differs in {len(diff)} strata (spec, note):")
                for k in sorted(diff, key=lambda k: -counts[k]):
                    share = Fraction(n * counts[k], N)
                    print(f"    {k}: N_s={counts[k]} exact share {float(share):.3f} -> {diff[k]}")


if __name__ == "__main__":
    main()
