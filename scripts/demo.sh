#!/bin/sh
# The demo on bundled data: simulate promoter-like sequences with planted
# motifs, train a sparse-attention model on them, predict, and write the
# positions its selector keeps as a BED track.
# usage: scripts/demo.sh [GSATTN_BINARY] [OUTPUT_DIR]
set -eu
GSATTN=${1:-build/gsattn}
OUT=${2:-demo}
mkdir -p "$OUT"

"$GSATTN" simulate -n 2000 -L 200 --seed 42 -o "$OUT/sim"
"$GSATTN" train --fasta "$OUT/sim.fa" --labels "$OUT/sim.labels.tsv" --model sparse \
    --sparsity 0.1 --threads 2 -o "$OUT/sparse.gsattn"
"$GSATTN" predict -m "$OUT/sparse.gsattn" --fasta "$OUT/sim.fa" -o "$OUT/predictions.tsv" --threads 2

"$GSATTN" select-positions -m "$OUT/sparse.gsattn" --fasta "$OUT/sim.fa" -o "$OUT/selected.bed" --threads 2

echo "demo: wrote $OUT/sim.fa, $OUT/sim.labels.tsv, $OUT/sim.motifs.bed (simulated data)"
echo "demo: wrote $OUT/sparse.gsattn, $OUT/sparse.gsattn.metrics.json (model and test metrics)"
echo "demo: wrote $OUT/selected.bed (kept positions; compare with $OUT/sim.motifs.bed in IGV)"
echo "demo: wrote $OUT/predictions.tsv; first lines:"
head -4 "$OUT/predictions.tsv"
