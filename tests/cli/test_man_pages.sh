# Man pages render without warnings and document every option of --help.
source "$(dirname "$0")/lib.sh"
: "${SOURCE_DIR:?the source tree}"

for page in "$SOURCE_DIR"/man/*.1; do
    warnings=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$page" 2>&1 >/dev/null)
    expect_eq "$warnings" "" "$(basename "$page") renders without warnings"
done

# Every long option in `gsattn simulate --help` appears in its man page.
text=$(MANWIDTH=200 man -l "$SOURCE_DIR/man/gsattn-simulate.1" 2>/dev/null)
for opt in $("$GSATTN" simulate --help | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
    if grep -qF -- "$opt" <<<"$text"; then pass "gsattn-simulate.1 documents $opt"; else fail "gsattn-simulate.1 lacks $opt"; fi
done
finish
