# gsattn simulate: the content of the three files, determinism, and errors.
source "$(dirname "$0")/lib.sh"

"$GSATTN" simulate -n 300 -L 150 --seed 42 -o sim -q

# FASTA: 300 records of 150 bp, indexable by samtools faidx.
samtools faidx sim.fa
expect_eq "$(wc -l < sim.fa.fai)" 300 "300 records indexed by samtools faidx"
expect_eq "$(cut -f2 sim.fa.fai | sort -u)" 150 "every record is 150 bp"
expect_eq "$(head -1 sim.fa.fai | cut -f1)" seq000001 "first record is seq000001"

# Labels: header + one row per record, n_motifs in [0, 4].
expect_eq "$(head -1 sim.labels.tsv)" "$(printf 'name\tlabel\tclean_label\tn_motifs')" "labels header"
expect_eq "$(tail -n +2 sim.labels.tsv | wc -l)" 300 "300 label rows"
expect_eq "$(tail -n +2 sim.labels.tsv | awk '$4 < 0 || $4 > 4' | wc -l)" 0 "n_motifs within [0,4]"
expect_eq "$(tail -n +2 sim.labels.tsv | cut -f1)" "$(cut -f1 sim.fa.fai)" "labels in FASTA order"

# Truth BED: one line per planted motif; bedtools getfasta -s gives the consensus.
expect_eq "$(wc -l < sim.motifs.bed)" "$(tail -n +2 sim.labels.tsv | awk '{s += $4} END {print s}')" \
    "one BED line per planted motif"
expect_eq "$(bedtools sort -i sim.motifs.bed | cmp - sim.motifs.bed && echo same)" same \
    "truth BED is sorted (bedtools sort leaves it unchanged)"
declare -A consensus=([TATA_box]=TATAAA [CAAT_box]=CCAAT [GC_box]=GGGCGG [minus35]=TTGACA [minus10]=TATAAT)
bad=0
while IFS=$'\t' read -r name seq; do
    motif=${name%%::*}
    [ "${consensus[$motif]}" == "$seq" ] || bad=$((bad + 1))
done < <(bedtools getfasta -s -name -tab -fi sim.fa -bed sim.motifs.bed)
expect_eq "$bad" 0 "bedtools getfasta -s gives each planted consensus"
expect_eq "$(awk '$5 != 800 && $4 == "TATA_box"' sim.motifs.bed | wc -l)" 0 "TATA_box score = 0.8 x 1000"
expect_eq "$(awk '$6 == "-"' sim.motifs.bed | wc -l | awk '{print ($1 > 0)}')" 1 "motifs on the - strand too"

# No overlapping motifs: bedtools merge -d -1 keeps every interval apart.
expect_eq "$(bedtools merge -d -1 -i sim.motifs.bed | wc -l)" "$(wc -l < sim.motifs.bed)" "no overlapping motifs"

# clean_label = noisy-or of the strengths in the truth BED.
expect_eq "$(awk -F'\t' 'NR == FNR { if (FNR > 1) clean[$1] = $3; next }
                       { if (!($1 in none)) none[$1] = 1; none[$1] *= 1 - $5 / 1000 }
                       END { bad = 0; for (s in clean) { want = (s in none) ? 1 - none[s] : 0;
                             d = clean[s] - want; if (d > 1e-6 || d < -1e-6) bad++ } print bad }' \
             sim.labels.tsv sim.motifs.bed)" 0 "clean_label is the noisy-or of the planted strengths"

