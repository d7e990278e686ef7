#!/usr/bin/env python3
"""Check an anjuan draw against the public reference sampler, independently of anjuan.

    VENV="$(mktemp -d)/cs-venv"        # anywhere outside the repository
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install consistent-sampler==1.0.10
    "$VENV/bin/python" tools/interop/check_draw.py REGISTER.csv DRAW.json \\
        --id-column 案号 --stratum 执法机关
    "$VENV/bin/python" tools/interop/check_draw.py --population WORKSPACE/population.tsv DRAW.json
    "$VENV/bin/python" tools/interop/check_draw.py --population WORKSPACE/population.tsv \\
        WORKSPACE/draws/0001.json --commitment WORKSPACE/commitments/0001.json

With --population the frozen population of the workspace is read instead of a register (its
digest must be the one in the draw record), so registers of any format or layout (a title row,
合计 rows, an .xls, several sheets) are checked without re-implementing anjuan's layout handling.

REGISTER.csv is the frozen case register the draw was made from (UTF-8, with or without a BOM;
first row = column names).  DRAW.json is the output of `anjuan sample --format json`, of which
this script reads `algorithm`, `seed`, `allocation[]` ({stratum, size, allocated, alternates})
and `selected[]` ({case_id, stratum, role, rank, ticket}).  Give --stratum once per stratum
field, in the order used for the draw (e.g. --stratum 执法机关 --stratum 案件类型).

For every stratum it asks `consistent_sampler.sampler` for the order of that stratum's case ids
under the draw's seed and checks that the drawn files are the first `allocated` of that order
(role "sample", rank 1, 2, ...) followed by the next `alternates` (role "alternate", ranks
continuing after the sample), each with the package's full ticket.  It does not recompute the
allocation itself (that depends on the method and parameters recorded with the draw); it checks
that `size` is the number of cases of the stratum in the register.

Targeted files (重点抽查, role "targeted") are not part of any stratum's order. With
--commitment (the commitment the draw names, whose `targeted` field fixes the candidate ids and
`max`), they are checked too: the candidates that are not in the random sample, ordered by the
reference sampler under the same seed, the first `max` (all without one), ranks 1, 2, ...;
without --commitment a draw with targeted files is reported as not fully checked.

Cells are trimmed of Unicode White_Space at both ends, nothing else (as anjuan-draw-v1 does).
Rows whose cells are all blank are skipped.  Exit status: 0 the draw matches, 1 it does not
(the differences are printed per stratum), 2 the input could not be read or is invalid.
Uses only the standard library and the `consistent-sampler` package.
"""

import argparse
import hashlib
import csv
import json
import sys

from consistent_sampler import sampler

ALGORITHM = "anjuan-draw-v1"
FULL_DIGITS = 200  # digits kept after the leading 9s: more than a ticket has, so nothing is cut

# Unicode White_Space (PropList.txt)
WHITE_SPACE = "".join(
    [chr(c) for c in range(0x09, 0x0E)]
    + ["\u0020", "\u0085", "\u00a0", "\u1680"]
    + [chr(c) for c in range(0x2000, 0x200B)]
    + ["\u2028", "\u2029", "\u202f", "\u205f", "\u3000"]
)


class InputError(Exception):
    pass


def trim(text):
    return text.strip(WHITE_SPACE)


def has_control(text):
    return any(ord(c) <= 0x1F or ord(c) == 0x7F for c in text)


def show(key):
    return " / ".join(key)


