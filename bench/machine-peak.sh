#!/usr/bin/env bash
# This machine's limits, the roof of the roofline in docs/performance.md:
# float32 multiply-add GFLOP/s and STREAM-like triad GB/s, at one thread and
# at every core (bench/machine_peak.cpp, built here with the same GCC as
# gsattn, -O3 -march=native, 512-bit vectors). Best of RUNS runs of the
# program. Not part of the test suite.
#
# usage: bench/machine-peak.sh [RUNS]
# Writes bench/results/machine-peak/peak.tsv.
set -euo pipefail
RUNS=${1:-3}
OUT=bench/results/machine-peak
mkdir -p "$OUT"
g++ -std=c++17 -O3 -march=native -mprefer-vector-width=512 -fopenmp -o "$OUT/machine_peak" bench/machine_peak.cpp
for _ in $(seq "$RUNS"); do "$OUT/machine_peak"; done |
    awk -F'\t' 'NR == 1 { print; next } $1 == "threads" { next }
        { if ($2 > fma[$1]) fma[$1] = $2; if ($3 > triad[$1]) triad[$1] = $3; order[$1] = 1 }
        END { for (t = 1; t in order; t *= 2) print t "\t" fma[t] "\t" triad[t] }' OFS='\t' | tee "$OUT/peak.tsv"
