#!/usr/bin/env python3
"""Check an anjuan campaign record without anjuan: only the Python standard library.

    python3 check_record.py WORKSPACE [--register FILE ...] [--journal-head HEX ...] [--export DIR ...]

Checks, and prints one line per check:
  * ledger.jsonl is an unbroken hash chain (each line's "prev" is the SHA-256 of the line before)
    and every file it names still has the digest it had when it was written;
  * each draw record names a commitment that was recorded (and timed) before it, and the register
    and population digests of the commitment;
  * the given register files are byte for byte the ones frozen (`sha256sum` would say the same);
  * journal.jsonl is an unbroken hash chain, and each journal head printed on a result sheet is
    still in it;
  * each export folder's files match its manifest.json, and its journal head is in the chain;
  * rectification.jsonl is an unbroken hash chain, every evidence file it names has its recorded
    digest, and every re-check draw (回头看) is what its commitment and seed give:
    the `count` smallest tickets U(H(seed) || id) of the committed ids (spec section 2).
The draw itself (which cases) is re-derived by check_draw.py with the reference sampler.
Exit 0 if everything holds, 1 if anything differs, 2 if the input cannot be read.

A copy whose line ends were converted is read as written (a trailing CR is dropped before hashing a
line; a file is also hashed with CRLF turned back into LF, and with every line end as CRLF). A CSV
saved by a spreadsheet (CRLF between rows, LF inside quoted cells) that was then converted cannot be
restored this way; `anjuan verify` restores that case too.
"""
import argparse
import hashlib
import json
import os
import sys

GENESIS = "0" * 64
failures = 0


def report(ok, text):
    global failures
    failures += 0 if ok else 1
    print(("ok       " if ok else "DIFFERS  ") + text)


def sha(data):
    return hashlib.sha256(data).hexdigest()


def file_sha(path):
    """Digests of the file as it is and with converted line endings undone (CRLF -> LF, and
    every line ending -> CRLF, for a file first written with CRLF)."""
    data = open(path, "rb").read()
    lf = data.replace(b"\r\n", b"\n")
    return sha(data), sha(lf), sha(lf.replace(b"\n", b"\r\n"))


def chain(path, what):
    """Return (lines as dicts, line digests); report breaks."""
    entries, hashes, prev = [], [], GENESIS
    raw = open(path, "rb").read()
    complete = raw[: raw.rfind(b"\n") + 1]
    if len(complete) < len(raw):
        print("note     %s: an incomplete last line (%d bytes) was never acknowledged"
              % (what, len(raw) - len(complete)))
    broken = 0
    for n, line in enumerate(complete.split(b"\n")[:-1], start=1):
        line = line[:-1] if line.endswith(b"\r") else line
        try:
            entry = json.loads(line)
        except ValueError as e:
            report(False, "%s line %d is not JSON (%s)" % (what, n, e))
            broken += 1
            entry = {}
        if entry.get("prev") != prev:
            report(False, "%s line %d does not follow line %d (changed, removed or inserted)"
                   % (what, n, n - 1))
            broken += 1
        prev = sha(line)
        entries.append(entry)
        hashes.append(prev)
    if not broken:
        report(True, "%s: hash chain intact, %d lines" % (what, len(entries)))
    return entries, hashes


def uniform(data):
    """Spec U: SHA-256 as a big-endian integer, decimal, left-padded to 64 digits, reversed."""
    digits = str(int.from_bytes(hashlib.sha256(data).digest(), "big")).rjust(64, "0")
    return "0." + digits[::-1]


