#!/usr/bin/env bash
# Training time of gsattn against a plain-PyTorch reference of the same models
# and training loop (bench/reference/gsattn_reference.py, Debian's
# python3-torch: the same Torch 1.13) on the plan task, split 70/15/15 into
# fixed files. Both train exactly EPOCHS epochs (--patience EPOCHS, one
# start) with batch 64 on THREADS threads; times are the training loop only
# (epochs with their validation pass). Each tool trains each model REPEATS
# times, the two tools taking turns, and the best time of each is kept: a
# shared host's noise (±30 % between identical runs here) only ever adds
# time. Both are deterministic, so the Pearson values do not change between
# repeats. Not part of the test suite.
#
# The reference implements the models in their first configuration: one
# stem layer of width 9 for every kind and no flank augmentation. gsattn's
# defaults have since changed (sparse: 4 stem layers of width 5, features
# after layer 1 carried; all but pwm: training sequences cropped and set in
# random flanks up to 300 bp), so gsattn is told that configuration here
# (REFERENCE_OPTIONS), and the parameter counts of the two must agree.
#
# usage: bench/train-vs-python.sh [GSATTN_BINARY] [THREADS] [EPOCHS] [MODELS]
#   MODELS: comma- or space-separated kinds, default full,sparse,joint,window,topk
#   PYTHON: interpreter with torch (default /usr/bin/python3)
#   N: sequences to simulate (default 10000, the plan task; e.g. N=600 for a
#      quick check)
#   REPEATS: runs per tool and model (default 3)
#   SEED: seed of both tools' weights, batch order and strands (default 1;
#         the data are always simulated with seed 1)
# Writes bench/results/python/compare.csv:
#   model,parameters_gsattn,parameters_python,epochs,gsattn_seconds,
#   python_seconds,ratio (gsattn / python: below 1, gsattn is faster),
#   gsattn_pearson,python_pearson
set -euo pipefail
GSATTN=${1:-build/gsattn}
THREADS=${2:-2}
EPOCHS=${3:-5}
MODELS=${4:-full,sparse,joint,window,topk}
PYTHON=${PYTHON:-/usr/bin/python3}
N=${N:-10000}
REPEATS=${REPEATS:-3}
SEED=${SEED:-1}
HERE=$(dirname "$0")
OUT=bench/results/python
mkdir -p "$OUT"

"$GSATTN" simulate -n "$N" -L 200 --seed 1 -o "$OUT/sim" -q
# Records 1..70 % train, the next 15 % validation, the rest test; the labels
# follow their sequences (each file keeps the header).
awk -v out="$OUT/sim" -v n="$N" '
    FNR == NR {
        if (/^>/) {
            r++
            part = r <= int(0.7 * n) ? "train" : r <= int(0.85 * n) ? "val" : "test"
            part_of[substr($1, 2)] = part
        }
        print > (out "." part ".fa")
        next
    }
    FNR == 1 { print > (out ".train.tsv"); print > (out ".val.tsv"); print > (out ".test.tsv"); next }
    { print > (out "." part_of[$1] ".tsv") }' "$OUT/sim.fa" "$OUT/sim.labels.tsv"

REFERENCE_OPTIONS=(--stem-layers 1 --conv-width 9 --value-layers 0 --augment-length 0 --augment-crop 0)
# The value of "key" in a JSON file (gsattn writes "key" : v, Python "key": v).
value() { grep -o "\"$2\" *: *[^,}]*" "$1" | head -1 | sed 's/.*: *//; s/"//g'; }

CSV="$OUT/compare.csv"
echo "model,parameters_gsattn,parameters_python,epochs,gsattn_seconds,python_seconds,ratio,gsattn_pearson,python_pearson" > "$CSV"
best() { awk -v a="$1" -v b="$2" 'BEGIN { print (a == "" || b < a) ? b : a }'; }
for kind in ${MODELS//,/ }; do
    g="$OUT/$kind.gsattn.metrics.json" p="$OUT/$kind.python.json" gs="" ps=""
    for ((run = 1; run <= REPEATS; run++)); do
        "$GSATTN" train --fasta "$OUT/sim.train.fa" --val-fasta "$OUT/sim.val.fa" --test-fasta "$OUT/sim.test.fa" \
            --labels "$OUT/sim.labels.tsv" --model "$kind" --epochs "$EPOCHS" --patience "$EPOCHS" --inits 1 \
            --batch-size 64 --threads "$THREADS" --seed "$SEED" "${REFERENCE_OPTIONS[@]}" -o "$OUT/$kind.gsattn" \
            2> "$OUT/$kind.gsattn.log"
        gs=$(best "$gs" "$(value "$g" training_seconds)")
        "$PYTHON" "$HERE/reference/gsattn_reference.py" --model "$kind" \
            --train-fasta "$OUT/sim.train.fa" --train-labels "$OUT/sim.train.tsv" \
            --val-fasta "$OUT/sim.val.fa" --val-labels "$OUT/sim.val.tsv" \
            --test-fasta "$OUT/sim.test.fa" --test-labels "$OUT/sim.test.tsv" \
            --epochs "$EPOCHS" --batch-size 64 --threads "$THREADS" --seed "$SEED" \
            > "$p" 2> "$OUT/$kind.python.log"
        ps=$(best "$ps" "$(value "$p" training_seconds)")
    done
    if [ "$(value "$g" parameters)" != "$(value "$p" parameters)" ]; then
        echo "$kind: gsattn has $(value "$g" parameters) parameters, the reference $(value "$p" parameters)" >&2
        exit 1
    fi
    awk -v kind="$kind" -v pg="$(value "$g" parameters)" -v pp="$(value "$p" parameters)" \
        -v epochs="$(value "$g" epochs_run)" -v gs="$gs" -v ps="$ps" -v rg="$(value "$g" pearson)" \
        -v rp="$(value "$p" test_pearson)" \
        'BEGIN { printf "%s,%d,%d,%d,%.3f,%.3f,%.2f,%.4f,%.4f\n", kind, pg, pp, epochs, gs, ps, gs / ps, rg, rp }' >> "$CSV"
done
column -t -s, "$CSV"
