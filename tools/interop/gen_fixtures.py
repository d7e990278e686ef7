#!/usr/bin/env python3
"""Generate anjuan's interoperability fixtures with the PUBLIC REFERENCE sampler.

The draw algorithm `anjuan-draw-v1` (docs/INTEROP.md, spec draw-v1 section 2) uses Ronald L.
Rivest's consistent sampling unchanged: T(id) = U(H(seed) || id).  This script asks the
reference implementation, the PyPI package `consistent-sampler`, for the tickets and the
sampling order, and writes them as JSON under tests/fixtures/interop/ so that the Rust test
suite can compare ticket for ticket without Python.

Requirements: Python 3.8+, the standard library and exactly this package:

    VENV="$(mktemp -d)/cs-venv"        # anywhere outside the repository
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install consistent-sampler==1.0.10

(The fixtures in the repository were made with consistent-sampler 1.0.10; the version that
made a file is recorded in its "generator" field.)

Usage (from the repository root):

    "$VENV/bin/python" tools/interop/gen_fixtures.py           # (re)write the fixtures
    "$VENV/bin/python" tools/interop/gen_fixtures.py --check   # compare, write nothing

The output is deterministic: running it twice gives byte-identical files.  No use is made of
Python's `random` module; "register order" shuffles are derived from SHA-256.

Full tickets are obtained from `sampler(..., digits=200)`: `digits` counts the digits kept
after the leading run of 9s, and a ticket has at most 78 digits, so nothing is cut.  The
`ticket18` field is the package's own `digits=18` output (truncated, not rounded).
"""

import argparse
import hashlib
import importlib.metadata
import json
import os
import sys

from consistent_sampler import sampler

PACKAGE = "consistent-sampler"
EXPECTED_VERSION = "1.0.10"
FULL_DIGITS = 200
DISPLAY_DIGITS = 18

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "..", "tests", "fixtures", "interop"))

# Unicode White_Space (PropList.txt); anjuan trims exactly these at both ends of a cell.
WHITE_SPACE = set(
    [chr(c) for c in range(0x09, 0x0E)]
    + ["\u0020", "\u0085", "\u00a0", "\u1680"]
    + [chr(c) for c in range(0x2000, 0x200B)]
    + ["\u2028", "\u2029", "\u202f", "\u205f", "\u3000"]
)

# Values the reference must reproduce (spec draw-v1 section 2; research note 1.5 A and D).
SPEC_REFERENCE = [
    ("01382438112797316654", "AB-130",
     "0.26299714122838008416507544297546663599715395525154425586041245287750224561854"),
    ("08772473296991897540", "AG02/2024-0005",
     "0.65830716624972680364434883395206408646294062195256531494281133475946280419908"),
]
AG_FIRST_FIVE = [
    ("0.009463983567507924", "AG02/2024-0008"),
    ("0.059281398783613398", "AG01/2024-0008"),
    ("0.080276424603901810", "AG03/2024-0005"),
    ("0.168709343793126463", "AG01/2024-0005"),
    ("0.275123562234100456", "AG03/2024-0002"),
]

# Agencies of 攸县 (Youxian county) and the prefix of their penalty decision numbers.
AGENCIES = [
    ("攸县市场监督管理局", "攸市监罚"),
    ("攸县公安局", "攸公罚"),
    ("攸县城市管理和综合执法局", "攸城管罚"),
    ("株洲市生态环境局攸县分局", "株攸环罚"),
    ("攸县交通运输局", "攸交罚"),
    ("攸县应急管理局", "攸应急罚"),
]


# ---------------------------------------------------------------------------------------------
# helpers

