# workflows/Snakefile on tiny data with Debian's snakemake: the study's
# outputs hold what they should, and the scattered genome scan gathers to the
# one-job bedGraph byte for byte.
source "$(dirname "$0")/lib.sh"
: "${SOURCE_DIR:?the source tree}"

cat > tiny.yaml <<YAML
gsattn: $GSATTN
threads: 1
sequences: 120
length: 80
models: [sparse, window]
train_options: "--epochs 2 --batch-size 16 --embedding-dim 8 --heads 2 --inits 1 --quiet"
genome_records: 2
genome_length: 3000
window: 200
step: 50
shards: 3
YAML
snakemake -s "$SOURCE_DIR/workflows/Snakefile" -d run --configfile tiny.yaml -j2 --quiet > snakemake.log 2>&1 ||
    { cat snakemake.log >&2; fail "snakemake exited non-zero"; }
cd run

expect_eq "$(grep -c '>' sim.fa)" 120 "simulate: 120 sequences"
expect_eq "$(awk 'NR > 1 { print $1 }' comparison.tsv | grep -cE '^(sparse|window)$')" 2 \
    "train --compare: a table row per model"
for kind in sparse window; do
    expect_eq "$(grep -c '"test"' "model.$kind.gsattn.metrics.json")" 1 "metrics of $kind"
done
# select-positions: a track line, then ceil(0.1 x 80) = 8 positions per sequence.
expect_eq "$(head -1 selected.bed | cut -c1-15)" "#track type=bed" "selected.bed starts with its track line"
expect_eq "$(tail -n +2 selected.bed | wc -l)" $((120 * 8)) "selected.bed: 8 positions per sequence"
expect_eq "$(cut -f1 enrichment.tsv | sort -u | tr '\n' ' ')" "motif set truth " "enrichment.tsv: motif and truth rows"
expect_eq "$(awk -F'\t' '$1 == "truth" && $3 == "all" { print $4 }' enrichment.tsv)" "$(wc -l < sim.motifs.bed)" \
    "enrich: every planted motif is counted"

# The gathered scan is the one-job scan.
"$GSATTN" predict -m model.sparse.gsattn --fasta genome.fa --window 200 --step 50 --threads 1 -q -o one_job.bedgraph
expect_eq "$(wc -l < scan.bedgraph)" $((2 * 57)) "scan.bedgraph: a line per window"
expect_eq "$(cmp scan.bedgraph one_job.bedgraph && echo same)" same "3 shards gathered = the one-job bedGraph"
expect_no_files scan/shard*.bedgraph
finish
