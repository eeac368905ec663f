# Variant effects (predict --vcf): values that agree with in-silico
# mutagenesis and with predictions of the windows rebuilt by hand; VCF, BGZF
# and BCF in and out, pipes, shards and regions; REF mismatches, missing
# contigs, multi-allelic records, symbolic alleles and indels at both ends
# of a chromosome; checked with bcftools and tabix.
source "$(dirname "$0")/lib.sh"

"$GSATTN" simulate -n 60 -L 100 --seed 3 -o sim -q
"$GSATTN" train --fasta sim.fa --labels sim.labels.tsv --epochs 1 --batch-size 16 --embedding-dim 8 --heads 2 \
    --stem-layers 2 -q -o m.gsattn
# Two 600-bp chromosomes; seq.tsv holds each one's bases on one line.
"$GSATTN" simulate -n 2 -L 600 --seed 9 -o g -q
awk '/^>/ { if (name) print name "\t" s; name = substr($1, 2); s = ""; next } { s = s $0 } END { print name "\t" s }' \
    g.fa > seq.tsv
base() { awk -v c="$1" -v p="$2" -v n="${3:-1}" '$1 == c { print substr($2, p, n) }' seq.tsv; }
other() { case $1 in A) echo C ;; C) echo G ;; G) echo T ;; *) echo A ;; esac; }

# --- the test set: unsorted (seq000002 first), SNVs every 23 bases of both
# chromosomes, a multi-allelic record, indels in the middle and at both ends.
{
    printf '##fileformat=VCFv4.2\n##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">\n'
    printf '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
    printf '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\ts1\ts2\n'
    for chrom in seq000002 seq000001; do
        for pos in $(seq 60 23 540); do
            ref=$(base $chrom "$pos")
            printf '%s\t%s\tsnv_%s_%s\t%s\t%s\t30\tPASS\tDP=7\tGT\t0/1\t1/1\n' "$chrom" "$pos" "$chrom" "$pos" \
                "$ref" "$(other "$ref")"
        done
    done
    ref=$(base seq000001 300)
    alt1=$(other "$ref"); alt3=$(other "$alt1")
    printf 'seq000001\t300\tmulti\t%s\t%s,<DEL>,%s,*\t.\t.\tDP=2\tGT\t1/2\t0/3\n' "$ref" "$alt1" "$alt3"
    printf 'seq000001\t200\tdel_mid\t%s\t%s\t.\t.\t.\tGT\t0/1\t0/0\n' "$(base seq000001 200 4)" "$(base seq000001 200)"
    printf 'seq000001\t210\tins_mid\t%s\t%sGATTACA\t.\t.\t.\tGT\t0/1\t0/0\n' "$(base seq000001 210)" \
        "$(base seq000001 210)"
    mnv=$(base seq000001 230 2)
    printf 'seq000001\t230\tmnv_mid\t%s\t%s%s\t.\t.\t.\tGT\t0/1\t0/0\n' "$mnv" "$(other "${mnv:0:1}")" \
        "$(other "${mnv:1:1}")"
    printf 'seq000001\t2\tdel_start\t%s\t%s\t.\t.\t.\tGT\t0/1\t0/0\n' "$(base seq000001 2 3)" "$(base seq000001 2)"
    printf 'seq000001\t597\tdel_end\t%s\t%s\t.\t.\t.\tGT\t0/1\t0/0\n' "$(base seq000001 597 3)" "$(base seq000001 597)"
    printf 'seq000002\t1\tins_start\t%s\tT%s\t.\t.\t.\tGT\t0/1\t0/0\n' "$(base seq000002 1)" "$(base seq000002 1)"
    printf 'seq000002\t600\tins_end\t%s\t%sT\t.\t.\t.\tGT\t0/1\t0/0\n' "$(base seq000002 600)" "$(base seq000002 600)"
    # 50 bases from the end: the window of 100 ends at the chromosome's end;
    # the deletion's window would read one base past it.
    printf 'seq000002\t551\tsnv_fits\t%s\t%s\t.\t.\t.\tGT\t0/1\t0/0\n' "$(base seq000002 551)" \
        "$(other "$(base seq000002 551)")"
    printf 'seq000002\t551\tdel_past\t%s\t%s\t.\t.\t.\tGT\t0/1\t0/0\n' "$(base seq000002 551 2)" "$(base seq000002 551)"
} > v.vcf
records=$(grep -vc '^#' v.vcf)

