#!/usr/bin/env bash
# Does a model predict a promoter the same in another context? Trains each
# model kind on one split of a labelled promoter set, then predicts the test
# promoters as they are and in other contexts made by `gsattn simulate
# --embed`: in random flanks (the test set's base composition) to 100, 150 and
# 300 bp with the promoter at the start, middle or end; in E. coli genomic
# flanks to 150 and 300 bp; and with 5 or 10 bp cut from either end. Prints,
# per kind and variant, Pearson r against the labels, the drop from the
# original's r, and r between the variant's and the original's predictions.
# Not part of the test suite (tests/cli/test_robustness.sh runs it small).
#
# usage: bench/robustness.sh [GSATTN] [FASTA] [LABELS] [OUT_DIR] [KINDS] [TRAIN_OPTIONS]
#   The split: of every 20 records in file order, numbers 3 and 13 are the
#   validation set, 7 and 17 the test set (10 %/10 %), the rest trains.
#   Environment: SEED (default 1), THREADS (default 2), LABEL_COLUMN
#   (default strength), GENOME (indexed FASTA of the genomic flanks, default
#   the E. coli K-12 genome; empty: no genomic variants), VARIANTS (a
#   subset of the names below), TAG (added to the model names).
set -euo pipefail
GSATTN=${1:-build/gsattn}
FASTA=${2:-../shared/data/lafleur2022/promoters.fa}
LABELS=${3:-../shared/data/lafleur2022/promoters.labels.tsv}
OUT=${4:-bench/results/robustness}
KINDS=${5:-pwm sparse joint}
OPTIONS=${6:-}
SEED=${SEED:-1}
THREADS=${THREADS:-2}
LABEL_COLUMN=${LABEL_COLUMN:-strength}
GENOME=${GENOME-../shared/data/ecoli-k12/mg1655.fa.gz}
ALL_VARIANTS="flank100.start flank100.middle flank100.end flank150.start flank150.middle flank150.end
flank300.start flank300.middle flank300.end genomic150.middle genomic300.random crop5.start crop5.end
crop10.start crop10.end"
[ -n "$GENOME" ] || ALL_VARIANTS=$(echo "$ALL_VARIANTS" | tr ' ' '\n' | grep -v genomic | tr '\n' ' ')
VARIANTS=${VARIANTS:-$ALL_VARIANTS}
TAG=${TAG:-}
mkdir -p "$OUT"

# The split, by record number in file order.
awk -v out="$OUT" '/^>/ { n++; k = n % 20; set = (k == 3 || k == 13) ? "val" : (k == 7 || k == 17) ? "test" : "train" }
    { print > (out "/" set ".fa") }' "$FASTA"

# The variants of the test set.
for v in $VARIANTS; do
    what=${v%%.*} where=${v#*.}
    case $what in
        flank*) args=(--embed-length "${what#flank}" --placement "$where") ;;
        genomic*) args=(--embed-length "${what#genomic}" --placement "$where" --flanks "$GENOME") ;;
        crop*) args=(--crop-"$where" "${what#crop}") ;;
        *) echo "robustness.sh: unknown variant $v" >&2; exit 2 ;;
    esac
    "$GSATTN" simulate --embed "$OUT/test.fa" "${args[@]}" --seed "$SEED" -q -o "$OUT/test.$v.fa"
done

# Pearson r of two columns of a name-joined table: label file column and predictions.
pearson() {  # LABELS_TSV PREDICTIONS_TSV [ORIGINAL_PREDICTIONS_TSV]
    awk -F'\t' -v col="$LABEL_COLUMN" '
        FNR == 1 { file++ }
        file == 1 && FNR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; if (!c) c = col + 0; next }
        file == 1 { y[$1] = $c; next }
        ($1 in y) { n++; x = $2; t = y[$1]; sx += x; sy += t; sxx += x*x; syy += t*t; sxy += x*t }
        END { printf "%.4f", (sxy - sx*sy/n) / sqrt((sxx - sx*sx/n) * (syy - sy*sy/n)) }' "$@"
}
# The original predictions as a "labels" file with a header, so pearson() can join on it.
as_labels() { { printf 'name\t%s\n' "$LABEL_COLUMN"; tail -n +2 "$1"; } > "$2"; }

printf 'kind\toptions\tvariant\tr_labels\tdrop\tr_original\n' | tee "$OUT/table${TAG:+.$TAG}.tsv"
for kind in $KINDS; do
    model="$OUT/$kind${TAG:+.$TAG}.gsattn"
    "$GSATTN" train --fasta "$OUT/train.fa" --val-fasta "$OUT/val.fa" --test-fasta "$OUT/test.fa" \
        --labels "$LABELS" --label-column "$LABEL_COLUMN" --model "$kind" --seed "$SEED" \
        --threads "$THREADS" -q $OPTIONS -o "$model"
    "$GSATTN" predict -m "$model" --fasta "$OUT/test.fa" --threads "$THREADS" -q -o "$model.test.tsv"
    as_labels "$model.test.tsv" "$model.original.tsv"
    base=$(pearson "$LABELS" "$model.test.tsv")
    printf '%s\t%s\toriginal\t%s\t0.0000\t1.0000\n' "$kind" "$OPTIONS" "$base" | tee -a "$OUT/table${TAG:+.$TAG}.tsv"
    for v in $VARIANTS; do
        "$GSATTN" predict -m "$model" --fasta "$OUT/test.$v.fa" --threads "$THREADS" -q -o "$model.$v.tsv"
        r=$(pearson "$LABELS" "$model.$v.tsv")
        same=$(LABEL_COLUMN=$LABEL_COLUMN pearson "$model.original.tsv" "$model.$v.tsv")
        drop=$(awk -v a="$base" -v b="$r" 'BEGIN { printf "%.4f", a - b }')
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$kind" "$OPTIONS" "$v" "$r" "$drop" "$same" |
            tee -a "$OUT/table${TAG:+.$TAG}.tsv"
    done
done
