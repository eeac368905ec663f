# Genome tracks: assembly gaps (N runs) and soft-masking in window scans and
# selected positions, bigWig outputs read back with libBigWig (pyBigWig),
# and models named by name from a share directory.
source "$(dirname "$0")/lib.sh"

"$GSATTN" simulate -n 60 -L 100 --seed 3 -o sim -q
"$GSATTN" train --fasta sim.fa --labels sim.labels.tsv --epochs 1 --batch-size 16 --embedding-dim 8 --heads 2 \
    --stem-layers 2 -q -o m.gsattn

# A record of 12 kbp with a 5-kbp N run at [3000, 8000), an all-N record, and
# a record whose first 1 kbp is soft-masked.
awk 'BEGIN {
    srand(7); split("A C G T", b, " ")
    for (i = 0; i < 12000; i++) s = s b[int(rand() * 4) + 1]
    gap = substr(s, 1, 3000); for (i = 0; i < 5000; i++) gap = gap "N"; gap = gap substr(s, 8001)
    n = ""; for (i = 0; i < 500; i++) n = n "N"
    print ">gap"; print gap; print ">alln"; print n
    print ">soft"; print tolower(substr(s, 1, 1000)) substr(s, 9001, 1000)
}' > genome.fa
SCAN=(predict -m m.gsattn --fasta genome.fa --window 100 --step 20)

# --- window scans skip windows with more than --max-n N
# expected_windows LENGTH GAP_START GAP_END: the starts of the windows of 100
# every 20 that hold at most 10 N of [GAP_START, GAP_END), reported at +40.
expected_windows() {
    awk -v size="$1" -v from="$2" -v to="$3" 'BEGIN {
        for (s = 0; s + 100 <= size; s += 20) {
            lo = s > from ? s : from; hi = s + 100 < to ? s + 100 : to
            if (hi - lo <= 10) print s + 40
        } }'
}
"$GSATTN" "${SCAN[@]}" -o scan.bedGraph 2> scan.log
expect_eq "$(awk '$1 == "alln"' scan.bedGraph | wc -l)" 0 "an all-N record has no windows"
expect_eq "$(awk '$1 == "gap" { print $2 }' scan.bedGraph)" "$(expected_windows 12000 3000 8000)" \
    "the gap record: every window with at most 10 % N, and no other"
expect_eq "$(awk '$1 == "gap" && $2 >= 3000 && $3 <= 8000' scan.bedGraph | wc -l)" 0 "no window reported inside the gap"
left_out=$(( $(expected_windows 12000 0 0 | wc -l) - $(expected_windows 12000 3000 8000 | wc -l) + 21 ))
expect_eq "$(grep -o 'left out [0-9]* with more than 10 % N' scan.log)" "left out $left_out with more than 10 % N" \
    "the log counts the windows left out (the gap record's and the all-N record's 21)"
# On a terminal (script gives the command one), a progress bar: bases done, rate, time left.
script -qec "$(printf '%q ' "$GSATTN" "${SCAN[@]}" --batch-size 100 -o tty.bedGraph)" /dev/null > tty.log
expect_eq "$(tr '\r' '\n' < tty.log | grep -cE '^gsattn: gap \[#*\.*\] [0-9.]+/0\.01 Mbp, [0-9.]+ Mbp/s, [0-9]+ s left')" 4 \
    "a progress bar per batch of the gap record on a terminal (4 of its 6 batches of 100 hold windows it keeps)"
expect_eq "$(paste tty.bedGraph scan.bedGraph | awk '$1 != $5 || $2 != $6 { bad++ }
    { d = $4 - $8; if (d < 0) d = -d; if (d > 1e-6) bad++ } END { print NR, bad + 0 }')" "$(wc -l < scan.bedGraph) 0" \
    "the same windows and values (to 1e-6) in batches of 100 as of 4096"
"$GSATTN" "${SCAN[@]}" --max-n 1 -o all.bedGraph -q
expect_eq "$(awk '$1 == "alln"' all.bedGraph | wc -l)" 21 "--max-n 1 scores even all-N windows"