# The background holds no copy of any consensus outside the truth BED.
samtools faidx sim.fa $(cut -f1 sim.fa.fai) | awk '/^>/ {if (s) print n "\t" s; n = substr($0, 2); s = ""; next} {s = s $0} END {print n "\t" s}' > seqs.tsv
extra=$(awk -F'\t' -v bed=sim.motifs.bed '
    function rc(x,   i, o, c) { o = ""; for (i = length(x); i > 0; i--) { c = substr(x, i, 1);
        o = o (c == "A" ? "T" : c == "C" ? "G" : c == "G" ? "C" : "A") } return o }
    BEGIN { while ((getline line < bed) > 0) { split(line, f, "\t"); planted[f[1] ":" f[2] ":" f[4]] = 1 }
            m["TATA_box"] = "TATAAA"; m["CAAT_box"] = "CCAAT"; m["GC_box"] = "GGGCGG";
            m["minus35"] = "TTGACA"; m["minus10"] = "TATAAT" }
    { for (k in m) for (strand = 0; strand < 2; strand++) {
          pat = strand ? rc(m[k]) : m[k]; s = $2; off = 0
          while ((i = index(s, pat)) > 0) { pos = off + i - 1
              if (!((($1 ":" pos ":" k) in planted))) extra++
              s = substr(s, i + 1); off = pos + 1 } } }
    END { print extra + 0 }' seqs.tsv)
expect_eq "$extra" 0 "no consensus occurrence outside the planted sites"

# Same seed: identical bytes, whatever the thread count; another seed differs.
"$GSATTN" simulate -n 300 -L 150 --seed 42 -o again -q --threads 2
for ext in fa labels.tsv motifs.bed; do
    expect_eq "$(cmp sim.$ext again.$ext && echo same)" same "same seed, 2 threads: identical $ext"
done
"$GSATTN" simulate -n 300 -L 150 --seed 43 -o other -q
expect_eq "$(cmp -s sim.fa other.fa && echo same || echo differ)" differ "another seed gives other sequences"

# Options: --combine sum, no noise, counts from --min/--max-motifs, gzip-free PWM mode.
"$GSATTN" simulate -n 100 -L 100 --noise 0 --combine sum --min-motifs 2 --max-motifs 2 -o sum -q
expect_eq "$(tail -n +2 sum.labels.tsv | awk '$2 != $3 || $4 != 2' | wc -l)" 0 \
    "--noise 0: label = clean_label; exactly 2 motifs each"
expect_eq "$(awk -F'\t' 'NR == FNR { if (FNR > 1) clean[$1] = $3; next } { s[$1] += $5 / 1000 }
                       END { bad = 0; for (k in clean) { d = clean[k] - s[k]; if (d > 1e-6 || d < -1e-6) bad++ } print bad }' \
             sum.labels.tsv sum.motifs.bed)" 0 "--combine sum adds the strengths"
"$GSATTN" simulate -n 200 -L 100 --sample-instances pwm --hit-pvalue 0.005 -o pwm -q
expect_eq "$(bedtools getfasta -s -tab -fi pwm.fa -bed pwm.motifs.bed | cut -f2 | sort -u | wc -l | awk '{print ($1 > 5)}')" 1 \
    "--sample-instances pwm plants more than the five consensus sequences"

# User errors (exit 1) and an option out of range (exit 2): a message naming the
# problem, and no output left behind.
expect_exit 1 "do not fit" -- "$GSATTN" simulate -n 5 -L 10 -o small
expect_no_files small.*
expect_exit 2 "--gc: must lie in (0, 1)" -- "$GSATTN" simulate -n 5 --gc 0 -o gc
expect_no_files gc.*
expect_exit 1 "cannot create output" -- "$GSATTN" simulate -n 5 -o no/such/dir/x
printf '[[motif]]\nname = "X"\nconsensus = "TATAXA"\nstrength = 0.5\n' > bad.toml
expect_exit 1 "bad.toml:1: motif 'X' needs a consensus" -- "$GSATTN" simulate -n 5 --motifs bad.toml -o bad
printf '[[motif]]\nname = "X"\nconsensus = \n' > syntax.toml
expect_exit 1 "syntax.toml:3" -- "$GSATTN" simulate -n 5 --motifs syntax.toml -o bad
expect_no_files bad.fa bad.labels.tsv bad.motifs.bed
expect_exit 1 "cannot open" -- "$GSATTN" simulate -n 5 --motifs missing.toml -o bad

# --embed: each record of a FASTA, unchanged and under its own name, cropped
# and placed in flanks. fasta_tsv FILE: "name<TAB>sequence" per record.
fasta_tsv() {
    awk '/^>/ { if (n != "") print n "\t" s; n = substr($1, 2); s = ""; next }
         { s = s $0 }
         END { if (n != "") print n "\t" s }' "$1"
}
fasta_tsv "$TEST_DATA/lafleur300.fa" > promoters.tsv
# placed_wrong EMBEDDED.tsv LENGTH PLACEMENT: the records that are not LENGTH
# bp, or lack the promoter at the offset the placement gives (start, middle
# with the odd base to the right, end, or anywhere for random), or are not in
# the promoters' order under their names.
placed_wrong() {
    awk -F'\t' -v len="$2" -v placement="$3" '
        NR == FNR { name[FNR] = $1; seq[FNR] = $2; next }
        { p = seq[FNR]; extra = len - length(p)
          offset = placement == "start" ? 0 : placement == "end" ? extra : int(extra / 2)
          if (placement == "random") offset = index($2, p) - 1
          if ($1 != name[FNR] || length($2) != len || offset < 0 || substr($2, offset + 1, length(p)) != p) bad++ }
        END { print bad + 0 + (FNR != 300) }' promoters.tsv "$1"
}
for placement in start middle end random; do
    "$GSATTN" simulate --embed "$TEST_DATA/lafleur300.fa" --embed-length 120 --placement "$placement" \
        --seed 5 -o "embed.$placement.fa" -q
    fasta_tsv "embed.$placement.fa" > "embed.$placement.tsv"
    expect_eq "$(placed_wrong "embed.$placement.tsv" 120 "$placement")" 0 \
        "--embed --placement $placement: 300 records of 120 bp in order, each promoter at its offset"
done
expect_eq "$(cut -f2 embed.middle.tsv | cut -c1-12 | sort -u | wc -l)" 300 \
    "--flanks random: each record has flanks of its own"
expect_eq "$(awk -F'\t' 'NR == FNR { p[FNR] = $2; next } { print index($2, p[FNR]) }' promoters.tsv embed.random.tsv |
             sort -u | wc -l | awk '{print ($1 > 20)}')" 1 "--placement random: the offsets vary"
