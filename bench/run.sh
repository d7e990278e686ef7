#!/usr/bin/env bash
# Benchmark harness: `anjuan sample` against what users would otherwise use.
#
# usage (from anywhere):   bash bench/run.sh
#
# It creates bench/.venv (polars, pandas, pyarrow from PyPI, pins in bench/requirements.txt),
# generates bench/data/reg_<size>.csv if missing (bench/gen_register.py, deterministic),
# builds anjuan with `cargo build --release`, times every tool under /usr/bin/time
# (one warm-up, then RUNS timed runs), prints a markdown table and writes it to
# bench/results.md. Raw timings: bench/out/raw.tsv; tool outputs: bench/out/<size>/.
#
# Environment (all optional):
#   SIZES="1m 10m"     register sizes (k/m suffix or a plain row count)
#   RUNS=              timed runs per tool and size (default: 5 at 1m and below, 3 above)
#   WARMUP=1           untimed-for-the-table warm-up runs per tool and size
#   TOOLS="sha256sum polars pandas qsv anjuan"
#                      also available: polars-lazy pandas-pyarrow pandas-frac
#   N=100 MIN=2 ALT=2  sample size, minimum per stratum, alternates per stratum (anjuan)
#   SEED=12345678901234567890   anjuan seed;  PEER_SEED=42  seed of the peers;  QSV_K=4
#   BUILD=1            0: do not run cargo, use an existing target/release/anjuan
#   QUIET_WAIT=0       before each run, wait up to this many seconds until other processes use
#                      less than a quarter of a core (the machine has 2 cores); 0: do not wait
#   PYTHON=python3     interpreter used to create the venv
#   BENCH_NOTE=        free text recorded with the results (e.g. "a cargo build ran alongside")
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$BENCH_DIR/.."          # repository root; every path below is relative to it
B=bench
OUT=$B/out
RAW=$OUT/raw.tsv

SIZES=${SIZES:-"1m 10m"}
RUNS=${RUNS:-}
WARMUP=${WARMUP:-1}
TOOLS=${TOOLS:-"sha256sum polars pandas qsv anjuan"}
N=${N:-100}
MIN=${MIN:-2}
ALT=${ALT:-2}
SEED=${SEED:-12345678901234567890}
PEER_SEED=${PEER_SEED:-42}
QSV_K=${QSV_K:-4}
BUILD=${BUILD:-1}
QUIET_WAIT=${QUIET_WAIT:-0}
PYTHON=${PYTHON:-python3}
BENCH_NOTE=${BENCH_NOTE:-}
REQS=${BENCH_REQUIREMENTS:-$B/requirements.txt}

log() { printf '[bench] %s\n' "$*" >&2; }
meta() { printf 'M\t%s\t%s\n' "$1" "$2" >>"$RAW"; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
# CPU time used by the whole machine so far, in clock ticks (user+nice+system+irq+softirq);
# the difference over a run minus the run's own user+sys is what other processes used meanwhile.
HZ=$(getconf CLK_TCK)
cpu_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }
# other processes' CPU use over the next 2 s, in hundredths of a core (called while we sleep)
others_now() { local a b; a=$(cpu_ticks); sleep 2; b=$(cpu_ticks); echo $(( (b - a) * 100 / (2 * HZ) )); }
nproc_named() { pgrep -c -x "$1" 2>/dev/null || true; }
# other compilers running now (a read-only look; nothing is stopped)
busy() { echo "$(nproc_named rustc) rustc, $(nproc_named cargo) cargo processes"; }

rows_of() {
    case $1 in
        *k) echo $(( ${1%k} * 1000 )) ;;
        *m) echo $(( ${1%m} * 1000000 )) ;;
        *[!0-9]*|'') echo "bad size '$1' (use e.g. 1m, 10m, 100k, 5000)" >&2; exit 2 ;;
        *) echo "$1" ;;
    esac
}