def read_register(path, id_column, stratum_columns):
    """Return {stratum key tuple: [case ids in register order]}."""
    try:
        f = open(path, encoding="utf-8-sig", newline="")
    except OSError as e:
        raise InputError("cannot open register: %s" % e)
    with f:
        try:
            rows = list(csv.reader(f))
        except (UnicodeDecodeError, csv.Error) as e:
            raise InputError("cannot read %s as UTF-8 CSV: %s" % (path, e))
    if not rows:
        raise InputError("register %s is empty" % path)
    header = [trim(h) for h in rows[0]]
    cols = []
    for name in [id_column] + stratum_columns:
        if name not in header:
            raise InputError("column %r not in register header %r" % (name, header))
        if header.count(name) > 1:
            raise InputError("column %r appears more than once in the header" % name)
        cols.append(header.index(name))

    strata, seen, errors = {}, {}, []
    for line, row in enumerate(rows[1:], start=2):
        if all(trim(c) == "" for c in row):
            continue
        cells = [trim(row[c]) if c < len(row) else "" for c in cols]
        cid, key = cells[0], tuple(cells[1:])
        if cid == "":
            errors.append("row %d: empty case id" % line)
        elif has_control(cid):
            errors.append("row %d: control character in case id %r" % (line, cid))
        elif cid in seen:
            errors.append("row %d: case id %r already on row %d" % (line, cid, seen[cid]))
        for v in key:
            if has_control(v):
                errors.append("row %d: control character in stratum field %r" % (line, v))
        seen.setdefault(cid, line)
        strata.setdefault(key, []).append(cid)
    if errors:
        raise InputError("register is not valid for %s:\n  " % ALGORITHM + "\n  ".join(errors))
    return strata


