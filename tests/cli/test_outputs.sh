# Where outputs go: devices, FIFOs, /dev/stdout and links are written in
# place or through, never replaced; an output that is an input, or another
# output, is refused before any work; outputs that cannot be written are
# refused before training. Devices are tested in a private mount namespace
# with its own /dev, never on the machine's real /dev.
source "$(dirname "$0")/lib.sh"

"$GSATTN" simulate -n 40 -L 60 --seed 3 -o sim -q
"$GSATTN" train --fasta sim.fa --labels sim.labels.tsv --epochs 1 --batch-size 16 --embedding-dim 8 --heads 2 \
    -q -o m.gsattn
"$GSATTN" predict -m m.gsattn --fasta sim.fa -q -o expected.tsv
PREDICT=(predict -m m.gsattn --fasta sim.fa -q)

# --- devices and /dev/stdout, in a /dev of our own
if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
    chmod 755 "$WORK"
    cat > in_private_dev.sh <<'EOF'
set -eu
mount -t tmpfs gsattn-test-dev /dev
mknod -m 666 /dev/null c 1 3
mknod -m 666 /dev/full c 1 7
mknod -m 666 /dev/urandom c 1 9
ln -s /proc/self/fd/1 /dev/stdout
rc=0; "$@" -o /dev/null 2>&1 || rc=$?
echo "null: exit $rc, $(stat -c %F /dev/null)"
rc=0; "$@" -o /dev/full 2> full.err || rc=$?
echo "full: exit $rc, $(stat -c %F /dev/full), $(grep -c 'No space left on device' full.err)"
"$@" -o /dev/stdout > via_dev_stdout.tsv
echo "stdout: $(stat -c %F /dev/stdout)"
rc=0; setpriv --reuid=65534 --regid=65534 --clear-groups "$@" -o /dev/null 2>&1 || rc=$?
echo "null as a user: exit $rc"
EOF
    expect_eq "$(unshare -m sh in_private_dev.sh "$GSATTN" "${PREDICT[@]}")" \
        "$(printf 'null: exit 0, character special file\nfull: exit 1, character special file, 1\nstdout: symbolic link\nnull as a user: exit 0')" \
        "-o /dev/null, /dev/full and /dev/stdout write the device; the devices and the link stay"
    expect_eq "$(cmp via_dev_stdout.tsv expected.tsv && echo same)" same "-o /dev/stdout writes standard output"
elif [ "$(id -u)" = 0 ]; then
    fail "the device cases need unshare -m (a private /dev), which this root cannot use"
else
    echo "skip: the device cases need root (a private /dev is made with unshare -m and mknod); CI runs as root"
fi

# --- FIFOs, descriptors, links
mkfifo fifo
timeout 60 cat fifo > via_fifo.tsv &
reader=$!
"$GSATTN" "${PREDICT[@]}" -o fifo || true
[ -p fifo ] || exec 3<> fifo  # a program that replaced the FIFO leaves its reader waiting: end it
wait $reader || true
expect_eq "$(cmp via_fifo.tsv expected.tsv && echo same)" same "a FIFO gets the output"
expect_eq "$(stat -c %F fifo)" fifo "the FIFO is still a FIFO"
"$GSATTN" "${PREDICT[@]}" -o /proc/self/fd/1 > via_proc.tsv
expect_eq "$(cmp via_proc.tsv expected.tsv && echo same)" same "-o /proc/self/fd/1 writes standard output"
echo 'kept line' > appended.tsv
"$GSATTN" "${PREDICT[@]}" -o /dev/stdout >> appended.tsv
expect_eq "$(head -1 appended.tsv)" "kept line" "-o /dev/stdout keeps the shell's >> append"
echo old > target.tsv
ln -s target.tsv link.tsv
"$GSATTN" "${PREDICT[@]}" -o link.tsv
expect_eq "$(stat -c %F link.tsv) $(cmp target.tsv expected.tsv && echo same)" "symbolic link same" \
    "a link is written through to its target"
long_name=$(printf 'n%.0s' $(seq 250)).tsv
"$GSATTN" "${PREDICT[@]}" -o "$long_name"
expect_eq "$(cmp "$long_name" expected.tsv && echo same)" same "a 254-character file name"

