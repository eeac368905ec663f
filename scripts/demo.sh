#!/bin/sh
# The demo on bundled data: simulate promoter-like sequences with planted
# motifs, then check the truth track against the sequences.
# usage: scripts/demo.sh [GSATTN_BINARY] [OUTPUT_DIR]
set -eu
GSATTN=${1:-build/gsattn}
OUT=${2:-demo}
mkdir -p "$OUT"

"$GSATTN" simulate -n 2000 -L 200 --seed 42 -o "$OUT/sim"

echo "demo: wrote $OUT/sim.fa, $OUT/sim.labels.tsv, $OUT/sim.motifs.bed"
echo "demo: planted motifs per kind:"
cut -f4 "$OUT/sim.motifs.bed" | sort | uniq -c
