#!/usr/bin/env bash
# 5-fold cross-validation of every model on the 13,481 E. coli promoters of
# La Fleur et al. (2022), label `strength`, against the biophysical model
# (Promoter Calculator) column of the same file. Not part of the test suite.
#
# usage: bench/train-lafleur.sh [GSATTN_BINARY] [THREADS] [DATA_DIR] [MODELS] [TRAIN_OPTIONS]
#   TRAIN_OPTIONS (e.g. "--stem-layers 3") are passed to every gsattn train
#   and named in the output files and the CSV. SEED=N in the environment
#   (default 1) draws other folds, initial weights and batch orders.
set -euo pipefail
GSATTN=${1:-build/gsattn}
THREADS=${2:-2}
DATA=${3:-../shared/data/lafleur2022}
MODELS=${4:-full sparse joint window}
OPTIONS=${5:-}
SEED=${SEED:-1}
NAMED=$OPTIONS  # the options as the output files and the CSV name them
[ "$SEED" = 1 ] || NAMED="$OPTIONS${OPTIONS:+ }--seed $SEED"
TAG=$(echo "$NAMED" | tr -d ' -')  # "--stem-layers 3" -> "stemlayers3"
OUT=bench/results/lafleur
mkdir -p "$OUT"

# The anchor: Pearson r of the calculator's prediction (log_tx orientation)
# with the observed log_tx, over all sequences.
awk -F'\t' 'NR > 1 { n++; x = $5; y = $3; sx += x; sy += y; sxx += x*x; syy += y*y; sxy += x*y }
    END { r = (sxy - sx*sy/n) / sqrt((sxx - sx*sx/n) * (syy - sy*sy/n));
          printf "biophysical model (Promoter Calculator): Pearson r = %.4f over %d sequences\n", r, n }' \
    "$DATA/promoters.labels.tsv" | tee "$OUT/anchor.txt"

[ -s "$OUT/cv.csv" ] || echo "model,options,oof_pearson,oof_spearman,oof_r2,seconds" > "$OUT/cv.csv"
for kind in $MODELS; do
    name=$kind${TAG:+.$TAG}
    start=$(date +%s)
    "$GSATTN" train --fasta "$DATA/promoters.fa" --labels "$DATA/promoters.labels.tsv" \
        --label-column strength --model "$kind" --folds 5 --seed "$SEED" --threads "$THREADS" -q $OPTIONS \
        -o "$OUT/$name"
    end=$(date +%s)
    m="$OUT/$name.metrics.json"
    value() { grep -A8 '"out_of_fold"' "$m" | grep -o "\"$1\" : [^,}]*" | head -1 | sed 's/.* : //'; }
    echo "$kind,$NAMED,$(value pearson),$(value spearman),$(value r2),$((end - start))" | tee -a "$OUT/cv.csv"
done
