#!/usr/bin/env bash
# The second study's compute analysis, measured: full attention against the
# topk model (K keys per query, head 0 approximated) over model widths and
# sequence lengths. For each width d and length L: the analytic FLOPs per
# strand that predict logs (src/flops.cpp, stem, pooling and head included),
# the analytic size of the attention step's largest activations, and the
# measured wall time (predict's own, start-up excluded) and peak RSS of
# `gsattn predict` on max(2, 65,536 / L) sequences of length L (both
# strands; enough bases that short lengths are not lost in the timer's
# resolution). A run slower than LIMIT
# seconds is stopped and recorded as "timeout"; longer lengths of that model
# and width are skipped. Not part of the test suite.
#
# Analytic activation memory (float32, one strand; the study's accounting):
#   full: the H x L x L attention weights and their logits, 2 H L^2 floats
#         (gsattn itself goes in blocks of queries, so its peak RSS does not
#         grow like this: see the measured column);
#   topk: the [L, 3K+1] candidate scores and int64 positions (3 floats' worth
#         each), the [L, K, d] gathered keys and values, and the [L, K, H]
#         logits: L (3 (3K+1) + 2 K d + K H) floats.
#
# usage: bench/topk-crossover.sh [GSATTN_BINARY] [THREADS] [LIMIT] [WIDTHS] [LENGTHS]
#   WIDTHS  default "32 64 128 256 512" (4 heads each)
#   LENGTHS default "64 256 1024 4096 16384"
# Writes bench/results/topk-crossover/crossover.csv (or under $OUT), the
# ratios, a summary of where topk becomes cheaper, and crossover.svg when
# gnuplot is installed.
set -euo pipefail
GSATTN=${1:-build/gsattn}
THREADS=${2:-2}
LIMIT=${3:-900}
WIDTHS=${4:-32 64 128 256 512}
LENGTHS=${5:-64 256 1024 4096 16384}
HEADS=4
K=16
OUT=${OUT:-bench/results/topk-crossover}
. "$(dirname "$0")/measure-predict.sh"
mkdir -p "$OUT"

# The weights do not change the cost of a prediction: one short epoch each.
"$GSATTN" simulate -n 200 -L 200 --seed 5 -q -o "$OUT/train"
for d in $WIDTHS; do
    for model in full topk; do
        [ -s "$OUT/$model-d$d.gsattn" ] ||
            "$GSATTN" train --fasta "$OUT/train.fa" --labels "$OUT/train.labels.tsv" --model "$model" \
                --embedding-dim "$d" --heads "$HEADS" --keys-per-query "$K" --epochs 1 --inits 1 \
                --threads "$THREADS" -q -o "$OUT/$model-d$d.gsattn"
    done
done

echo "model,width,length,sequences,threads,seconds,predict_seconds,peak_mb,flops_per_strand,attention_mb,status" > "$OUT/crossover.csv"
declare -A stopped  # model-width pairs that timed out: longer sequences are skipped
for length in $LENGTHS; do
    sequences=$((65536 / length > 2 ? 65536 / length : 2))
    "$GSATTN" simulate -n "$sequences" -L "$length" --seed 7 -q -o "$OUT/L$length"
    for d in $WIDTHS; do
        for model in full topk; do
            attention_mb=$(awk -v m="$model" -v L="$length" -v d="$d" -v H="$HEADS" -v K="$K" 'BEGIN {
                k = K < L - 1 ? K : L - 1
                floats = m == "full" ? 2 * H * L * L : L * (3 * (3 * k + 1) + 2 * k * d + k * H)
                printf "%.3f", floats * 4 / 1048576 }')
            if [ -n "${stopped[$model$d]:-}" ]; then
                echo "$model,$d,$length,$sequences,$THREADS,NA,NA,NA,NA,$attention_mb,skipped" | tee -a "$OUT/crossover.csv"
                continue
            fi
            measure_predict "$LIMIT" "$OUT/$model-d$d.gsattn" "$OUT/L$length.fa" "$THREADS" "$OUT"
            [ "$status" = timeout ] && stopped[$model$d]=1
            echo "$model,$d,$length,$sequences,$THREADS,$seconds,$predicting,$peak,$flops,$attention_mb,$status" | tee -a "$OUT/crossover.csv"
        done
    done
done

# full / topk for each width and length: FLOPs, analytic attention memory,
# predict time, peak RSS (> 1: topk is cheaper).
awk -F, 'NR > 1 { key = $2 "," $3; w[$2] = 1; l[$3] = 1
        if ($11 == "ok") { f[$1, key] = $9; t[$1, key] = $7; m[$1, key] = $8 }
        a[$1, key] = $10 }
    function ratio(x, y) { return (x == "" || y == "" || y == 0) ? "NA" : sprintf("%.2f", x / y) }
    END {
        print "width,length,flops_full_over_topk,attention_mb_full_over_topk,time_full_over_topk,rss_full_over_topk"
        for (d in w) for (L in l) {
            key = d "," L
            print key "," ratio(f["full", key], f["topk", key]) "," ratio(a["full", key], a["topk", key]) "," \
                ratio(t["full", key], t["topk", key]) "," ratio(m["full", key], m["topk", key])
        }
    }' "$OUT/crossover.csv" | { read -r header; echo "$header"; sort -t, -k1,1n -k2,2n; } > "$OUT/ratios.csv"
column -s, -t "$OUT/ratios.csv"

# Where topk becomes cheaper: the shortest length at each width from which
# every longer measured length has a ratio above 1.
echo
awk -F, 'NR > 1 { n[$1]++; L[$1, n[$1]] = $2; for (c = 3; c <= 6; c++) r[$1, n[$1], c] = $c }
    END {
        split("flops attention_memory time rss", names, " ")
        printf "%6s  %14s  %16s  %12s  %12s\n", "width", "flops from L", "attention mem L", "time from L", "rss from L"
        for (d in n) {
            line = sprintf("%6d", d)
            for (c = 3; c <= 6; c++) {
                from = "none"
                for (i = n[d]; i >= 1 && r[d, i, c] != "NA" && r[d, i, c] > 1; i--) from = L[d, i]
                line = line sprintf("  %14s", from)
            }
            print line
        }
    }' "$OUT/ratios.csv" | sort -n | tee "$OUT/crossover.txt"

if command -v gnuplot > /dev/null; then
    DATA=$(mktemp -d)
    trap 'rm -rf "$DATA"' EXIT
    flops_plots="" time_plots=""
    for d in $WIDTHS; do
        awk -F, -v d="$d" '$1 == d { print $2, $3, $5 }' "$OUT/ratios.csv" > "$DATA/d$d.dat"
        flops_plots+="${flops_plots:+, }'$DATA/d$d.dat' using 1:2 with linespoints title 'd = $d'"
        time_plots+="${time_plots:+, }'$DATA/d$d.dat' using 1:3 with linespoints title 'd = $d'"
    done
    gnuplot <<EOF
set terminal svg size 960,420 dynamic font "sans,11"
set output "$OUT/crossover.svg"
set multiplot layout 1,2 title "full attention / topk (K = $K, head 0 approximated): above 1, topk is cheaper"
set logscale xy
set grid
set key top left
set xlabel "sequence length (bp)"
set ylabel "analytic FLOPs, full / topk"
plot $flops_plots, 1 with lines dashtype 2 notitle
set ylabel "predict seconds, full / topk (start-up excluded)"
plot $time_plots, 1 with lines dashtype 2 notitle
unset multiplot
EOF
    echo "wrote $OUT/crossover.svg"
fi
