# gsattn enrich: the table's counts against bedtools, its statistics against
# their definitions, the hits track, JSON, --truth, and errors.
source "$(dirname "$0")/lib.sh"

"$GSATTN" simulate -n 40 -L 100 --seed 11 -o sim -q
# A selection made without a model: base 2 of every other planted motif,
# and the first 3 bases of every sequence.
awk -F'\t' 'NR % 2 { print $1 "\t" $2 + 2 "\t" $2 + 3 }' sim.motifs.bed > sel.bed
awk '/^>/ { print substr($1, 2) "\t0\t3" }' sim.fa >> sel.bed
SELECTED=$(sort -k1,1 -k2,2n sel.bed | bedtools merge -i - | awk '{ n += $3 - $2 } END { print n }')
TOTAL=4000

"$GSATTN" enrich --selected sel.bed --fasta sim.fa --truth sim.motifs.bed --pvalue 1e-3 \
    -o enr.tsv --json enr.json --hits hits.bed 2> enr.log
expect_eq "$(head -1 enr.tsv | cut -f1-8)" "set	id	name	features	touched	recall	positions	overlap" "TSV header"
expect_eq "$(awk -F'\t' '$1 == "motif"' enr.tsv | cut -f3 | tr '\n' ' ')" "TATA_box CAAT_box GC_box minus35 minus10 " \
    "default motifs: the planted set's matrices under the planted names"

# Truth rows: counts against bedtools on the planted motifs.
row() { awk -F'\t' -v s="$1" -v n="$2" -v c="$3" '$1 == s && $3 == n { print $c }' enr.tsv; }
for name in TATA_box CAAT_box GC_box minus35 minus10; do
    awk -F'\t' -v n=$name '$4 == n' sim.motifs.bed | sort -k1,1 -k2,2n > truth.$name.bed
    features=$(wc -l < truth.$name.bed)
    touched=$(bedtools intersect -u -a truth.$name.bed -b sel.bed | wc -l)
    covered=$(bedtools merge -i truth.$name.bed | awk '{ n += $3 - $2 } END { print n + 0 }')
    overlap=$(bedtools merge -i truth.$name.bed | bedtools intersect -a - -b <(sort -k1,1 -k2,2n sel.bed | bedtools merge -i -) |
              awk '{ n += $3 - $2 } END { print n + 0 }')
    expect_eq "$(row truth $name 4) $(row truth $name 5) $(row truth $name 7) $(row truth $name 8)" \
        "$features $touched $covered $overlap" "truth $name: features, touched, positions, overlap as bedtools counts them"
done
expect_eq "$(row truth all 4) $(row truth all 5)" "$(wc -l < sim.motifs.bed) $(bedtools intersect -u -a sim.motifs.bed -b sel.bed | wc -l)" \
    "truth all: every planted motif, and those touched"

# Statistics follow from the counts: expected = selected x positions / all,
# fold = overlap / expected, precision = overlap / selected, q >= p.
awk -F'\t' -v sel="$SELECTED" -v total=$TOTAL 'NR > 1 && $4 > 0 {
        e = sel * $7 / total
        if (($9 - e) ^ 2 > (1e-5 * e) ^ 2) bad++
        if (e > 0 && ($10 - $8 / e) ^ 2 > (1e-5 * $10) ^ 2) bad++
        if (($12 - $8 / sel) ^ 2 > 1e-10) bad++
        if ($16 < $15 - 1e-9) bad++
        if (($6 - $5 / $4) ^ 2 > 1e-10) bad++
    } END { print bad + 0 }' enr.tsv > stats.txt
expect_eq "$(cat stats.txt)" 0 "expected, fold enrichment, precision, recall and q follow from the counts"
expect_eq "$(awk -F'\t' '$1 == "truth" && $3 == "all" { print ($15 < -5 && $13 < 1e-5) }' enr.tsv)" 1 \
    "planted motifs hold the selection: p < 1e-5"

