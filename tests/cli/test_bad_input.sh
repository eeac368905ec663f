# Malformed and hostile inputs: each case must end with its exit code
# (1 bad input, 2 bad command line) and a message naming the problem, and
# must leave nothing in the output directory — no file, no partial file, no
# temporary file. A few hostile but valid inputs must succeed with the right
# output instead.
source "$(dirname "$0")/lib.sh"

empty_out() {
    rm -rf out
    mkdir out
}

"$GSATTN" simulate -n 40 -L 60 --seed 3 -o sim -q
"$GSATTN" train --fasta sim.fa --labels sim.labels.tsv --model sparse --epochs 1 --batch-size 16 \
    --embedding-dim 8 --heads 2 -q -o m.gsattn
cp "$TEST_DATA/reference/ref.fa" ref.fa
samtools faidx ref.fa  # indexed before the cases, which must leave every file outside out/ as it was
TRAIN=(train --fasta sim.fa --epochs 1 --embedding-dim 8 --heads 2 -q)
TRAIN_ON=(train --epochs 1 --embedding-dim 8 --heads 2 -q)
PREDICT=(predict -m m.gsattn -q)

# --- FASTA
: > empty.fa
head -c 3000 m.gsattn > binary.fa
printf 'ACGTACGT\nACGT\n' > no_header.fa
printf '>a\nACGTACGTAC\n>b\n>c\nACGTAAAA\n' > empty_record.fa
printf '>a\nACGTAC!GTAC\n' > invalid_char.fa
printf '>a\nACGT\n>a\nTTTT\n' > duplicate.fa
printf '>\nACGT\n' > no_name.fa
refused 1 "empty.fa: no FASTA records" -- "$GSATTN" "${PREDICT[@]}" --fasta empty.fa -o out/p.tsv
refused 1 "binary.fa:1: expected a FASTA header starting with '>', found 'PK\x03\x04" -- "$GSATTN" "${PREDICT[@]}" --fasta binary.fa -o out/p.tsv
refused 1 "truncated.fa.gz" -- "$GSATTN" "${PREDICT[@]}" --fasta "$TEST_DATA/fasta/truncated.fa.gz" -o out/p.tsv
refused 1 "no_header.fa:1" -- "$GSATTN" "${PREDICT[@]}" --fasta no_header.fa -o out/p.tsv
refused 1 "empty_record.fa:3: record 'b' has no sequence" -- "$GSATTN" "${PREDICT[@]}" --fasta empty_record.fa -o out/p.tsv
refused 1 "invalid_char.fa:2" -- "$GSATTN" "${PREDICT[@]}" --fasta invalid_char.fa -o out/p.tsv
refused 1 "no_name.fa:1" -- "$GSATTN" "${PREDICT[@]}" --fasta no_name.fa -o out/p.tsv
refused 1 "duplicate.fa:3: duplicate record name 'a'" -- "$GSATTN" "${TRAIN_ON[@]}" --fasta duplicate.fa \
    --labels sim.labels.tsv -o out/m.gsattn
refused 1 "missing.fa: cannot open" -- "$GSATTN" "${PREDICT[@]}" --fasta missing.fa -o out/p.tsv
refused 1 "cannot open" -- "$GSATTN" "${PREDICT[@]}" --fasta out -o out/p.tsv

# Hostile but valid: CRLF line ends and a 2 Mbp sequence on one line.
sed 's/$/\r/' sim.fa > crlf.fa
"$GSATTN" "${PREDICT[@]}" --fasta sim.fa -o lf.tsv
"$GSATTN" "${PREDICT[@]}" --fasta crlf.fa -o crlf.tsv
expect_eq "$(cmp lf.tsv crlf.tsv && echo same)" same "CRLF FASTA predicts as the LF one"
awk 'BEGIN { srand(4); printf ">long\n"; for (i = 0; i < 2000000; i++) printf "%s", substr("ACGT", int(rand() * 4) + 1, 1); print "" }' > long_line.fa
"$GSATTN" "${PREDICT[@]}" --fasta long_line.fa -o long.tsv
expect_eq "$(tail -n +2 long.tsv | cut -f1)" long "one 2 Mbp line is one record"

