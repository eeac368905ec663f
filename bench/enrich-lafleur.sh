#!/usr/bin/env bash
# Are the positions a sparse model keeps in E. coli promoters the sigma70
# -35 and -10 hexamers? Trains a sparse model on the La Fleur et al. (2022)
# promoters (70/15/15 split), selects positions in all 13,481 of them, and
# tests them against the annotated hexamers (promoters.elements.bed) and the
# shipped -35/-10 matrices. Not part of the test suite.
#
# usage: bench/enrich-lafleur.sh [GSATTN_BINARY] [THREADS] [DATA_DIR] [TRAIN_OPTIONS]
#   TRAIN_OPTIONS default to none (gsattn's default sparse model); results go to
#   bench/results/lafleur-enrich/OPTIONS with spaces and dashes removed, or default/
set -euo pipefail
GSATTN=${1:-build/gsattn}
THREADS=${2:-2}
DATA=${3:-../shared/data/lafleur2022}
OPTIONS=${4:-}
TAG=$(echo "$OPTIONS" | tr -d ' -')  # "--stem-layers 3" -> stemlayers3
OUT=bench/results/lafleur-enrich/${TAG:-default}
mkdir -p "$OUT"

# shellcheck disable=SC2086  # OPTIONS holds several words
"$GSATTN" train --fasta "$DATA/promoters.fa" --labels "$DATA/promoters.labels.tsv" --label-column strength \
    --model sparse --split 0.7,0.15,0.15 --seed 1 --threads "$THREADS" -q $OPTIONS -o "$OUT/sparse.gsattn"
grep -o '"pearson" : [^,]*' "$OUT/sparse.gsattn.metrics.json" | head -1
"$GSATTN" select-positions -m "$OUT/sparse.gsattn" --fasta "$DATA/promoters.fa" -o "$OUT/selected.bed" -q
SHARE=$(dirname "$0")/../share/motifs
"$GSATTN" enrich --selected "$OUT/selected.bed" --fasta "$DATA/promoters.fa" --truth "$DATA/promoters.elements.bed" \
    --motifs "$SHARE/sigma70_minus35.jaspar" "$SHARE/sigma70_minus10.jaspar" --pvalue 1e-3 -o "$OUT/enrichment.tsv"
cut -f1,3-6,8,10,14,15 "$OUT/enrichment.tsv"
