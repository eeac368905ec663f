#!/usr/bin/env bash
# 5-fold cross-validation of every model on the EPDnew TATA-box promoters
# against non-promoter gene fragments (mouse and Arabidopsis; the data sets
# of Umarov & Solovyev 2017), label `promoter`: out-of-fold AUROC, AUPRC and,
# calling a probability above 0.5 a promoter, sensitivity, specificity,
# accuracy and MCC. Not part of the test suite.
#
# usage: bench/train-epd.sh [GSATTN_BINARY] [THREADS] [DATA_DIR] [SETS] [MODELS] [TRAIN_OPTIONS]
#   SETS: mouse arabidopsis (default both). TRAIN_OPTIONS replace the
#   options below, which every learned kind gets: the sequences are aligned
#   on the TSS, so the models pool each tenth of a sequence on its own
#   (--position-bins 10), train on the given strand and without flanks.
#   Every fold's model is kept (--fold-models) for bench/epd-positions.sh.
#   The pwm baseline scores TBP (MA0108.3), NFYA (MA0060.4) and SP1
#   (MA0079.5) in any position. SEED=N (default 1) draws other folds.
set -euo pipefail
GSATTN=${1:-build/gsattn}
THREADS=${2:-2}
DATA=${3:-../shared/data/epd-promoters}
SETS=${4:-mouse arabidopsis}
MODELS=${5:-joint sparse full window pwm}
OPTIONS=${6:---position-bins 10 --no-rc --augment-length 0 --augment-crop 0}
# Each fold's model trains on 90 % of the other four folds and validates on
# the rest (72 % and 8 % of the records), closer to the 80 % the anchors'
# five-fold cross-validation trained on than the next fold's validation.
FOLDS="--folds 5 --fold-validation 0.1"
SEED=${SEED:-1}
MOTIFS=${MOTIFS:-$(dirname "$DATA")/../motifs}
OUT=bench/results/epd
mkdir -p "$OUT"
cat "$MOTIFS/MA0108.3.TBP.jaspar" "$MOTIFS/MA0060.4.NFYA.jaspar" "$MOTIFS/MA0079.5.SP1.jaspar" > "$OUT/tbp-nfya-sp1.jaspar"

[ -s "$OUT/cv.csv" ] ||
    echo "set,model,options,seed,auroc,auprc,sensitivity,specificity,accuracy,mcc,seconds" > "$OUT/cv.csv"
for set in $SETS; do
    for kind in $MODELS; do
        if [ "$kind" = pwm ]; then options="--pwm-motifs $OUT/tbp-nfya-sp1.jaspar"; else options=$OPTIONS; fi
        name=$set.$kind.seed$SEED
        start=$(date +%s)
        "$GSATTN" train --fasta "$DATA/${set}_tata.fa" --labels "$DATA/${set}_tata.labels.tsv" \
            --label-column promoter --task classification --model "$kind" $FOLDS --seed "$SEED" \
            --threads "$THREADS" -q --fold-models $options -o "$OUT/$name"
        end=$(date +%s)
        m="$OUT/$name.metrics.json"
        value() { sed -n '/"out_of_fold"/,/}/p' "$m" | grep -o "\"$1\" : [^,}]*" | head -1 | sed 's/.* : //'; }
        row="$set,$kind,$options,$SEED"
        for key in auroc auprc sensitivity specificity accuracy mcc; do row+=,$(printf %.4f "$(value $key)"); done
        echo "$row,$((end - start))" | tee -a "$OUT/cv.csv"
    done
done
