#!/bin/sh
# The one list of Debian packages gsattn needs to build, test and run.
# Used by README, .ci/run and the Dockerfile. Runs apt-get through sudo when
# not root. GSATTN_SKIP_TEST_DEPS=1 leaves out the tools only tests use;
# GSATTN_BENCH_DEPS=1 adds what bench/run-all.sh compares against and plots with.
# GSATTN_RUNTIME_ONLY=1 installs only the shared libraries an installed gsattn
# runs with (the Dockerfile's runtime image).
set -eu

BUILD_PACKAGES="
  build-essential cmake pkg-config
  libtorch-dev libhts-dev zlib1g-dev libbigwig-dev
  libcli11-dev libfmt-dev libtomlplusplus-dev doctest-dev
  libopenblas0-pthread
"
# samtools and bedtools check our FASTA and BED outputs, tabix provides
# bgzip, man-db and groff-base render the man pages, clang and its runtime
# build the libFuzzer targets, snakemake runs workflows/Snakefile, pyBigWig
# (libBigWig's Python binding) reads bigWig outputs back.
TEST_PACKAGES="
  samtools bedtools tabix man-db groff-base clang libclang-rt-14-dev snakemake python3-pybigwig bcftools
"
# bench/: the Python PyTorch reference models (the same Torch as libtorch-dev),
# Biopython's PWM search, gnuplot for the scaling plot, headless Chromium
# for the screenshot of the HTML report (bench/report-screenshot.sh), and
# IGV's bigWig reader with a JDK to compile the few lines that call it
# (bench/genome-scan.sh).
BENCH_PACKAGES="
  python3-torch python3-biopython python3-numpy gnuplot-nox chromium-headless-shell igv default-jdk-headless
"

# What the built binary links to at run time: the -dev packages' libraries.
RUNTIME_PACKAGES="
  libtorch1.13 libhts3 libbigwig0 libfmt9 libtomlplusplus3 libopenblas0-pthread
"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
PACKAGES="$BUILD_PACKAGES"
if [ -z "${GSATTN_SKIP_TEST_DEPS:-}" ]; then PACKAGES="$PACKAGES $TEST_PACKAGES"; fi
if [ -n "${GSATTN_BENCH_DEPS:-}" ]; then PACKAGES="$PACKAGES $BENCH_PACKAGES"; fi
if [ -n "${GSATTN_RUNTIME_ONLY:-}" ]; then PACKAGES="$RUNTIME_PACKAGES"; fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
# shellcheck disable=SC2086
$SUDO apt-get install -y --no-install-recommends $PACKAGES