# Motif rows against the --hits track, with bedtools as the overlap counter.
tail -n +2 hits.bed > hits.body
expect_eq "$(head -1 hits.bed | grep -c '^#track type=bed .*useScore=1')" 1 "hits: IGV track line"
expect_eq "$(bedtools sort -header -i hits.bed | cmp - hits.bed && echo same)" same "hits: bedtools sort leaves them unchanged"
for name in TATA_box GC_box minus10; do
    awk -F'\t' -v n=$name '$4 == n' hits.body > hits.$name.bed
    covered=$(bedtools merge -i hits.$name.bed | awk '{ n += $3 - $2 } END { print n + 0 }')
    touched=$(bedtools intersect -u -a hits.$name.bed -b sel.bed | wc -l)
    expect_eq "$(row motif $name 4) $(row motif $name 5) $(row motif $name 7)" "$(wc -l < hits.$name.bed) $touched $covered" \
        "motif $name: hits, touched, positions match the hits track"
done
expect_eq "$(awk -F'\t' '$5 < 0 || $5 > 1000 || ($6 != "+" && $6 != "-") || $3 <= $2' hits.body | wc -l)" 0 \
    "hits: BED6 with score 0-1000 and a strand"
expect_eq "$(awk -F'\t' '$1 == "motif" && $3 == "TATA_box" { print ($4 > 0) }' enr.tsv)" 1 "TATA box hits found"

# JSON holds the same numbers.
expect_eq "$(grep -c '"name" : ' enr.json)" "$(( $(wc -l < enr.tsv) - 1 ))" "JSON: one object per row"
expect_eq "$(grep -o '"selected_positions" : [0-9]*' enr.json | grep -o '[0-9]*$')" "$SELECTED" "JSON: selected positions"

# A stricter threshold finds fewer hits; 6-column motifs cannot reach 1e-4.
"$GSATTN" enrich --selected sel.bed --fasta sim.fa -o strict.tsv 2> strict.log
expect_eq "$(awk -F'\t' '$3 == "TATA_box" { print $4 }' strict.tsv | awk -v loose="$(row motif TATA_box 4)" '{ print ($1 < loose) }')" 1 \
    "--pvalue 1e-4 finds fewer TATA hits than 1e-3"
expect_eq "$(grep -c 'minus35 (6 columns) cannot reach p <= 0.0001' strict.log)" 1 "short motif: warned"
expect_eq "$(awk -F'\t' '$3 == "minus35" { print $4, $14 }' strict.tsv)" "0 1" "short motif: no hits, q = 1"

# Any JASPAR file, from stdin FASTA to stdout.
"$GSATTN" enrich --selected sel.bed --fasta - --motifs "$SOURCE_DIR/share/motifs/MA0108.3.TBP.jaspar" -o - -q < sim.fa > stdout.tsv
expect_eq "$(tail -n +2 stdout.tsv | cut -f2,3)" "MA0108.3	TBP" "--motifs FILE, --fasta -, -o -"

# Errors name the file and line and leave nothing behind.
printf 'seq000001\t0\t5\nnope\t1\t2\n' > unknown.bed
expect_exit 1 "unknown.bed:2: 'nope' is not a sequence" -- "$GSATTN" enrich --selected unknown.bed --fasta sim.fa -o out.tsv
printf 'seq000001\t90\t101\n' > past.bed
expect_exit 1 "past.bed:1: interval ends at 101, past the end of 'seq000001' (100 bp)" -- \
    "$GSATTN" enrich --selected past.bed --fasta sim.fa -o out.tsv