# --- BED regions of a reference
printf 'chr1\t50\t20\n' > start_after_end.bed
printf 'chr1\t-5\t20\n' > negative.bed
printf 'chr1\tten\t20\n' > non_numeric.bed
printf 'chr1\t0\t40\nchrX\t0\t40\n' > missing_chrom.bed
printf 'chr2\t40\t90\n' > past_end.bed
printf 'chr1\t10\n' > two_columns.bed
for bed in start_after_end negative non_numeric two_columns; do
    refused 1 "$bed.bed:1" -- "$GSATTN" "${PREDICT[@]}" --bed $bed.bed --reference ref.fa -o out/p.bed
done
refused 1 "missing_chrom.bed:2: sequence 'chrX' is not in the reference ref.fa" -- \
    "$GSATTN" "${PREDICT[@]}" --bed missing_chrom.bed --reference ref.fa -o out/p.bed
refused 1 "past_end.bed:1" -- "$GSATTN" select-positions -m m.gsattn -q --bed past_end.bed --reference ref.fa \
    -o out/s.bed
refused 1 "missing_ref.fa" -- "$GSATTN" "${PREDICT[@]}" --bed past_end.bed --reference missing_ref.fa -o out/p.bed

# --- labels
head -n 31 sim.labels.tsv > some_missing.tsv
awk -F'\t' 'BEGIN { OFS = FS } NR == 5 { $2 = "nan" } { print }' sim.labels.tsv > nan.tsv
awk -F'\t' 'BEGIN { OFS = FS } NR == 6 { $2 = "inf" } { print }' sim.labels.tsv > inf.tsv
awk -F'\t' 'BEGIN { OFS = FS } NR == 7 { $2 = "high" } { print }' sim.labels.tsv > word.tsv
awk -F'\t' 'BEGIN { OFS = FS } NR > 1 { $2 = "0.5" } { print }' sim.labels.tsv > constant.tsv
: > empty.tsv
refused 1 "some_missing.tsv" -- "$GSATTN" "${TRAIN[@]}" --labels some_missing.tsv -o out/m.gsattn
refused 1 "nan.tsv:5" -- "$GSATTN" "${TRAIN[@]}" --labels nan.tsv -o out/m.gsattn
refused 1 "inf.tsv:6" -- "$GSATTN" "${TRAIN[@]}" --labels inf.tsv -o out/m.gsattn
refused 1 "word.tsv:7" -- "$GSATTN" "${TRAIN[@]}" --labels word.tsv -o out/m.gsattn
refused 1 "all equal" -- "$GSATTN" "${TRAIN[@]}" --labels constant.tsv -o out/m.gsattn
refused 1 "empty.tsv" -- "$GSATTN" "${TRAIN[@]}" --labels empty.tsv -o out/m.gsattn
refused 1 "sim.labels.tsv:1: no column named 'nope'" -- "$GSATTN" "${TRAIN[@]}" --labels sim.labels.tsv --label-column nope -o out/m.gsattn

# --- motif files
printf '>M1 one\nA [ 1 2 3 ]\nC [ 1 2 ]\nG [ 1 2 3 ]\nT [ 1 2 3 ]\n' > unequal.jaspar
printf '>M1 one\nA [ ]\nC [ ]\nG [ ]\nT [ ]\n' > zero_columns.jaspar
printf '>M1 one\nA [ 1 2 3 ]\nC [ 1 -2 3 ]\nG [ 1 2 3 ]\nT [ 1 2 3 ]\n' > negative.jaspar
printf '>M1 one\nA [ 1 2 3 ]\nC [ 1 2 3 ]\n' > two_rows.jaspar
: > empty.jaspar
printf 'seq000001\t3\t4\n' > sel.bed
for motifs in unequal zero_columns negative two_rows empty; do
    refused 1 "$motifs.jaspar" -- "$GSATTN" enrich --selected sel.bed --fasta sim.fa --motifs $motifs.jaspar \
        -o out/e.tsv
done

# --- model files
head -c 2000 m.gsattn > truncated.gsattn
refused 1 "truncated.gsattn" -- "$GSATTN" predict -m truncated.gsattn --fasta sim.fa -o out/p.tsv
refused 1 "not a gsattn model file" -- "$GSATTN" predict -m "$TEST_DATA/fasta/multi.fa.gz" --fasta sim.fa -o out/p.tsv
refused 1 "not a gsattn model file" -- "$GSATTN" predict -m "$GSATTN" --fasta sim.fa -o out/p.tsv
refused 1 "empty.fa" -- "$GSATTN" predict -m empty.fa --fasta sim.fa -o out/p.tsv

