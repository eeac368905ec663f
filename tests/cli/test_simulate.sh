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
finish
