#!/usr/bin/env bash
# How long gsattn takes to start: wall time of commands that do almost no
# work, best of RUNS, for one or two binaries (e.g. before and after a
# change). The commands that need no LibTorch (--version, simulate --help,
# completion, enrich of a small input) should take well under 0.1 s; predict
# of 20 short sequences pays for loading LibTorch, which `-v` logs. Not part
# of the test suite.
#
# usage: bench/startup.sh [GSATTN] [RUNS] [OTHER_GSATTN]
# Writes bench/results/startup/startup.tsv.
set -euo pipefail
GSATTN=${1:-build/gsattn}
RUNS=${2:-10}
OTHER=${3:-}
OUT=bench/results/startup
mkdir -p "$OUT"

# Small inputs, made by the binary under test.
"$GSATTN" simulate -n 20 -L 100 --seed 1 -o "$OUT/small" -q
[ -s "$OUT/m.gsattn" ] || "$GSATTN" train --fasta "$OUT/small.fa" --labels "$OUT/small.labels.tsv" --epochs 1 \
    --embedding-dim 8 --heads 2 -q -o "$OUT/m.gsattn"

# best BINARY ARGS...: the shortest wall time of RUNS runs, in seconds.
best() {
    local binary=$1 best="" start end
    shift
    for _ in $(seq "$RUNS"); do
        start=$(date +%s%N)
        "$binary" "$@" > /dev/null 2>&1
        end=$(date +%s%N)
        best=$(awk -v a="$(( end - start ))" -v b="$best" 'BEGIN { print (b == "" || a < b) ? a : b }')
    done
    awk -v ns="$best" 'BEGIN { printf "%.3f", ns / 1e9 }'
}

# "label|arguments"
COMMANDS=(
    "--version|--version"
    "simulate --help|simulate --help"
    "completion bash|completion bash"
    "enrich (20 records)|enrich --selected $OUT/small.motifs.bed --fasta $OUT/small.fa --truth $OUT/small.motifs.bed -o $OUT/enrich.tsv"
    "predict (20 records)|predict -m $OUT/m.gsattn --fasta $OUT/small.fa -o $OUT/predict.tsv"
)
{
    printf 'command\t%s' "$GSATTN"
    [ -n "$OTHER" ] && printf '\t%s' "$OTHER"
    printf '\n'
    for entry in "${COMMANDS[@]}"; do
        command=${entry#*|}
        # shellcheck disable=SC2086
        printf 'gsattn %s\t%s' "${entry%%|*}" "$(best "$GSATTN" $command)"
        # shellcheck disable=SC2086
        [ -n "$OTHER" ] && printf '\t%s' "$(best "$OTHER" $command)"
        printf '\n'
    done
} | tee "$OUT/startup.tsv"
# What predict logs of its start: the time to load LibTorch's module.
"$GSATTN" predict -m "$OUT/m.gsattn" --fasta "$OUT/small.fa" -o "$OUT/predict.tsv" -v 2>&1 | grep -i 'libtorch' || true
