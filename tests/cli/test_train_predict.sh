# gsattn train / predict on small simulated data: files, values, determinism, errors.
source "$(dirname "$0")/lib.sh"

"$GSATTN" simulate -n 300 -L 80 --seed 5 -o sim -q
# Without flank augmentation, which would triple the work (its defaults are
# checked below).
TRAIN=(--fasta sim.fa --epochs 3 --batch-size 32 --embedding-dim 8 --heads 2 --augment-length 0 --augment-crop 0
       --threads 1 -q)

"$GSATTN" train "${TRAIN[@]}" --labels sim.labels.tsv --model sparse -o m.gsattn
[ -s m.gsattn ] && pass "model file written" || fail "no model file"
json_value() { grep -o "\"$2\" : [^,}]*" "$1" | head -1 | sed 's/.* : //'; }
expect_eq "$(grep -c '"model" : "sparse"' m.gsattn.metrics.json)" 1 "metrics name the model"
expect_eq "$(grep -c '"blas_kernel" : "OpenBLAS ' m.gsattn.metrics.json)" 1 "metrics name the BLAS kernel"
expect_eq "$(json_value m.gsattn.metrics.json n)" 45 "test set is 15 % of 300"
expect_eq "$(awk -v r="$(json_value m.gsattn.metrics.json pearson)" 'BEGIN { print (r >= -1 && r <= 1) }')" 1 "Pearson in [-1, 1]"
expect_eq "$(awk -v e="$(json_value m.gsattn.metrics.json epochs_run)" 'BEGIN { print (e >= 1 && e <= 3) }')" 1 "epochs_run within --epochs 3"
expect_eq "$(awk -v p="$(json_value m.gsattn.metrics.json parameters)" 'BEGIN { print (p > 100) }')" 1 "parameter count reported"
expect_eq "$(awk -v c="$(json_value m.gsattn.metrics.json oracle_ceiling)" 'BEGIN { print (c > 0.9 && c <= 1) }')" 1 "oracle ceiling from clean_label"
for key in mse mae spearman r2 flops_per_sequence training_seconds sequences_per_second best_epoch; do
    grep -q "\"$key\"" m.gsattn.metrics.json && pass "metrics has $key" || fail "metrics lacks $key"
done

# Every numeric setting the metrics' config lists (written from the settings
# tables) is an option of train, whose --help shows its bounds; the seed is
# the common --seed.
train_help=$("$GSATTN" train --help)
settings=$(sed -n '/"config" : {/,/^    },*$/p' m.gsattn.metrics.json | grep -oE '"[a-z_]+" : -?[0-9]' | cut -d'"' -f2 | grep -vx seed)
for key in $settings; do
    option="--${key//_/-}"
    [ "$key" == learning_rate ] && option=--lr
    grep -qE -- "^  $option (INT|FLOAT):(\[|\(|>=)" <<<"$train_help" && pass "train has $option for $key" ||
        fail "train --help lacks $option with bounds, for the setting $key"
done
expect_eq "$(awk 'END { print (NR >= 27) }' <<<"$settings")" 1 "the config lists the numeric settings"

# --position-bins: stored in the model's settings; train warns when flanks,
# crops or the reverse strand would blur the bins, and refuses more bins
# than bases.
BINS=(--fasta sim.fa --labels sim.labels.tsv --epochs 1 --embedding-dim 8 --heads 2 --threads 1 -q --model joint
      --position-bins 4)
"$GSATTN" train "${BINS[@]}" --augment-length 0 --augment-crop 0 --no-rc -o bins.gsattn 2> bins.log
expect_eq "$(json_value bins.gsattn.metrics.json position_bins)" 4 "--position-bins in the metrics' config"
expect_eq "$(grep -c . bins.log)" 0 "aligned training with bins: no warning"
"$GSATTN" train "${BINS[@]}" --augment-length 0 --augment-crop 3 -o bins2.gsattn 2> bins2.log
expect_eq "$(grep -c -e 'moves each sequence.s bases between bins' -e "the reverse strand's bins are mirrored" \
    bins2.log)" 2 \
    "bins with crops and both strands: two warnings"
