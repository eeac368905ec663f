#!/bin/sh
# The whole test suite, as README and .ci/run give it: a release build (GCC,
# Debian's compiler, as users build it) with the core unit tests and the CLI
# tests, then a build by clang with AddressSanitizer and
# UndefinedBehaviorSanitizer (our code only; LibTorch is a prebuilt library)
# of every unit test (the LibTorch ones too), the CLI tests whose inputs
# reach our parsers, models and outputs (tests/CMakeLists.txt names the
# others), and the libFuzzer targets, each run for 6 s.
# Dependencies: scripts/install-deps.sh.
#
# Both builds are RelWithDebInfo with line tables only (-g1): full debug info
# for the LibTorch templates in every file costs a quarter of the compile
# time and nothing here reads it, while sanitizer reports still name file and
# line, inlined frames included. Debug info does not change the generated
# code, so the release build tests the same -O2 code as before. The sanitizer
# build uses -O1, the level the AddressSanitizer documentation names for
# reasonable speed: every memory access and every UB check of our code is
# instrumented at any -O level. It is clang's because libFuzzer needs clang,
# and because clang compiles the LibTorch-using files in about 60 % of GCC's
# time; the two stages also test the code with both compilers.
# GSATTN_UNITY_BUILD compiles the LibTorch-using files and the program in batches (see
# CMakeLists.txt).
set -eu
cd "$(dirname "$0")/.."
JOBS=${JOBS:-2}

# The tests run as root in CI: prove that they left the machine's devices
# as they were (an output renamed over /dev/null once made it a regular file).
DEVICES="/dev/null /dev/full /dev/zero /dev/urandom /dev/stdout"
# shellcheck disable=SC2086
devices_before=$(stat -c '%n %F %t,%T' $DEVICES 2>&1)
check_devices() {
    # shellcheck disable=SC2086
    if [ "$(stat -c '%n %F %t,%T' $DEVICES 2>&1)" != "$devices_before" ]; then
        echo "FAIL: the $1 changed the machine's devices; before:" >&2
        echo "$devices_before" >&2
        echo "after:" >&2
        # shellcheck disable=SC2086
        stat -c '%n %F %t,%T' $DEVICES >&2
        exit 1
    fi
    echo "devices unchanged after the $1"
}

run_suite() {
    dir=$1
    flags=$2
    shift 2
    cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGSATTN_BUILD_TESTS=ON -DGSATTN_UNITY_BUILD=ON \
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$flags" "$@" >/dev/null
    cmake --build "$dir" -j"$JOBS"
    (cd "$dir" && ctest -j"$JOBS" --output-on-failure --timeout 900)
}

echo "== release build: core unit tests and CLI tests"
run_suite build-test "-O2 -g1 -DNDEBUG" -DGSATTN_MODEL_UNIT_TESTS=OFF
check_devices "release tests"

echo "== clang ASan + UBSan build: all unit tests, the CLI tests of inputs and outputs, and the libFuzzer targets (FASTA, BED, labels, motif, TOML and model metadata readers)"
# intercept_tls_get_addr=0: with LibTorch loaded by dlopen (its module,
# src/cli/torch_commands.hpp), clang 14's LeakSanitizer crashed at exit
# ("Tracer caught signal 11") in predict --ism runs while it walked the
# threads' dynamically allocated TLS; not tracking that TLS avoids it.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:intercept_tls_get_addr=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
run_suite build-asan "-O1 -g1 -DNDEBUG" -DGSATTN_SANITIZE=ON -DGSATTN_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++
check_devices "sanitizer tests"
