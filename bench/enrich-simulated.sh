#!/usr/bin/env bash
# Do the positions a sparse model keeps fall on the motifs? On 500 freshly
# simulated sequences the model never saw: recall of the planted motifs and
# PWM enrichment of the shipped motif set. Not part of the test suite.
#
# usage: bench/enrich-simulated.sh [GSATTN_BINARY] [MODEL] [PVALUE]
#   MODEL defaults to the plan task's sparse model of bench/train-simulated.sh.
set -euo pipefail
GSATTN=${1:-build/gsattn}
MODEL=${2:-bench/results/plan/model.sparse.gsattn}
PVALUE=${3:-1e-4}
OUT=bench/results/enrich
mkdir -p "$OUT"

"$GSATTN" simulate -n 500 -L 200 --seed 7 -o "$OUT/fresh" -q
"$GSATTN" select-positions -m "$MODEL" --fasta "$OUT/fresh.fa" -o "$OUT/selected.bed" -q
"$GSATTN" enrich --selected "$OUT/selected.bed" --fasta "$OUT/fresh.fa" --truth "$OUT/fresh.motifs.bed" \
    --pvalue "$PVALUE" --hits "$OUT/hits.bed" -o "$OUT/enrichment.tsv"
cut -f1,3-6,8,10,14,15 "$OUT/enrichment.tsv"
