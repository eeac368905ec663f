#!/bin/sh
# run-fuzzer.sh FUZZER SEED_CORPUS SECONDS: runs FUZZER for SECONDS, starting
# from a copy of SEED_CORPUS (the repository's copy is never written to).
# Exit status: 0 when no input crashed, leaked, hung (10 s) or used over
# 2 GB; otherwise libFuzzer's, with the input saved as ./crash-* (or leak-,
# timeout-, oom-) in the current directory.
set -eu
fuzzer=$1
seeds=$2
seconds=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/gsattn-fuzz-corpus.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp "$seeds"/* "$work"/
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$PWD/" "$work"