expect_eq "$(cut -f2 embed.middle.tsv | tr -d '\n' | fold -w1 | sort -u | tr -d '\n')" ACGT "random flanks are A, C, G and T"
expect_eq "$(awk 'length($0) > 60 && !/^>/' embed.middle.fa | wc -l)" 0 "--embed writes 60 bp lines"
"$GSATTN" simulate --embed "$TEST_DATA/lafleur300.fa" --embed-length 120 --placement random --seed 5 -q > stdout.fa
expect_eq "$(cmp stdout.fa embed.random.fa && echo same)" same "the same seed again, to standard output: identical"
"$GSATTN" simulate --embed "$TEST_DATA/lafleur300.fa" --embed-length 120 --placement random --seed 6 -q -o seed6.fa
expect_eq "$(cmp -s seed6.fa embed.random.fa && echo same || echo differ)" differ "another seed gives other flanks"

# Cropping alone: exactly the bases asked are removed from each end.
"$GSATTN" simulate --embed "$TEST_DATA/lafleur300.fa" --crop-start 5 --crop-end 3 -o crop.fa -q
expect_eq "$(fasta_tsv crop.fa | awk -F'\t' 'NR == FNR { p[FNR] = $2; name[FNR] = $1; next }
                   { if ($1 != name[FNR] || $2 != substr(p[FNR], 6, length(p[FNR]) - 8)) bad++ } END { print bad + 0 }' \
             promoters.tsv -)" 0 "--crop-start 5 --crop-end 3 removes 5 and 3 bases"