# --- a name ending in .gz: BGZF, which gsattn, bgzip and tabix read back
"$GSATTN" "${PREDICT[@]}" -o preds.tsv.gz
expect_eq "$(htsfile preds.tsv.gz | grep -c 'BGZF-compressed')" 1 "-o x.tsv.gz writes BGZF"
expect_eq "$(bgzip -dc preds.tsv.gz | cmp - expected.tsv && echo same)" same "bgzip -d gives the plain output"
# Every BED and bedGraph output, track line included, is tabix-ready: its
# own .gz directly, a plain one after bgzip.
"$GSATTN" select-positions -m m.gsattn --fasta sim.fa -q -o kept.bed.gz --scores scores.bedGraph.gz
"$GSATTN" select-positions -m m.gsattn --fasta sim.fa -q -o kept.bed --scores scores.bedGraph
"$GSATTN" enrich --selected kept.bed --fasta sim.fa -q -o /dev/null --hits hits.bed
"$GSATTN" predict -m m.gsattn --fasta sim.fa --window 30 --step 10 -q -o windows.bedGraph
for plain in hits.bed windows.bedGraph; do bgzip -c "$plain" > "$plain.gz"; done
for track in kept.bed scores.bedGraph hits.bed windows.bedGraph; do
    tabix -p bed "$track.gz" 2> tabix.err || true
    expect_eq "$(tabix "$track.gz" seq000002 2>> tabix.err | sort | md5sum) $(cat tabix.err)" \
        "$(awk '$1 == "seq000002"' "$track" | sort | md5sum) " \
        "tabix -p bed indexes $track.gz and a region query returns that sequence's lines"
done
expect_eq "$(awk '$1 == "seq000002"' kept.bed | awk 'END { print (NR > 0) }')" 1 "the region query has lines to find"
"$GSATTN" enrich --selected kept.bed.gz --fasta sim.fa -q -o from_gz.tsv
"$GSATTN" enrich --selected kept.bed --fasta sim.fa -q -o from_plain.tsv
expect_eq "$(cmp from_gz.tsv from_plain.tsv && echo same)" same "gsattn reads its own .bed.gz back"

# --- an output that is an input, or another output
printf 'seq000001\t3\t9\n' > sel.bed
ln sim.fa hard_link.fa
refused 2 "--fasta sim.fa and --output ./sim.fa are the same file" -- "$GSATTN" "${PREDICT[@]}" -o ./sim.fa
refused 2 "--model m.gsattn and --output m.gsattn are the same file" -- "$GSATTN" "${PREDICT[@]}" -o m.gsattn
refused 2 "--fasta hard_link.fa and --output sim.fa are the same file" -- \
    "$GSATTN" predict -m m.gsattn --fasta hard_link.fa -q -o sim.fa
refused 2 "--labels sim.labels.tsv and --output sim.labels.tsv are the same file" -- \
    "$GSATTN" train --fasta sim.fa --labels sim.labels.tsv --epochs 1 -q -o sim.labels.tsv
cp sim.labels.tsv lab.metrics.json
refused 2 "--labels lab.metrics.json and --output's metrics lab.metrics.json are the same file" -- \
    "$GSATTN" train --fasta sim.fa --labels lab.metrics.json --epochs 1 -q -o lab
refused 2 "--selected sel.bed and --output sel.bed are the same file" -- \
    "$GSATTN" enrich --selected sel.bed --fasta sim.fa -q -o sel.bed
refused 2 "--json out/j and --hits out/j are the same file" -- \
    "$GSATTN" enrich --selected sel.bed --fasta sim.fa -q -o out/e.tsv --json out/j --hits out/j
refused 2 "--output out/x.bed and --scores out/./x.bed are the same file" -- \
    "$GSATTN" select-positions -m m.gsattn --fasta sim.fa -q -o out/x.bed --scores out/./x.bed

# --- outputs that cannot be written fail before training
mkdir -p taken.gsattn.metrics.json
refused 1 "out: is a directory" -- "$GSATTN" train --fasta sim.fa --labels sim.labels.tsv -q -o out
refused 1 "taken.gsattn.metrics.json: is a directory" -- \
    "$GSATTN" train --fasta sim.fa --labels sim.labels.tsv -q -o taken.gsattn
expect_no_files taken.gsattn
rmdir taken.gsattn.metrics.json
refused 1 "TMPDIR" -- env TMPDIR=/nonexistent "$GSATTN" train --fasta - --labels sim.labels.tsv -q -o out/m.gsattn \
    < sim.fa

finish