"$GSATTN" simulate -n 20 -L 40 --seed 5 -o sim40 -q
refused 1 "--position-bins 41 is more than the bases of the longest training sequence (40 bp)" -- \
    "$GSATTN" train --fasta sim40.fa --labels sim40.labels.tsv --model joint --position-bins 41 -o out/bins.gsattn

# Same seed and threads: identical model bytes; metrics equal apart from timings.
"$GSATTN" train "${TRAIN[@]}" --labels sim.labels.tsv --model sparse -o again.gsattn
expect_eq "$(cmp m.gsattn again.gsattn && echo same)" same "same seed: identical model file"
strip_times() { grep -v -e seconds -e sequences_per_second "$1"; }
expect_eq "$(diff <(strip_times m.gsattn.metrics.json) <(strip_times again.gsattn.metrics.json) && echo same)" same \
    "same seed: identical metrics apart from timings"

# predict: one prediction per record, in FASTA order; deterministic.
"$GSATTN" predict -m m.gsattn --fasta sim.fa -o pred.tsv -q
expect_eq "$(head -1 pred.tsv)" "$(printf 'name\tprediction')" "predict header"
expect_eq "$(tail -n +2 pred.tsv | cut -f1)" "$(grep '>' sim.fa | tr -d '>')" "one prediction per record, in order"
"$GSATTN" predict -m m.gsattn --fasta - -o - -q < sim.fa > pred2.tsv
expect_eq "$(cmp pred.tsv pred2.tsv && echo same)" same "stdin/stdout give the same predictions"
# Its log gives the analytic cost that train recorded for these 80-bp sequences.
"$GSATTN" predict -m m.gsattn --fasta sim.fa -o predict.out 2> predict.log
expect_eq "$(grep -c 'predicted 300 sequences in [0-9.]* s; analytic cost at the longest, 80 bp' predict.log)" 1 \
    "predict logs its count, time and length"
logged=$(grep -o '[0-9.e+]* FLOPs per strand' predict.log | cut -d' ' -f1)
expect_eq "$(awk -v a="$logged" -v b="$(json_value m.gsattn.metrics.json flops_per_sequence)" \
    'BEGIN { d = a - b; if (d < 0) d = -d; print (b > 0 && d / b < 1e-3) }')" 1 "predict logs the FLOPs train recorded"

# Regions of a reference: BED6 + prediction; windows: a valid sorted bedGraph.
cp "$TEST_DATA/reference/ref.fa" ref.fa
printf 'chr1\t10\t90\tr1\t0\t+\nchr2\t0\t60\tr2\t0\t-\nchr1\t50\t130\n' > regions.bed
"$GSATTN" predict -m m.gsattn --bed regions.bed --reference ref.fa -o regions.out -q
expect_eq "$(cut -f1-4,6 regions.out | tr '\t' ' ')" "$(printf 'chr1 10 90 r1 +\nchr2 0 60 r2 -\nchr1 50 130 chr1:50-130 .')" \
    "BED output keeps regions, names and strands"
expect_eq "$(awk -F'\t' 'NF != 7 || $5 < 0 || $5 > 1000' regions.out | wc -l)" 0 "score 0-1000 and a 7th column"
"$GSATTN" predict -m m.gsattn --fasta ref.fa --window 40 --step 10 -o windows.bedgraph -q
expect_eq "$(bedtools sort -i windows.bedgraph | cmp - windows.bedgraph && echo same)" same "bedGraph is sorted"
expect_eq "$(bedtools merge -d -1 -i windows.bedgraph -c 1 -o count | awk '$4 > 1' | wc -l)" 0 "bedGraph intervals never overlap"
expect_eq "$(awk '$1 == "chr1"' windows.bedgraph | wc -l)" 12 "chr1 (150 bp): 12 windows of 40 every 10"