def h(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def full_order(ids, seed):
    """The package's full order (no replacement) as [(id, full ticket, ticket18)]."""
    full = list(sampler(ids, seed=seed, with_replacement=False, output="tuple",
                        digits=FULL_DIGITS))
    short = list(sampler(ids, seed=seed, with_replacement=False, output="tuple",
                         digits=DISPLAY_DIGITS))
    assert len(full) == len(short) == len(ids)
    out = []
    for (t_full, id_full, gen_full), (t_short, id_short, gen_short) in zip(full, short):
        assert id_full == id_short and gen_full == gen_short == 1
        assert t_full.startswith("0.") and t_full[2:].isdigit()
        # nothing was cut: at most 78 digits, far below FULL_DIGITS
        assert len(t_full) - 2 < FULL_DIGITS, t_full
        assert t_full.startswith(t_short), (t_full, t_short)
        out.append((id_full, t_full, t_short))
    return out


def tickets_of(ids, seed):
    return {i: t for i, t, _ in full_order(ids, seed)}


def check_text(text, what, allow_tab=False):
    assert isinstance(text, str) and text, "empty %s" % what
    for ch in text:
        o = ord(ch)
        assert not (o <= 0x1F or o == 0x7F), "control character in %s %r" % (what, text)
    assert text[0] not in WHITE_SPACE and text[-1] not in WHITE_SPACE, \
        "leading/trailing white space in %s %r" % (what, text)


def check_seed(seed):
    assert len(seed) >= 20 and all("0" <= c <= "9" for c in seed), seed


def pick(label, candidates, k):
    """Deterministic 'random' choice of k candidates (SHA-256 ranking, no `random`)."""
    assert k <= len(candidates)
    return sorted(candidates, key=lambda c: h("pick|" + label + "|" + str(c)))[:k]


def register_order(label, rows):
    """Deterministic shuffle standing in for the order of rows in a register file."""
    return sorted(rows, key=lambda r: h("row|" + label + "|" + r["id"]))


def stratum_sort_key(stratum):
    return tuple(f.encode("utf-8") for f in stratum)


def case_ids(label, prefix, k, years=(2022, 2023, 2024), max_no=600):
    cands = [(y, n) for y in years for n in range(1, max_no + 1)]
    return ["%s〔%d〕%d号" % (prefix, y, n) for (y, n) in pick(label + prefix, cands, k)]


# ---------------------------------------------------------------------------------------------
# fixtures

def fx_ag_ascii():
    rows = []
    for a in (1, 2, 3):
        for i in range(1, 11):
            rows.append({"id": "AG%02d/2024-%04d" % (a, i), "stratum": ["AG%02d" % a]})
    return dict(name="ag-ascii-30", seed="08772473296991897540",
                description="Research note 1.5 D: ids AG01/2024-0001..AG03/2024-0010, "
                            "strata by the AGnn prefix; the reference order starts "
                            "AG02/2024-0008, AG01/2024-0008, AG03/2024-0005, AG01/2024-0005, "
                            "AG03/2024-0002.",
                rows=rows)


def fx_agencies(name, seed, sizes, description, years=(2022, 2023, 2024)):
    rows = []
    for (agency, prefix), k in zip(AGENCIES, sizes):
        for cid in case_ids(name, prefix, k, years=years):
            rows.append({"id": cid, "stratum": [agency]})
    return dict(name=name, seed=seed, description=description, rows=rows)


def fx_two_fields():
    name = "two-field-strata-60"
    rows = []
    plan = [("攸县市场监督管理局", "行政处罚", "攸市监罚", 22),
            ("攸县市场监督管理局", "行政强制", "攸市监强", 8),
            ("攸县公安局", "行政处罚", "攸公罚", 25),
            ("攸县公安局", "行政强制", "攸公强", 5)]
    for agency, kind, prefix, k in plan:
        for cid in case_ids(name, prefix, k, years=(2023, 2024)):
            rows.append({"id": cid, "stratum": [agency, kind]})
    return dict(name=name, seed="12345678901234567890123",
                description="Two stratum fields (执法机关, 案件类型): 4 strata keyed by the pair.",
                rows=rows)


def long_id():
    head = "攸县市场监督管理局关于某某商贸有限公司销售不符合食品安全标准的食品案（"
    tail = "）攸市监罚〔2024〕200号"
    filler = "第一二三四五六七八九十卷"
    body = ""
    i = 0
    while len(head) + len(body) + len(tail) < 200:
        body += filler[i % len(filler)]
        i += 1
    s = head + body + tail
    assert len(s) == 200, len(s)
    return s


def leading_nines_ids(seed):
    """Ids in case-number style whose tickets begin with a run of 9s (tests trimming).

    Found by asking the package for the order of many candidates and reading its tail:
    the candidate with the longest run of 9s (at least four) and two with exactly three.
    """
    cands = ["攸市监罚〔2025〕%d号" % n for n in range(1, 30001)]
    order = full_order(cands, seed)

    def nines(t):
        return len(t[2:]) - len(t[2:].lstrip("9"))

    tail = [(nines(t), i) for i, t, _ in order[-200:]]
    best = max(tail)
    three = [i for n, i in reversed(tail) if n == 3][:2]
    assert best[0] >= 4 and len(three) == 2, (best, three)
    return [best[1]] + three


def fx_unusual():
    name = "unusual-ids"
    seed = "27182818284590452353602874"
    mkt, pol, env = ["攸县市场监督管理局"], ["攸县公安局"], ["株洲市生态环境局攸县分局 (试点)"]
    rows = []

    def add(i, s):
        rows.append({"id": i, "stratum": s})

    # white space inside (never at the ends): ASCII space, U+3000, NBSP, two spaces
    add("攸市监罚〔2024〕 12 号", mkt)
    add("攸市监罚〔2024〕12\u3000号", mkt)
    add("攸市监罚〔2024〕12号", mkt)
    add("攸公罚\u00a0〔2023〕8号", pol)
    add("AG01 /  2024 - 0001", pol)
    # full-width vs half-width look-alikes (no normalisation: all distinct)
    add("攸市监罚（2024）12号", mkt)
    add("攸市监罚(2024)12号", mkt)
    add("ＡＧ０１／２０２４－０００１", pol)
    add("AG01/2024-0001", pol)
    add("攸公罚〔２０２３〕７号", pol)
    add("攸公罚〔2023〕7号", pol)
    add("攸公罚〔2023〕71号", pol)
    add("攸公罚〔2023〕07号", pol)
    # NFC vs NFD (é as U+00E9, and as e + U+0301)
    add("Caf\u00e9-2024-1", env)
    add("Cafe\u0301-2024-1", env)
    # emoji: single, ZWJ sequence with VS16, flag, keycap
    add("😊", env)
    add("📁案卷-2024-1", env)
    add("👩\u200d⚖\ufe0f 审查-2", env)
    add("🇨🇳-3", env)
    add("1\ufe0f\u20e3号", env)
    # beyond the BMP: CJK Extension B
    add("𠀀𠀁 扩展B-1", env)
    # characters JSON and CSV must escape or quote
    add('引号"案号"1', mkt)
    add("反斜杠\\案号\\2", mkt)
    add("逗号,案号;3", mkt)
    add("单引号'案号'4", mkt)
    # very short ids, and ASCII case
    add("A", pol)
    add("a", pol)
    add("0", pol)
    # a 200-character id
    add(long_id(), mkt)
    # ids whose tickets start with 9s (display trimming keeps the 9s plus 18 digits)
    for i in leading_nines_ids(seed):
        add(i, env)
    # ordinary ids to fill the strata
    for cid in case_ids(name, "攸市监罚", 6):
        add(cid, mkt)
    for cid in case_ids(name, "攸公罚", 6):
        add(cid, pol)
    return dict(name=name, seed=seed,
                description="Ids with inner spaces (ASCII, U+3000, NBSP), full-width "
                            "look-alikes, NFC/NFD pairs, emoji (ZWJ, flag, keycap), CJK "
                            "Extension B, quote/backslash/comma, one-character ids, a "
                            "200-character id and ids whose tickets begin with 9s.",
                rows=rows)


def fx_digits():
    seed = "01382438112797316654"
    tra, pol = ["攸县交通运输局"], ["攸县公安局"]
    rows = []
    for i in ["123", "0123", "00123", "000123", "1230", "12300", "1", "01", "001", "0",
              "00", "000", "0000000000", "2024001", "02024001", "9", "09", "99", "099"]:
        rows.append({"id": i, "stratum": tra if len(rows) % 2 == 0 else pol})
    for n in range(1, 12):
        rows.append({"id": "%010d" % (n * 7919), "stratum": pol if n % 3 else tra})
    return dict(name="digit-ids-30", seed=seed,
                description="Ids made only of digits with and without leading zeros "
                            "(00123, 0123, 123 are distinct ids with distinct tickets); "
                            "ids are text, never numbers.",
                rows=rows)


def fixtures():
    return [
        fx_ag_ascii(),
        fx_agencies("youxian-20", "00000000000000000042", [13, 7],
                    "20 case numbers in 2 strata; seed with 18 leading zeros (seeds are "
                    "text: 00000000000000000042 is not 42)."),
        fx_agencies("youxian-120", "72904186353109482716", [50, 40, 25, 5],
                    "120 case numbers in 4 strata of unequal size."),
        fx_agencies("youxian-300", "0918273645546372819001928374655647382910",
                    [120, 80, 50, 30, 19, 1],
                    "300 case numbers in 6 strata, one of them a single case; 40-digit seed."),
        fx_unusual(),
        fx_digits(),
        fx_two_fields(),
    ]


# ---------------------------------------------------------------------------------------------
# building and writing

def build_fixture(fx, generator):
    seed, rows = fx["seed"], fx["rows"]
    check_seed(seed)
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate ids in %s" % fx["name"]
    nfields = len(rows[0]["stratum"])
    for r in rows:
        check_text(r["id"], "id")
        assert len(r["stratum"]) == nfields
        for f in r["stratum"]:
            check_text(f, "stratum field")

    population = register_order(fx["name"], rows)
    pooled = full_order([r["id"] for r in population], seed)
    tickets = [t for _, t, _ in pooled]
    assert tickets == sorted(tickets), "package order is not ascending by ticket"

    strata = {}
    for r in population:
        strata.setdefault(tuple(r["stratum"]), []).append(r["id"])
    assert 2 <= len(strata) <= 6, (fx["name"], len(strata))
    strata_out = {}
    for key in sorted(strata, key=stratum_sort_key):
        alone = [i for i, _, _ in full_order(strata[key], seed)]
        members = set(strata[key])
        filtered = [i for i, _, _ in pooled if i in members]
        assert alone == filtered, "stratum order differs from the filtered pooled order"
        strata_out["\t".join(key)] = alone

    return {
        "generator": generator,
        "description": fx["description"],
        "seed": seed,
        "population": population,
        "order": [{"id": i, "ticket": t, "ticket18": s} for i, t, s in pooled],
        "strata": strata_out,
    }


def dump_fixture(obj):
    """JSON with one population/order entry per line (valid JSON, diff-friendly)."""
    d = lambda v: json.dumps(v, ensure_ascii=False)
    out = ["{"]
    out.append('  "generator": %s,' % d(obj["generator"]))
    out.append('  "description": %s,' % d(obj["description"]))
    out.append('  "seed": %s,' % d(obj["seed"]))
    out.append('  "population": [')
    out.append(",\n".join("    " + d(r) for r in obj["population"]))
    out.append("  ],")
    out.append('  "order": [')
    out.append(",\n".join("    " + d(r) for r in obj["order"]))
    out.append("  ],")
    out.append('  "strata": {')
    out.append(",\n".join("    %s: %s" % (d(k), d(v)) for k, v in obj["strata"].items()))
    out.append("  }")
    out.append("}")
    return "\n".join(out) + "\n"


def build_vectors(fxs):
    vectors = [{"seed": s, "id": i, "ticket": t} for s, i, t in SPEC_REFERENCE]
    seeds = [fx["seed"] for fx in fxs] + [
        "0123456789012345678901", "123456789012345678901",  # "0123…" and "123…" differ
        "00000000000000000000", "99999999999999999999",
        "3141592653589793238462643383279502884197169399375105820974944592",
    ]
    unusual = [r["id"] for r in fxs[4]["rows"]]
    ids = ["AB-130", "AG02/2024-0005", "攸市监罚〔2024〕123号", "攸公罚〔2023〕7号",
           "攸公罚〔2023〕71号", "攸城管罚〔2022〕1号", "株攸环罚〔2024〕45号",
           "123", "0123", "00123", "A", "a", "😊", "Caf\u00e9-2024-1", "Cafe\u0301-2024-1",
           "攸市监罚〔2024〕 12 号", "ＡＧ０１／２０２４－０００１", "𠀀𠀁 扩展B-1",
           '引号"案号"1', long_id()] + [i for i in unusual if i.startswith("攸市监罚〔2025〕")]
    seen = set((v["seed"], v["id"]) for v in vectors)
    for seed in seeds:
        check_seed(seed)
        t = tickets_of(ids, seed)
        for i in ids:
            if (seed, i) not in seen:
                seen.add((seed, i))
                vectors.append({"seed": seed, "id": i, "ticket": t[i]})
    # the reference values must come out of the package unchanged
    for s, i, want in SPEC_REFERENCE:
        assert tickets_of([i], s)[i] == want, (s, i)
    return vectors


def dump_vectors(vectors):
    return "[\n" + ",\n".join("  " + json.dumps(v, ensure_ascii=False) for v in vectors) + "\n]\n"


def self_check():
    for s, i, want in SPEC_REFERENCE:
        got = tickets_of([i], s)[i]
        if got != want:
            sys.exit("reference value mismatch for seed %s id %s:\n got %s\nwant %s"
                     % (s, i, got, want))
    ids = [r["id"] for r in fx_ag_ascii()["rows"]]
    got = [(s, i) for i, _, s in full_order(ids, "08772473296991897540")[:5]]
    if got != AG_FIRST_FIVE:
        sys.exit("research note 1.5 D first five differ: %r" % got)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=DEFAULT_OUT,
                    help="output directory (default: tests/fixtures/interop of this repo)")
    ap.add_argument("--check", action="store_true",
                    help="regenerate in memory and compare with the files; write nothing")
    args = ap.parse_args()

    version = importlib.metadata.version(PACKAGE)
    if version != EXPECTED_VERSION:
        print("warning: %s %s installed; the committed fixtures were made with %s"
              % (PACKAGE, version, EXPECTED_VERSION), file=sys.stderr)
    generator = "%s %s" % (PACKAGE, version)
    self_check()

    fxs = fixtures()
    files = {}
    for n, fx in enumerate(fxs, 1):
        obj = build_fixture(fx, generator)
        files["%02d-%s.json" % (n, fx["name"])] = (dump_fixture(obj), obj)
    vectors = build_vectors(fxs)
    files["ticket-vectors.json"] = (dump_vectors(vectors), vectors)

    bad = 0
    for fname, (text, obj) in files.items():
        assert json.loads(text) == obj  # the hand-rolled layout is the same JSON
        path = os.path.join(args.out, fname)
        if args.check:
            try:
                with open(path, encoding="utf-8") as f:
                    same = f.read() == text
            except FileNotFoundError:
                same = False
            print("%s %s" % ("ok  " if same else "DIFF", fname))
            bad += not same
        else:
            os.makedirs(args.out, exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
            count = len(obj) if isinstance(obj, list) else len(obj["order"])
            extra = "" if isinstance(obj, list) else ", %d strata" % len(obj["strata"])
            print("wrote %s (%d %s%s)" % (fname, count,
                                          "vectors" if isinstance(obj, list) else "ids", extra))
    if args.check and bad:
        sys.exit("%d fixture file(s) differ from what %s produces" % (bad, generator))


if __name__ == "__main__":
    main()