# --- soft-masked bases are bases unless --mask-lowercase
"$GSATTN" "${SCAN[@]}" --mask-lowercase -o masked.bedGraph -q
expect_eq "$(awk '$1 == "soft"' scan.bedGraph | wc -l)" 96 "soft-masked bases are scored as bases by default"
expect_eq "$(awk '$1 == "soft" { print $2 }' masked.bedGraph)" "$(expected_windows 2000 0 1000)" \
    "--mask-lowercase: the soft-masked kilobase counts as N"
expect_eq "$(diff <(awk '$1 == "gap"' scan.bedGraph) <(awk '$1 == "gap"' masked.bedGraph) && echo same)" same \
    "--mask-lowercase leaves upper-case records alone"

# --- select-positions never keeps an N
"$GSATTN" select-positions -m m.gsattn --fasta genome.fa --scores scores.bedGraph -o kept.bed 2> kept.log
expect_eq "$(awk '$1 == "alln"' kept.bed | wc -l)" 0 "no position of an all-N record is kept"
expect_eq "$(awk '$1 == "gap" && $2 >= 3000 && $2 < 8000' kept.bed | wc -l)" 0 "no position of the N run is kept"
expect_eq "$(awk '$1 == "gap"' kept.bed | wc -l)" 700 "10 % of the gap record's 7,000 other bases are kept"
expect_eq "$(awk '$1 == "gap" && $2 >= 3000 && $2 < 8000' scores.bedGraph | wc -l)" 0 "--scores leaves the N run out"
expect_eq "$(grep -v '^#' scores.bedGraph | wc -l)" $((7000 + 2000)) "--scores: a value for every other base"
grep -q "5500 N positions never kept" kept.log && pass "the log counts the N positions" ||
    fail "the log does not count the N positions: $(cat kept.log)"
script -qec "$(printf '%q ' "$GSATTN" select-positions -m m.gsattn --fasta genome.fa -o tty.bed)" /dev/null > tty2.log
expect_eq "$(tr '\r' '\n' < tty2.log | grep -cE '^gsattn: gap \[#+\] 0\.01/0\.01 Mbp, [0-9.]+ Mbp/s, 0 s left')" 1 \
    "select-positions: a progress bar on a terminal"
expect_eq "$(cat tty.bed)" "$(cat kept.bed)" "select-positions: the same positions with the bar"
"$GSATTN" select-positions -m m.gsattn --fasta genome.fa --mask-lowercase -o kept_masked.bed -q
expect_eq "$(awk '$1 == "soft" && $2 < 1000' kept_masked.bed | wc -l)" 0 "--mask-lowercase: no soft-masked base is kept"
expect_eq "$(awk '$1 == "soft" && $2 < 1000' kept.bed | wc -l | awk '{ print ($1 > 0) }')" 1 \
    "without it, soft-masked bases can be kept"

# --- bigWig: the same values as the bedGraph, read back with libBigWig
"$GSATTN" "${SCAN[@]}" -o scan.bw -q
"$GSATTN" select-positions -m m.gsattn --fasta genome.fa --scores scores.bw -o kept2.bed -q
printf '>short\nACGTTGCATGCATGCAAAATTTGGGCCCATATATAAGGCGCGCAATTGC\n' > short.fa
"$GSATTN" predict -m m.gsattn --fasta short.fa --ism ism.bedGraph -o /dev/null -q
"$GSATTN" predict -m m.gsattn --fasta short.fa --ism ism.bw -o /dev/null -q
read_back() {
    /usr/bin/python3 - "$1" <<'EOF'
import sys, pyBigWig
bw = pyBigWig.open(sys.argv[1])
for chrom in bw.chroms():
    for start, end, value in bw.intervals(chrom) or []:
        print(f"{chrom}\t{start}\t{end}\t{value:.6g}")
EOF
}
same_values() {  # bigWig BW against bedGraph BG: every interval, values equal as floats
    paste <(read_back "$1") <(grep -v '^#' "$2") | awk -F'\t' '
        $1 != $5 || $2 != $6 || $3 != $7 { bad++ }
        { d = $4 - $8; if (d < 0) d = -d; if (d > 1e-6 * (1 + ($8 < 0 ? -$8 : $8))) bad++ }
        END { print NR, bad + 0 }'
}
expect_eq "$(same_values scan.bw scan.bedGraph)" "$(grep -vc '^#' scan.bedGraph) 0" "predict --window -o x.bw reads back as the bedGraph"
expect_eq "$(same_values scores.bw scores.bedGraph)" "$(grep -vc '^#' scores.bedGraph) 0" \
    "select-positions --scores x.bw reads back as the bedGraph"
