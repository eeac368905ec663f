#!/usr/bin/env bash
# Is the sparse model's selector the same answer every run? Trains the plan
# task's default sparse model at each seed and thread count, selects
# positions on 500 fresh sequences and reports, per planted motif type, the
# fraction of sites a kept position touches, beside the test r and the
# oracle ceiling. Not part of the test suite (one run is 5-12 minutes).
#
# usage: bench/selector-seeds.sh [GSATTN_BINARY] [SEEDS] [THREADS] [OPTIONS]
#   SEEDS and THREADS are space-separated lists (default "1 2 3 4 5", "1 2");
#   OPTIONS are added to every train command.
set -euo pipefail
GSATTN=${1:-build/gsattn}
SEEDS=${2:-1 2 3 4 5}
THREADS=${3:-1 2}
OPTIONS=${4:-}
OUT=bench/results/selector-seeds
mkdir -p "$OUT"

[ -s "$OUT/sim.fa" ] || "$GSATTN" simulate -n 10000 -L 200 --seed 1 -o "$OUT/sim" -q
[ -s "$OUT/fresh.fa" ] || "$GSATTN" simulate -n 500 -L 200 --seed 7 -o "$OUT/fresh" -q

printf 'seed\tthreads\ttest_r\toracle\tTATA_box\tCAAT_box\tGC_box\tminus35\tminus10\n'
for threads in $THREADS; do
    for seed in $SEEDS; do
        run="$OUT/s$seed.t$threads"
        if [ ! -s "$run.gsattn" ]; then
            # shellcheck disable=SC2086
            "$GSATTN" train --fasta "$OUT/sim.fa" --labels "$OUT/sim.labels.tsv" --model sparse \
                --seed "$seed" --threads "$threads" $OPTIONS -o "$run.gsattn" 2> "$run.log"
        fi
        "$GSATTN" select-positions -m "$run.gsattn" --fasta "$OUT/fresh.fa" -o "$run.bed" \
            --threads "$threads" -q
        "$GSATTN" enrich --selected "$run.bed" --fasta "$OUT/fresh.fa" --truth "$OUT/fresh.motifs.bed" \
            -o "$run.enrichment.tsv" -q
        r=$(sed -n 's/.*test Pearson r = \([0-9.]*\).*oracle ceiling \([0-9.]*\).*/\1\t\2/p' "$run.log")
        recall=$(awk -F'\t' '$1 == "truth" { v[$3] = $6 }
            END { printf "%s\t%s\t%s\t%s\t%s", v["TATA_box"], v["CAAT_box"], v["GC_box"], v["minus35"], v["minus10"] }' \
            "$run.enrichment.tsv")
        printf '%s\t%s\t%s\t%s\n' "$seed" "$threads" "$r" "$recall"
    done
done
