# Text inputs that are valid but unusual, or hostile: names that look like
# header lines, text that would break an output line, regions and data sets
# that do not fit together, stale or unwritable indexes, byte-order marks,
# NUL bytes and lines that never end. Each case must either give the right
# output or be refused with a message naming the problem.
source "$(dirname "$0")/lib.sh"

"$GSATTN" simulate -n 40 -L 60 --seed 3 -o sim -q
"$GSATTN" train --fasta sim.fa --labels sim.labels.tsv --model sparse --epochs 1 --batch-size 16 \
    --embedding-dim 8 --heads 2 -q -o m.gsattn
PREDICT=(predict -m m.gsattn -q)

# A reference of two sequences named like a UCSC track and browser line, and
# the same bases under other names, to compare the predictions with.
awk 'NR <= 4' sim.fa | sed -e 's/^>seq000001/>track1/' -e 's/^>seq000002/>browser_2/' > named.fa
awk 'NR <= 4' sim.fa > plain.fa

# --- header lines: only before the first record, and only the word itself.
printf 'track name=regions\ntrack1\t0\t60\tr1\t0\t+\nbrowser_2\t0\t60\tr2\t0\t+\n' > named.bed
printf 'seq000001\t0\t60\tr1\t0\t+\nseq000002\t0\t60\tr2\t0\t+\n' > plain.bed
"$GSATTN" "${PREDICT[@]}" --bed named.bed --reference named.fa -o named.out
"$GSATTN" "${PREDICT[@]}" --bed plain.bed --reference plain.fa -o plain.out
expect_eq "$(cut -f1 named.out | tr '\n' ' ')" "track1 browser_2 " "regions on sequences named track1, browser_2 read"
expect_eq "$(cut -f2- named.out)" "$(cut -f2- plain.out)" "and predicted as the same bases under other names"

# --- text written into an output line: refused, not written.
refused 2 "--track-name: must hold no '\"', tab, newline" -- "$GSATTN" select-positions -m m.gsattn --fasta sim.fa \
    --track-name $'x" description="y\nseq000001\t1\t2' -o out/s.bed

# --- --regions on no sequence of the input; one set used twice in training.
printf 'chr1\t0\t30\n' > elsewhere.bed
refused 1 "elsewhere.bed: no region is on a sequence of the input (the regions are on chr1)" -- \
    "$GSATTN" select-positions -m m.gsattn -q --fasta sim.fa --regions elsewhere.bed -o out/s.bed
refused 1 "elsewhere.bed: no region is on a sequence of the input" -- \
    "$GSATTN" "${PREDICT[@]}" --fasta sim.fa --window 20 --step 20 --regions elsewhere.bed -o out/p.bedgraph
refused 1 "sim.fa: record 'seq000001' is also in --fasta sim.fa" -- "$GSATTN" train --fasta sim.fa \
    --labels sim.labels.tsv --val-fasta sim.fa --test-fasta plain.fa --epochs 1 --embedding-dim 8 --heads 2 -q \
    -o out/m.gsattn

# --- a reference changed after it was indexed: the old index would read wrong
# bases, so an index older than its FASTA is checked against a fresh one.
cp plain.fa reordered.fa
"$GSATTN" "${PREDICT[@]}" --bed plain.bed --reference reordered.fa -o indexed.bed
{ tail -n 2 plain.fa; head -n 2 plain.fa; } > reordered.new && mv reordered.new reordered.fa
touch -d '1 hour ago' reordered.fa.fai
"$GSATTN" predict -m m.gsattn --bed plain.bed --reference reordered.fa -o reordered.out 2> reordered.err
expect_eq "$(cmp reordered.out plain.out && echo same)" same "a reordered reference with a stale index: the right bases"
expect_eq "$(grep -c 'warning: the index reordered.fa.fai is out of date' reordered.err)" 1 "and a warning saying so"
cp plain.fa copied.fa && samtools faidx copied.fa && touch -d '1 hour ago' copied.fa.fai
"$GSATTN" predict -m m.gsattn --bed plain.bed --reference copied.fa -o copied.out 2> copied.err
expect_eq "$(cmp copied.out plain.out && echo same) $(grep -c warning copied.err)" "same 0" \
    "an index older than its unchanged FASTA (a copy) is used without a word"

# --- an index that cannot be written beside the reference (as root, a
# dangling link stands in for a read-only directory): built elsewhere.
mkdir readonly && cp plain.fa readonly/ && ln -s /nonexistent/plain.fa.fai readonly/plain.fa.fai
"$GSATTN" predict -m m.gsattn --bed plain.bed --reference readonly/plain.fa -o readonly.out 2> readonly.err ||
    fail "an unwritable index: $(cat readonly.err)"
expect_eq "$(cmp readonly.out plain.out && echo same)" same "an unwritable index: predictions as with one"
expect_eq "$(grep -c 'warning: cannot write the index readonly/plain.fa.fai' readonly.err)" 1 "and a warning saying so"

# --- messages: a NUL is shown escaped, not the end of the message; a
# byte-order mark is skipped.
printf '\0>seq1\nACGT\n' > nul.fa
refused 1 "nul.fa:1: expected a FASTA header starting with '>', found '\\x00>seq1'" -- \
    "$GSATTN" "${PREDICT[@]}" --fasta nul.fa -o out/p.tsv
printf '\xef\xbb\xbf' | cat - plain.fa > bom.fa
"$GSATTN" "${PREDICT[@]}" --fasta plain.fa -o plain.tsv
"$GSATTN" "${PREDICT[@]}" --fasta bom.fa -o bom.tsv 2> bom.err || fail "a byte-order mark: $(cat bom.err)"
expect_eq "$(cmp bom.tsv plain.tsv && echo same)" same "a FASTA with a byte-order mark predicts as without"

# --- a line that never ends: refused once a piece of it is read, not held
# whole in memory. The writer keeps the FIFO open after 2 MB, so a reader
# that waited for the end of the line would wait until the timeout.
endless() {
    mkfifo endless.fa
    ( "$@"; exec sleep 120 ) > endless.fa &
    local writer=$!
    refused 1 "$fragment" -- timeout 60 "$GSATTN" "${PREDICT[@]}" --fasta endless.fa -o out/p.tsv
    kill "$writer" 2> /dev/null || true  # gone already when the reader's exit broke its pipe
    wait "$writer" 2> /dev/null || true
    rm endless.fa
}
fragment="endless.fa:1: FASTA header is longer than 1048576 bytes"
endless sh -c 'printf ">"; head -c 2000000 /dev/zero | tr "\0" n'
fragment="endless.fa:2: record 'x': invalid nucleotide byte 0x00 at position 1"
endless sh -c 'printf ">x\n"; head -c 2000000 /dev/zero'

finish
