# workflows/Snakefile on tiny data with Debian's snakemake: the study's
# outputs hold what they should, the scattered genome scan gathers to the
# one-job bedGraph byte for byte, and the scattered variant effects to the
# one-job VCF's records.
source "$(dirname "$0")/lib.sh"
: "${SOURCE_DIR:?the source tree}"

# A genome of two records and an SNV every 50 bases of it.
"$GSATTN" simulate -n 2 -L 3000 --seed 1 -o g -q
awk '/^>/ { chrom = substr($1, 2); at = 0; next } {
        for (i = 1; i <= length($0); i++) if ((at + i) % 50 == 0) {
            ref = substr($0, i, 1); alt = ref == "A" ? "G" : "A"
            print chrom "\t" at + i "\t.\t" ref "\t" alt "\t.\t.\t." }
        at += length($0) }' g.fa > records.txt
{ printf '##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n'; cat records.txt; } > v.vcf

cat > tiny.yaml <<YAML
gsattn: $GSATTN
threads: 1
sequences: 120
length: 80
models: [sparse, window]
train_options: "--epochs 2 --batch-size 16 --embedding-dim 8 --heads 2 --inits 1 --quiet"
genome: $WORK/g.fa
variants: $WORK/v.vcf
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
"$GSATTN" predict -m model.sparse.gsattn --fasta ../g.fa --window 200 --step 50 --threads 1 -q -o one_job.bedgraph
expect_eq "$(wc -l < scan.bedgraph)" $((2 * 57)) "scan.bedgraph: a line per window"
expect_eq "$(cmp scan.bedgraph one_job.bedgraph && echo same)" same "3 shards gathered = the one-job bedGraph"
expect_no_files scan/shard*.bedgraph

# The gathered variant effects: every record, sorted and indexed, the one-job values.
"$GSATTN" predict -m model.sparse.gsattn --vcf ../v.vcf --reference ../g.fa --threads 1 -q -o one_job.vcf
expect_eq "$(bcftools view -H variants.vcf.gz | wc -l)" "$(wc -l < ../records.txt)" "variants.vcf.gz: every record"
expect_eq "$(bcftools view -H variants.vcf.gz | md5sum)" "$(bcftools view -H one_job.vcf | md5sum)" \
    "3 shards gathered = the one-job records (the input is sorted)"
expect_eq "$(bcftools view -H -i 'INFO/GSATTN_DIFF != "."' variants.vcf.gz | wc -l)" \
    "$(awk '$2 > 40 && $2 <= 2960' ../records.txt | wc -l)" \
    "scored: every SNV whose window (80 bp, the training length) fits its record"
expect_eq "$(tabix variants.vcf.gz seq000002:1000-1100 | cut -f2 | tr '\n' ' ')" "1000 1050 1100 " \
    "variants.vcf.gz.tbi finds a region's records"
expect_no_files variants/shard*.vcf.gz variants/all.vcf.gz
finish