# --- prerequisites -----------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
    log "/usr/bin/time missing: installing the 'time' package with apt-get"
    if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq time >/dev/null
    else sudo apt-get update -qq && sudo apt-get install -y -qq time >/dev/null; fi
fi

mkdir -p "$OUT" "$B/data"
# one run at a time: two runs would share bench/out/ and slow each other down
exec 9>"$OUT/.lock"
if ! flock -n 9; then
    log "another bench/run.sh is running; waiting for it to finish"
    flock 9
fi
: >"$RAW"

if ! [ -x $B/.venv/bin/python ]; then
    log "creating $B/.venv"
    "$PYTHON" -m venv $B/.venv
fi
PY=$B/.venv/bin/python
log "installing peers into $B/.venv ($REQS)"
$PY -m pip install -q -r "$REQS"

# --- data ------------------------------------------------------------------------------
for size in $SIZES; do
    rows=$(rows_of "$size")
    f=$B/data/reg_$size.csv
    if [ ! -s "$f" ]; then
        log "generating $f ($rows rows; ~12 s per million rows)"
        $PY $B/gen_register.py "$rows" "$f.tmp"
        mv "$f.tmp" "$f"
    fi
done

# --- anjuan ----------------------------------------------------------------------------
ANJUAN=target/release/anjuan
ANJUAN_SKIP=""
if [[ " $TOOLS " == *" anjuan "* ]]; then
    if [ "$BUILD" = 1 ]; then
        log "cargo build --release (log: $OUT/cargo-build.log)"
        if ! cargo build --release >"$OUT/cargo-build.log" 2>&1; then
            ANJUAN_SKIP="skipped: \`cargo build --release\` failed (see bench/out/cargo-build.log)"
        fi
    fi
    if [ -z "$ANJUAN_SKIP" ]; then
        if [ ! -x $ANJUAN ]; then
            ANJUAN_SKIP="skipped: no target/release/anjuan"
        elif ! $ANJUAN sample --help >/dev/null 2>&1; then
            ANJUAN_SKIP="skipped: \`anjuan sample --help\` fails (the sample command is not in this build)"
        fi
    fi
    if [ -n "$ANJUAN_SKIP" ]; then log "anjuan $ANJUAN_SKIP"; fi
fi

QSV=""
for q in qsv qsvlite; do
    if command -v $q >/dev/null 2>&1; then QSV=$q; break; fi
done

# --- machine information -------------------------------------------------------------------
meta "date (UTC)" "$(date -u '+%Y-%m-%d %H:%M')"
meta "CPU" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), nproc $(nproc), SHA-NI $(grep -qw sha_ni /proc/cpuinfo && echo yes || echo no)"
meta "memory" "$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
meta "kernel" "$(uname -sr)"
meta "python" "$($PY -c 'import sys; print(sys.version.split()[0])')"
meta "peers" "$($PY -c 'import polars, pandas, pyarrow, numpy; print(f"polars {polars.__version__}, pandas {pandas.__version__}, pyarrow {pyarrow.__version__}, numpy {numpy.__version__}")')"
meta "rustc" "$(rustc -V 2>/dev/null || echo 'not found')"
meta "sha256sum" "$(sha256sum --version | head -1)"
meta "qsv" "$([ -n "$QSV" ] && "$QSV" --version 2>&1 | head -1 || echo 'not installed (no qsv or qsvlite on PATH; not built here)')"
if [[ " $TOOLS " == *" anjuan "* ]]; then
    meta "anjuan" "$([ -z "$ANJUAN_SKIP" ] && $ANJUAN --version 2>&1 | head -1 || echo "$ANJUAN_SKIP")"