# In-silico mutagenesis: each substitution's effect is the prediction of the
# mutated sequence minus the sequence's; a base's value sums up its three.
# The first three records, one line each.
awk '/^>/ { if (++n > 3) exit; if (n > 1) print ""; print; next } { printf "%s", $0 } END { print "" }' sim.fa > three.fa
"$GSATTN" predict -m m.gsattn --fasta three.fa -o three.tsv -q --ism ism.bedgraph --ism-matrix ism.tsv
"$GSATTN" predict -m m.gsattn --fasta three.fa -o plain.tsv -q
expect_eq "$(cmp three.tsv plain.tsv && echo same)" same "--ism leaves the predictions as they were"
expect_eq "$(head -1 ism.tsv)" "$(printf 'name\tposition\tref\tA\tC\tG\tT')" "ISM matrix header"
expect_eq "$(tail -n +2 ism.tsv | wc -l) $(wc -l < ism.bedgraph)" "240 240" "one row per base of 3 x 80 bp"
expect_eq "$(bedtools sort -i ism.bedgraph | cmp - ism.bedgraph && echo same)" same "ISM bedGraph is sorted"
expect_eq "$(awk -F'\t' 'NR > 1 && ($2 < 1 || $2 > 80 || $($3 == "A" ? 4 : $3 == "C" ? 5 : $3 == "G" ? 6 : 7) != 0)' ism.tsv | wc -l)" 0 \
    "ISM positions are 1-based, 0 under the reference base"
# Record 2's largest effect, made by hand: predict the mutant and compare.
name=$(sed -n 3p three.fa | cut -c2-)
read -r position alt column < <(awk -F'\t' -v n="$name" '$1 == n {
    for (c = 4; c <= 7; c++) { e = $c < 0 ? -$c : $c; if (e > best) { best = e; p = $2; a = substr("ACGT", c - 3, 1); k = c } } }
    END { print p, a, k }' ism.tsv)
row=$(awk -F'\t' -v n="$name" -v p="$position" '$1 == n && $2 == p' ism.tsv)
sed -n 4p three.fa | awk -v a="$alt" -v n="$name" -v p="$position" '{ print ">" n; print substr($0, 1, p - 1) a substr($0, p + 1) }' > mutant.fa
"$GSATTN" predict -m m.gsattn --fasta mutant.fa -o mutant.tsv -q
expected=$(awk -F'\t' -v n="$name" 'FNR == NR && NR > 1 { m = $2 } FNR != NR && $1 == n { print m - $2 }' mutant.tsv three.tsv)
expect_eq "$(awk -v got="$(cut -f"$column" <<<"$row")" -v want="$expected" 'BEGIN { d = got - want; print (d < 1e-5 && d > -1e-5 && want != 0) }')" 1 \
    "the matrix's $(cut -f3 <<<"$row")>$alt at $name:$position is predict(mutant) - predict(sequence) ($expected)"
mean_of_row() { awk -F'\t' 'NR > 1 { print ($4 + $5 + $6 + $7) / 3 }' ism.tsv; }
expect_eq "$(paste <(mean_of_row) <(cut -f4 ism.bedgraph) | awk '{ d = $1 - $2; if (d > 1e-6 || d < -1e-6) n++ } END { print n + 0 }')" 0 \
    "--ism-stat mean: each base's value is the mean of its three effects"
"$GSATTN" predict -m m.gsattn --fasta three.fa -o three.tsv -q --ism maxabs.bedgraph --ism-stat maxabs
largest_of_row() { awk -F'\t' 'NR > 1 { m = 0; for (c = 4; c <= 7; c++) { e = $c < 0 ? -$c : $c; if (e > m) m = e } print m }' ism.tsv; }
expect_eq "$(paste <(largest_of_row) <(cut -f4 maxabs.bedgraph) | awk '{ d = $1 - $2; if (d > 1e-6 || d < -1e-6) n++ } END { print n + 0 }')" 0 \
    "--ism-stat maxabs: each base's value is its largest |effect|"
