#!/usr/bin/env bash
# How fast `gsattn predict --vcf` scores a genome-wide VCF: N variants (90 %
# SNVs, 5 % deletions and 5 % insertions of 1-10 bp, at random positions of
# the genome, sorted) with a shipped model, written as BGZF VCF. Reports the
# wall time (best of RUNS, start-up included) and the rate predict logs, and
# checks that bcftools reads every record back and tabix indexes the output.
# Not part of the test suite.
#
# usage: bench/vcf-speed.sh [GSATTN] [MODEL] [THREADS] [GENOME] [N] [RUNS]
# Writes bench/results/vcf-speed/ (variants.vcf, scored.vcf.gz, times.tsv).
set -euo pipefail
GSATTN=${1:-build/gsattn}
MODEL=${2:-ecoli-sigma70}
THREADS=${3:-2}
GENOME=${4:-../shared/data/ecoli-k12/mg1655.fa.gz}
N=${5:-100000}
RUNS=${6:-3}
OUT=bench/results/vcf-speed
mkdir -p "$OUT"

# The variants, from the genome's own bases (REF always matches).
zcat -f "$GENOME" > "$OUT/genome.fa"
PYTHONPATH=scripts python3 - "$N" "$OUT/genome.fa" > "$OUT/variants.vcf" <<'PY'
import random, sys
from fasta import read_fasta
n = int(sys.argv[1])
chroms = list(read_fasta(sys.argv[2]).items())
rng = random.Random(1)
total = sum(len(s) for _, s in chroms)
print("##fileformat=VCFv4.2")
print("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO")
picks = sorted(rng.sample(range(total - 20), n))
for i, at in enumerate(picks):
    for name, seq in chroms:
        if at < len(seq): break
        at -= len(seq)
    kind = rng.random()
    if kind < 0.9:
        ref = seq[at]
        alt = rng.choice([b for b in "ACGT" if b != ref])
    elif kind < 0.95:
        ref, alt = seq[at:at + 1 + rng.randint(1, 10)], seq[at]
    else:
        ref = seq[at]
        alt = ref + "".join(rng.choice("ACGT") for _ in range(rng.randint(1, 10)))
    print(f"{name}\t{at + 1}\tv{i + 1}\t{ref}\t{alt}\t.\t.\t.")
PY

rm "$OUT/genome.fa"

PREDICT=(predict -m "$MODEL" --vcf "$OUT/variants.vcf" --reference "$GENOME" --threads "$THREADS")
best=""
for _ in $(seq "$RUNS"); do
    /usr/bin/time -f %e -o "$OUT/time.txt" "$GSATTN" "${PREDICT[@]}" -o "$OUT/scored.vcf.gz" 2> "$OUT/predict.log"
    best=$(awk -v a="$(cat "$OUT/time.txt")" -v b="$best" 'BEGIN { print (b == "" || a < b) ? a : b }')
done
records=$(bcftools view -H "$OUT/scored.vcf.gz" | wc -l)
scored=$(bcftools view -H -i 'INFO/GSATTN_DIFF != "."' "$OUT/scored.vcf.gz" | wc -l)
tabix -f -p vcf "$OUT/scored.vcf.gz"
# "scored A ALT alleles of R records in S s (X records/s), windows of W bp; ..."
logged=$(grep -o 'scored .* records/s), windows of [0-9]* bp' "$OUT/predict.log")
{
    printf 'variants\tthreads\tbest_wall_seconds\trecords_read_back\trecords_scored\tpredict_log\n'
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$N" "$THREADS" "$best" "$records" "$scored" "$logged"
} | tee "$OUT/times.tsv"