def check_rectification(ws):
    path = os.path.join(ws, "rectification.jsonl")
    if not os.path.exists(path):
        return
    events, _ = chain(path, "rectification.jsonl")
    commitments = {}
    for n, e in enumerate(events, start=1):
        action = e.get("action")
        if action == "report":
            for ev in e.get("evidence", []):
                name = ev.get("file", "")
                p = os.path.join(ws, name)
                ok = (not os.path.isabs(name) and ".." not in name.split("/")
                      and os.path.isfile(p) and sha(open(p, "rb").read()) == ev.get("sha256"))
                report(ok, "rectification.jsonl line %d: evidence %s has its recorded digest"
                       % (n, name))
        elif action == "recheck_commit":
            commitments[e.get("seq")] = e
        elif action == "recheck":
            c = commitments.get(e.get("commitment"))
            if c is None:
                report(False, "rectification.jsonl line %d: re-check without an earlier commitment" % n)
                continue
            seed_hash = sha(e["seed"].encode()).encode()
            tickets = sorted((uniform(seed_hash + i.encode()), i.encode(), i) for i in c["eligible"])
            drawn = [i for _, _, i in tickets[: c["count"]]]
            report(drawn == e.get("items"),
                   "rectification.jsonl line %d: the re-check draw is what commitment line %d and "
                   "the seed give (%d of %d)" % (n, c["seq"], len(drawn), len(c["eligible"])))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("workspace")
    ap.add_argument("--register", action="append", default=[], help="original register file, in import order")
    ap.add_argument("--journal-head", action="append", default=[], help="a head printed on a sheet")
    ap.add_argument("--export", action="append", default=[], help="an export folder")
    a = ap.parse_args(argv)
    ws = a.workspace
    try:
        ledger, _ = chain(os.path.join(ws, "ledger.jsonl"), "ledger.jsonl")
        for e in ledger:
            name = e.get("file", "")
            if os.path.isabs(name) or ".." in name.replace("\\", "/").split("/"):
                report(False, "ledger names %r, outside the workspace" % name)
                continue
            digests = file_sha(os.path.join(ws, name)) if os.path.isfile(os.path.join(ws, name)) else ()
            report(e.get("sha256") in digests, "%s has the digest the ledger recorded" % name)
        campaign = json.load(open(os.path.join(ws, "campaign.json"), encoding="utf-8"))
        for i, path in enumerate(a.register):
            regs = campaign.get("registers", [])
            want = regs[i]["sha256"] if i < len(regs) else None
            report(file_sha(path)[0] == want, "register %s is the file frozen as %s"
                   % (path, regs[i]["file"] if i < len(regs) else "?"))
        recorded = {e.get("file"): e for e in ledger}
        draws = sorted(f for f in os.listdir(os.path.join(ws, "draws")) if f.endswith(".json"))
        for f in draws:
            d = json.load(open(os.path.join(ws, "draws", f), encoding="utf-8"))
            c_ref = d["commitment"]
            c_path = os.path.join(ws, c_ref["file"])
            c = json.load(open(c_path, encoding="utf-8"))
            report(c_ref["sha256"] in file_sha(c_path), "draws/%s names commitment %s by its digest" % (f, c_ref["file"]))
            report(ledger.index(recorded[c_ref["file"]]) < ledger.index(recorded["draws/" + f]),
                   "%s was recorded before draws/%s" % (c_ref["file"], f))
            report(c.get("population_sha256") == d.get("population_sha256"),
                   "draws/%s uses the committed population %s" % (f, d.get("population_sha256")))
            print("note     draws/%s: seed %s, %d cases selected; re-derive them with check_draw.py"
                  % (f, d["seed"], len(d["selected"])))
        journal_path = os.path.join(ws, "journal.jsonl")
        hashes = chain(journal_path, "journal.jsonl")[1] if os.path.exists(journal_path) else []
        for head in a.journal_head:
            report(head in hashes or (head == GENESIS and not hashes),
                   "journal head %s is in the chain" % head)
        check_rectification(ws)
        for out in a.export:
            m = json.load(open(os.path.join(out, "manifest.json"), encoding="utf-8"))
            for item in m["files"]:
                p = os.path.join(out, item["file"])
                report(os.path.isfile(p) and item["sha256"] in file_sha(p),
                       "%s matches its manifest" % p)
            head = m.get("journal_head")
            if head:
                report(head in hashes or (head == GENESIS and not hashes),
                       "%s: journal head %s is in the chain" % (out, head))
    except (OSError, ValueError, KeyError) as e:
        print("error: %s" % (e,), file=sys.stderr)
        return 2
    print("everything checked holds" if not failures else "%d checks FAILED" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