# Regions: reference coordinates, a minus-strand region's bases reversed.
"$GSATTN" predict -m m.gsattn --bed regions.bed --reference ref.fa -o regions.out -q --ism regions.ism.bedgraph
expect_eq "$(awk '$1 == "chr2" { print $2 }' regions.ism.bedgraph | sort -n | sed -n '1p;$p' | tr '\n' ' ')" "0 59 " \
    "--bed: chr2:0-60 (minus strand) reported on chr2 0..59"
# Windows: each base is mutated in the window that reports it (the 10-bp
# interval at the centre of a 40-bp window, which starts 15 bp before it).
"$GSATTN" predict -m m.gsattn --fasta ref.fa --window 40 --step 10 -o w.bedgraph -q --ism w.ism --ism-matrix w.tsv
expect_eq "$(cmp w.bedgraph windows.bedgraph && echo same)" same "--window --ism leaves the windows' values as they were"
expect_eq "$(bedtools intersect -u -a w.ism -b windows.bedgraph | wc -l) $(wc -l < w.ism) $(tail -n +2 w.tsv | wc -l)" \
    "$(awk '{ n += $3 - $2 } END { print n, n, n }' windows.bedgraph)" "every base a window reports, once (no N in ref.fa)"
read -r chrom position alt column < <(awk -F'\t' 'NR > 1 && $1 == "chr1" {
    for (c = 4; c <= 7; c++) { e = $c < 0 ? -$c : $c; if (e > best) { best = e; p = $2; a = substr("ACGT", c - 3, 1); k = c } } }
    END { print "chr1", p, a, k }' w.tsv)
start=$(awk -v p="$position" '$1 == "chr1" && $2 < p && p <= $3 { print $2 - 15 }' windows.bedgraph)
awk '/^>/ { keep = ($1 == ">chr1"); next } keep { printf "%s", $0 } END { print "" }' ref.fa > chr1.txt
awk -v s="$start" -v p="$position" -v a="$alt" '{ w = substr($0, s + 1, 40); print ">ref"; print w
    print ">mut"; print substr(w, 1, p - s - 1) a substr(w, p - s + 1) }' chr1.txt > window.fa
"$GSATTN" predict -m m.gsattn --fasta window.fa -o window.tsv -q
expected=$(awk -F'\t' '$1 == "ref" { r = $2 } $1 == "mut" { m = $2 } END { print m - r }' window.tsv)
got=$(awk -F'\t' -v p="$position" -v c="$column" '$1 == "chr1" && $2 == p { print $c }' w.tsv)
expect_eq "$(awk -v got="$got" -v want="$expected" 'BEGIN { d = got - want; print (d < 1e-5 && d > -1e-5 && want != 0) }')" 1 \
    "--window: chr1:$position>$alt is predict(mutated window) - predict(window) ($expected, window at $start)"

# --weight-average: the average of the weights is kept, so the model differs.
"$GSATTN" train "${TRAIN[@]}" --labels sim.labels.tsv --model sparse --weight-average 0.9 -o averaged.gsattn
average_of() { json_value "$1" weight_average | awk '{ print $1 + 0 }'; }
expect_eq "$(average_of averaged.gsattn.metrics.json)" 0.9 "metrics record the weight average"
expect_eq "$(average_of m.gsattn.metrics.json)" 0 "weights as trained unless asked for"
"$GSATTN" predict -m averaged.gsattn --fasta sim.fa -o averaged.tsv -q
expect_eq "$(paste <(tail -n +2 pred.tsv | cut -f2) <(tail -n +2 averaged.tsv | cut -f2) | awk '$1 != $2' | wc -l)" \
    300 "the averaged model predicts otherwise"
