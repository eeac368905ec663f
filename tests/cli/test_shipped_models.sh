# The shipped models (share/models): each loads by name, predicts the values
# its card gives for its example records, and its card's metrics are those of
# the metrics files scripts/train-shipped-models.sh kept beside it.
source "$(dirname "$0")/lib.sh"
: "${SOURCE_DIR:?the source tree}"
MODELS=$SOURCE_DIR/share/models

expect_eq "$("$GSATTN" predict --list-models | tail -n +2 | cut -f1 | tr '\n' ' ')" "ecoli-sigma70 epd-promoter " \
    "--list-models lists the two shipped models"
# card_table CARD HEADING: the rows of the table under "## HEADING", cells tab-separated.
card_table() {
    awk -v heading="## $2" '$0 == heading { on = 1; next } /^## / { on = 0 }
        on && /^\| / && !/^\|---/ { gsub(/^\| | \|$/, ""); gsub(/ \| /, "\t"); print }' "$1" | tail -n +2
}
# metric JSON SECTION KEY, to 4 decimals as the card shows it.
metric() {
    sed -n "/\"$2\"/,/}/p" "$1" | grep -o "\"$3\" : [^,}]*" | head -1 | sed 's/.* : //; s/"//g' |
        awk '/^[0-9-]/ { printf "%.4f\n", $1; next } { print }'
}
for name in ecoli-sigma70 epd-promoter; do
    card=$MODELS/$name.md
    [ -s "$MODELS/$name.gsattn" ] && [ -s "$card" ] && pass "$name: model and card" || fail "$name: model or card missing"
    "$GSATTN" predict -m "$name" --fasta "$MODELS/$name.examples.fa" -q -o "$name.tsv"
    examples=$(card_table "$card" Examples)
    expect_eq "$(echo "$examples" | wc -l)" 4 "$name: the card gives 4 examples"
    # Equal to 1e-6: another BLAS kernel moves the last bits (docs/usage.md, Reproducibility).
    expect_eq "$(paste <(echo "$examples") <(tail -n +2 "$name.tsv") | awk -F'\t' '
        $1 != $3 { bad++ } { d = $2 - $4; if (d < 0) d = -d; if (d > 1e-6) bad++ } END { print NR, bad + 0 }')" "4 0" \
        "$name: predicts what its card says for its examples"
    while IFS=$'\t' read -r key out_of_fold held_out; do
        expect_eq "$out_of_fold $held_out" \
            "$(metric "$MODELS/$name.cv.metrics.json" out_of_fold "$key") $(metric "$MODELS/$name.gsattn.metrics.json" test "$key")" \
            "$name: the card's $key is the metrics files'"
    done < <(card_table "$card" "Cross-validated metrics")
    expect_eq "$(card_table "$card" "Cross-validated metrics" | wc -l | awk '{ print ($1 >= 3) }')" 1 "$name: the card lists its metrics"
    # predict --vcf's default window is the model's training length, which the model file records: an
    # SNV at its centre on the first example record, the window starting at the record's first base.
    window=$([ "$name" == ecoli-sigma70 ] && echo 73 || echo 251)
    awk '/^>/ { if (n++) exit; print; next } { printf "%s", $0 } END { print "" }' "$MODELS/$name.examples.fa" > "$name.ref.fa"
    read -r chrom bases < <(awk 'NR == 1 { c = substr($1, 2) } NR == 2 { print c, $0 }' "$name.ref.fa")
    pos=$((window / 2 + 1)) ref=${bases:$((window / 2)):1}
    printf '##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n%s\t%s\tsnv\t%s\t%s\t.\t.\t.\n' \
        "$chrom" "$pos" "$ref" "$([ "$ref" == A ] && echo C || echo A)" > "$name.vcf"
    "$GSATTN" predict -m "$name" --vcf "$name.vcf" --reference "$name.ref.fa" -q -o "$name.scored.vcf" \
        --vcf-summary "$name.summary.tsv"
    expect_eq "$(grep -o 'window=[0-9]*' "$name.scored.vcf") $(tail -1 "$name.summary.tsv" | awk '{ print $NF }')" \
        "window=$window scored" "$name: predict --vcf's default window is its training length, $window bp"
done
finish
