# gsattn select-positions: the kept positions as a sorted BED6 track, merged
# intervals, the bedGraph of every score, genomic coordinates, errors.
source "$(dirname "$0")/lib.sh"

"$GSATTN" simulate -n 60 -L 80 --seed 5 -o sim -q
TRAIN=(--fasta sim.fa --labels sim.labels.tsv --epochs 2 --batch-size 16 --embedding-dim 8 --heads 2 --threads 1 -q)
"$GSATTN" train "${TRAIN[@]}" --model sparse -o m.gsattn

# One line per kept position: ceil(0.1 x 80) = 8 per sequence, ranks 1..8.
"$GSATTN" select-positions -m m.gsattn --fasta sim.fa -o sel.bed --scores scores.bedgraph -q
expect_eq "$(head -1 sel.bed | grep -c '^#track type=bed .*useScore=1')" 1 "IGV track line with useScore=1"
tail -n +2 sel.bed > sel.body
expect_eq "$(wc -l < sel.body)" 480 "8 positions for each of 60 sequences"
expect_eq "$(cut -f1 sel.body | uniq -c | awk '$1 != 8' | wc -l)" 0 "8 lines per sequence"
expect_eq "$(awk -F'\t' 'NF != 6 || $3 != $2 + 1 || $2 < 0 || $3 > 80 || $5 < 0 || $5 > 1000 || $6 != "."' sel.body | wc -l)" 0 \
    "BED6 single-base lines inside the sequence, score 0-1000"
expect_eq "$(awk -F'\t' '$1 == "seq000001" { print $4 }' sel.body | sort -n | tr '\n' ' ')" "1 2 3 4 5 6 7 8 " \
    "names are the ranks 1..8"
expect_eq "$(bedtools sort -header -i sel.bed | cmp - sel.bed && echo same)" same "bedtools sort leaves the track unchanged"
expect_eq "$(bedtools intersect -u -a sel.bed -b sim.motifs.bed > /dev/null && echo accepted)" accepted \
    "bedtools intersect accepts the track"

# The bedGraph has every position; the kept ones are the highest scoring,
# and their BED score is the bedGraph score x 1000.
tail -n +2 scores.bedgraph > scores.body
expect_eq "$(wc -l < scores.body)" 4800 "bedGraph: every position of 60 x 80"
expect_eq "$(bedtools sort -header -i scores.bedgraph | cmp - scores.bedgraph && echo same)" same "bedGraph sorted"
awk -F'\t' 'NR == FNR { kept[$1 FS $2] = $5; next }
    { key = $1 FS $2
      if (key in kept) { if (kept[key] != int($4 * 1000 + 0.5)) bad++; if (!($1 in low) || $4 < low[$1]) low[$1] = $4 }
      else if (!($1 in high) || $4 > high[$1]) high[$1] = $4 }
    END { for (s in low) if (high[s] > low[s]) bad++; print bad + 0 }' sel.body scores.body > check.txt
expect_eq "$(cat check.txt)" 0 "kept positions are each sequence's highest scores; BED score = 1000 x score"

# --top-k overrides the model's fraction; --merge joins runs of kept positions.
"$GSATTN" select-positions -m m.gsattn --fasta sim.fa --top-k 3 -o top3.bed -q
expect_eq "$(tail -n +2 top3.bed | wc -l)" 180 "--top-k 3: 3 per sequence"
expect_eq "$(tail -n +2 top3.bed | cut -f1,2 | cmp - <(awk -F'\t' '$4 <= 3 { print $1 "\t" $2 }' sel.body) && echo same)" same \
    "--top-k 3 keeps the 3 best-ranked of the default selection"
"$GSATTN" select-positions -m m.gsattn --fasta sim.fa --merge --track-name merged -o merged.bed -q
expect_eq "$(head -1 merged.bed | grep -c 'name="merged"')" 1 "--track-name names the track"
expect_eq "$(tail -n +2 merged.bed | awk -F'\t' '{ n += $4; len += $3 - $2 } END { print n, len }')" "480 480" \
    "--merge: the merged intervals hold exactly the kept positions"
