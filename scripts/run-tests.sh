#!/bin/sh
# The whole test suite, as README and .ci/run give it: a release build with
# the unit and CLI tests, then the same tests built with AddressSanitizer and
# UndefinedBehaviorSanitizer (our code only; LibTorch is a prebuilt library).
# Dependencies: scripts/install-deps.sh.
set -eu
cd "$(dirname "$0")/.."
JOBS=${JOBS:-2}

run_suite() {
    dir=$1
    shift
    cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGSATTN_BUILD_TESTS=ON "$@"
    cmake --build "$dir" -j"$JOBS"
    (cd "$dir" && ctest -j"$JOBS" --output-on-failure --timeout 900)
}

echo "== release build and tests"
run_suite build-test

echo "== ASan + UBSan build and tests"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
run_suite build-asan -DGSATTN_SANITIZE=ON
