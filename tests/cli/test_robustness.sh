# bench/robustness.sh on a small scale: a tiny sparse model trained with
# the default flank augmentation (--augment-length, --augment-crop) loses
# less of its test r when its test sequences sit in random flanks or are
# cropped than the same model trained without it.
source "$(dirname "$0")/lib.sh"

# A designed library in the manner of La Fleur's: one 70-bp scaffold with a
# few mutations per record, a -35 hexamer at 12 and a -10 hexamer at 35
# drawn from sets of graded strength; label = their strengths + noise.
# Every record has the same frame, which a model can learn instead of the boxes.
awk 'function base() { return substr("ACGT", int(rand() * 4) + 1, 1) }
BEGIN {
    srand(7)
    for (i = 0; i < 70; i++) scaffold = scaffold base()
    n35 = split("TTGACA TTGACT TTTACA TTGCCA CTGACA TAGACA GTGACT TTGAAA", m35, " ")
    n10 = split("TATAAT TATACT TAAAAT GATAAT TATGAT TCTAAT TATATT CATAAT", m10, " ")
    print "name\tlabel" > "lib.labels.tsv"
    for (r = 1; r <= 700; r++) {
        a = int(rand() * n35) + 1; b = int(rand() * n10) + 1
        s = substr(scaffold, 1, 12) m35[a] substr(scaffold, 19, 17) m10[b] substr(scaffold, 42)
        for (k = 0; k < 3; k++) {
            p = int(rand() * 70) + 1
            if (p < 13 || (p > 18 && p < 36) || p > 41) s = substr(s, 1, p - 1) base() substr(s, p + 1)
        }
        printf ">L%04d\n%s\n", r, s > "lib.fa"
        printf "L%04d\t%.4f\n", r, (n35 - a) * 0.3 + (n10 - b) * 0.4 + 0.3 * (rand() - 0.5) > "lib.labels.tsv"
    }
}'
SMALL="--epochs 20 --batch-size 32 --embedding-dim 16 --heads 2 --inits 1 --lr 0.005"
export LABEL_COLUMN=label THREADS=1 GENOME="" VARIANTS="flank120.start flank120.end crop5.start"
for plan in plain:"--augment-length 0 --augment-crop 0" augmented:""; do
    TAG=${plan%%:*} bash "$SOURCE_DIR/bench/robustness.sh" "$GSATTN" lib.fa lib.labels.tsv bench sparse \
        "$SMALL ${plan#*:}" > "${plan%%:*}.log" 2>&1 || fail "robustness.sh ($plan) failed: $(tail -3 "${plan%%:*}.log")"
done

for tag in plain augmented; do
    table=bench/table.$tag.tsv
    expect_eq "$(cut -f3 "$table" | tail -n +2 | tr '\n' ' ')" "original $VARIANTS " "$tag: a row per variant"
    expect_eq "$(awk -F'\t' 'NR > 1 && !($4 >= -1 && $4 <= 1 && $6 >= -1 && $6 <= 1)' "$table" | wc -l)" 0 \
        "$tag: every r is a number in [-1, 1]"
done
mean_drop() { awk -F'\t' 'NR > 2 { sum += $5; n++ } END { printf "%.4f", sum / n }' "bench/table.$1.tsv"; }
plain=$(mean_drop plain) augmented=$(mean_drop augmented)
expect_eq "$(awk -v p="$plain" -v a="$augmented" 'BEGIN { print (a < p) }')" 1 \
    "augmentation shrinks the mean drop of r in other contexts ($augmented < $plain)"
original=$(awk -F'\t' '$3 == "original" { print $4 }' bench/table.augmented.tsv)
expect_eq "$(awk -v r="$original" 'BEGIN { print (r > 0.8) }')" 1 "the augmented model still predicts (test r = $original)"

finish
