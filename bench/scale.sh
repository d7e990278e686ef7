#!/usr/bin/env bash
# Issue 18: what each command costs on the 4,000-row demo and on a 1,000,000-row campaign
# (bench/data/reg_1m.csv committed to 2,000 files, at least 1 per stratum, 2 alternates), and
# init against sample on the 10,000,000-row register (bench/data/reg_10m.csv; SIZES="1m" to skip).
# Wall seconds and peak RSS of the whole process (/usr/bin/time), one run each, warm cache.
#
#   cargo build --release && bash bench/scale.sh
set -euo pipefail
cd "$(dirname "$0")/.."
A="$PWD/target/release/anjuan"
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
SIZES=${SIZES:-"1m 10m"}
for s in $SIZES; do
  n=${s%m}000000
  [ -f "bench/data/reg_$s.csv" ] || python3 bench/gen_register.py "$n" "bench/data/reg_$s.csv"
done

t() { /usr/bin/time -o "$T/t" -f "%e %M" "$@" >/dev/null 2>"$T/err" || { cat "$T/err" >&2; exit 1; }
      read -r s k <"$T/t"; printf '%s s, %d MiB' "$s" $((k / 1024)); }

campaign() { # workspace: review plan, one file decided and finalized by the command line
  local ws="$1"
  "$A" review "$ws" setup --checklist checklists/xzcf-ordinary.toml --default-checklist xzcf-ordinary >/dev/null 2>&1 || true
}
first_case() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['selected'][0]['case_id'])" "$1/draws/0001.json"; }

"$A" demo --build "$T/demo" >/dev/null
"$A" init "$T/big" --register bench/data/reg_1m.csv >/dev/null
"$A" commit "$T/big" --n 2000 --min-per-stratum 1 --alternates 2 >/dev/null
"$A" draw "$T/big" --seed 12345678901234567890 --witness 见证人/县司法局 >/dev/null
campaign "$T/big"

echo "| command | demo (4,000 cases, $(python3 -c "import json; print(len(json.load(open('$T/demo/draws/0001.json'))['selected']))" ) drawn) | 1,000,000 cases ($(python3 -c "import json; print(len(json.load(open('$T/big/draws/0001.json'))['selected']))") drawn) |"
echo "|---|---:|---:|"
row() { # label, then the command with WS for the workspace
  local label="$1"; shift
  local d b
  d=$(t "${@//WS/$T/demo}")
  b=$(t "${@//WS/$T/big}")
  echo "| $label | $d | $b |"
}
DC=$(first_case "$T/demo"); BC=$(first_case "$T/big")
row "review status" "$A" review WS status
d=$(t "$A" review "$T/demo" show "$DC"); b=$(t "$A" review "$T/big" show "$BC"); echo "| review show | $d | $b |"
"$A" review "$T/demo" reopen "$DC" --reviewer 张三 --reason 复查 >/dev/null
d=$(t "$A" review "$T/demo" set "$DC" V1 --pass --reviewer 张三); b=$(t "$A" review "$T/big" set "$BC" V1 --pass --reviewer 张三); echo "| review set (one item) | $d | $b |"
for item in $("$A" review "$T/big" show "$BC" --format json | python3 -c "import json,sys; print(' '.join(i['id'] for i in json.load(sys.stdin)['items']))"); do
  "$A" review "$T/big" set "$BC" "$item" --pass --reviewer 张三 >/dev/null
done
d=$(t "$A" review "$T/demo" finalize "$DC" --reviewer 张三); b=$(t "$A" review "$T/big" finalize "$BC" --reviewer 张三); echo "| review finalize | $d | $b |"
row "export" "$A" export WS --out WS-out
row "verify --export (the record, not the population)" "$A" verify WS --export WS-out
row "verify (registers re-read, every draw recomputed)" "$A" verify WS --quiet
row "risk (every case)" "$A" risk WS --no-record
for s in $SIZES; do
  echo
  echo "| $s rows | wall, peak RSS |"
  echo "|---|---:|"
  echo "| anjuan sample | $(t "$A" sample "bench/data/reg_$s.csv" --seed 12345678901234567890 --n 100 --min-per-stratum 2 --alternates 2) |"
  echo "| anjuan init | $(t "$A" init "$T/init-$s" --register "bench/data/reg_$s.csv") |"
  echo "| sha256sum of the register | $(t sha256sum "bench/data/reg_$s.csv") |"
  rm -rf "$T/init-$s"
done
