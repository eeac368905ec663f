# gsattn --version / --help / unknown commands and options / exit codes.
source "$(dirname "$0")/lib.sh"

version=$("$GSATTN" --version)
case "$version" in
    "gsattn 0."*"htslib 1."*"LibTorch "*) pass "--version names gsattn, htslib and LibTorch" ;;
    *) fail "--version printed '$version'" ;;
esac

help=$("$GSATTN" --help)
for cmd in simulate train predict select-positions enrich; do
    if grep -q "^  $cmd " <<<"$help"; then pass "--help lists $cmd"; else fail "--help lacks $cmd"; fi
done

expect_exit 2 "unknown command 'frobnicate'" -- "$GSATTN" frobnicate
expect_exit 2 "not expected: --bogus" -- "$GSATTN" simulate --bogus -o x
expect_exit 2 "Run 'gsattn simulate --help'" -- "$GSATTN" simulate --bogus -o x
expect_exit 2 "is required" -- "$GSATTN" simulate
expect_exit 2 "--threads" -- "$GSATTN" simulate -o x --threads 0
expect_exit 2 "--length" -- "$GSATTN" simulate -o x -L 0
expect_exit 2 "--combine" -- "$GSATTN" simulate -o x --combine product
expect_exit 2 "Usage: gsattn" -- "$GSATTN"
expect_exit 1 "x.bed: cannot open" -- "$GSATTN" enrich --selected x.bed --fasta "$TEST_DATA/lafleur300.fa" -o x.tsv
expect_no_files x.fa x.labels.tsv x.motifs.bed x.tsv x.*.tmp.*

sim_help=$("$GSATTN" simulate --help)
for opt in --num-sequences --length --motifs --min-motifs --max-motifs --noise --gc \
           --sample-instances --combine --hit-pvalue --output --threads --seed --quiet --verbose; do
    if grep -q -- "$opt" <<<"$sim_help"; then pass "simulate --help has $opt"; else fail "simulate --help lacks $opt"; fi
done
finish
