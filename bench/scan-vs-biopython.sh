#!/usr/bin/env bash
# PWM scanning speed of gsattn enrich against Biopython's Bio.motifs PSSM
# search (python3-biopython), on the same simulated sequences (N x 200 bp)
# and the 879 JASPAR 2024 profiles, both strands, with identical hits: the
# Python side (bench/reference/scan_biopython.py) rebuilds gsattn's integer
# matrices and p <= 1e-4 thresholds from the inputs and gives them to
# Biopython, and the two BED6 hit sets must be equal line for line; gsattn's
# FIMO table (--hits x.tsv) must give every hit's position, strand, score,
# p-value and matched sequence as Biopython's hits do. Writes
# bench/results/biopython/scan.csv (tool, motifs, mbp, threads, seconds,
# mbp_per_second_per_motif, hits); exits non-zero when the hits differ.
# gsattn's seconds are the whole enrich run (start-up, reading, thresholds,
# writing the hits); Biopython's are its scanning alone: pssm.search per
# sequence (biopython-search), and pssm.calculate on both strands of the
# joined sequences + numpy (biopython-calculate). Biopython is single-threaded:
# THREADS 1 is the like-for-like comparison. The default N keeps
# biopython-search to a few minutes. Not part of the test suite.
#
# usage: bench/scan-vs-biopython.sh [GSATTN_BINARY] [THREADS] [N_SEQUENCES] [MOTIFS]
#        (PYTHON=/usr/bin/python3 by default: the one with Bio 1.80 and numpy)
set -euo pipefail
GSATTN=${1:-build/gsattn}
THREADS=${2:-1}
N=${3:-1000}
MOTIFS=${4:-../shared/motifs/JASPAR2024_CORE_vertebrates_non-redundant.jaspar}
PYTHON=${PYTHON:-/usr/bin/python3}
OUT=bench/results/biopython
mkdir -p "$OUT"

"$GSATTN" simulate -n "$N" -L 200 --seed 3 -o "$OUT/sim" -q
awk '/^>/ { print substr($1, 2) "\t0\t20" }' "$OUT/sim.fa" > "$OUT/selected.bed"
motifs=$(grep -c '^>' "$MOTIFS")
mbp=$(awk '!/^>/ { n += length($0) } END { printf "%.3f", n / 1e6 }' "$OUT/sim.fa")

start=$(date +%s.%N)
"$GSATTN" enrich --selected "$OUT/selected.bed" --fasta "$OUT/sim.fa" --motifs "$MOTIFS" --threads "$THREADS" \
    -q -o "$OUT/enrichment.tsv" --hits "$OUT/gsattn.hits.bed"
end=$(date +%s.%N)
# The same hits as FIMO's table (not timed), checked by the Python side.
"$GSATTN" enrich --selected "$OUT/selected.bed" --fasta "$OUT/sim.fa" --motifs "$MOTIFS" --threads "$THREADS" \
    -q -o "$OUT/enrichment2.tsv" --hits "$OUT/gsattn.hits.tsv"

"$PYTHON" bench/reference/scan_biopython.py "$OUT/sim.fa" "$MOTIFS" --calculate \
    --hits "$OUT/biopython.hits.bed" --compare-fimo "$OUT/gsattn.hits.tsv" > "$OUT/biopython.csv"

# The hits without their track lines (gsattn writes '#track', which tabix
# skips; the reference a plain 'track' line).
hits_sorted() { grep -v '^#\?track' "$1" | LC_ALL=C sort; }
hits_sorted "$OUT/gsattn.hits.bed" > "$OUT/gsattn.hits.sorted.bed"
hits_sorted "$OUT/biopython.hits.bed" > "$OUT/biopython.hits.sorted.bed"
gsattn_hits=$(wc -l < "$OUT/gsattn.hits.sorted.bed")
biopython_hits=$(wc -l < "$OUT/biopython.hits.sorted.bed")
differ=$(LC_ALL=C comm -3 "$OUT/gsattn.hits.sorted.bed" "$OUT/biopython.hits.sorted.bed" | wc -l)

{
    echo "tool,motifs,mbp,threads,seconds,mbp_per_second_per_motif,hits"
    awk -v s="$start" -v e="$end" -v m="$motifs" -v mbp="$mbp" -v t="$THREADS" -v h="$gsattn_hits" 'BEGIN {
        w = e - s
        printf "gsattn,%d,%s,%d,%.2f,%.2f,%d\n", m, mbp, t, w, mbp * m / w, h }'
    tail -n +2 "$OUT/biopython.csv"
} | tee "$OUT/scan.csv"

echo "hits: gsattn $gsattn_hits, biopython $biopython_hits, lines in only one of them: $differ"
if [[ $differ -ne 0 ]]; then
    echo "HITS DIFFER: LC_ALL=C comm -3 $OUT/gsattn.hits.sorted.bed $OUT/biopython.hits.sorted.bed" >&2
    exit 1
fi
