#!/usr/bin/env bash
# Where each hot spot of the models stands under this machine's roof: the
# fused attention kernels (full, window, topk), the input stems and the
# approximators, forward (and backward at the training shape), at 1 and 2
# threads: analytic FLOPs (src/flops.cpp) over the best time, against the
# multiply-add peak and triad bandwidth of bench/results/machine-peak/peak.tsv
# (bench/machine-peak.sh; docs/performance.md's figures if it has not run).
# bench/roofline.cpp, built here as the CMake target gsattn_roofline of the
# build tree. Best of REPEATS batches of runs. Takes about a minute on 2 cores.
# Not part of the test suite.
#
# usage: bench/roofline.sh [BUILD_DIR] [REPEATS]
# Writes bench/results/roofline/roofline.csv and prints a markdown table.
set -euo pipefail
BUILD=${1:-build}
REPEATS=${2:-5}
OUT=bench/results/roofline
PEAK=bench/results/machine-peak/peak.tsv
mkdir -p "$OUT"
cmake "$BUILD" >/dev/null  # a build tree configured before the target existed
cmake --build "$BUILD" --target gsattn_roofline -j2 >/dev/null
if [[ -f $PEAK ]]; then
    roofs=$(awk -F'\t' 'NR > 1 && $1 <= 2 { printf "%s:%s:%s ", $1, $2, $3 }' "$PEAK")
else
    roofs="1:117.2:25.5 2:234.3:46.0"
fi
# shellcheck disable=SC2086  # one argument per thread count
"$BUILD/gsattn_roofline" "$OUT/roofline.csv" "$REPEATS" $roofs
