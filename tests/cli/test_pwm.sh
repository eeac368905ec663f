# The pwm baseline (--model pwm): the sigma70 -35/-10 pair by default, any
# motif file, its spacer, model file and predict, --compare, and that its
# predictions do not move with flanks.
source "$(dirname "$0")/lib.sh"

# Sequences whose label comes from planted sigma70 boxes only.
cp "$SOURCE_DIR"/share/motifs/sigma70_minus*.jaspar .
cat > sigma70.toml <<'TOML'
[[motif]]
name = "minus35"
consensus = "TTGACA"
matrix = "sigma70_minus35.jaspar"
strength = 0.5

[[motif]]
name = "minus10"
consensus = "TATAAT"
matrix = "sigma70_minus10.jaspar"
strength = 0.6
TOML
"$GSATTN" simulate -n 400 -L 80 --motifs sigma70.toml --max-motifs 2 --seed 4 -q -o sim
TRAIN=(--fasta sim.fa --labels sim.labels.tsv --threads 1 -q)
json_value() { grep -o "\"$2\" : [^,}]*" "$1" | head -1 | sed 's/.* : //'; }

"$GSATTN" train "${TRAIN[@]}" --model pwm -o pwm.gsattn
expect_eq "$(grep -c '"model" : "pwm"' pwm.gsattn.metrics.json)" 1 "metrics name the pwm model"
# Three features (-35, -10, the pair) and a bias.
expect_eq "$(json_value pwm.gsattn.metrics.json parameters)" 4 "the line over three features has 4 parameters"
expect_eq "$(awk -v r="$(json_value pwm.gsattn.metrics.json pearson)" 'BEGIN { print (r > 0.6) }')" 1 \
    "the sigma70 matrices predict labels of planted sigma70 boxes (test r > 0.6)"
expect_eq "$(grep -o '"sigma70_minus[0-9]*"' pwm.gsattn.metrics.json | tr '\n' ' ')" \
    '"sigma70_minus35" "sigma70_minus10" ' "metrics name the shipped matrices, -35 first"

# The model file carries its matrices: predict needs no motif file; a
# sequence in random flanks changes its prediction only where a flank scores
# better than the sequence itself (tests/test_models.cpp checks that per
# feature).
"$GSATTN" predict -m pwm.gsattn --fasta sim.fa -o original.tsv -q
# On standard output the same, header first; nothing at all, not even the
# header, when the FASTA file cannot be read.
"$GSATTN" predict -m pwm.gsattn --fasta sim.fa -q > stdout.tsv
expect_eq "$(cmp stdout.tsv original.tsv && echo same)" same "predict to stdout writes what -o writes"
rc=0
"$GSATTN" predict -m pwm.gsattn --fasta missing.fa > stdout.tsv 2>stderr.txt || rc=$?
expect_eq "$rc:$(wc -c <stdout.tsv):$(grep -c 'missing.fa: cannot open' stderr.txt)" "1:0:1" \
    "predict of a missing FASTA file fails naming it and writes nothing to stdout"
"$GSATTN" simulate --embed sim.fa --embed-length 150 --placement middle --seed 3 -q -o flanked.fa
"$GSATTN" predict -m pwm.gsattn --fasta flanked.fa -o flanked.tsv -q
expect_eq "$(tail -n +2 flanked.tsv | cut -f1)" "$(tail -n +2 original.tsv | cut -f1)" "one prediction per record"
r=$(paste original.tsv flanked.tsv | tail -n +2 | awk -F'\t' '{ x = $2; y = $4; n++; sx += x; sy += y;
    sxx += x*x; syy += y*y; sxy += x*y } END { print (sxy - sx*sy/n) / sqrt((sxx - sx*sx/n) * (syy - sy*sy/n)) }')
expect_eq "$(awk -v r="$r" 'BEGIN { print (r > 0.8) }')" 1 "flanks move pwm predictions little (r = $r)"

# Any motif file: one TBP matrix is one feature and no pair.
"$GSATTN" train "${TRAIN[@]}" --model pwm --pwm-motifs "$SOURCE_DIR/share/motifs/MA0108.3.TBP.jaspar" -o tbp.gsattn
expect_eq "$(json_value tbp.gsattn.metrics.json parameters)" 2 "one motif: one feature and a bias"

# The spacer changes the pair feature, so the fitted model.
"$GSATTN" train "${TRAIN[@]}" --model pwm --spacer 2-4 -o near.gsattn
"$GSATTN" predict -m near.gsattn --fasta sim.fa -o near.tsv -q
expect_eq "$(cmp -s original.tsv near.tsv && echo same || echo differ)" differ "--spacer 2-4 predicts otherwise"

# --compare trains pwm beside a learned model on the same split.
"$GSATTN" train "${TRAIN[@]}" --compare joint,pwm --epochs 2 --embedding-dim 8 --heads 2 --augment-length 0 \
    -o cmp.gsattn > table.tsv
expect_eq "$(grep -v '^#' table.tsv | cut -f1 | tr '\n' ' ')" "model joint pwm " "--compare lists joint and pwm"
[ -s cmp.pwm.gsattn ] && pass "--compare wrote cmp.pwm.gsattn" || fail "no cmp.pwm.gsattn"