fi
meta "parameters" "N=$N MIN=$MIN ALT=$ALT SEED=$SEED PEER_SEED=$PEER_SEED QSV_K=$QSV_K WARMUP=$WARMUP RUNS=${RUNS:-default (5 at <=1m, 3 above)} QUIET_WAIT=$QUIET_WAIT"
for size in $SIZES; do
    meta "data $size" "bench/data/reg_$size.csv, $(stat -c %s $B/data/reg_$size.csv | awk '{printf "%.1f MB", $1/1e6}'), sha256 computed by the sha256sum row"
done
meta "load average at start" "$(loadavg); $(busy) running"
if [ -n "$BENCH_NOTE" ]; then meta "note" "$BENCH_NOTE"; fi

# --- tools ---------------------------------------------------------------------------------
# tool_setup TOOL DATA RES  -> sets CMD (array), STDOUT (1: the tool's stdout is its output),
#                             SHOW (command as printed in results), DESC, SKIP
tool_setup() {
    local tool=$1 data=$2 res=$3
    SKIP="" STDOUT=0
    case $tool in
        sha256sum)
            CMD=(sha256sum "$data"); STDOUT=1
            SHOW="sha256sum \$DATA"
            DESC="hash of the whole file (anjuan records it as the source digest); a read-everything reference point" ;;
        polars)
            CMD=("$PY" $B/peers/pl_sample.py "$data" "$N" "$MIN" "$PEER_SEED" eager "$res")
            SHOW="bench/.venv/bin/python bench/peers/pl_sample.py \$DATA $N $MIN $PEER_SEED eager \$OUT"
            DESC="polars eager: read_csv, exact allocation by hand (anjuan's rule), int_range().shuffle(seed).over(agency) < alloc" ;;
        polars-lazy)
            CMD=("$PY" $B/peers/pl_sample.py "$data" "$N" "$MIN" "$PEER_SEED" lazy "$res")
            SHOW="bench/.venv/bin/python bench/peers/pl_sample.py \$DATA $N $MIN $PEER_SEED lazy \$OUT"
            DESC="polars lazy: two scans (counts, then the same filter)" ;;
        pandas)
            CMD=("$PY" $B/peers/pd_sample.py "$data" "$N" "$MIN" "$PEER_SEED" c exact "$res")
            SHOW="bench/.venv/bin/python bench/peers/pd_sample.py \$DATA $N $MIN $PEER_SEED c exact \$OUT"
            DESC="pandas, C engine: read_csv, exact allocation by hand (anjuan's rule), one g.sample(n=a) per group from a shared RandomState" ;;
        pandas-pyarrow)
            CMD=("$PY" $B/peers/pd_sample.py "$data" "$N" "$MIN" "$PEER_SEED" pyarrow exact "$res")
            SHOW="bench/.venv/bin/python bench/peers/pd_sample.py \$DATA $N $MIN $PEER_SEED pyarrow exact \$OUT"
            DESC="pandas, pyarrow engine, otherwise as pandas" ;;
        pandas-frac)
            CMD=("$PY" $B/peers/pd_sample.py "$data" "$N" "$MIN" "$PEER_SEED" c frac "$res")
            SHOW="bench/.venv/bin/python bench/peers/pd_sample.py \$DATA $N $MIN $PEER_SEED c frac \$OUT"
            DESC="pandas one-liner groupby(agency).sample(frac=n/N): total only about n, no minimum" ;;
        qsv)
            SHOW="${QSV:-qsv} sample --stratified agency $QSV_K --seed $PEER_SEED \$DATA -o \$OUT"
            DESC="qsv stratified sample: a fixed $QSV_K per stratum (no proportional allocation, no minimum, no alternates)"
            if [ -z "$QSV" ]; then SKIP="not installed (no qsv/qsvlite on PATH)"; return; fi
            CMD=("$QSV" sample --stratified agency "$QSV_K" --seed "$PEER_SEED" "$data" -o "$res") ;;
        anjuan)
            CMD=($ANJUAN sample "$data" --seed "$SEED" --n "$N" --stratum agency --id-column case_id
                 --min-per-stratum "$MIN" --alternates "$ALT" --format csv); STDOUT=1
            SHOW="target/release/anjuan sample \$DATA --seed $SEED --n $N --stratum agency --id-column case_id --min-per-stratum $MIN --alternates $ALT --format csv > \$OUT"
            DESC="anjuan: SHA-256 tickets per case id (anjuan-draw-v1), proportional allocation with minimum, $ALT alternates per stratum, source digest"
            SKIP=$ANJUAN_SKIP ;;
        *) echo "unknown tool '$tool'" >&2; exit 2 ;;
    esac
}