expect_exit 2 "--weight-average" -- \
    "$GSATTN" train "${TRAIN[@]}" --labels sim.labels.tsv --weight-average 1 -o bad.gsattn

# --compare: one table row per model, models written with the kind in the name.
"$GSATTN" train "${TRAIN[@]}" --labels sim.labels.tsv --compare full,sparse,joint,window,topk -o cmp.gsattn > table.tsv
expect_eq "$(grep -v '^#' table.tsv | cut -f1 | tr '\n' ' ')" "model full sparse joint window topk " "comparison table rows"
expect_eq "$(grep -c '^# oracle ceiling' table.tsv)" 1 "comparison table states the oracle ceiling"
expect_eq "$(awk -F'\t' '$1 == "full" {print $7}' table.tsv)" "100.0%" "full retains 100 % of itself"
for kind in full sparse joint window topk; do
    [ -s "cmp.$kind.gsattn" ] && pass "cmp.$kind.gsattn written" || fail "cmp.$kind.gsattn missing"
done
# topk --teacher: distilled from the full model; the metrics report the
# study's measures against it (top-K recall is at least top-1 accuracy);
# the same seed gives the same bytes; a teacher of another kind or shape,
# or a student of another kind, is refused.
"$GSATTN" train "${TRAIN[@]}" --labels sim.labels.tsv --model topk --teacher cmp.full.gsattn -o student.gsattn
"$GSATTN" train "${TRAIN[@]}" --labels sim.labels.tsv --model topk --teacher cmp.full.gsattn -o student2.gsattn
expect_eq "$(cmp student.gsattn student2.gsattn && echo same)" same "topk --teacher: same seed, identical model file"
top1=$(json_value student.gsattn.metrics.json selector_top1_accuracy)
recall=$(json_value student.gsattn.metrics.json selector_topk_recall)
held=$(json_value student.gsattn.metrics.json selector_candidate_recall)
expect_eq "$(awk -v a="$top1" -v r="$recall" -v c="$held" 'BEGIN { print (a > 0 && a <= r && r <= c && c <= 1) }')" 1 \
    "topk --teacher: 0 < top-1 accuracy ($top1) <= top-K recall ($recall) <= candidate recall ($held) <= 1"
first=$(json_value student.gsattn.metrics.json teacher_top1_weight)
second=$(json_value student.gsattn.metrics.json teacher_top2_weight)
expect_eq "$(awk -v f="$first" -v s="$second" 'BEGIN { print (0 < s && s <= f && f <= 1) }')" 1 \
    "topk --teacher: the teacher's second weight ($second) <= its first ($first)"
expect_eq "$(json_value student.gsattn.metrics.json teacher)" '"cmp.full.gsattn"' "metrics name the teacher"
for key in output_relative_error approximated_head_relative_error student_pearson teacher_pearson; do
    grep -q "\"$key\"" student.gsattn.metrics.json && pass "distillation metrics have $key" || fail "no $key"
done
refused 1 "only a topk model learns from a teacher" -- \
    "$GSATTN" train "${TRAIN[@]}" --labels sim.labels.tsv --model sparse --teacher cmp.full.gsattn -o out/s.gsattn
refused 1 "the teacher must be a full model" -- \
    "$GSATTN" train "${TRAIN[@]}" --labels sim.labels.tsv --model topk --teacher cmp.joint.gsattn -o out/s.gsattn
refused 1 "the teacher's conv_width is 9 and the student's 5" -- \
    "$GSATTN" train "${TRAIN[@]}" --labels sim.labels.tsv --model topk --teacher cmp.full.gsattn --conv-width 5 \
    -o out/s.gsattn