# --- options out of range
refused 2 "--sparsity" -- "$GSATTN" "${TRAIN[@]}" --labels sim.labels.tsv --model sparse --sparsity 0 -o out/m.gsattn
refused 1 "--top-k 60 keeps every base of the longest training sequence (60 bp)" -- "$GSATTN" "${TRAIN[@]}" --labels sim.labels.tsv --model sparse --top-k 60 -o out/m.gsattn
refused 2 "--length" -- "$GSATTN" simulate -L 0 -o out/sim
refused 2 "--num-sequences: must be positive, not '0'" -- "$GSATTN" simulate -n 0 -o out/sim
refused 2 "--threads" -- "$GSATTN" "${PREDICT[@]}" --fasta sim.fa --threads 0 -o out/p.tsv
refused 2 "--step" -- "$GSATTN" "${PREDICT[@]}" --fasta sim.fa --window 20 --step 0 -o out/p.bedgraph
refused 2 "--epochs" -- "$GSATTN" "${TRAIN[@]}" --labels sim.labels.tsv --epochs 0 -o out/m.gsattn
printf '[train]\nepochs = "many"\n' > bad_type.toml
printf '[train]\nepochs = 3\nepocs = 4\n' > unknown_key.toml
refused 1 "bad_type.toml:2" -- "$GSATTN" "${TRAIN[@]}" --labels sim.labels.tsv --config bad_type.toml -o out/m.gsattn
refused 1 "unknown_key.toml:3" -- "$GSATTN" "${TRAIN[@]}" --labels sim.labels.tsv --config unknown_key.toml \
    -o out/m.gsattn

# --- where the output goes
touch not_a_dir
refused 1 "cannot create output" -- "$GSATTN" "${PREDICT[@]}" --fasta sim.fa -o out/no/such/dir/p.tsv
refused 1 "cannot create output" -- "$GSATTN" "${PREDICT[@]}" --fasta sim.fa -o not_a_dir/p.tsv
# Disk full: standard output on /dev/full, and a file that may not grow past 4 KB.
refused 1 "No space left on device" -- sh -c '"$0" "$@" > /dev/full' "$GSATTN" "${PREDICT[@]}" --fasta sim.fa -o -
refused 1 "write failed: File too large" -- sh -c 'trap "" XFSZ; ulimit -f 4; exec "$0" "$@"' \
    "$GSATTN" simulate -n 200 -L 100 -q -o out/sim
# A second output that cannot be written leaves the first one unwritten too.
refused 1 "cannot create output" -- "$GSATTN" select-positions -m m.gsattn -q --fasta sim.fa -o out/s.bed \
    --scores out/no/such/dir/s.bedgraph

# --- a virtual memory limit too small to start: a message, never a hang or an abort.
# (A sanitizer build reserves terabytes of shadow memory and cannot run under one.)
if ! grep -q '^GSATTN_SANITIZE:BOOL=ON' "${BUILD_DIR:-.}/CMakeCache.txt" 2>/dev/null; then
    refused 1 "the virtual memory limit (ulimit -v) of 781 MB is too low to start: raise it to at least" -- \
        sh -c 'ulimit -v 800000; exec timeout 60 "$0" "$@"' "$GSATTN" "${PREDICT[@]}" --fasta sim.fa -o out/p.tsv
fi

# --- interrupted: a signal removes the temporary output file.
empty_out
mkfifo slow.fa
("$GSATTN" "${PREDICT[@]}" --fasta slow.fa -o out/p.tsv & echo $! > pid; wait) &
exec 3> slow.fa   # the reader now waits for FASTA that never comes
for _ in $(seq 50); do [ -n "$(ls -A out)" ] && break; sleep 0.1; done
expect_eq "$(ls out | grep -c '^p.tsv.tmp')" 1 "while running, the output is a temporary file"
kill -TERM "$(cat pid)"
wait
exec 3>&-
expect_no_files out

finish