for size in $SIZES; do
    rows=$(rows_of "$size")
    data=$B/data/reg_$size.csv
    runs=${RUNS:-$([ "$rows" -le 1000000 ] && echo 5 || echo 3)}
    mkdir -p "$OUT/$size"
    for tool in $TOOLS; do
        res=$OUT/$size/$tool.out
        tool_setup "$tool" "$data" "$res"
        grep -q "^D"$'\t'"$tool"$'\t' "$RAW" || printf 'D\t%s\t%s\t%s\n' "$tool" "$SHOW" "$DESC" >>"$RAW"
        if [ -n "$SKIP" ]; then
            log "$size $tool: $SKIP"
            printf 'S\t%s\t%s\t%s\t%s\n' "$size" "$rows" "$tool" "$SKIP" >>"$RAW"
            continue
        fi
        for ((i = 1 - WARMUP; i <= runs; i++)); do
            run=$(( i < 1 ? 0 : i ))          # run 0 = warm-up
            rm -f "$res"
            waited=0
            while [ "$waited" -lt "$QUIET_WAIT" ] && [ "$(others_now)" -ge 25 ]; do waited=$((waited + 2)); done
            if [ "$waited" -gt 0 ]; then log "$size $tool: waited ${waited}s for the machine to quieten"; fi
            t0=$(cpu_ticks)
            if [ "$STDOUT" = 1 ]; then
                /usr/bin/time -f '%e %U %S %M' -o "$OUT/time.txt" "${CMD[@]}" >"$res" 2>"$OUT/$size/$tool.err" && rc=0 || rc=$?
            else
                /usr/bin/time -f '%e %U %S %M' -o "$OUT/time.txt" "${CMD[@]}" >/dev/null 2>"$OUT/$size/$tool.err" && rc=0 || rc=$?
            fi
            if [ "$rc" != 0 ]; then
                log "$size $tool: exit status $rc (see bench/out/$size/$tool.err)"
                printf 'S\t%s\t%s\t%s\t%s\n' "$size" "$rows" "$tool" "failed: exit status $rc, see bench/out/$size/$tool.err" >>"$RAW"
                break
            fi
            t1=$(cpu_ticks)
            read -r wall user sys rss < <(tail -1 "$OUT/time.txt")
            # other processes' CPU seconds during the run (machine total minus the run's own)
            others=$(awk -v d=$((t1 - t0)) -v hz="$HZ" -v u="$user" -v s="$sys" \
                'BEGIN { o = d / hz - u - s; if (o < 0) o = 0; printf "%.2f", o }')
            if [ "$tool" = sha256sum ]; then outrows="–"
            else outrows=$(( $(wc -l <"$res") - 1 )); fi
            printf 'R\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$rows" "$tool" "$run" \
                "$wall" "$user" "$sys" "$rss" "$outrows" "$others" >>"$RAW"
            log "$size $tool run $run$([ $run = 0 ] && echo ' (warm-up)'): wall ${wall}s cpu ${user}+${sys}s rss $((rss / 1024)) MiB, others ${others}s CPU meanwhile"
        done
    done
done

meta "load average at end" "$(loadavg); $(busy) running"

python3 $B/report.py "$RAW" >$B/results.md 2>/dev/null || $PY $B/report.py "$RAW" >$B/results.md
cat $B/results.md
log "written to bench/results.md"