expect_eq "$(tail -n +2 merged.bed | bedtools merge -d 0 -i - | wc -l)" "$(tail -n +2 merged.bed | wc -l)" \
    "--merge: no two intervals touch"
"$GSATTN" select-positions -m m.gsattn --fasta sim.fa --merge --merge-gap 80 -o one.bed -q
expect_eq "$(tail -n +2 one.bed | awk -F'\t' '{ print $4 }' | sort -u)" 8 "--merge-gap 80: one interval of 8 per sequence"

# Regions of a reference: genomic coordinates; a minus-strand region's
# positions are those of its reverse complement, mapped back.
cp "$TEST_DATA/reference/ref.fa" ref.fa
printf 'chr1\t10\t90\tr1\t0\t+\nchr2\t0\t60\tr2\t0\t-\n' > regions.bed
"$GSATTN" select-positions -m m.gsattn --bed regions.bed --reference ref.fa -o genomic.bed -q
samtools faidx ref.fa chr1:11-90 | sed '1s/.*/>plus/' > plus.fa
samtools faidx -i ref.fa chr2:1-60 | sed '1s/.*/>minus/' > minus.fa
"$GSATTN" select-positions -m m.gsattn --fasta plus.fa -o plus.bed -q
"$GSATTN" select-positions -m m.gsattn --fasta minus.fa -o minus.bed -q
expect_eq "$(awk -F'\t' '$1 == "chr1" { print $2 - 10, $4, $5, $6 }' genomic.bed)" \
    "$(tail -n +2 plus.bed | awk -F'\t' '{ print $2, $4, $5, "+" }')" "plus-strand region: positions offset by its start"
expect_eq "$(awk -F'\t' '$1 == "chr2" { print 59 - $2, $4, $5, $6 }' genomic.bed | sort -n)" \
    "$(tail -n +2 minus.bed | awk -F'\t' '{ print $2, $4, $5, "-" }' | sort -n)" "minus-strand region: positions mirrored"

# A topk model's positions are the keys its queries chose most often; the
# bedGraph score is (queries that chose it + 1/2) / (80 + 1), and each of the
# 80 queries chose 16 keys.
"$GSATTN" train "${TRAIN[@]}" --model topk -o topk.gsattn
"$GSATTN" select-positions -m topk.gsattn --fasta sim.fa -o topk.bed --scores topk.bedgraph -q
expect_eq "$(tail -n +2 topk.bed | cut -f1 | uniq -c | awk '$1 == 8' | wc -l)" 60 "topk: 8 positions for each of 60 sequences"
expect_eq "$(tail -n +2 topk.bedgraph | awk -F'\t' '{ c = $4 * 81 - 0.5; n = int(c + 0.5); if (n - c > 0.01 || c - n > 0.01) bad++
        chosen[$1] += n } END { for (s in chosen) if (chosen[s] != 16 * 80) bad++; print bad + 0 }')" 0 \
    "topk: each sequence's scores count 16 chosen keys for each of its 80 queries"

# Errors: no token selector, a fraction of 0, --merge-gap without --merge.
"$GSATTN" train "${TRAIN[@]}" --model joint -o joint.gsattn
expect_exit 1 "has no token selector" -- "$GSATTN" select-positions -m joint.gsattn --fasta sim.fa -o x.bed
expect_no_files x.bed x.bed.tmp.*
expect_exit 2 "--sparsity" -- "$GSATTN" select-positions -m m.gsattn --fasta sim.fa --sparsity 0 -o x.bed
expect_exit 2 "--merge" -- "$GSATTN" select-positions -m m.gsattn --fasta sim.fa --merge-gap 3 -o x.bed
expect_exit 2 "--top-k" -- "$GSATTN" select-positions -m m.gsattn --fasta sim.fa --top-k 2 --sparsity 0.5 -o x.bed

finish
