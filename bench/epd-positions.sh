#!/usr/bin/env bash
# Where a sparse model's kept positions sit in real promoters, what they
# hold, and whether they are the bases that matter (EPDnew TATA-box
# promoters, mouse and Arabidopsis). Every record is looked at with the
# fold model of bench/train-epd.sh's sparse cross-validation that did not
# train on it (--fold-models; run that first), so all 1,255 / 1,497
# promoters and 2,500 / 2,000 non-promoters are held out:
#   - the profile of kept positions and of TBP/NFYA/SP1 hits around the TSS
#     (offset 0 = 0-based base 200), its peak and the share at -35..-20;
#   - position-level enrichment of the three motifs among kept positions in
#     promoters, and sequence-level against the non-promoters;
#   - motifs discovered around kept positions, compared with JASPAR 2024;
#   - the selector's agreement with in-silico mutagenesis (median Spearman,
#     and the share of each promoter's top-|ISM| bases, as many as are kept,
#     that the selector keeps);
#   - IGV tracks: the promoters as a genome (FASTA + .fai), kept positions
#     (BED), selector scores and ISM (bedGraph), TBP hits (BED), sorted, and
#     an IGV session (igv-session.xml) that opens them together;
#   - the HTML report.
# Not part of the test suite.
#
# usage: bench/epd-positions.sh [GSATTN_BINARY] [THREADS] [DATA_DIR] [SETS]
set -euo pipefail
GSATTN=${1:-build/gsattn}
THREADS=${2:-2}
DATA=${3:-../shared/data/epd-promoters}
SETS=${4:-mouse arabidopsis}
SEED=${SEED:-1}
MOTIFS=${MOTIFS:-$(dirname "$DATA")/../motifs}
# JASPAR's TBP matrix (MA0108.3) has 7 columns: in Arabidopsis' AT-rich
# promoters its best window has p = 4.8e-4, so enrich's default 1e-4 finds
# no TBP hit there at all; both sets are scanned at 1e-3.
PVALUE=${PVALUE:-1e-3}
OUT=bench/results/epd
export LC_ALL=C