expect_exit 1 "unknown.bed:2" -- "$GSATTN" enrich --selected sel.bed --truth unknown.bed --fasta sim.fa -o out.tsv --hits h.bed --json j.json
printf '>bad\nA [ 1 2 ]\nC [ 1 ]\nG [ 1 2 ]\nT [ 1 2 ]\n' > bad.jaspar
expect_exit 1 "bad.jaspar" -- "$GSATTN" enrich --selected sel.bed --fasta sim.fa --motifs bad.jaspar -o out.tsv
expect_exit 2 "--selected" -- "$GSATTN" enrich --fasta sim.fa -o out.tsv
expect_exit 2 "--pvalue" -- "$GSATTN" enrich --selected sel.bed --fasta sim.fa --pvalue 0 -o out.tsv
expect_no_files out.tsv h.bed j.json out.tsv.tmp.* h.bed.tmp.* j.json.tmp.*
# --hits FILE.tsv: FIMO's columns, 1-based inclusive, sorted by p-value; the
# same hits as the BED track, each matched sequence read on its strand.
"$GSATTN" enrich --selected sel.bed --fasta sim.fa --pvalue 1e-3 -q -o enr4.tsv --hits fimo.tsv
expect_eq "$(head -1 fimo.tsv)" "$(printf 'motif_id\tmotif_alt_id\tsequence_name\tstart\tstop\tstrand\tscore\tp-value\tq-value\tmatched_sequence')" \
    "FIMO header"
expect_eq "$(diff <(tail -n +2 fimo.tsv | awk -F'\t' '{ print $3, $4 - 1, $5, $2, $6 }' | sort) \
                  <(grep -v '^#track' hits.bed | awk '{ print $1, $2, $3, $4, $6 }' | sort) && echo same)" same \
    "FIMO rows are the BED track's hits, 1-based"
expect_eq "$(awk -F'\t' 'NR > 2 && $8 < last { bad++ } NR > 1 { last = $8; if ($9 < $8 || $9 > 1 || $7 <= 0) bad++ } END { print bad + 0 }' fimo.tsv)" 0 \
    "sorted by p-value; p <= q <= 1; positive scores"
awk '/^>/ { if (name) print name "\t" seq; name = substr($1, 2); seq = ""; next } { seq = seq $0 } END { print name "\t" seq }' sim.fa > sim.tab
expect_eq "$(awk -F'\t' 'FNR == NR { s[$1] = $2; next } FNR > 1 {
        site = substr(s[$3], $4, $5 - $4 + 1)
        if ($6 == "-") { rc = ""; for (i = length(site); i > 0; i--) rc = rc substr("TGCA", index("ACGT", substr(site, i, 1)), 1); site = rc }
        if (site != $10) bad++ } END { print bad + 0 }' sim.tab fimo.tsv)" 0 "each matched sequence is the site, reverse-complemented on -"
expect_eq "$(tail -n +2 fimo.tsv | wc -l)" "$(grep -vc '^#track' hits.bed)" "as many FIMO rows as BED hits"

# --agreement of two per-base scores: reference scores count by magnitude
# (position i against -2i: Spearman 1, not -1); a score that is 1 on the
# planted bases and 0 elsewhere tells them apart perfectly.
awk -F'\t' '{ for (i = 0; i < length($2); i++) print $1 "\t" i "\t" (i + 1) "\t" i }' sim.tab > position.bg
awk -F'\t' '{ for (i = 0; i < length($2); i++) print $1 "\t" i "\t" (i + 1) "\t" (-2 * i) }' sim.tab > minus2.bg
"$GSATTN" enrich --selected sel.bed --fasta sim.fa --pvalue 1e-3 -q -o enr5.tsv --scores position.bg \
    --reference-scores minus2.bg --agreement agree.tsv
expect_eq "$(head -1 agree.tsv)" "$(printf 'name\tbases\tspearman\tplanted\tauroc_scores\tauroc_reference\tprecision_scores\tprecision_reference')" \
    "agreement header"
expect_eq "$(awk -F'\t' 'NR > 1 && $1 != "all" && ($2 != 100 || $3 != 1)' agree.tsv | wc -l) $(grep -c '^seq' agree.tsv)" "0 40" \
    "every sequence: 100 bases, Spearman 1 with the reference's magnitudes"