VCF=(predict -m m.gsattn --reference g.fa -q)
"$GSATTN" predict -m m.gsattn --reference g.fa --vcf v.vcf -o out.vcf --vcf-summary out.tsv 2> out.log
expect_eq "$(grep -o 'scored [0-9]* ALT alleles of [0-9]* records' out.log)" \
    "scored $((records + 3 - 7)) ALT alleles of $records records" "the log counts the alleles scored"
expect_eq "$(grep -o 'no score: .*' out.log)" \
    "no score: 2 symbolic, breakend or * alleles, 5 near a chromosome end, 0 records whose REF does not match the reference" \
    "the log counts the alleles without a score"
info() { bcftools query -f "%ID\t%INFO/$1\n" out.vcf | awk -v id="$2" '$1 == id { print $2 }'; }
status() { awk -v id="$1" '$3 == id { printf "%s%s", sep, $NF; sep = "," }' out.tsv; }
expect_eq "$(bcftools view -H out.vcf | wc -l)" "$records" "bcftools reads every record back"
expect_eq "$(grep -c '^##gsattn_predictModel=m.gsattn; kind=sparse; task=regression; window=100;' out.vcf)" 1 \
    "the header names the model and the window: the median training length, 100 bp"
expect_eq "$(bcftools view -h out.vcf | grep -c '^##INFO=<ID=GSATTN_\(REF\|ALT\|DIFF\),Number=[1A],Type=Float')" 3 \
    "GSATTN_REF (Number=1), GSATTN_ALT and GSATTN_DIFF (Number=A) are defined"
expect_eq "$(grep -c 'GSATTN_LOGODDS_DIFF' out.vcf)" 0 "a regression model has no log-odds difference"
expect_eq "$(bcftools view -h out.vcf | grep -c '^##contig=<ID=seq00000[12],length=600>')" 2 \
    "the reference's contigs are added to the header"
expect_eq "$(bcftools query -f '%ID\n' out.vcf | head -3 | tr '\n' ' ')" "snv_seq000002_60 snv_seq000002_83 snv_seq000002_106 " \
    "records stay in the input's order (unsorted input)"

# --- every other field and the samples are untouched
strip() { bcftools annotate -x INFO/GSATTN_REF,INFO/GSATTN_ALT,INFO/GSATTN_DIFF,INFO/GSATTN_SKIPPED_ALT,INFO/GSATTN_NEAR_END "$1" | bcftools view -H; }
# (bcftools warns that v.vcf defines no contigs.)
expect_eq "$(strip out.vcf | md5sum)" "$(bcftools view -H v.vcf 2> /dev/null | md5sum)" \
    "without gsattn's INFO fields the records are the input's, samples included"

# --- the summary: one row per record and ALT allele, the VCF's values
expect_eq "$(head -1 out.tsv)" "$(printf 'chrom\tpos\tid\tref\talt\tref_score\talt_score\tdiff\tstatus')" "summary header"
expect_eq "$(tail -n +2 out.tsv | wc -l)" $((records + 3)) "one summary row per ALT allele (the multi-allelic record has 4)"
# bcftools prints the VCF's float32 values to 6 significant digits.
mismatched=$(paste <(bcftools query -f '%INFO/GSATTN_DIFF\n' out.vcf | tr ',' '\n') <(tail -n +2 out.tsv | cut -f8) |
    awk -F'\t' '($1 == "." || $2 == ".") ? $1 != $2 : ($1 - $2) ^ 2 > (1e-5 * $2) ^ 2 + 1e-14' | wc -l)
expect_eq "$mismatched" 0 "bcftools query's GSATTN_DIFF values are the summary's"
expect_eq "$(awk -F'\t' 'NR > 1 && $8 != "." { d = $7 - $6 - $8; if (d * d > 1e-24) n++ } END { print n + 0 }' out.tsv)" 0 \
    "diff = alt_score - ref_score"