# Each kind with its own defaults: flank augmentation for every learned
# kind, the sparse model's four width-5 stem layers with first-layer values.
settings() {
    local m=$1.metrics.json
    echo "$(json_value "$m" stem_layers) $(json_value "$m" conv_width) $(json_value "$m" value_layers)" \
        "$(json_value "$m" augment_length) $(json_value "$m" augment_crop)"
}
"$GSATTN" train --fasta sim.fa --labels sim.labels.tsv --epochs 1 --inits 1 --embedding-dim 8 --heads 2 -q \
    --compare sparse,joint -o defaults.gsattn
expect_eq "$(settings defaults.sparse.gsattn)" "4 5 1 300 10" "--compare: the sparse model's defaults"
expect_eq "$(settings defaults.joint.gsattn)" "1 9 0 300 10" "--compare: the joint model's defaults"
expect_eq "$(settings m.gsattn)" "4 5 1 0 0" "--model sparse: its defaults under the options given"
expect_exit 2 "--model excludes --compare" -- \
    "$GSATTN" train "${TRAIN[@]}" --labels sim.labels.tsv --model sparse --compare joint,pwm -o bad.gsattn
# The attention kernels split their rows (sequence x head) between threads:
# the same predictions on one thread and on two.
for kind in full window; do
    for threads in 1 2; do
        "$GSATTN" predict -m "cmp.$kind.gsattn" --fasta sim.fa --threads "$threads" -q -o "threads$threads.$kind.tsv"
    done
    expect_eq "$(cmp "threads1.$kind.tsv" "threads2.$kind.tsv" && echo same)" same \
        "$kind: the same predictions on 1 and 2 threads"
done

# --folds: out-of-fold predictions for every sequence.
"$GSATTN" train "${TRAIN[@]}" --labels sim.labels.tsv --model joint --folds 3 -o cv
expect_eq "$(tail -n +2 cv.oof.tsv | wc -l)" 300 "an out-of-fold prediction for every sequence"
expect_eq "$(tail -n +2 cv.oof.tsv | cut -f4 | sort -u | tr '\n' ' ')" "1 2 3 " "three folds"
# --fold-validation: the same test folds, validation drawn from the rest.
"$GSATTN" train "${TRAIN[@]}" --labels sim.labels.tsv --model joint --folds 3 --fold-validation 0.2 -o cvv -q
expect_eq "$(cut -f1,4 cvv.oof.tsv | cmp - <(cut -f1,4 cv.oof.tsv) && echo same)" same \
    "--fold-validation keeps the test folds"
expect_eq "$(paste <(tail -n +2 cv.oof.tsv | cut -f3) <(tail -n +2 cvv.oof.tsv | cut -f3) | awk '$1 != $2' | wc -l)" \
    300 "--fold-validation trains other models (every prediction differs)"
expect_eq "$(grep -o '"fold_validation" : [0-9.]*' cvv.metrics.json | awk '{ print $3 + 0 }')" 0.2 \
    "metrics record the validation fraction"
expect_exit 2 "--folds" -- "$GSATTN" train "${TRAIN[@]}" --labels sim.labels.tsv --fold-validation 0.2 -o bad.gsattn

# Errors: exit 1 with the reason, nothing written.
expect_exit 1 "not a gsattn model file" -- "$GSATTN" predict -m sim.fa --fasta sim.fa -o bad.tsv
expect_no_files bad.tsv
head -c 2000 m.gsattn > truncated.gsattn
expect_exit 1 "truncated.gsattn" -- "$GSATTN" predict -m truncated.gsattn --fasta sim.fa -o bad.tsv
grep -v seq000007 sim.labels.tsv > missing.tsv
expect_exit 1 "seq000007" -- "$GSATTN" train "${TRAIN[@]}" --labels missing.tsv -o bad.gsattn
expect_no_files bad.gsattn bad.gsattn.metrics.json
expect_exit 2 "--sparsity" -- "$GSATTN" train "${TRAIN[@]}" --labels sim.labels.tsv --sparsity 0 -o bad.gsattn
finish
