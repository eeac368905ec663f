#!/usr/bin/env bash
# Trains full, sparse, joint and window on one simulated task and prints the
# comparison table (test Pearson, R2, retention vs full, FLOP savings) with
# each model's training time. Not part of the test suite.
#
# usage: bench/train-simulated.sh plan|seed [GSATTN_BINARY] [THREADS] [MODELS]
#   MODELS: comma-separated kinds, default full,sparse,joint,window (retention
#   and savings need full among them)
#   plan: simulate -n 10000 -L 200 --seed 1 (the plan task: docs/design.md, Targets)
#   seed: simulate -n 2000  -L 200 --seed 1 (the seed study's size)
set -euo pipefail
TASK=${1:?plan or seed}
GSATTN=${2:-build/gsattn}
THREADS=${3:-2}
MODELS=${4:-full,sparse,joint,window}
case "$TASK" in
    plan) N=10000 ;;
    seed) N=2000 ;;
    *) echo "unknown task $TASK" >&2; exit 2 ;;
esac
OUT=bench/results/$TASK
mkdir -p "$OUT"

"$GSATTN" simulate -n "$N" -L 200 --seed 1 -o "$OUT/sim" -q
# --augment-length 0: simulate's labels count a motif wherever it sits, and
# the random flanks of the default augmentation carry chance copies that the
# labels do not count (docs/robustness.md, Choosing the defaults).
"$GSATTN" train --fasta "$OUT/sim.fa" --labels "$OUT/sim.labels.tsv" \
    --compare "$MODELS" --augment-length 0 --split 0.7,0.15,0.15 --seed 1 --threads "$THREADS" \
    -o "$OUT/model.gsattn" > "$OUT/compare.tsv"
cat "$OUT/compare.tsv"

echo
echo "model,training_seconds,epochs_run,test_pearson,oracle_ceiling" | tee "$OUT/times.csv"
for kind in ${MODELS//,/ }; do
    m="$OUT/model.$kind.gsattn.metrics.json"
    value() { grep -o "\"$1\" : [^,}]*" "$m" | head -1 | sed 's/.* : //'; }
    echo "$kind,$(value training_seconds),$(value epochs_run),$(value pearson),$(value oracle_ceiling)" | tee -a "$OUT/times.csv"
done
