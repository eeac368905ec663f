#!/usr/bin/env bash
# The topk model on a simulated task: a full-attention teacher, topk trained
# end to end, and topk distilled from the teacher (train --teacher), with the
# second study's measures of the student against its teacher (selector top-1
# accuracy and top-K recall of the teacher's arg-max keys, relative errors of
# the outputs and of the approximated head) beside each model's test Pearson
# r and the oracle ceiling. Not part of the test suite.
#
# usage: bench/train-topk.sh plan|seed [GSATTN_BINARY] [THREADS] [TRAIN_OPTIONS] [LABEL]
#   plan: simulate -n 10000 -L 200 --seed 1; seed: -n 2000.
#   TRAIN_OPTIONS go to all three runs (default --augment-length 0, as
#   bench/train-simulated.sh: flanks would carry motif copies the labels do
#   not count; "" trains with gsattn's defaults).
#   Writes bench/results/topk-TASK[-LABEL]/table.tsv.
set -euo pipefail
TASK=${1:?plan or seed}
GSATTN=${2:-build/gsattn}
THREADS=${3:-2}
OPTIONS=${4---augment-length 0}
LABEL=${5:-}
case "$TASK" in
    plan) N=10000 ;;
    seed) N=2000 ;;
    *) echo "unknown task $TASK" >&2; exit 2 ;;
esac
OUT=bench/results/topk-$TASK${LABEL:+-$LABEL}
mkdir -p "$OUT"
"$GSATTN" simulate -n "$N" -L 200 --seed 1 -o "$OUT/sim" -q
train() {
    local name=$1
    shift
    local start
    start=$(date +%s)
    "$GSATTN" train --fasta "$OUT/sim.fa" --labels "$OUT/sim.labels.tsv" --seed 1 --threads "$THREADS" -q \
        $OPTIONS "$@" -o "$OUT/$name.gsattn"
    echo $(($(date +%s) - start)) > "$OUT/$name.seconds"
}
train full --model full
train topk --model topk
train distilled --model topk --teacher "$OUT/full.gsattn"

value() { grep -o "\"$2\" : [^,}]*" "$OUT/$1.gsattn.metrics.json" | head -1 | sed 's/.* : //'; }
{
printf 'model\ttest_pearson\toracle_ceiling\tseconds\ttop1_accuracy\ttopk_recall\tcandidate_recall\tteacher_top1_weight\tteacher_top2_weight\toutput_rel_error\thead_rel_error\n'
for name in full topk distilled; do
    row="$name\t$(value "$name" pearson)\t$(value "$name" oracle_ceiling)\t$(cat "$OUT/$name.seconds")"
    if [ "$name" = distilled ]; then
        for key in selector_top1_accuracy selector_topk_recall selector_candidate_recall teacher_top1_weight \
            teacher_top2_weight output_relative_error approximated_head_relative_error; do
            row+="\t$(value "$name" "$key")"
        done
    else
        row+="\t\t\t\t\t\t\t"
    fi
    printf "$row\n"
done
} | tee "$OUT/table.tsv"
