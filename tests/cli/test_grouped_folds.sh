# gsattn train --folds with grouped folds on 300 La Fleur promoters: the
# records of a group share a test fold, the metrics name the grouping, and
# bad uses are refused.
source "$(dirname "$0")/lib.sh"
export LC_ALL=C  # sort and join agree on the order

LABELS="$TEST_DATA/lafleur300.labels.tsv"
# A small model, one epoch: the folds are what is checked. Give --labels after it.
TRAIN=(train --fasta "$TEST_DATA/lafleur300.fa" --model joint --folds 3 --epochs 1 --embedding-dim 8 --heads 2
       --threads 1)
json_value() { grep -o "\"$2\" : [^,}]*" "$1" | head -1 | sed 's/.* : //'; }
# name -> fold, from an out-of-fold TSV.
folds_of() { tail -n +2 "$1" | cut -f1,4 | sort; }
# expect_one_fold_per_group GROUPS_TSV OOF_TSV WHAT: GROUPS_TSV holds name
# and group; every group's records share one fold number.
expect_one_fold_per_group() {
    local split
    split=$(join -t $'\t' <(sort "$1") <(folds_of "$2") | cut -f2,3 | sort -u | cut -f1 | uniq -d | wc -l)
    expect_eq "$split" 0 "$3: no group is split between folds"
}

# The designs of lafleur300 all share their -10 box (TATAAT); the 6 bases
# from its 4th on vary (51 sequences, the commonest in 15 records).
awk -v OFS='\t' '$4 == "minus10" { print $1, $2 + 3, $3 + 3, "shifted10", $5, $6 }' \
    "$TEST_DATA/lafleur300.elements.bed" > shifted.bed
paste <(grep '>' "$TEST_DATA/lafleur300.fa" | tr -d '>') <(grep -v '>' "$TEST_DATA/lafleur300.fa") | sort > sequences.tsv
join -t $'\t' sequences.tsv <(cut -f1,2,3 shifted.bed | sort) |
    awk -v OFS='\t' '{ print $1, substr($2, $3 + 1, 6) }' > element_groups.tsv
expect_eq "$(cut -f2 element_groups.tsv | sort -u | wc -l)" 51 "the shifted element has 51 sequences"

"$GSATTN" "${TRAIN[@]}" --labels "$LABELS" --element-bed shifted.bed --group-by-element shifted10 -o el 2> el.log
expect_eq "$(tail -n +2 el.oof.tsv | wc -l)" 300 "element: a prediction for every record"
expect_eq "$(tail -n +2 el.oof.tsv | cut -f4 | sort -u | tr '\n' ' ')" "1 2 3 " "element: three folds"
expect_one_fold_per_group element_groups.tsv el.oof.tsv "element"
expect_eq "$(json_value el.metrics.json grouping)" '"element:shifted10"' "element: metrics name the grouping"
expect_eq "$(json_value el.metrics.json groups)" 51 "element: metrics count the groups"
expect_eq "$(grep -c 'folds grouped by element:shifted10: 51 groups of 300 records, the largest 15 records' el.log)" 1 \
    "element: the log gives the groups and the largest"
sizes=$(tail -n +2 el.oof.tsv | cut -f4 | sort | uniq -c | awk '{ print $1 }' | sort -n | tr '\n' ' ')
expect_eq "$(awk -v s="$sizes" 'BEGIN { n = split(s, a, " "); print (a[n] - a[1] <= 15) }')" 1 \
    "element: fold sizes ($sizes) within the largest group's 15 records"

# --group-column: any text, by name or by number (the 6th column).
awk -v OFS='\t' 'NR == 1 { print $0, "batch"; next } { print $0, "batch " NR % 7 }' "$LABELS" > batches.tsv
tail -n +2 batches.tsv | cut -f1,6 | sort > batch_groups.tsv
"$GSATTN" "${TRAIN[@]}" --labels batches.tsv --group-column batch -o col -q
expect_one_fold_per_group batch_groups.tsv col.oof.tsv "column"
expect_eq "$(json_value col.metrics.json grouping)" '"column:batch"' "column: metrics name the grouping"
expect_eq "$(json_value col.metrics.json groups)" 7 "column: 7 batches"
"$GSATTN" "${TRAIN[@]}" --labels batches.tsv --group-column 6 -o colnum -q
expect_eq "$(cmp <(folds_of col.oof.tsv) <(folds_of colnum.oof.tsv) && echo same)" same \
    "column by number: the same folds as by name"

# --group-by-similarity: the designs share a scaffold, whose 8-mers (in more
# than 30 of the 300 records) are left out; what is left links a few pairs.
"$GSATTN" "${TRAIN[@]}" --labels "$LABELS" --group-by-similarity 0.5 -o sim -q
expect_eq "$(json_value sim.metrics.json grouping)" '"similarity:0.5"' "similarity: metrics name the grouping"
expect_eq "$(json_value sim.metrics.json groups)" 298 "similarity: 298 groups"

# Without a grouping option the folds are random, as before.
"$GSATTN" "${TRAIN[@]}" --labels "$LABELS" -o random -q
expect_eq "$(json_value random.metrics.json grouping)" '"random"' "no grouping: random"
expect_eq "$(json_value random.metrics.json groups)" 300 "no grouping: every record a group"