expect_eq "$(awk -F'\t' '$1 == "median" { print $2, $3 }' agree.tsv)" "100 1" "median row"
sort -k1,1 -k2,2n sim.motifs.bed | bedtools merge -i - > planted.bed
awk -F'\t' 'FNR == NR { for (i = $2; i < $3; i++) p[$1, i] = 1; next }
    { for (i = 0; i < length($2); i++) print $1 "\t" i "\t" (i + 1) "\t" (($1, i) in p ? 1 : 0) }' planted.bed sim.tab > planted.bg
"$GSATTN" enrich --selected sel.bed --fasta sim.fa --truth sim.motifs.bed --pvalue 1e-3 -q -o enr6.tsv \
    --scores planted.bg --reference-scores position.bg --agreement agree2.tsv
expect_eq "$(awk -F'\t' '$1 == "all" { print $4, $5, $7 }' agree2.tsv)" "$(awk '{ n += $3 - $2 } END { print n }' planted.bed) 1 1" \
    "all bases: the planted count as bedtools merges it; the indicator's AUROC and precision are 1"
expect_eq "$(awk -F'\t' '/^seq/ && $4 > 0 && ($5 != 1 || $7 != 1)' agree2.tsv | wc -l)" 0 "so in every sequence"
printf 'seq000001\t0\t5\thigh\n' > word.bg
expect_exit 1 "has no number in its 4th column" -- "$GSATTN" enrich --selected sel.bed --fasta sim.fa -o x.tsv \
    --scores word.bg --reference-scores position.bg --agreement x.agree
expect_exit 2 "--agreement" -- "$GSATTN" enrich --selected sel.bed --fasta sim.fa -o x.tsv --scores position.bg

# --profile: per offset, the share of the 40 sequences with the base kept,
# inside a hit of each motif, inside each planted motif (bedtools-free: awk
# counts each sequence once per offset from the BED files).
"$GSATTN" enrich --selected sel.bed --fasta sim.fa --truth sim.motifs.bed --pvalue 1e-3 -q \
    -o enr2.tsv --hits hits2.bed --profile profile.tsv
planted_order=$(awk -F'\t' '!seen[$4]++ { printf "\ttruth:%s", $4 }' sim.motifs.bed)
expect_eq "$(head -1 profile.tsv)" "$(printf 'offset\tsequences\tkept\tTATA_box\tCAAT_box\tGC_box\tminus35\tminus10')$planted_order" \
    "profile header: kept, each motif, each planted motif (in the BED's order)"
expect_eq "$(tail -n +2 profile.tsv | cut -f1 | sed -n '1p;$p' | tr '\n' ' ')$(awk 'NR > 1 && $2 != 40' profile.tsv | wc -l)" "0 99 0" \
    "anchored at the start: offsets 0-99, all 40 sequences at each"
# share BED NAME COLUMN_NAME: awk's count of sequences covering each offset
# with an interval of NAME (any name when empty), against the profile's column.
share_matches() {
    awk -F'\t' -v n="$2" -v col="$3" '
        FNR == NR { if ($1 ~ /^track/ || (n != "" && $4 != n)) next
                    for (i = $2; i < $3; i++) if (!seen[$1, i]++) count[i]++; next }
        FNR == 1 { for (c = 1; c <= NF; c++) if ($c == col) k = c; next }
        { d = $k - count[$1] / 40; if (d > 1e-6 || d < -1e-6) bad++ }
        END { print (k ? bad + 0 : "no column " col) }' "$1" profile.tsv
}
expect_eq "$(share_matches sel.bed "" kept)" 0 "profile: kept share per offset"
expect_eq "$(share_matches sim.motifs.bed TATA_box truth:TATA_box) $(share_matches sim.motifs.bed minus10 truth:minus10)" "0 0" \
    "profile: planted TATA and -10 boxes per offset"