# --- multi-allelic and symbolic alleles
expect_eq "$(info GSATTN_ALT multi | awk -F, '{ for (i = 1; i <= NF; i++) printf "%s", ($i == "." ? "." : "v") }')" \
    "v.v." "multi-allelic: one value per ALT, '.' for <DEL> and *"
expect_eq "$(status multi)" "scored,symbolic,scored,symbolic" "multi-allelic: the summary's statuses"
expect_eq "$(bcftools view -H -i 'INFO/GSATTN_SKIPPED_ALT = 1' out.vcf | cut -f3)" multi \
    "GSATTN_SKIPPED_ALT flags the record with symbolic alleles"

# --- indels: the ALT window keeps the bases left of POS, the allele, then
# the reference until the window is full again (FASTA rebuilt by hand).
window_of() {  # CHROM POS(1-based) REF ALT: the 100-bp ALT window
    awk -v c="$1" -v p="$2" -v ref="$3" -v alt="$4" '$1 == c {
        start = p - 50; w = substr($2, start, 50) alt substr($2, p + length(ref)); print substr(w, 1, 100) }' seq.tsv
}
{
    echo ">del_mid"; window_of seq000001 200 "$(base seq000001 200 4)" "$(base seq000001 200)"
    echo ">ins_mid"; window_of seq000001 210 "$(base seq000001 210)" "$(base seq000001 210)GATTACA"
    echo ">mnv_mid"; window_of seq000001 230 "$mnv" "$(other "${mnv:0:1}")$(other "${mnv:1:1}")"
    echo ">snv_fits"; window_of seq000002 551 "$(base seq000002 551)" "$(other "$(base seq000002 551)")"
} > rebuilt.fa
expect_eq "$(awk '!/^>/ { printf "%d ", length($0) }' rebuilt.fa)" "100 100 100 100 " "the rebuilt windows are 100 bp"
"$GSATTN" predict -m m.gsattn --fasta rebuilt.fa -q -o rebuilt.tsv
far=$(join -t $'\t' <(tail -n +2 rebuilt.tsv | sort) <(awk -F'\t' 'NR > 1 { print $3 "\t" $7 }' out.tsv | sort) |
    awk -F'\t' '{ d = $2 - $3; if (d * d > 1e-12) n++ } END { print NR, n + 0 }')
expect_eq "$far" "4 0" \
    "a deletion's, an insertion's, an MNV's and an SNV's ALT score = the prediction of its window rebuilt by hand"
expect_eq "$(for id in del_start del_end ins_start ins_end del_past snv_fits; do status "$id"; echo -n ' '; done)" \
    "near_end near_end near_end near_end near_end scored " \
    "indels at both ends of a chromosome have no score; an SNV whose window just fits has one"
expect_eq "$(bcftools view -H -i 'INFO/GSATTN_NEAR_END = 1' out.vcf | cut -f3 | tr '\n' ' ')" \
    "del_start del_end ins_start ins_end del_past " "GSATTN_NEAR_END flags them"
expect_eq "$(info GSATTN_DIFF del_end)" "." "a record near the end has no values"

# --- in-silico mutagenesis agrees: each SNV's diff is the ISM value of its
# base and allele in the same window (predict --bed --ism-matrix).
awk -F'\t' 'NR > 1 && $3 ~ /^snv_/ && $9 == "scored" { print $1 "\t" $2 - 51 "\t" $2 + 49 "\t" $3 "\t0\t+" }' out.tsv \
    > snv_windows.bed
