#!/usr/bin/env bash
# Import time and peak memory of the same 200,000 rows as UTF-8 CSV, as UTF-16LE "Unicode 文本"
# (tab-separated, BOM) and as an old .xls (BIFF8, four sheets of 50,000 rows: the format holds
# 65,536 rows a sheet), in one interleaved run. Needs python3 with xlwt (pip install xlwt) and a
# release build (cargo build --release). Usage: bench/formats.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
data=bench/data/formats
mkdir -p "$data"
bin=target/release/anjuan
[ -f "$data/reg200k.csv" ] || python3 bench/gen_register.py 200000 "$data/reg200k.csv"
python3 - "$data" <<'PY'
import csv, os, sys
d = sys.argv[1]
rows = list(csv.reader(open(os.path.join(d, "reg200k.csv"), encoding="utf-8", newline="")))
u16 = os.path.join(d, "reg200k.txt")
if not os.path.exists(u16):
    with open(u16, "w", encoding="utf-16", newline="") as f:   # BOM + LE on this machine
        csv.writer(f, delimiter="\t", lineterminator="\r\n").writerows(rows)
xls = os.path.join(d, "reg200k.xls")
if not os.path.exists(xls):
    import xlwt
    book = xlwt.Workbook(encoding="utf-8")
    header, body = rows[0], rows[1:]
    for k in range(4):
        sheet = book.add_sheet("part%d" % (k + 1))
        for c, v in enumerate(header):
            sheet.write(0, c, v)
        for r, row in enumerate(body[k * 50000:(k + 1) * 50000], start=1):
            for c, v in enumerate(row):
                sheet.write(r, c, v)
    book.save(xls)
PY
printf '%-14s %8s %10s %12s\n' format run wall_s peak_MiB
for run in $(seq 1 "$runs"); do
  for f in reg200k.csv reg200k.txt reg200k.xls; do
    ws=$(mktemp -d)/ws
    extra=()
    [ "${f##*.}" = xls ] && extra=(--sheet all)
    /usr/bin/time -f '%e %M' -o "$data/time" "$bin" init "$ws" --register "$data/$f" \
      --id-column case_id --stratum agency "${extra[@]}" >/dev/null
    read -r wall kib < "$data/time"
    printf '%-14s %8s %10s %12s\n' "$f" "$run" "$wall" "$((kib / 1024))"
    rm -rf "$(dirname "$ws")"
  done
done
