#!/bin/sh
# The demo on bundled data: simulate promoter-like sequences with planted
# motifs, train a sparse-attention model on them, predict, write the
# positions its selector keeps as a BED track, and test whether those
# positions are the motifs (on 500 fresh sequences the model never saw):
# which known motifs they hold, which motifs they reveal without being told
# (--discover), and an HTML report of both.
# usage: scripts/demo.sh [GSATTN_BINARY] [OUTPUT_DIR]
set -eu
GSATTN=${1:-build/gsattn}
OUT=${2:-demo}
mkdir -p "$OUT"

"$GSATTN" simulate -n 2000 -L 200 --seed 42 -o "$OUT/sim"
"$GSATTN" train --fasta "$OUT/sim.fa" --labels "$OUT/sim.labels.tsv" --model sparse \
    --sparsity 0.1 --threads 2 -o "$OUT/sparse.gsattn"
"$GSATTN" predict -m "$OUT/sparse.gsattn" --fasta "$OUT/sim.fa" -o "$OUT/predictions.tsv" --threads 2

"$GSATTN" simulate -n 500 -L 200 --seed 7 -o "$OUT/fresh"
"$GSATTN" select-positions -m "$OUT/sparse.gsattn" --fasta "$OUT/fresh.fa" -o "$OUT/selected.bed" --threads 2
"$GSATTN" enrich --selected "$OUT/selected.bed" --fasta "$OUT/fresh.fa" --truth "$OUT/fresh.motifs.bed" \
    --pvalue 1e-3 --hits "$OUT/hits.bed" --json "$OUT/enrichment.json" -o "$OUT/enrichment.tsv" \
    --discover 8 --discover-out "$OUT/discovered.meme" --discover-tsv "$OUT/discovered.tsv" \
    --sequence-tsv "$OUT/sequences.tsv" --html "$OUT/report.html"

echo "demo: wrote $OUT/sim.fa, $OUT/sim.labels.tsv, $OUT/sim.motifs.bed (simulated data)"
echo "demo: wrote $OUT/sparse.gsattn, $OUT/sparse.gsattn.metrics.json (model and test metrics)"
echo "demo: wrote $OUT/fresh.* (500 new sequences), $OUT/selected.bed (the positions kept in them),"
echo "      $OUT/hits.bed (motif hits); lay them over $OUT/fresh.motifs.bed in IGV"
echo "demo: wrote $OUT/predictions.tsv; first lines:"
head -4 "$OUT/predictions.tsv"
echo "demo: wrote $OUT/enrichment.tsv (and .json); are the kept positions in motifs?"
cut -f1,3,4,5,6,10,13,14 "$OUT/enrichment.tsv"
echo "demo: wrote $OUT/discovered.meme and $OUT/discovered.tsv; the motifs found around the kept positions"
echo "      and the shipped motif each resembles most:"
awk -F'\t' 'NR == 1 || $11 == 1' "$OUT/discovered.tsv" | cut -f1,2,5,10,12,13,20
echo "demo: wrote $OUT/sequences.tsv (sequence-level enrichment) and $OUT/report.html (open it in a browser)"
