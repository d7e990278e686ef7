#!/usr/bin/env bash
# The rectification loop on the demo campaign (100 finalized files, 3692 journal events, 437
# items): how long each command takes and its peak memory, median of 5 runs.
#   cargo build --release && bash bench/rectify.sh
set -euo pipefail
cd "$(dirname "$0")/.."
A="$PWD/target/release/anjuan"
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
"$A" demo --build "$T/ws" >/dev/null
run() { # label, then the command
  local label="$1"; shift
  local times=() rss=0
  for _ in 1 2 3 4 5; do
    local out
    /usr/bin/time -o "$T/time" -f "%e %M" "$@" >/dev/null 2>&1 || true
    out=$(tail -1 "$T/time")
    times+=("${out% *}"); rss="${out#* }"
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
  printf '| %s | %s s | %s MiB |\n' "$label" "$median" "$((rss / 1024))"
}
echo "| What | median | peak RSS |"
echo "|---|---:|---:|"
run "feedback: 30 letters (DOCX + XLSX), 437 items issued" "$A" feedback "$T/ws" --out "$T/letters" --date 2026-03-20
run "rectify list --format json (437 items)" "$A" rectify "$T/ws" list --format json
run "rectify plan (one step: rules, append, fsync)" bash -c "id=\$(( (RANDOM % 400) + 1 )); \"$A\" rectify \"$T/ws\" plan \$(printf 'Z%04d' \$id) --leader 刘 --owner 陈 --measure 补正 --by 陈某"
run "rectify sheet --agency (one agency's 整改台账)" "$A" rectify "$T/ws" sheet --agency 攸县交通运输局 --out "$T/sheet.xlsx" --force
run "rectify import (that sheet back, nothing changed)" "$A" rectify "$T/ws" import "$T/sheet.xlsx" --by 陈某
run "verify (whole workspace, record replayed)" "$A" verify "$T/ws" --quiet
run "export (incl. 整改台账, 进度汇总表, 移交清单)" "$A" export "$T/ws" --out "$T/out"
