# gsattn --version / --help / unknown commands and options / exit codes.
source "$(dirname "$0")/lib.sh"

version=$("$GSATTN" --version)
case "$version" in
    "gsattn 0."*"htslib 1."*"LibTorch "*"OpenBLAS "*) pass "--version names gsattn, htslib, LibTorch and the BLAS kernel" ;;
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

# Messages a user can act on.
# Every subcommand takes --version (the completion script lists each one's
# options), and prints what gsattn --version prints.
rc=0
out=$("$GSATTN" predict --version 2>&1) || rc=$?
expect_eq "$rc:$out" "0:$version" "gsattn predict --version"
completion=$("$GSATTN" completion bash)
expect_eq "$(grep -cE '^ +options=".* --version"$' <<<"$completion")" 6 "each of the 6 subcommands takes --version"
# An unknown option is named as such, before any missing required option.
expect_exit 2 "The following argument was not expected: --bogus" -- "$GSATTN" predict --bogus
expect_exit 2 "The following arguments were not expected: --bogus --frob" -- "$GSATTN" train --bogus --frob
# A model file that does not exist is said not to exist.
expect_exit 1 "missing.gsattn: cannot open: No such file or directory" -- \
    "$GSATTN" predict -m missing.gsattn --fasta "$TEST_DATA/lafleur300.fa"
# A warning survives -q (an enrich motif that cannot reach --pvalue), and is
# marked as a warning; -q hides the rest.
printf 'LF00000\t10\t20\n' > one.bed
rc=0
"$GSATTN" enrich -q --selected one.bed --fasta "$TEST_DATA/lafleur300.fa" \
    --motifs "$SOURCE_DIR/share/motifs/sigma70_minus10.jaspar" --pvalue 1e-9 -o e.tsv 2>quiet.err || rc=$?
expect_eq "$rc:$(grep -c '^gsattn: warning: motif .* cannot reach p <= 1e-09' quiet.err):$(wc -l <quiet.err)" "0:1:1" \
    "enrich -q prints the warning and nothing else"
"$GSATTN" enrich --selected one.bed --fasta "$TEST_DATA/lafleur300.fa" \
    --motifs "$SOURCE_DIR/share/motifs/sigma70_minus10.jaspar" --pvalue 1e-9 -o e.tsv 2>normal.err
expect_eq "$(grep -c 'warning' normal.err):$(awk 'END { print (NR > 1) }' normal.err)" "1:1" \
    "without -q the same warning comes with the usual information"

sim_help=$("$GSATTN" simulate --help)
for opt in --num-sequences --length --motifs --min-motifs --max-motifs --noise --gc \
           --sample-instances --combine --hit-pvalue --output --threads --seed --quiet --verbose; do
    if grep -q -- "$opt" <<<"$sim_help"; then pass "simulate --help has $opt"; else fail "simulate --help lacks $opt"; fi
done
finish
