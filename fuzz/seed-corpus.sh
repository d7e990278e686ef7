#!/bin/sh
# Fill fuzz/corpus/<target>/ with the seed inputs: the repository's own fixtures and samples.
set -eu
cd "$(dirname "$0")/.."
seed() { mkdir -p "fuzz/corpus/$1"; shift_target=$1; shift; for f in "$@"; do [ -f "$f" ] && cp "$f" "fuzz/corpus/$shift_target/"; done; }
seed register_csv samples/*.csv tests/fixtures/registers/*.csv tests/fixtures/hostile/*.csv tests/fixtures/roster/*.csv
seed register_xlsx samples/*.xlsx tests/fixtures/roster/*.xlsx tests/fixtures/decisions/*.xlsx \
    tests/fixtures/hostile/good.xlsx tests/fixtures/hostile/formula-cells.xlsx tests/fixtures/hostile/far-cell.xlsx \
    tests/fixtures/hostile/rows-out-of-order.xlsx tests/fixtures/hostile/billion-laughs.xlsx
seed register_csv tests/fixtures/registers/layouts/*.csv tests/fixtures/registers/layouts/*.txt
seed register_workbook tests/fixtures/registers/layouts/*.xls tests/fixtures/registers/layouts/*.et \
    tests/fixtures/registers/layouts/*.ods tests/fixtures/hostile/old-format.xls
seed checklist checklists/*.toml tests/fixtures/hostile/checklist-*.toml
seed journal tests/golden/*.jsonl tests/fixtures/journal/*.jsonl