def read_population(path):
    """Return {stratum key tuple: [case ids]} from a workspace's frozen population.tsv (spec §5:
    one line per case, id then each stratum field, TAB-separated, LF-ended). Reading the frozen
    population means never re-implementing anjuan's layout detection (header rows, 合计 rows):
    the population's digest ties it to the draw, and campaign.json lists every row left out."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise InputError("cannot open population: %s" % e)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError("population %s is not UTF-8: %s" % (path, e))
    strata = {}
    for n, line in enumerate(text.split("\n")[:-1] if text.endswith("\n") else text.split("\n"), 1):
        fields = line.split("\t")
        if len(fields) < 2 or fields[0] == "":
            raise InputError("population line %d is not `id TAB stratum…`: %r" % (n, line))
        strata.setdefault(tuple(fields[1:]), []).append(fields[0])
    return strata


def read_draw(path):
    try:
        with open(path, encoding="utf-8-sig") as f:
            draw = json.load(f)
    except (OSError, ValueError) as e:
        raise InputError("cannot read draw %s: %s" % (path, e))
    for field in ("seed", "allocation", "selected"):
        if field not in draw:
            raise InputError("draw has no %r field" % field)
    seed = draw["seed"]
    if not (isinstance(seed, str) and len(seed) >= 20 and all("0" <= c <= "9" for c in seed)):
        raise InputError("seed must be a string of at least 20 ASCII digits, got %r" % (seed,))
    return draw


def as_key(stratum):
    if isinstance(stratum, str):
        return (stratum,)
    return tuple(stratum)


def check(strata, draw):
    """Return (differences {key: [text]}, notes [text], ok_strata [key])."""
    seed = draw["seed"]
    diffs, notes, ok = {}, [], []
    if draw.get("algorithm") != ALGORITHM:
        diffs.setdefault(("(draw)",), []).append(
            "algorithm is %r, this checks %r" % (draw.get("algorithm"), ALGORITHM))

    selected = {}
    for s in draw["selected"]:
        if s["role"] == "targeted":
            continue
        selected.setdefault(as_key(s["stratum"]), []).append(s)

    allocated_keys = set()
    for a in draw["allocation"]:
        key = as_key(a["stratum"])
        allocated_keys.add(key)
        d = diffs.setdefault(key, [])
        ids = strata.get(key)
        if ids is None:
            d.append("stratum is not in the register")
            continue
        if a.get("size") != len(ids):
            d.append("size is %r, the register has %d cases" % (a.get("size"), len(ids)))
        n_sample, n_alt = a["allocated"], a["alternates"]
        k = n_sample + n_alt
        if k > len(ids):
            d.append("allocated+alternates = %d exceeds the %d cases" % (k, len(ids)))
        want = [(cid, ticket) for ticket, cid, _ in
                sampler(ids, seed=seed, with_replacement=False, take=k,
                        output="tuple", digits=FULL_DIGITS)]
        roles = ["sample"] * n_sample + ["alternate"] * n_alt
        got = sorted(selected.get(key, []), key=lambda s: (s["role"] != "sample", s["rank"]))
        if len(got) != k:
            d.append("%d cases selected, expected %d (%d sample + %d alternates)"
                     % (len(got), k, n_sample, n_alt))
        for pos in range(max(len(got), len(want))):
            g = got[pos] if pos < len(got) else None
            w = want[pos] if pos < len(want) else None
            if g is None:
                d.append("missing rank %d (%s): %s  ticket %s" % (pos + 1, roles[pos], w[0], w[1]))
                continue
            if w is None:
                d.append("extra: %s %s rank %s (%s)" % (g["role"], g["case_id"], g["rank"],
                                                       g.get("ticket")))
                continue
            problems = []
            if g["case_id"] != w[0]:
                problems.append("case %s, the reference has %s" % (g["case_id"], w[0]))
            elif g.get("ticket") != w[1]:
                problems.append("ticket %s, the reference has %s" % (g.get("ticket"), w[1]))
            if g["role"] != roles[pos]:
                problems.append("role %r, expected %r" % (g["role"], roles[pos]))
            if g["rank"] != pos + 1:
                problems.append("rank %r, expected %d" % (g["rank"], pos + 1))
            if problems:
                d.append("position %d: %s" % (pos + 1, "; ".join(problems)))
        if not d:
            del diffs[key]
            ok.append(key)

    for key in sorted(set(selected) - allocated_keys):
        diffs.setdefault(key, []).append(
            "%d cases selected but the stratum is not in the allocation" % len(selected[key]))
    for key in sorted(set(strata) - allocated_keys - set(selected)):
        notes.append("stratum %s (%d cases) is not in the allocation; nothing was drawn from it"
                     % (show(key), len(strata[key])))
    return diffs, notes, ok


def check_targeted(strata, draw, commitment):
    """The targeted rows against the commitment's candidates: [differences]."""
    seed = draw["seed"]
    got = sorted((s for s in draw["selected"] if s["role"] == "targeted"), key=lambda s: s["rank"])
    t = commitment.get("targeted")
    if t is None:
        return ["%d targeted files but the commitment fixes no targeted set" % len(got)] if got else []
    all_ids = {cid for ids in strata.values() for cid in ids}
    missing = [c for c in t["candidates"] if c not in all_ids]
    if missing:
        return ["candidate %s is not in the population" % missing[0]]
    digest = hashlib.sha256("".join(c + "\n" for c in t["candidates"]).encode("utf-8")).hexdigest()
    out = []
    if digest != t["candidates_sha256"]:
        out.append("candidate list digest %s, the commitment says %s" % (digest, t["candidates_sha256"]))
    sampled = {s["case_id"] for s in draw["selected"] if s["role"] == "sample"}
    rest = [c for c in t["candidates"] if c not in sampled]
    k = len(rest) if t.get("max") is None else min(t["max"], len(rest))
    want = [(cid, ticket) for ticket, cid, _ in
            sampler(rest, seed=seed, with_replacement=False, take=k,
                    output="tuple", digits=FULL_DIGITS)] if k else []
    for pos in range(max(len(got), len(want))):
        g = got[pos] if pos < len(got) else None
        w = want[pos] if pos < len(want) else None
        if g is None:
            out.append("missing targeted rank %d: %s ticket %s" % (pos + 1, w[0], w[1]))
        elif w is None:
            out.append("extra targeted %s rank %s" % (g["case_id"], g["rank"]))
        elif g["case_id"] != w[0] or g.get("ticket") != w[1] or g["rank"] != pos + 1:
            out.append("targeted rank %d: %s %s, the reference has %s %s"
                       % (pos + 1, g["case_id"], g.get("ticket"), w[0], w[1]))
    return out


