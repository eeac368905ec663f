#!/usr/bin/env bash
# How `gsattn predict` scales with sequence length: wall time and peak memory
# (/usr/bin/time -v) for full, window and sparse at 5/10/20 % kept, on
# SEQUENCES sequences of each length, beside each model's analytic FLOPs per
# strand (src/flops.cpp, the study's accounting). `predict_seconds` is the
# time predict reports for the predictions themselves, without start-up
# (loading LibTorch and the model, 0.7-1.3 s here). A run slower than LIMIT
# seconds is stopped and recorded as "timeout". Not part of the test suite.
#
# usage: bench/predict-scaling.sh [GSATTN_BINARY] [THREADS] [SEQUENCES] [LIMIT] [LENGTHS] [MODELS]
#   LENGTHS default "200 1000 5000 10000 50000 100000"
#   MODELS  default "full window sparse05 sparse10 sparse20" (topk also known)
# Writes bench/results/scaling/scaling.csv (or under $OUT), and scaling.svg
# when gnuplot is installed (bench/plot-scaling.sh).
set -euo pipefail
GSATTN=${1:-build/gsattn}
THREADS=${2:-2}
SEQUENCES=${3:-2}
LIMIT=${4:-900}
LENGTHS=${5:-200 1000 5000 10000 50000 100000}
MODELS=${6:-full window sparse05 sparse10 sparse20}
OUT=${OUT:-bench/results/scaling}
. "$(dirname "$0")/measure-predict.sh"
mkdir -p "$OUT"

# The weights do not change the cost of a prediction: one short epoch each.
"$GSATTN" simulate -n 400 -L 200 --seed 5 -q -o "$OUT/train"
for name in $MODELS; do
    case "$name" in
        full | window | topk) options=(--model "$name") ;;
        sparse*) options=(--model sparse --sparsity "0.${name#sparse}") ;;
        *) echo "unknown model $name" >&2; exit 2 ;;
    esac
    [ -s "$OUT/$name.gsattn" ] ||
        "$GSATTN" train --fasta "$OUT/train.fa" --labels "$OUT/train.labels.tsv" "${options[@]}" \
            --epochs 1 --inits 1 --threads "$THREADS" -q -o "$OUT/$name.gsattn"
done

echo "model,length,sequences,threads,seconds,predict_seconds,peak_mb,flops_per_strand,status" > "$OUT/scaling.csv"
declare -A stopped  # models that timed out: longer sequences are skipped
for length in $LENGTHS; do
    "$GSATTN" simulate -n "$SEQUENCES" -L "$length" --seed 7 -q -o "$OUT/L$length"
    for name in $MODELS; do
        if [ -n "${stopped[$name]:-}" ]; then
            echo "$name,$length,$SEQUENCES,$THREADS,NA,NA,NA,NA,skipped" | tee -a "$OUT/scaling.csv"
            continue
        fi
        measure_predict "$LIMIT" "$OUT/$name.gsattn" "$OUT/L$length.fa" "$THREADS" "$OUT"
        [ "$status" = timeout ] && stopped[$name]=1
        echo "$name,$length,$SEQUENCES,$THREADS,$seconds,$predicting,$peak,$flops,$status" | tee -a "$OUT/scaling.csv"
    done
done

echo
# Prediction seconds per sequence, and the ratio full / sparse10 at each length.
awk -F, 'NR > 1 && $9 == "ok" { t[$1 "," $2] = $6 / $3; lengths[$2] = 1 }
    END {
        printf "%8s  %14s  %14s  %10s\n", "length", "full s/seq", "sparse10 s/seq", "full/sparse10"
        for (l in lengths) {
            f = t["full," l]; s = t["sparse10," l]
            printf "%8d  %14s  %14s  %10s\n", l, f == "" ? "NA" : sprintf("%.4f", f), s == "" ? "NA" : sprintf("%.4f", s),
                (f == "" || s == "") ? "NA" : sprintf("%.1f", f / s)
        }
    }' "$OUT/scaling.csv" | sort -n
if command -v gnuplot > /dev/null; then bench/plot-scaling.sh "$OUT/scaling.csv" "$OUT/scaling.svg"; fi
