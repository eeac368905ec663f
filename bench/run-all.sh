#!/usr/bin/env bash
# Every benchmark behind docs/performance.md, one after the other,
# on an otherwise idle machine. Each prints its table and writes a CSV under
# bench/results/. Takes about 45 minutes on 2 cores. Not part of the test suite.
#
# Needs, beyond the build: python3-torch, python3-biopython, gnuplot-nox, igv
# and a JDK (GSATTN_BENCH_DEPS=1 sh scripts/install-deps.sh).
#
# usage: bench/run-all.sh [GSATTN_BINARY] [THREADS]
set -euo pipefail
GSATTN=${1:-build/gsattn}
THREADS=${2:-2}
cd "$(dirname "$0")/.."

section() { printf '\n== %s\n' "$1"; }

section "the machine: multiply-add and memory bandwidth limits (bench/machine-peak.sh)"
bench/machine-peak.sh 3
section "the hot spots under that roof: attention kernels, stems, approximators (bench/roofline.sh)"
bench/roofline.sh "$(dirname "$GSATTN")" 5  # the build tree the binary is in
section "start-up of each command (bench/startup.sh)"
bench/startup.sh "$GSATTN" 10
section "simulate: 50 Mbp at 1 and 2 threads (bench/simulate-speed.sh)"
bench/simulate-speed.sh "$GSATTN" 3 | tee bench/results/simulate-speed.csv
section "predict: time and memory against sequence length (bench/predict-scaling.sh)"
bench/predict-scaling.sh "$GSATTN" "$THREADS"
section "predict: topk against full on long records (bench/predict-scaling.sh)"
OUT=bench/results/scaling-topk bench/predict-scaling.sh "$GSATTN" "$THREADS" 2 900 "10000 50000 100000" "full topk"
section "predict: topk against full over widths and lengths (bench/topk-crossover.sh)"
bench/topk-crossover.sh "$GSATTN" "$THREADS"
OUT=bench/results/topk-crossover-1024 bench/topk-crossover.sh "$GSATTN" "$THREADS" 900 1024 1024
section "predict: a whole-genome scan with the shipped E. coli model, bigWig read back (bench/genome-scan.sh)"
bench/genome-scan.sh "$GSATTN" ecoli-sigma70 "$THREADS"
section "predict --vcf: 100,000 variants on the E. coli genome with the shipped model (bench/vcf-speed.sh)"
bench/vcf-speed.sh "$GSATTN" ecoli-sigma70 "$THREADS"
section "train: gsattn against the same models in Python PyTorch (bench/train-vs-python.sh)"
bench/train-vs-python.sh "$GSATTN" "$THREADS"
section "predict --ism: in-silico mutagenesis at 200 bp and 1 kbp (bench/ism-speed.sh)"
bench/ism-speed.sh "$GSATTN" "$THREADS"
section "enrich: JASPAR scanning speed over 10 Mbp (bench/scan-speed.sh)"
bench/scan-speed.sh "$GSATTN" "$THREADS"
section "enrich: scanning against Biopython, one thread (bench/scan-vs-biopython.sh)"
bench/scan-vs-biopython.sh "$GSATTN" 1
