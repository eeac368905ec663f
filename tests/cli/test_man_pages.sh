# Man pages render without warnings, have the sections every page needs, and
# document every option of --help: gsattn-COMMAND.1 every long option of
# `gsattn COMMAND --help`, gsattn.1 those of `gsattn --help` and of
# `gsattn completion --help`.
source "$(dirname "$0")/lib.sh"
: "${SOURCE_DIR:?the source tree}"

COMMANDS=(simulate train predict select-positions enrich completion)
SECTIONS=("EXIT STATUS" "FILES" "EXAMPLES" "SEE ALSO")

# The page that documents COMMAND (completion has none of its own).
page_of() { if [ "$1" == completion ]; then echo gsattn.1; else echo "gsattn-$1.1"; fi; }

# gsattn takes most of this test's time (it loads LibTorch at start-up), so
# every --help runs in the background while the pages render:
# help.NAME holds its output and rc.NAME its exit status.
for cmd in gsattn "${COMMANDS[@]}"; do
    args=("$cmd" --help)
    [ "$cmd" == gsattn ] && args=(--help)
    ( rc=0; "$GSATTN" "${args[@]}" >"$WORK/help.$cmd" 2>&1 || rc=$?; echo "$rc" >"$WORK/rc.$cmd" ) &
done

# Each page is rendered once, by one man process, as a reader sees it at 80
# columns: troff's warnings go to a file, the text (formatting stripped, since
# stdout is not a terminal) is kept with the words that were hyphenated at a
# line end joined again.
HYPHEN=$'\xe2\x80\x90'  # U+2010, the hyphen groff adds where it breaks a word
declare -A TEXT
for page in "$SOURCE_DIR"/man/*.1; do
    name=$(basename "$page")
    rendered=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l "$page" 2>"$WORK/warnings")
    expect_eq "$(<"$WORK/warnings")" "" "$name renders without warnings"
    TEXT[$name]=$(LC_ALL=C.UTF-8 sed -z "s/$HYPHEN\n[[:space:]]*//g" <<<"$rendered")
    for section in "${SECTIONS[@]}"; do
        if [[ $'\n'"${TEXT[$name]}"$'\n' == *$'\n'"$section"$'\n'* ]]; then
            pass "$name has section $section"
        else
            fail "$name lacks section $section"
        fi
    done
done

# expect_documents PAGE HELP_TEXT WHAT: every long option HELP_TEXT names
# appears in PAGE as a whole word (--merge is not found inside --merge-gap).
expect_documents() {
    local page=$1 help=$2 what=$3 opt
    if [ -z "${TEXT[$page]+set}" ]; then
        fail "no man page $page for $what"
        return
    fi
    for opt in $(grep -oE -- '--[a-z][a-z0-9-]*' <<<"$help" | sort -u); do
        if [[ ${TEXT[$page]} =~ (^|[^a-z0-9-])"$opt"([^a-z0-9-]|$) ]]; then
            pass "$page documents $what $opt"
        else
            fail "$page lacks $what $opt"
        fi
    done
}

wait
help=$(<"$WORK/help.gsattn")
expect_eq "$(<"$WORK/rc.gsattn")" 0 "gsattn --help exits 0"
expect_documents gsattn.1 "$help" "gsattn"
# Every subcommand gsattn lists is one of COMMANDS (so it has a page) and is
# named in gsattn.1.
for cmd in $(sed -n '/^Subcommands:/,/^$/p' <<<"$help" | awk 'NR > 1 && NF { print $1 }'); do
    if [[ " ${COMMANDS[*]} " == *" $cmd "* ]]; then pass "subcommand $cmd is checked"; else fail "subcommand $cmd has no page here"; fi
    if [[ ${TEXT[gsattn.1]} =~ (^|[^a-z0-9-])"$cmd"([^a-z0-9-]|$) ]]; then pass "gsattn.1 names $cmd"; else fail "gsattn.1 lacks subcommand $cmd"; fi
done

for cmd in "${COMMANDS[@]}"; do
    help=$(<"$WORK/help.$cmd")
    rc=$(<"$WORK/rc.$cmd")
    if [ "$rc" != 0 ]; then
        fail "gsattn $cmd --help exited $rc: $(head -n 1 <<<"$help")"
        continue
    fi
    expect_documents "$(page_of "$cmd")" "$help" "gsattn $cmd"
done
finish