expect_eq "$(share_matches hits2.bed GC_box GC_box) $(share_matches hits2.bed minus35 minus35)" "0 0" \
    "profile: GC-box and -35 hits per offset, as the hits track has them"
"$GSATTN" enrich --selected sel.bed --fasta sim.fa -q -o enr3.tsv --profile end.tsv --anchor end
expect_eq "$(tail -n +2 end.tsv | cut -f1 | sed -n '1p;$p' | tr '\n' ' ')" "-99 0 " "--anchor end: offsets -99 to 0"
expect_eq "$(diff <(tail -n +2 profile.tsv | cut -f3) <(tail -n +2 end.tsv | cut -f3) && echo same)" same \
    "equal lengths: the end-anchored kept shares are the start-anchored ones"
expect_exit 2 "--anchor" -- "$GSATTN" enrich --selected sel.bed --fasta sim.fa -o x.tsv --profile x.profile --anchor middle

# --discover: a selection of the planted bases (plus a random tenth of the
# others) in 300 sequences. The five planted words come back, consensus or
# reverse complement, each with E < 1e-5, and nothing else does.
"$GSATTN" simulate -n 300 -L 120 --seed 5 -o disc -q
awk -F'\t' '{ print $1 "\t" $2 "\t" $3 }' disc.motifs.bed > disc.sel.bed
awk '/^>/ { name = substr($1, 2); srand(length(name) + NR); for (i = 0; i < 120; i++) if (rand() < 0.1) print name "\t" i "\t" i + 1 }' \
    disc.fa >> disc.sel.bed
"$GSATTN" enrich --selected disc.sel.bed --fasta disc.fa --pvalue 1e-3 -q -o disc.tsv --discover 8 \
    --discover-out disc.meme --discover-tsv discovered.tsv --sequence-tsv sequences.tsv --html report.html
for w in TATAAA CCAAT GGGCGG TTGACA TATAAT; do
    rc=$(echo "$w" | rev | tr ACGT TGCA)
    expect_eq "$(awk -F'\t' -v a="$w" -v b="$rc" 'NR > 1 && $11 == 1 && $10 + 0 < 1e-5 && ($2 == a || $2 == b)' discovered.tsv | wc -l)" 1 \
        "--discover finds $w (or $rc) once with E < 1e-5"
done
expect_eq "$(awk -F'\t' 'NR > 1 && $11 == 1 && $10 + 0 < 1e-5' discovered.tsv | wc -l)" 5 "nothing else with E < 1e-5"
expect_eq "$(awk -F'\t' 'NR > 1 && $11 == 1 && ($2 == "TATAAA" || $2 == "TTTATA") { print $12 }' discovered.tsv)" MA0108.3 \
    "TATAAA's best match among the shipped motifs is the TBP matrix"
# The MEME file is a motif file for gsattn itself: the discovered motifs scanned as --motifs.
"$GSATTN" enrich --selected disc.sel.bed --fasta disc.fa --pvalue 1e-3 -q -o rescan.tsv --motifs disc.meme
expect_eq "$(tail -n +2 rescan.tsv | cut -f2,3 | tr '\t\n' ': ')" \
    "$(awk -F'\t' 'NR > 1 && $11 == 1 { printf "%s:%s ", $1, $2 }' discovered.tsv)" "the MEME output reads back: ids and consensus names"
expect_eq "$(grep -c '^letter-probability matrix: alength= 4 w= [0-9]* nsites= [0-9]* E= [0-9.]*e[-+][0-9]*$' disc.meme)" \
    "$(awk -F'\t' 'NR > 1 && $11 == 1' discovered.tsv | wc -l)" "MEME headers with w=, nsites= and E="

# --discover-database: the discovered motifs compared with another file (here
# their own MEME output: each one's best match is itself), the tables unchanged.
"$GSATTN" enrich --selected disc.sel.bed --fasta disc.fa --pvalue 1e-3 -q -o own.tsv --discover 8 \
    --discover-database disc.meme --discover-tsv own-discovered.tsv
