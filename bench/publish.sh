#!/usr/bin/env bash
# The public page (anjuan publish) at 4,000 and 1,000,000 cases: the page's size, the time
# `publish` takes, and the time the page takes to check itself in headless Chromium (from
# opening to data-verified), beside the two other ways of checking the same draw: the
# reference package through tools/interop/check_draw.py, and `anjuan verify`.
#
#   cargo build --release && ANJUAN_PLAYWRIGHT=…/node_modules bash bench/publish.sh
#
# Needs Debian's chromium, Node with playwright-core (ANJUAN_PLAYWRIGHT, as for the tests),
# and a Python with consistent-sampler==1.0.10 (ANJUAN_REFERENCE_PYTHON; skipped if unset).
# The 1,000,000-row register is bench/data/reg_1m.csv (bench/gen_register.py makes it).
set -euo pipefail
cd "$(dirname "$0")/.."
A="$PWD/target/release/anjuan"
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
if [ ! -f bench/data/reg_1m.csv ]; then python3 bench/gen_register.py 1000000 bench/data/reg_1m.csv; fi

secs() { /usr/bin/time -o "$T/t" -f "%e %M" "$@" >/dev/null 2>"$T/err" || { cat "$T/err" >&2; exit 1; }; cat "$T/t"; }

echo "| Cases | drawn | page size | publish | page checks itself (Chromium; JS heap after) | check_draw.py (reference package) | anjuan verify |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
row() { # label, workspace
  local label="$1" ws="$2"
  local drawn pub size page ref ver
  drawn=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(len(d['selected']))" "$ws/draws/0001.json")
  pub=$(secs "$A" publish "$ws" --out "$T/page-$label")
  size=$(stat -c %s "$T/page-$label/index.html")
  page=$(node tests/browser/check_page.mjs "$T/page-$label/index.html" --timeout 600000 |
    python3 -c "import json,sys; o=json.load(sys.stdin); assert o['verified']=='true', o['summary']; print('%.2f s, %d MB' % (o['verify_ms']/1000, (o['js_heap_bytes'] or 0)/1e6))")
  if [ -n "${ANJUAN_REFERENCE_PYTHON:-}" ]; then
    ref=$(secs "$ANJUAN_REFERENCE_PYTHON" tools/interop/check_draw.py --population "$ws/population.tsv" "$ws/draws/0001.json")
    ref="${ref% *} s, ${ref#* } KiB"
  else
    ref="(not run)"
  fi
  ver=$(secs "$A" verify "$ws" --quiet)
  printf '| %s | %s | %.1f MB | %s s | %s | %s | %s s, %s KiB |\n' "$label" "$drawn" \
    "$(echo "$size / 1000000" | bc -l)" "${pub% *}" "$page" "$ref" "${ver% *}" "${ver#* }"
}

"$A" demo --build "$T/demo" >/dev/null
row 4000 "$T/demo"

"$A" init "$T/big" --register bench/data/reg_1m.csv >/dev/null
"$A" commit "$T/big" --n 2000 --min-per-stratum 1 --alternates 2 >/dev/null
"$A" draw "$T/big" --seed 12345678901234567890 --witness 见证人/县司法局 >/dev/null
row 1000000 "$T/big"