# One line per record: name, sequence.
records() { awk '/^>/ { if (name) print name "\t" seq; name = substr($1, 2); seq = ""; next }
                 { seq = seq $0 } END { if (name) print name "\t" seq }' "$1"; }
fasta_of() { awk -F'\t' '{ print ">" $1; print $2 }'; }
# The records (name, sequence on stdin) whose name is in file $1.
pick() { awk -F'\t' 'NR == FNR { keep[$1] = 1; next } ($1 in keep)' "$1" -; }
# Tracks from the folds, one file: the first one's track line, then every line sorted.
merged() { awk '/^track/ && !seen++' "$@"; grep -hv '^track' "$@" | sort -k1,1 -k2,2n; }

summary="$OUT/positions.tsv"
printf 'set\tfolds\tpeak_offset\tkept_share_-35..-20\tbase_share_-35..-20\tTBP_position_q\tTBP_sequence_q\tNFYA_position_q\tSP1_position_q\tmedian_spearman\tism_top_kept\tdiscovered\n' > "$summary"
for set in $SETS; do
    cv=$OUT/$set.sparse.seed$SEED
    [ -s "$cv.oof.tsv" ] || { echo "no $cv.oof.tsv: run bench/train-epd.sh first" >&2; exit 1; }
    dir=$OUT/$set
    rm -rf "$dir"
    mkdir -p "$dir"
    records "$DATA/${set}_tata.fa" > "$dir/records.tsv"
    folds=$(tail -n +2 "$cv.oof.tsv" | cut -f4 | sort -u)
    for fold in $folds; do
        for class in 1 0; do
            awk -F'\t' -v f="$fold" -v c="$class" 'NR > 1 && $4 == f && $2 == c { print $1 }' "$cv.oof.tsv" > "$dir/names"
            pick "$dir/names" < "$dir/records.tsv" | fasta_of > "$dir/fold$fold.$class.fa"
        done
        model=$cv.fold$fold.gsattn
        "$GSATTN" select-positions -m "$model" --fasta "$dir/fold$fold.1.fa" --threads "$THREADS" -q \
            --track-name "gsattn kept ($set promoters)" --scores "$dir/fold$fold.selector.bedGraph" \
            -o "$dir/fold$fold.kept.bed"
        "$GSATTN" select-positions -m "$model" --fasta "$dir/fold$fold.0.fa" --threads "$THREADS" -q \
            -o "$dir/fold$fold.kept.non-promoters.bed"
        "$GSATTN" predict -m "$model" --fasta "$dir/fold$fold.1.fa" --threads "$THREADS" -q \
            --ism "$dir/fold$fold.ism.bedGraph" -o "$dir/fold$fold.predictions.tsv"
    done
    records <(cat "$dir"/fold*.1.fa) | sort | fasta_of > "$dir/promoters.fa"
    records <(cat "$dir"/fold*.0.fa) | sort | fasta_of > "$dir/non-promoters.fa"
    samtools faidx "$dir/promoters.fa"
    merged "$dir"/fold*.kept.bed > "$dir/kept.bed"
    merged "$dir"/fold*.kept.non-promoters.bed > "$dir/kept.non-promoters.bed"
    merged "$dir"/fold*.selector.bedGraph > "$dir/selector.bedGraph"
    merged "$dir"/fold*.ism.bedGraph > "$dir/ism.bedGraph"
    rm -f "$dir"/fold* "$dir/names"
    "$GSATTN" enrich --selected "$dir/kept.bed" --fasta "$dir/promoters.fa" -q --seed "$SEED" --pvalue "$PVALUE" \
        --motifs "$MOTIFS/MA0108.3.TBP.jaspar" "$MOTIFS/MA0060.4.NFYA.jaspar" "$MOTIFS/MA0079.5.SP1.jaspar" \
        --profile "$dir/profile.tsv" --anchor 200 --hits "$dir/motif-hits.bed" \
        --sequence-tsv "$dir/sequences.tsv" --background "$dir/non-promoters.fa" \
        --background-selected "$dir/kept.non-promoters.bed" \
        --discover 8 --discover-database "$MOTIFS/JASPAR2024_CORE_vertebrates_non-redundant.jaspar" \
        --discover-tsv "$dir/discovered.tsv" --discover-out "$dir/discovered.meme" \
        --html "$dir/report.html" -o "$dir/enrichment.tsv"
    grep -v '^track' "$dir/motif-hits.bed" | awk -F'\t' '$4 ~ /TBP/' | sort -k1,1 -k2,2n > "$dir/tbp-hits.bed"
    # The kept positions as planted "truth": the agreement table's precision
    # of the ISM is then the share of its top bases (as many as are kept) kept.
    grep -v '^track' "$dir/kept.bed" | awk -v OFS='\t' '{ print $1, $2, $3, "kept" }' > "$dir/kept.truth.bed"
    "$GSATTN" enrich --selected "$dir/kept.bed" --fasta "$dir/promoters.fa" -q --pvalue "$PVALUE" \
        --motifs "$MOTIFS/MA0108.3.TBP.jaspar" --scores "$dir/selector.bedGraph" \
        --reference-scores "$dir/ism.bedGraph" --truth "$dir/kept.truth.bed" --agreement "$dir/agreement.tsv" \
        -o /dev/null

    # An IGV session over the held-out promoters as a genome: kept positions,
    # selector scores, ISM and TBP hits (IGV: File > Open Session).
    {
        echo '<?xml version="1.0" encoding="UTF-8"?>'
        echo "<Session genome=\"promoters.fa\" locus=\"$(head -1 "$dir/promoters.fa" | cut -c2-):140-230\" version=\"8\">"
        echo '  <Resources>'
        for track in kept.bed selector.bedGraph ism.bedGraph tbp-hits.bed; do echo "    <Resource path=\"$track\"/>"; done
        echo '  </Resources>'
        echo '</Session>'
    } > "$dir/igv-session.xml"

    column_of() { head -1 "$1" | tr '\t' '\n' | grep -nx "$2" | cut -d: -f1; }
    kept=$(column_of "$dir/profile.tsv" kept)
    peak=$(awk -F'\t' -v k="$kept" 'NR > 1 && $k > best { best = $k; at = $1 } END { print at }' "$dir/profile.tsv")
    # Share of kept positions at -35..-20 (the TATA box), and of bases there.
    share=$(awk -F'\t' -v k="$kept" 'NR > 1 { all += $k; if ($1 >= -35 && $1 <= -20) box += $k; n++ }
        END { printf "%.4f\t%.4f", box / all, 16 / n }' "$dir/profile.tsv")
    q_of() { awk -F'\t' -v want="$2" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
        $c["id"] == want { printf "1e%.1f", $c["log10_q"] }' "$1"; }
    median=$(awk -F'\t' '$1 == "median" { printf "%.3f\t%.3f", $3, $8 }' "$dir/agreement.tsv")
    found=$(awk -F'\t' 'NR > 1 && $11 == 1 { printf "%s%s~%s", sep, $2, $13; sep = "," }' "$dir/discovered.tsv")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$set" "$(echo $folds | wc -w)" "$peak" "$share" \
        "$(q_of "$dir/enrichment.tsv" MA0108.3)" "$(q_of "$dir/sequences.tsv" MA0108.3)" \
        "$(q_of "$dir/enrichment.tsv" MA0060.4)" "$(q_of "$dir/enrichment.tsv" MA0079.5)" "$median" "$found" |
        tee -a "$summary"
done