expect_eq "$(cmp own.tsv disc.tsv && echo same)" same "--discover-database: the position table keeps to --motifs"
expect_eq "$(awk -F'\t' 'NR > 1 && $11 == 1 { printf "%s=%s ", $1, $12 }' own-discovered.tsv)" \
    "$(awk -F'\t' 'NR > 1 && $11 == 1 { printf "%s=%s ", $1, $1 }' discovered.tsv)" \
    "--discover-database: each discovered motif's best match in its own MEME file is itself"
expect_exit 2 "--discover" -- "$GSATTN" enrich --selected disc.sel.bed --fasta disc.fa -o x.tsv \
    --discover-database disc.meme
# --sequence-tsv: sequences whose kept positions touch a hit, as bedtools counts them from the hits track.
"$GSATTN" enrich --selected disc.sel.bed --fasta disc.fa --pvalue 1e-3 -q -o disc2.tsv --hits disc.hits.bed
for name in TATA_box GC_box; do
    expect_eq "$(awk -F'\t' -v n=$name '$2 == n { print $3, $4 }' sequences.tsv)" \
        "300 $(awk -F'\t' -v n=$name '$4 == n' disc.hits.bed | bedtools intersect -u -a - -b disc.sel.bed | cut -f1 | sort -u | wc -l)" \
        "sequence level: $name sequences with a kept hit"
done
expect_eq "$(awk -F'\t' 'NR > 1 && ($6 != 300 || $11 < $10 || ($5 - $4 / 300) ^ 2 > 1e-10)' sequences.tsv | wc -l)" 0 \
    "300 shuffled controls; share = with_hit / sequences; q >= p"

# --html: every table holds the TSV's text, row for row; an SVG per logo and the profile plot.
html_table() { sed -n "/<table id=\"$1\">/,/<\/table>/p" report.html | grep '^<tr>' |
    sed -e 's/<\/t[dh]><t[dh]>/\t/g' -e 's/<tr><t[dh]>//' -e 's/<\/t[dh]><\/tr>//'; }
expect_eq "$(html_table position-enrichment | cmp - disc.tsv && echo same)" same "HTML position table = the output TSV"
expect_eq "$(html_table sequence-enrichment | cmp - sequences.tsv && echo same)" same "HTML sequence table = --sequence-tsv"
expect_eq "$(html_table discovered-motifs | cmp - discovered.tsv && echo same)" same "HTML discovered table = --discover-tsv"
expect_eq "$(grep -c '<svg class="logo-svg"' report.html) $(grep -c '<svg id="profile"' report.html)" \
    "$(( 2 * $(awk -F'\t' 'NR > 1 && $11 == 1' discovered.tsv | wc -l) )) 1" "a logo per discovered motif and per best match; one profile plot"
expect_eq "$(grep -c -E '<(script|link|img)|src=|@import' report.html)" 0 "self-contained: no script, link, image or import"
expect_exit 2 "--discover" -- "$GSATTN" enrich --selected disc.sel.bed --fasta disc.fa -o x.tsv --discover-out x.meme
expect_exit 2 "--background is the control of" -- "$GSATTN" enrich --selected disc.sel.bed --fasta disc.fa -o x.tsv \
    --background disc.fa
expect_no_files x.tsv x.meme
# --background with its own selection: the same sequences and positions as the targets give a fold of 1.
"$GSATTN" enrich --selected disc.sel.bed --fasta disc.fa --pvalue 1e-3 -q -o x2.tsv --sequence-tsv self.tsv \
    --background disc.fa --background-selected disc.sel.bed
expect_eq "$(awk -F'\t' 'NR > 1 && ($4 != $7 || $6 != 300)' self.tsv | wc -l)" 0 "the targets as their own background: equal counts"

finish