# Genomic flanks: around each promoter, one window of the reference (ref.fa
# is copied here, where faidx may write its index).
cp "$TEST_DATA/reference/ref.fa" .
"$GSATTN" simulate --embed "$TEST_DATA/lafleur300.fa" --embed-length 100 --flanks ref.fa --seed 5 -o genomic.fa -q
fasta_tsv genomic.fa > genomic.tsv
expect_eq "$(placed_wrong genomic.tsv 100 middle)" 0 "--flanks FILE: 300 records of 100 bp, each promoter in the middle"
# Only chr1 (150 bp) holds 100 bp windows: the flanks are chr1's bases on
# either side of a gap as long as the promoter.
chr1=$(fasta_tsv ref.fa | awk -F'\t' '$1 == "chr1" { print toupper($2) }')
expect_eq "$(awk -F'\t' -v ref="$chr1" '
        NR == FNR { p[FNR] = $2; next }
        { plen = length(p[FNR]); left = int((100 - plen) / 2); l = substr($2, 1, left); r = substr($2, left + plen + 1)
          found = 0
          for (i = 1; i + 99 <= length(ref); i++)
              if (substr(ref, i, left) == l && substr(ref, i + left + plen, length(r)) == r) found = 1
          if (!found) bad++ }
        END { print bad + 0 }' promoters.tsv genomic.tsv)" 0 "--flanks FILE: the flanks are one window of the reference"
expect_eq "$(cut -f2 genomic.tsv | cut -c1-5 | sort -u | wc -l | awk '{print ($1 > 10)}')" 1 \
    "--flanks FILE: windows from many places"
# A record's result depends on no other record: a subset of the file gives
# each of its records the same sequence.
sed -n '201,300p' "$TEST_DATA/lafleur300.fa" > subset.fa
"$GSATTN" simulate --embed subset.fa --embed-length 100 --flanks ref.fa --seed 5 -o subset.out.fa -q
expect_eq "$(fasta_tsv subset.out.fa)" "$(sed -n '101,150p' genomic.tsv)" "records 101-150 alone: the same output"

# Errors: exit 1 naming the file and record, or a usage error (exit 2); no output.
{ head -4 "$TEST_DATA/lafleur300.fa"; printf '>too_long\n%0150d\n' 0 | tr 0 A; } > long.fa
refused 1 "long.fa: record 'too_long' is 150 bp, longer than the 100 bp" -- \
    "$GSATTN" simulate --embed long.fa --embed-length 100 -o out/x.fa
refused 1 "lafleur300.fa: record 'LF00000' is 74 bp: cropping 40 bases from its start and 40 from its end leaves none" -- \
    "$GSATTN" simulate --embed "$TEST_DATA/lafleur300.fa" --crop-start 40 --crop-end 40 -o out/x.fa
refused 1 "missing.fa: cannot open" -- "$GSATTN" simulate --embed missing.fa -o out/x.fa
refused 1 "missing_ref.fa: cannot open" -- "$GSATTN" simulate --embed long.fa --embed-length 200 --flanks missing_ref.fa -o out/x.fa
refused 1 "ref.fa: no sequence is as long as the 151 bp" -- \
    "$GSATTN" simulate --embed "$TEST_DATA/lafleur300.fa" --embed-length 151 --flanks ref.fa -o out/x.fa
refused 2 "--num-sequences excludes --embed" -- "$GSATTN" simulate --embed long.fa -n 5 -o out/x.fa
refused 2 "--gc excludes --embed" -- "$GSATTN" simulate --embed long.fa --gc 0.4 -o out/x.fa
refused 2 "--placement requires --embed-length" -- "$GSATTN" simulate --embed long.fa --placement end -o out/x.fa
refused 2 "--crop-start requires --embed" -- "$GSATTN" simulate --crop-start 3 -o out/x
finish
