# Shared helpers for the CLI tests: each test script sources this file.
# Environment (set by CTest): GSATTN (binary), TEST_DATA, SOURCE_DIR.
set -euo pipefail

: "${GSATTN:?path of the gsattn binary}"
: "${TEST_DATA:?path of test-data/}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/gsattn-cli.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
FAILURES=0

fail() { echo "FAIL: $*" >&2; FAILURES=$((FAILURES + 1)); }
pass() { echo "ok: $*"; }

# expect_eq ACTUAL EXPECTED DESCRIPTION
expect_eq() {
    if [ "$1" == "$2" ]; then pass "$3"; else fail "$3: got '$1', expected '$2'"; fi
}

# expect_exit CODE STDERR_FRAGMENT -- COMMAND...: runs COMMAND, checks its
# exit code and that its standard error contains the fragment.
expect_exit() {
    local code=$1 fragment=$2
    shift 3
    local rc=0
    "$@" >"$WORK/.stdout" 2>"$WORK/.stderr" || rc=$?
    if [ "$rc" != "$code" ]; then
        fail "'$*' exited $rc, expected $code; stderr: $(head -c 300 "$WORK/.stderr")"
    elif ! grep -qF -- "$fragment" "$WORK/.stderr"; then
        fail "'$*' stderr lacks '$fragment': $(head -c 300 "$WORK/.stderr")"
    else
        pass "'$*' -> exit $code with '$fragment'"
    fi
}

# expect_no_files GLOB...: nothing (not even a temporary file) matches.
expect_no_files() {
    local found
    found=$(ls -A "$@" 2>/dev/null || true)
    if [ -z "$found" ]; then pass "no files left: $*"; else fail "files left behind: $found"; fi
}

# The files of the work directory outside out/ (the inputs), with their
# types, inodes and checksums: equal before and after a command that must
# not touch them.
snapshot_inputs() {
    find . -path ./out -prune -o ! -name '.stdout' ! -name '.stderr' -printf '%p %y %i\n' | LC_ALL=C sort
    find . -path ./out -prune -o -type f ! -name '.stdout' ! -name '.stderr' -print0 | LC_ALL=C sort -z |
        xargs -0 -r md5sum
}

# refused CODE FRAGMENT -- COMMAND...: COMMAND, writing into out/ (emptied
# first), exits CODE with FRAGMENT in its standard error, leaves nothing in
# out/ (no file, no partial or temporary file), and leaves every other file
# of the work directory (its inputs) as it was.
refused() {
    rm -rf out
    mkdir out
    local before
    before=$(snapshot_inputs)
    expect_exit "$@"
    expect_no_files out
    if [ "$(snapshot_inputs)" == "$before" ]; then
        pass "inputs unchanged: ${*:4}"
    else
        fail "'${*:4}' changed files outside out/: $(diff <(echo "$before") <(snapshot_inputs) | head -5)"
    fi
}

finish() {
    if [ "$FAILURES" -gt 0 ]; then
        echo "$FAILURES check(s) failed" >&2
        exit 1
    fi
    echo "all checks passed"
}