# Bad uses: nothing is written.
refused 1 "cannot cut 300 records in 1 groups into 3 folds" -- \
    "$GSATTN" "${TRAIN[@]}" --labels "$LABELS" --element-bed "$TEST_DATA/lafleur300.elements.bed" \
    --group-by-element minus10 -o out/x
refused 1 "cannot cut 300 records in 7 groups into 8 folds" -- \
    "$GSATTN" train --fasta "$TEST_DATA/lafleur300.fa" --labels batches.tsv --group-column batch --folds 8 -o out/x
grep -v '^LF00007	' shifted.bed > missing.bed
refused 1 "missing.bed: record 'LF00007' has no element 'shifted10'" -- \
    "$GSATTN" "${TRAIN[@]}" --labels "$LABELS" --element-bed missing.bed --group-by-element shifted10 -o out/x
awk -v OFS='\t' 'NR == 3 { $3 = 200 } { print }' shifted.bed > overhang.bed
refused 1 "overhang.bed:3: element 'shifted10' of record 'LF00002' ends at 200, beyond the record's" -- \
    "$GSATTN" "${TRAIN[@]}" --labels "$LABELS" --element-bed overhang.bed --group-by-element shifted10 -o out/x
refused 1 "no column named 'nope'" -- "$GSATTN" "${TRAIN[@]}" --labels "$LABELS" --group-column nope -o out/x
refused 2 "--group-column excludes --group-by-similarity" -- \
    "$GSATTN" "${TRAIN[@]}" --labels batches.tsv --group-column batch --group-by-similarity 0.5 -o out/x
refused 2 "--group-by-similarity requires --folds" -- \
    "$GSATTN" train --fasta "$TEST_DATA/lafleur300.fa" --labels "$LABELS" --group-by-similarity 0.5 -o out/x
refused 2 "--group-by-element requires --element-bed" -- \
    "$GSATTN" "${TRAIN[@]}" --labels "$LABELS" --group-by-element minus10 -o out/x
refused 2 "standard input (-) is not read here" -- \
    "$GSATTN" "${TRAIN[@]}" --labels "$LABELS" --element-bed - --group-by-element minus10 -o out/x
# --task classification: the out-of-fold measures at 0.5 are those of the
# out-of-fold predictions, recounted here (label 1 = the top half of a
# simulation's strengths; a prediction above 0.5 is called positive).
"$GSATTN" simulate -n 600 -L 80 --seed 5 -o sim -q
median=$(tail -n +2 sim.labels.tsv | cut -f2 | sort -g | awk '{ v[NR] = $1 } END { print v[int(NR / 2)] }')
awk -F'\t' -v OFS='\t' -v m="$median" 'NR == 1 { print "name", "strong"; next } { print $1, ($2 > m) }' \
    sim.labels.tsv > strong.tsv
"$GSATTN" train --fasta sim.fa --labels strong.tsv --task classification --model joint --folds 3 --epochs 15 --lr 0.01 \
    --embedding-dim 8 --heads 2 --augment-length 0 --augment-crop 0 --threads 1 -q --fold-models -o cls
# --fold-models: fold N's model predicts its test fold's records as the out-of-fold file has them.
for fold in 1 2 3; do
    awk -F'\t' -v f=$fold 'NR > 1 && $4 == f { print $1 }' cls.oof.tsv > fold$fold.names
    awk 'NR == FNR { keep[$1] = 1; next } /^>/ { on = (substr($1, 2) in keep) } on' fold$fold.names sim.fa \
        > fold$fold.fa
    "$GSATTN" predict -m cls.fold$fold.gsattn --fasta fold$fold.fa -q -o fold$fold.tsv
    expect_eq "$(join -t $'\t' <(sort fold$fold.tsv) <(tail -n +2 cls.oof.tsv | cut -f1,3 | sort) |
        awk -F'\t' '{ d = $2 - $3; if (d < 0) d = -d; if (d > 1e-5) bad++ } END { print NR, bad + 0 }')" \
        "$(grep -c . fold$fold.names) 0" "--fold-models: fold $fold's model predicts its test records as the oof file"
done
recount=$(tail -n +2 cls.oof.tsv | awk -F'\t' '{ call = ($3 > 0.5) }
    $2 == 1 && call { tp++ } $2 == 1 && !call { fn++ } $2 == 0 && call { fp++ } $2 == 0 && !call { tn++ }
    END { printf "%.6f %.6f %.6f %.6f", tp / (tp + fn), tn / (tn + fp), (tp + tn) / NR,
          (tp * tn - fp * fn) / sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn)) }')
sed -n '/"out_of_fold"/,/}/p' cls.metrics.json > oof.json
oof=$(for key in sensitivity specificity accuracy mcc; do printf "%.6f " "$(json_value oof.json $key)"; done)
expect_eq "${oof% }" "$recount" "classification: out-of-fold sensitivity, specificity, accuracy, MCC recounted"
expect_eq "$(awk -v m="$(json_value oof.json mcc)" 'BEGIN { print (m > 0.15) }')" 1 \
    "classification: the strong half is called better than chance"
finish