def population_digest(strata):
    """Spec section 5: SHA-256 of one line per case, `id TAB stratum... LF`, sorted by the ids'
    UTF-8 bytes. It is the digest read out before the seed, so a register that gives it is the
    register that was frozen."""
    lines = sorted(
        ("\t".join((cid,) + tuple(key)) + "\n").encode("utf-8")
        for key, ids in strata.items() for cid in ids)
    return hashlib.sha256(b"".join(lines)).hexdigest()


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Check an anjuan draw (sample --format json) against the consistent-sampler "
                    "reference package.")
    ap.add_argument("register", help="the case register as CSV (UTF-8, BOM allowed), or with "
                    "--population a workspace's population.tsv")
    ap.add_argument("draw", help="the draw as JSON (anjuan sample --format json, or draws/NNNN.json)")
    ap.add_argument("--id-column", help="column holding the case id, e.g. 案号")
    ap.add_argument("--stratum", action="append", metavar="COLUMN",
                    help="a stratum column, e.g. 执法机关; repeat for several, in draw order")
    ap.add_argument("--population", action="store_true",
                    help="the first argument is the frozen population.tsv of a workspace: no "
                         "columns to name, and registers of any layout or format are covered")
    ap.add_argument("--commitment", help="the commitment the draw names (commitments/NNNN.json), "
                    "to check the targeted files (重点抽查) against its candidate list")
    args = ap.parse_args(argv)
    if not args.population and (not args.id_column or not args.stratum):
        ap.error("--id-column and --stratum are needed for a register (or pass --population)")
    try:
        if args.population:
            strata = read_population(args.register)
        else:
            strata = read_register(args.register, args.id_column, args.stratum)
        draw = read_draw(args.draw)
        commitment = None
        if args.commitment:
            try:
                with open(args.commitment, encoding="utf-8-sig") as f:
                    commitment = json.load(f)
            except (OSError, ValueError) as e:
                raise InputError("cannot read commitment %s: %s" % (args.commitment, e))
    except InputError as e:
        print("error: %s" % e, file=sys.stderr)
        return 2
    try:
        diffs, notes, ok = check(strata, draw)
        targeted = sum(1 for s in draw["selected"] if s["role"] == "targeted")
        if commitment is not None:
            t_diffs = check_targeted(strata, draw, commitment)
            if t_diffs:
                diffs[("(targeted)",)] = t_diffs
            elif targeted:
                print("ok       %d targeted files (重点抽查) as the commitment fixes them" % targeted)
        elif targeted:
            notes.append("%d targeted files (重点抽查) not checked: pass --commitment" % targeted)
    except (KeyError, TypeError) as e:
        print("error: draw JSON is missing or has a malformed field: %r" % (e,), file=sys.stderr)
        return 2
    digest = population_digest(strata)
    recorded = draw.get("population_sha256")
    if recorded is not None and recorded != digest:
        print("DIFFERS  population digest: the register gives %s, the draw record says %s"
              % (digest, recorded))
    else:
        print("%s population digest %s" % ("ok      " if recorded else "computed", digest))
    for key in ok:
        print("ok       %s" % show(key))
    for note in notes:
        print("note     %s" % note)
    for key, lines in diffs.items():
        print("DIFFERS  %s" % show(key))
        for line in lines:
            print("         %s" % line)
    if diffs:
        print("the draw does NOT match the reference sampler (%d strata differ)" % len(diffs))
        return 1
    if recorded is not None and recorded != digest:
        print("the register is NOT the one the draw was made from (population digest differs)")
        return 1
    print("the draw matches the reference sampler: seed %s, %d strata"
          % (draw["seed"], len(ok)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
