#!/usr/bin/env bash
# Trains the models gsattn ships (share/models/NAME.gsattn) and writes each
# one's card (NAME.md): 5-fold cross-validation for the card's metrics, then
# the shipped model on 85 % of the records (10 % validation for early
# stopping, 5 % held out as a last check), and its predictions of a few
# records (NAME.examples.fa) that tests/cli/test_shipped_models.sh checks.
# Deterministic: the same binary, BLAS kernel (gsattn --version names it),
# data, seed and thread count give the same bytes, run from the repository's
# root with the same DATA_DIR (a model file records the path of its training
# data as given).
#
# usage: scripts/train-shipped-models.sh [GSATTN] [DATA_DIR] [OUT_DIR] [NAMES]
#   DATA_DIR holds lafleur2022/ and epd-promoters/ (default ../shared/data);
#   OUT_DIR defaults to share/models; NAMES to "ecoli-sigma70 epd-promoter".
#   THREADS (default 1) is part of what makes the bytes the same.
#   EXTRA_OPTIONS are added to every train command (e.g. --epochs 1 to try
#   the script quickly; the shipped models have none). CARDS_ONLY=1 writes
#   the cards again from the models and metrics files already in OUT_DIR;
#   FINAL_ONLY=1 trains only the shipped model and keeps the
#   cross-validation metrics already in OUT_DIR.
# Prints each model's metrics as it goes; the cards hold the same values.
set -euo pipefail
GSATTN=${1:-build/gsattn}
DATA=${2:-../shared/data}
OUT=${3:-share/models}
NAMES=${4:-ecoli-sigma70 epd-promoter}
THREADS=${THREADS:-1}
EXTRA_OPTIONS=${EXTRA_OPTIONS:-}
CARDS_ONLY=${CARDS_ONLY:-}
FINAL_ONLY=${FINAL_ONLY:-}
SEED=1
EXAMPLES=4
mkdir -p "$OUT"
# Each model's scratch directory has a fixed name, since a model file
# records the path of its training data (the EPD sets are joined there):
# a random name would change the bytes.
WORK=""
trap 'if [ -n "$WORK" ]; then rm -rf "$WORK"; fi' EXIT

# Records of the labels file whose second column is $1.
count_labels() { awk -F'\t' -v v="$1" 'NR > 1 && $2 == v' "$LABELS" | wc -l; }

# One model's training data and settings; sets FASTA LABELS COLUMN TASK
# OPTIONS MEASURES TITLE USE LIMITS DATA_NOTE.
describe() {
    case $1 in
    ecoli-sigma70)
        FASTA=$DATA/lafleur2022/promoters.fa
        LABELS=$DATA/lafleur2022/promoters.labels.tsv
        COLUMN=strength TASK=regression
        DATA_NOTE="lafleur2022/promoters.fa and promoters.labels.tsv of the data directory"
        # The defaults: kept as they generalise to promoters in longer
        # flanking sequence (docs/robustness.md).
        OPTIONS="--model sparse"
        MEASURES="pearson spearman r2"
        TITLE="E. coli sigma70 promoter strength"
        USE="Relative strength of E. coli sigma70 promoters (La Fleur et al. 2022 library, $(($(wc -l < "$LABELS") - 1)) designed and natural promoters measured by massively parallel reporter assay). Scans of bacterial genomes with --window 80 or so: the model was trained with up to 300 bp of random flanking sequence and crops (--augment-length 300 --augment-crop 10), so a promoter inside a longer window is scored like the promoter alone."
        LIMITS="Trained on one library, in one host and condition; the scale is the library's standardised strength, not a transcription rate. Not trained on non-promoter sequence: a genome scan ranks windows, it does not call promoters. Other sigma factors, and promoters whose -10 box differs from those in the library, are outside what it learnt (with the consensus -10 box held out of training, learned models rank such promoters near chance: docs/robustness.md)."
        ;;
    epd-promoter)
        # Both EPDnew TATA-box sets in one file, one header.
        FASTA=$WORK/epd.fa LABELS=$WORK/epd.labels.tsv
        cat "$DATA/epd-promoters/mouse_tata.fa" "$DATA/epd-promoters/arabidopsis_tata.fa" > "$FASTA"
        { cat "$DATA/epd-promoters/mouse_tata.labels.tsv"
          tail -n +2 "$DATA/epd-promoters/arabidopsis_tata.labels.tsv"; } > "$LABELS"
        COLUMN=promoter TASK=classification
        DATA_NOTE="epd.fa and epd.labels.tsv: epd-promoters/mouse_tata.fa then arabidopsis_tata.fa, and their labels files with one header"
        OPTIONS="--model joint --position-bins 10 --no-rc --augment-length 0 --augment-crop 0"
        MEASURES="auroc auprc sensitivity specificity accuracy mcc"
        TITLE="Eukaryotic TATA-box promoter vs non-promoter"
        USE="Probability that a 251 bp sequence, -200 to +50 around a candidate TSS on the given strand, is a TATA-box promoter. Trained on EPDnew mouse and Arabidopsis TATA-box promoters against non-promoter gene fragments (the data sets of Umarov & Solovyev 2017): $(count_labels 1) promoters and $(count_labels 0) non-promoters."
        LIMITS="The sequences are aligned on the TSS and the model pools each tenth of the sequence on its own (--position-bins 10), so it expects windows placed as in training; it scores the given strand only (--no-rc). TATA-less promoters, other species and other negative sets (e.g. random genomic sequence) are outside what it was trained and measured on. At 0.5 it calls promoters conservatively (sensitivity below specificity)."
        ;;
    *) echo "train-shipped-models.sh: unknown model '$1'" >&2; exit 2 ;;
    esac
}

