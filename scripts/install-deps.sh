#!/bin/sh
# The one list of Debian packages gsattn needs to build, test and run.
# Used by README, .ci/run and the Dockerfile. Runs apt-get through sudo when
# not root. GSATTN_SKIP_TEST_DEPS=1 leaves out the tools only tests use.
set -eu

BUILD_PACKAGES="
  build-essential cmake pkg-config
  libtorch-dev libhts-dev zlib1g-dev
  libcli11-dev libfmt-dev libtomlplusplus-dev doctest-dev
  libopenblas0-pthread
"
# samtools and bedtools check our FASTA and BED outputs, tabix provides
# bgzip, man-db and groff-base render the man pages.
TEST_PACKAGES="
  samtools bedtools tabix man-db groff-base
"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
PACKAGES="$BUILD_PACKAGES"
if [ -z "${GSATTN_SKIP_TEST_DEPS:-}" ]; then PACKAGES="$PACKAGES $TEST_PACKAGES"; fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
# shellcheck disable=SC2086
$SUDO apt-get install -y --no-install-recommends $PACKAGES
