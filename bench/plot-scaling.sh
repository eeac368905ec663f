#!/usr/bin/env bash
# Plots bench/predict-scaling.sh's CSV with gnuplot (Debian: gnuplot-nox):
# seconds per sequence and peak memory against sequence length, log-log, one
# line per model. Not part of the test suite.
#
# usage: bench/plot-scaling.sh [SCALING_CSV] [OUTPUT_SVG]
set -euo pipefail
CSV=${1:-bench/results/scaling/scaling.csv}
SVG=${2:-bench/results/scaling/scaling.svg}
DATA=$(mktemp -d)
trap 'rm -rf "$DATA"' EXIT

# One file per model: length, prediction seconds per sequence, peak MB.
models=$(awk -F, 'NR > 1 { print $1 }' "$CSV" | awk '!seen[$0]++')
for m in $models; do
    awk -F, -v m="$m" '$1 == m && $9 == "ok" { print $2, $6 / $3, $7 }' "$CSV" > "$DATA/$m.dat"
done

time_plots="" memory_plots=""
for m in $models; do
    time_plots+="${time_plots:+, }'$DATA/$m.dat' using 1:2 with linespoints title '$m'"
    memory_plots+="${memory_plots:+, }'$DATA/$m.dat' using 1:3 with linespoints title '$m'"
done

gnuplot <<EOF
set terminal svg size 960,420 dynamic font "sans,11"
set output "$SVG"
set multiplot layout 1,2 title "gsattn predict: cost against sequence length (both strands)"
set logscale xy
set grid
set key top left
set xlabel "sequence length (bp)"
set ylabel "seconds per sequence (start-up excluded)"
plot $time_plots
set ylabel "peak memory (MB)"
plot $memory_plots
unset multiplot
EOF
echo "wrote $SVG"