"$GSATTN" predict -m m.gsattn --bed snv_windows.bed --reference g.fa --ism-matrix ism.tsv -q -o /dev/null
agreement=$(awk -F'\t' 'NR == FNR { if (FNR > 1 && $9 == "scored") { alt[$3] = $5; diff[$3] = $8 }; next }
    FNR == 1 { for (i = 4; i <= 7; i++) column[$i] = i; next }
    $2 == 51 && ($1 in diff) { d = $(column[alt[$1]]) - diff[$1]; d = d < 0 ? -d : d; if (d > worst) worst = d; n++ }
    END { printf "%d %s", n, worst <= 1e-6 ? "within 1e-6" : "off by " worst }' out.tsv ism.tsv)
expect_eq "$agreement" "$(wc -l < snv_windows.bed) within 1e-6" "every SNV's GSATTN_DIFF is its ISM value (1e-6)"

# --- formats: BGZF + tabix, BCF in and out, pipes
"$GSATTN" "${VCF[@]}" --vcf v.vcf -o out.vcf.gz
bcftools sort -Oz -o sorted.vcf.gz out.vcf.gz 2> /dev/null
tabix -p vcf sorted.vcf.gz
expect_eq "$(tabix sorted.vcf.gz seq000001:190-215 | cut -f3 | tr '\n' ' ')" "snv_seq000001_198 del_mid ins_mid " \
    "the .vcf.gz output is BGZF: sorted, tabix indexes it and finds a region's records"
expect_eq "$(bcftools view -H out.vcf.gz | md5sum)" "$(bcftools view -H out.vcf | md5sum)" ".vcf.gz holds the same records"
tabix -p vcf out.vcf.gz 2> tabix.err || true
expect_eq "$(grep -ci 'unsorted' tabix.err)" 1 "tabix reads the unsorted .vcf.gz as BGZF (and refuses only its order)"
# A BCF must define its contigs: bcftools writes v.bcf from v.vcf with them.
bcftools view -h out.vcf | grep '^##contig' > contigs.txt
sed '1r contigs.txt' v.vcf | bcftools view -Ob -o v.bcf
"$GSATTN" "${VCF[@]}" --vcf v.bcf -o out.bcf
expect_eq "$(head -c 4 out.bcf | od -An -tx1 | tr -d ' ')" 1f8b0804 "the .bcf output is BGZF-compressed"
expect_eq "$(bcftools view -H out.bcf | md5sum)" "$(bcftools view -H out.vcf | md5sum)" "BCF in and out: the same records"
"$GSATTN" "${VCF[@]}" --vcf - -o - < v.vcf > piped.vcf
expect_eq "$(grep -v '^##gsattn_predictCommand' piped.vcf | md5sum)" "$(grep -v '^##gsattn_predictCommand' out.vcf | md5sum)" \
    "--vcf - -o -: VCF text through pipes"

# --- annotating an annotated file replaces the values
"$GSATTN" "${VCF[@]}" --vcf out.vcf -o again.vcf
expect_eq "$(bcftools view -H again.vcf | md5sum)" "$(bcftools view -H out.vcf | md5sum)" \
    "scoring gsattn's own output again gives the same records"

# --- shards and regions: a genome-wide VCF scattered as the Snakefile does
for i in 1 2 3; do "$GSATTN" "${VCF[@]}" --vcf v.vcf --batch-size 8 --shard $i/3 -o shard$i.vcf.gz; done
# --naive: the shards interleave, batch by batch, so bcftools sort puts them in order.
bcftools concat --naive -Oz -o gathered.vcf.gz shard1.vcf.gz shard2.vcf.gz shard3.vcf.gz 2> /dev/null
expect_eq "$(bcftools sort gathered.vcf.gz 2> /dev/null | bcftools view -H | md5sum)" \
    "$(bcftools sort out.vcf 2> /dev/null | bcftools view -H | md5sum)" \
    "--shard I/3 (batches of 8 records), concatenated and sorted: the one-job records"
printf 'seq000001\t190\t215\n' > region.bed
"$GSATTN" "${VCF[@]}" --vcf v.vcf --regions region.bed -o region.vcf
expect_eq "$(bcftools query -f '%ID ' region.vcf)" "snv_seq000001_198 del_mid ins_mid " "--regions: the records whose POS is inside"

# --- errors: nothing is written
mismatch_line=$(($(grep -n 'snv_seq000001_106' v.vcf | cut -d: -f1)))
awk -F'\t' -v OFS='\t' '$3 == "snv_seq000001_106" { $4 = ($4 == "A" ? "C" : "A"); $5 = "G" } 1' v.vcf > bad_ref.vcf
refused 1 "bad_ref.vcf:$mismatch_line: REF" -- "$GSATTN" "${VCF[@]}" --vcf bad_ref.vcf -o out/x.vcf --vcf-summary out/x.tsv
expect_eq "$(grep -c 'does not match the reference at seq000001:106' .stderr)" 1 "the error names the position"
"$GSATTN" "${VCF[@]}" --vcf bad_ref.vcf --skip-ref-mismatch -o skipped.vcf --vcf-summary skipped.tsv
expect_eq "$(bcftools view -H -i 'INFO/GSATTN_REF_MISMATCH = 1' skipped.vcf | cut -f3)" snv_seq000001_106 \
    "--skip-ref-mismatch flags the record"
expect_eq "$(awk '$3 == "snv_seq000001_106" { print $6, $7, $NF }' skipped.tsv)" ". . ref_mismatch" \
    "--skip-ref-mismatch: no score, status ref_mismatch"
sed 's/^seq000002\t83\t/chrX\t83\t/' v.vcf > missing_contig.vcf
refused 1 "contig 'chrX' is not in the reference g.fa" -- "$GSATTN" "${VCF[@]}" --vcf missing_contig.vcf -o out/x.vcf
sed 's/^##fileformat=VCFv4.2$/&\n##contig=<ID=seq000001,length=601>/' v.vcf > other_assembly.vcf
refused 1 "contig 'seq000001' has length 601 in the header but 600 in g.fa" -- \
    "$GSATTN" "${VCF[@]}" --vcf other_assembly.vcf -o out/x.vcf
refused 2 "--vcf needs --reference" -- "$GSATTN" predict -m m.gsattn --vcf v.vcf -o out/x.vcf
refused 2 "--step is for --window scans" -- "$GSATTN" "${VCF[@]}" --vcf v.vcf --window 50 --step 10 -o out/x.vcf
refused 2 "--vcf-summary and --skip-ref-mismatch go with --vcf" -- \
    "$GSATTN" predict -m m.gsattn --fasta sim.fa --vcf-summary out/x.tsv -o out/x.tsv

# --- a classification model adds the log-odds difference: logit(alt) - logit(ref)
awk -F'\t' -v OFS='\t' 'NR == 1 { print "name", "promoter"; next } { print $1, ($2 > 0.5) }' sim.labels.tsv > class.tsv
"$GSATTN" train --fasta sim.fa --labels class.tsv --task classification --epochs 1 --batch-size 16 --embedding-dim 8 \
    --heads 2 --stem-layers 2 -q -o c.gsattn
"$GSATTN" predict -m c.gsattn --reference g.fa -q --vcf v.vcf -o class.vcf --vcf-summary class_summary.tsv
expect_eq "$(bcftools view -h class.vcf | grep -c '^##INFO=<ID=GSATTN_LOGODDS_DIFF,Number=A,Type=Float')" 1 \
    "a classification model's VCF defines GSATTN_LOGODDS_DIFF"
expect_eq "$(head -1 class_summary.tsv | cut -f9,10)" "$(printf 'log_odds_diff\tstatus')" "and its summary has the column"
expect_eq "$(awk -F'\t' 'NR > 1 && $9 != "." {
        d = log($7 / (1 - $7)) - log($6 / (1 - $6)) - $9; if (d * d > 1e-10) n++; m++ } END { print (m > 0), n + 0 }' \
        class_summary.tsv)" "1 0" "log_odds_diff = logit(alt_score) - logit(ref_score)"

# --- --window: another width moves the values; the header says which
"$GSATTN" "${VCF[@]}" --vcf v.vcf --window 60 -o w60.vcf --vcf-summary w60.tsv
expect_eq "$(grep -c 'window=60;' w60.vcf) $(status del_past)" "1 near_end" "--window 60 is in the header"
expect_eq "$(awk '$3 == "del_past" { print $NF }' w60.tsv)" scored "with a 60-bp window the deletion 50 bp from the end fits"

finish