# A value of the metrics JSON $1 inside section $2 ("out_of_fold", "test"),
# to 4 decimals; the cards and this script's output show the same text.
metric() {
    local value
    value=$(sed -n "/\"$2\"/,/}/p" "$1" | grep -o "\"$3\" : [^,}]*" | head -1 | sed 's/.* : //; s/"//g')
    case $value in [0-9-]*) printf '%.4f' "$value" ;; *) printf '%s' "$value" ;; esac
}

for name in $NAMES; do
    WORK=${TMPDIR:-/tmp}/gsattn-shipped-$name
    rm -rf "$WORK"
    mkdir -p "$WORK"
    describe "$name"
    # shellcheck disable=SC2086
    settings=$(echo --label-column $COLUMN --task $TASK --seed $SEED --threads $THREADS -q $OPTIONS $EXTRA_OPTIONS)
    shown="gsattn train --fasta $(basename "$FASTA") --labels $(basename "$LABELS") $settings"
    if [ -z "$CARDS_ONLY" ]; then
        if [ -z "$FINAL_ONLY" ]; then
            echo "== $name: 5-fold cross-validation" >&2
            # shellcheck disable=SC2086
            "$GSATTN" train --fasta "$FASTA" --labels "$LABELS" $settings --folds 5 --fold-validation 0.1 \
                -o "$WORK/$name.cv"
        fi
        echo "== $name: the shipped model" >&2
        # shellcheck disable=SC2086
        "$GSATTN" train --fasta "$FASTA" --labels "$LABELS" $settings --split 0.85,0.1,0.05 -o "$OUT/$name.gsattn"
        if [ -z "$FINAL_ONLY" ]; then cp "$WORK/$name.cv.metrics.json" "$OUT/$name.cv.metrics.json"; fi
    fi
    cv=$OUT/$name.cv.metrics.json

    # The first records of each label seen, so a classifier's examples hold both classes.
    awk -v n="$EXAMPLES" 'NR > 1 && seen[$2]++ < n / 2 { print $1; if (++shown == n) exit }' FS='\t' "$LABELS" \
        > "$WORK/$name.examples.txt"
    awk 'NR == FNR { want[$1]; next } /^>/ { keep = (substr($1, 2) in want) } keep' \
        "$WORK/$name.examples.txt" "$FASTA" > "$OUT/$name.examples.fa"
    "$GSATTN" predict -m "$OUT/$name.gsattn" --fasta "$OUT/$name.examples.fa" -q -o "$WORK/$name.examples.tsv"

    {
        echo "# $name: $TITLE"
        echo
        echo "## Intended use"
        echo
        echo "$USE"
        echo
        echo "## Limits"
        echo
        echo "$LIMITS"
        echo
        echo "## Cross-validated metrics"
        echo
        echo "Out-of-fold predictions of 5-fold cross-validation (seed $SEED; each fold's model trains on 90 % of"
        echo "the other four folds and stops early on the rest):"
        echo
        echo "| measure | out of fold | held-out 5 % of the shipped model |"
        echo "|---|---|---|"
        for key in $MEASURES; do
            echo "| $key | $(metric "$cv" out_of_fold "$key") | $(metric "$OUT/$name.gsattn.metrics.json" test "$key") |"
        done
        echo
        echo "## Training"
        echo
        echo "Data: $DATA_NOTE; labels column \`$COLUMN\` ($TASK). Made by"
        echo "\`scripts/train-shipped-models.sh\` with $("$GSATTN" --version), \`THREADS=$THREADS\`:"
        echo
        echo '```sh'
        echo "$shown --folds 5 --fold-validation 0.1 -o $name.cv"
        echo "$shown --split 0.85,0.1,0.05 -o $name.gsattn"
        echo '```'
        echo
        echo "## Examples"
        echo
        echo "\`gsattn predict -m $name --fasta $name.examples.fa\` gives (tests/cli/test_shipped_models.sh checks it):"
        echo
        echo "| name | prediction |"
        echo "|---|---|"
        awk -F'\t' 'NR > 1 { print "| " $1 " | " $2 " |" }' "$WORK/$name.examples.tsv"
    } > "$OUT/$name.md"

    echo "$name: cross-validated (out of fold)"
    for key in $MEASURES; do echo "  $key $(metric "$cv" out_of_fold "$key")"; done
    echo "$name: shipped model, held-out 5 %"
    for key in $MEASURES; do echo "  $key $(metric "$OUT/$name.gsattn.metrics.json" test "$key")"; done
    rm -rf "$WORK"
done
