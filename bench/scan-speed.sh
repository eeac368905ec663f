#!/usr/bin/env bash
# PWM scanning speed of gsattn enrich: the 879 JASPAR 2024 profiles over
# 10 Mbp (50,000 simulated sequences of 200 bp), both strands. Prints the
# wall time and Mbp/s per motif. Not part of the test suite.
#
# usage: bench/scan-speed.sh [GSATTN_BINARY] [THREADS] [MOTIFS]
set -euo pipefail
GSATTN=${1:-build/gsattn}
THREADS=${2:-2}
MOTIFS=${3:-../shared/motifs/JASPAR2024_CORE_vertebrates_non-redundant.jaspar}
OUT=bench/results/scan
mkdir -p "$OUT"

"$GSATTN" simulate -n 50000 -L 200 --seed 3 -o "$OUT/sim" -q
awk '/^>/ { print substr($1, 2) "\t0\t20" }' "$OUT/sim.fa" > "$OUT/selected.bed"
motifs=$(grep -c '^>' "$MOTIFS")
mbp=$(awk '!/^>/ { n += length($0) } END { printf "%.3f", n / 1e6 }' "$OUT/sim.fa")
start=$(date +%s.%N)
"$GSATTN" enrich --selected "$OUT/selected.bed" --fasta "$OUT/sim.fa" --motifs "$MOTIFS" --threads "$THREADS" \
    -q -o "$OUT/enrichment.tsv"
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v m="$motifs" -v mbp="$mbp" -v t="$THREADS" 'BEGIN {
    w = e - s
    printf "motifs,mbp,threads,seconds,mbp_per_second_per_motif,mbp_per_second_per_motif_per_thread\n"
    printf "%d,%s,%d,%.1f,%.2f,%.2f\n", m, mbp, t, w, mbp * m / w, mbp * m / w / t }' | tee "$OUT/scan.csv"
