# Pipes (- for standard input and output) and sharding (--shard, --regions):
# the shards of a run, concatenated and sorted, are the one-job output byte
# for byte; two options cannot share a stream.
source "$(dirname "$0")/lib.sh"
sort_bed() { LC_ALL=C sort -k1,1 -k2,2n "$@"; }

"$GSATTN" simulate -n 60 -L 80 --seed 5 -o sim -q
TRAIN=(--fasta sim.fa --epochs 2 --batch-size 16 --embedding-dim 8 --heads 2 --inits 1 -q)
"$GSATTN" train "${TRAIN[@]}" --labels sim.labels.tsv -o m.gsattn

# Pipes: every input that is one file, and the output.
"$GSATTN" predict -m m.gsattn --fasta sim.fa -o by_file.tsv -q
"$GSATTN" predict -m m.gsattn --fasta - -o - -q < sim.fa > piped.tsv 2> piped.err
expect_eq "$(cmp by_file.tsv piped.tsv && echo same)" same "predict --fasta - -o -: same as with files"
expect_eq "$("$GSATTN" predict -m - --fasta sim.fa -q < m.gsattn | cmp - by_file.tsv && echo same)" same \
    "predict -m -: the model from standard input"
expect_eq "$("$GSATTN" predict -m m.gsattn --fasta - -q < sim.fa | tail -n +2 | sort -k2,2g | wc -l)" 60 \
    "predict in a pipe into sort"
expect_eq "$(wc -c < piped.err)" 0 "-q: nothing on stderr"
"$GSATTN" train "${TRAIN[@]}" --labels - -o from_stdin.gsattn < sim.labels.tsv
expect_eq "$(cmp m.gsattn from_stdin.gsattn && echo same)" same "train --labels -: the same model as from the file"
expect_no_files "${TMPDIR:-/tmp}"/gsattn-stdin.tmp.*
"$GSATTN" select-positions -m m.gsattn --fasta sim.fa -q > sel.bed
"$GSATTN" enrich --selected - --fasta sim.fa --truth sim.motifs.bed -q < sel.bed > enrich_stdin.tsv
"$GSATTN" enrich --selected sel.bed --fasta sim.fa --truth sim.motifs.bed -q > enrich_file.tsv
expect_eq "$(cmp enrich_file.tsv enrich_stdin.tsv && echo same)" same "enrich --selected -"
expect_exit 2 "--model and --fasta cannot both use standard input (-)" -- \
    "$GSATTN" predict -m - --fasta - -q
expect_exit 2 "--output and --scores cannot both use standard output (-)" -- \
    "$GSATTN" select-positions -m m.gsattn --fasta sim.fa -o - --scores -
expect_exit 2 "shard must be I/N with 1 <= I <= N" -- \
    "$GSATTN" predict -m m.gsattn --fasta sim.fa --shard 4/3

# A genome scan: 4 chromosomes of 3 kbp, windows in batches of 8. Three shards,
# and two region sets that split chr2 in the middle of a batch of windows.
"$GSATTN" simulate -n 4 -L 3000 --seed 9 -o genome -q
SCAN=(-m m.gsattn --fasta genome.fa --window 200 --step 50 --batch-size 8 -q)
"$GSATTN" predict "${SCAN[@]}" -o whole.bedgraph
expect_eq "$(wc -l < whole.bedgraph)" $((4 * 57)) "one line per window: 4 x 57"
expect_eq "$(sort_bed whole.bedgraph | cmp - whole.bedgraph && echo sorted)" sorted "one job's output is sorted"
for i in 1 2 3; do "$GSATTN" predict "${SCAN[@]}" --shard "$i/3" -o "shard$i.bedgraph"; done
# 8 batches per chromosome (7 of 8 windows, 1 of 1); shard 3 takes batches
# 2, 5, ..., 29 of 0..31, one of them (23) a chromosome's last: 9 x 8 + 1.
expect_eq "$(wc -l < shard3.bedgraph)" 73 "shard 3 of 3 has every third batch of windows"
expect_eq "$(cat shard*.bedgraph | sort_bed | cmp - whole.bedgraph && echo same)" same \
    "predict --window: 3 shards, gathered, are the one-job output"
names=$(grep '>' genome.fa | tr -d '>' | cut -d' ' -f1)
first=$(echo "$names" | head -1)
printf '%s\t0\t1337\n' "$first" > left.bed
{ printf '%s\t1337\t3000\n' "$first"; echo "$names" | tail -n +2 | awk '{ print $1 "\t0\t3000" }'; } > right.bed
"$GSATTN" predict "${SCAN[@]}" --regions left.bed -o left.bedgraph
"$GSATTN" predict "${SCAN[@]}" --regions - -o right.bedgraph < right.bed
expect_eq "$(awk '$2 >= 1337' left.bedgraph | wc -l)" 0 "--regions: no window starts outside the regions"
expect_eq "$(cat left.bedgraph right.bedgraph | sort_bed | cmp - whole.bedgraph && echo same)" same \
    "predict --window: two region sets, gathered, are the one-job output"

# select-positions: shards without track lines gather to the one-job output,
# for the BED and the scores.
SELECT=(-m m.gsattn --fasta sim.fa --batch-size 16 --no-track-line -q)
"$GSATTN" select-positions "${SELECT[@]}" -o whole.bed --scores whole.scores
expect_eq "$(head -c 5 whole.bed)" "$(head -1 sim.fa | cut -c2-6)" "--no-track-line: the BED starts with data"
for i in 1 2; do "$GSATTN" select-positions "${SELECT[@]}" --shard "$i/2" -o "sel$i.bed" --scores "sel$i.scores"; done
expect_eq "$(cat sel1.bed sel2.bed | sort_bed | cmp - whole.bed && echo same)" same \
    "select-positions: 2 shards, gathered, are the one-job BED"
expect_eq "$(cat sel1.scores sel2.scores | sort_bed | cmp - whole.scores && echo same)" same \
    "select-positions: 2 shards, gathered, are the one-job scores"
finish
