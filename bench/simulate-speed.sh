#!/usr/bin/env bash
# Wall time of `gsattn simulate -n 10000 -L 5000` (50 Mbp) at 1 and 2 threads,
# best of REPEATS runs. Not part of the test suite.
# usage: bench/simulate-speed.sh [GSATTN_BINARY] [REPEATS]
set -euo pipefail
GSATTN=${1:-build/gsattn}
REPEATS=${2:-3}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

echo "threads,best_seconds,runs"
for threads in 1 2; do
    best=""
    for _ in $(seq "$REPEATS"); do
        start=$(date +%s.%N)
        "$GSATTN" simulate -n 10000 -L 5000 --seed 1 --threads "$threads" -q -o "$OUT/sim"
        end=$(date +%s.%N)
        best=$(awk -v s="$start" -v e="$end" -v b="$best" 'BEGIN { t = e - s; print (b == "" || t < b) ? t : b }')
    done
    printf '%s,%.2f,%s\n' "$threads" "$best" "$REPEATS"
done