refused 2 "spacer '19-15'" -- "$GSATTN" train "${TRAIN[@]}" --model pwm --spacer 19-15 -o out/x.gsattn
refused 2 "--pwm-motifs is for --model pwm" -- "$GSATTN" train "${TRAIN[@]}" --model sparse \
    --pwm-motifs "$SOURCE_DIR/share/motifs/MA0108.3.TBP.jaspar" -o out/x.gsattn
printf 'not a motif\n' > bad.jaspar
refused 1 "bad.jaspar" -- "$GSATTN" train "${TRAIN[@]}" --model pwm --pwm-motifs bad.jaspar -o out/x.gsattn

# --pwm-count-elements: each matrix is the base counts of an element of the
# training records only. A small designed library: a -35 and a -10 hexamer
# of 8 each in random 60-bp records, annotated in lib.elements.bed; of every
# 5 records, the 4th validates and the 5th tests.
awk 'function base() { return substr("ACGT", int(rand() * 4) + 1, 1) }
BEGIN {
    srand(5)
    split("TTGACA TTGACT TTTACA TTGCCA CTGACA TAGACA GTGACT TTGAAA", m35, " ")
    split("TATAAT TATACT TAAAAT GATAAT TATGAT TCTAAT TATATT CATAAT", m10, " ")
    print "name\tlabel" > "lib.labels.tsv"
    for (r = 1; r <= 150; r++) {
        a = int(rand() * 8) + 1; b = int(rand() * 8) + 1; s = ""
        for (i = 0; i < 60; i++) s = s base()
        s = substr(s, 1, 10) m35[a] substr(s, 17, 17) m10[b] substr(s, 40)
        set = r % 5 == 4 ? "val" : r % 5 == 0 ? "test" : "train"
        printf ">L%03d\n%s\n", r, s > ("lib." set ".fa")
        printf ">L%03d\n%s\n", r, s > "lib.fa"
        printf "L%03d\t%.4f\n", r, (8 - a) * 0.3 + (8 - b) * 0.4 + 0.3 * rand() > "lib.labels.tsv"
        printf "L%03d\t10\t16\tminus35\t0\t+\nL%03d\t33\t39\tminus10\t0\t+\n", r, r > "lib.elements.bed"
    }
}'
"$GSATTN" train --fasta lib.train.fa --val-fasta lib.val.fa --test-fasta lib.test.fa --labels lib.labels.tsv \
    --model pwm --element-bed lib.elements.bed --pwm-count-elements minus35,minus10 -q -o counted.gsattn
# The -10 box's first base is T in n of the N training promoters: its score
# is log2(((n + 0.1/4) / (N + 0.1)) / (1/4)), as FIMO's pseudocount.
expected=$(awk -F'\t' 'FNR == 1 { file++ } file == 1 && /^>/ { name = substr($1, 2); next }
    file == 1 { seq[name] = $0; next } $4 == "minus10" && ($1 in seq) { N++; n += substr(seq[$1], $2 + 1, 1) == "T" }
    END { printf "%.6f", log(((n + 0.025) / (N + 0.1)) / 0.25) / log(2) }' lib.train.fa lib.elements.bed)
# The second matrix's first column (A, C, G, T) in the metrics' config: its T.
got=$(awk '/"log_odds"/ { m++ } m == 2 && /^ *-?[0-9]/ { k++ } k == 4 { gsub(/[ ,]/, ""); printf "%.6f", $0; exit }' \
    counted.gsattn.metrics.json)
expect_eq "$got" "$expected" "the -10 matrix is counted on the training records (T at its first base)"
expect_eq "$(grep -o '"name" : "minus[0-9]*"' counted.gsattn.metrics.json | tr '\n' ' ')" \
    '"name" : "minus35" "name" : "minus10" ' "counted matrices are named by their elements"
# With --folds each fold counts its own training records: grouped by the -10
# box, the three folds' -10 matrices differ.
"$GSATTN" train --fasta lib.fa --labels lib.labels.tsv --model pwm --folds 3 --element-bed lib.elements.bed \
    --group-by-element minus10 --pwm-count-elements minus10 -q -o folds
expect_eq "$(awk '/"log_odds"/ { getline; getline; gsub(/[ ,]/, ""); print }' folds.metrics.json | sort -u | wc -l)" 3 \
    "three folds, three -10 matrices"
refused 2 "--element-bed" -- "$GSATTN" train "${TRAIN[@]}" --model pwm --pwm-count-elements minus10 -o out/x.gsattn
refused 2 "--pwm-count-elements is for --model pwm" -- "$GSATTN" train "${TRAIN[@]}" --model sparse \
    --element-bed lib.elements.bed --pwm-count-elements minus10 -o out/x.gsattn
refused 2 "--element-bed is read only for" -- "$GSATTN" train "${TRAIN[@]}" --model pwm \
    --element-bed lib.elements.bed -o out/x.gsattn
awk 'BEGIN { OFS = "\t" } NR == 3 { $3 = 17 } { print }' lib.elements.bed > uneven.bed
refused 1 "uneven.bed: element 'minus35' is 6 bases long in one record and 7 in another" -- "$GSATTN" train \
    --fasta lib.fa --labels lib.labels.tsv --model pwm --element-bed uneven.bed --pwm-count-elements minus35 \
    -o out/x.gsattn
refused 1 "no element 'minus10'" -- "$GSATTN" train "${TRAIN[@]}" --model pwm \
    --element-bed lib.elements.bed --pwm-count-elements minus10 -o out/x.gsattn

finish