expect_eq "$(same_values ism.bw ism.bedGraph)" "49 0" "predict --ism x.bw reads back as the bedGraph"
expect_eq "$(/usr/bin/python3 -c 'import pyBigWig, sys; print(pyBigWig.open(sys.argv[1]).isBigWig())' scan.bw)" True \
    "the .bw is a bigWig"
chroms() { /usr/bin/python3 -c 'import pyBigWig, sys; print(sorted(pyBigWig.open(sys.argv[1]).chroms().items()))' "$1"; }
expect_eq "$(chroms scan.bw)" "[('gap', 12000), ('soft', 2000)]" "the scan's bigWig: each record at its own length"
expect_eq "$(chroms scores.bw)" "[('gap', 12000), ('soft', 2000)]" "the scores' bigWig: each record at its own length"
expect_eq "$(chroms ism.bw)" "[('short', 49)]" "the ISM bigWig: the record at its own length"
printf 'gap\t100\t600\tr1\t0\t-\n' > region.bed
"$GSATTN" select-positions -m m.gsattn --bed region.bed --reference genome.fa --scores region.bw -o region.out.bed -q
"$GSATTN" predict -m m.gsattn --bed region.bed --reference genome.fa --ism region.ism.bw -o /dev/null -q
expect_eq "$(chroms region.bw) $(chroms region.ism.bw)" "[('gap', 12000)] [('gap', 12000)]" \
    "--bed: the bigWigs give the reference sequence's length"
refused 1 "a bigWig holds bedGraph intervals" -- "$GSATTN" predict -m m.gsattn --fasta short.fa -o out/x.bw -q
refused 2 "" -- "$GSATTN" predict -m m.gsattn --fasta short.fa --max-n 1.5 -o out/x.tsv -q
# A write that fails (here a file-size limit of 4 KiB): libBigWig only prints a warning, the read-back catches it.
refused 1 "x.bw: cannot write bigWig" -- bash -c 'trap "" XFSZ; ulimit -f 4; exec "$0" "$@"' \
    "$GSATTN" predict -m m.gsattn --fasta genome.fa --window 100 --step 5 -o out/x.bw -q
awk '$1 == ">alln" { print; getline; print }' genome.fa > alln.fa
refused 1 "no intervals to write: a bigWig needs at least one" -- \
    "$GSATTN" predict -m m.gsattn --fasta alln.fa --window 100 --step 20 -o out/x.bw -q

# --- models by name: -m NAME finds share/models/NAME.gsattn, --list-models lists them
mkdir -p share/motifs share/models
cp m.gsattn share/models/tiny.gsattn
printf '# tiny: a model for this test\n\nnothing else\n' > share/models/tiny.md
"$GSATTN" predict -m m.gsattn --fasta short.fa -q -o by_path.tsv
GSATTN_SHARE=$PWD/share "$GSATTN" predict -m tiny --fasta short.fa -q -o by_name.tsv
expect_eq "$(cat by_name.tsv)" "$(cat by_path.tsv)" "-m NAME predicts with the shipped model of that name"
expect_eq "$(GSATTN_SHARE=$PWD/share "$GSATTN" predict --list-models | tail -n +2 | cut -f1,2,3)" \
    "$(printf 'tiny\ta model for this test\t%s' "$PWD/share/models/tiny.gsattn")" "--list-models: name, title, file"
GSATTN_SHARE=$PWD/share "$GSATTN" select-positions -m tiny --fasta short.fa -q -o by_name.bed
"$GSATTN" select-positions -m m.gsattn --fasta short.fa -q -o by_path.bed
expect_eq "$(cat by_name.bed)" "$(cat by_path.bed)" "select-positions -m NAME"
GSATTN_SHARE=$PWD/share expect_exit 1 "nosuch: no such model file, nor a shipped model of that name (shipped: tiny" -- \
    "$GSATTN" predict -m nosuch --fasta short.fa
expect_exit 1 "missing.gsattn: cannot open" -- "$GSATTN" predict -m missing.gsattn --fasta short.fa
finish
