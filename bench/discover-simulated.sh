#!/usr/bin/env bash
# Which motifs does a sparse model's selection reveal without being told?
# On 500 freshly simulated sequences the model never saw: select positions,
# discover motifs around them (enrich --discover) and compare each with the
# 879 JASPAR 2024 vertebrate profiles plus the shipped sigma70 -35/-10
# matrices; also the ISM agreement of the selector. Not part of the test suite.
#
# usage: bench/discover-simulated.sh [GSATTN_BINARY] [MODEL] [JASPAR_FILE]
set -euo pipefail
GSATTN=${1:-build/gsattn}
MODEL=${2:-bench/results/plan/model.sparse.gsattn}
JASPAR=${3:-../shared/motifs/JASPAR2024_CORE_vertebrates_non-redundant.jaspar}
SHARE=$(dirname "$0")/../share/motifs
OUT=bench/results/discover
mkdir -p "$OUT"

"$GSATTN" simulate -n 500 -L 200 --seed 7 -o "$OUT/fresh" -q
"$GSATTN" select-positions -m "$MODEL" --fasta "$OUT/fresh.fa" -o "$OUT/selected.bed" --scores "$OUT/scores.bg" -q
"$GSATTN" enrich --selected "$OUT/selected.bed" --fasta "$OUT/fresh.fa" --truth "$OUT/fresh.motifs.bed" \
    --motifs "$JASPAR" "$SHARE/sigma70_minus35.jaspar" "$SHARE/sigma70_minus10.jaspar" --pvalue 1e-4 \
    --discover 10 --discover-out "$OUT/discovered.meme" --discover-tsv "$OUT/discovered.tsv" \
    --html "$OUT/report.html" -o "$OUT/enrichment.tsv" -q
echo "# discovered motifs, the best 3 matches each (ranks 1-3)"
cut -f1,2,5,7,10,11,12,13,20 "$OUT/discovered.tsv"
"$GSATTN" predict -m "$MODEL" --fasta "$OUT/fresh.fa" -o "$OUT/predictions.tsv" --ism "$OUT/ism.bg" -q
"$GSATTN" enrich --selected "$OUT/selected.bed" --fasta "$OUT/fresh.fa" --truth "$OUT/fresh.motifs.bed" \
    --scores "$OUT/scores.bg" --reference-scores "$OUT/ism.bg" --agreement "$OUT/agreement.tsv" \
    -o "$OUT/enrichment.default.tsv" -q
echo "# selector against in-silico mutagenesis: all bases at once, then the median sequence"
grep -E '^(name|all|median)\b' "$OUT/agreement.tsv"
