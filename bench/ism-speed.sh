#!/usr/bin/env bash
# How fast `gsattn predict --ism` is: sequences per second of in-silico
# mutagenesis (3 x L predictions each) at 200 bp and 1 kbp, as predict
# reports them (the mutagenesis alone, without start-up), for the default
# model of each KIND. Not part of the test suite.
#
# usage: bench/ism-speed.sh [GSATTN_BINARY] [THREADS] [KINDS]
#   KINDS default "sparse joint"
# Writes bench/results/ism/ism.csv.
set -euo pipefail
GSATTN=${1:-build/gsattn}
THREADS=${2:-2}
KINDS=${3:-sparse joint}
OUT=bench/results/ism
mkdir -p "$OUT"

# The weights do not change the cost of a prediction: one short epoch each.
"$GSATTN" simulate -n 400 -L 200 --seed 5 -q -o "$OUT/train"
"$GSATTN" simulate -n 100 -L 200 --seed 6 -q -o "$OUT/l200"
"$GSATTN" simulate -n 20 -L 1000 --seed 7 -q -o "$OUT/l1000"
echo "kind,length,sequences,threads,ism_seconds,sequences_per_second" > "$OUT/ism.csv"
for kind in $KINDS; do
    [ -s "$OUT/$kind.gsattn" ] ||
        "$GSATTN" train --fasta "$OUT/train.fa" --labels "$OUT/train.labels.tsv" --model "$kind" \
            --epochs 1 --inits 1 --threads "$THREADS" -q -o "$OUT/$kind.gsattn"
    for length in 200 1000; do
        "$GSATTN" predict -m "$OUT/$kind.gsattn" --fasta "$OUT/l$length.fa" --threads "$THREADS" \
            -o "$OUT/$kind.l$length.tsv" --ism "$OUT/$kind.l$length.bedGraph" 2> "$OUT/$kind.l$length.log"
        # "in-silico mutagenesis: S substitutions of N sequences in T s (R sequences/s)"
        line=$(grep 'in-silico mutagenesis' "$OUT/$kind.l$length.log")
        sequences=$(sed -E 's/.* of ([0-9]+) sequences.*/\1/' <<<"$line")
        seconds=$(sed -E 's/.* in ([0-9.]+) s .*/\1/' <<<"$line")
        rate=$(sed -E 's/.*\(([0-9.]+) sequences\/s\).*/\1/' <<<"$line")
        echo "$kind,$length,$sequences,$THREADS,$seconds,$rate" | tee -a "$OUT/ism.csv"
    done
done
