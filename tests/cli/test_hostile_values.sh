# Hostile numbers: an option's value out of its bounds (NaN, infinities,
# zero, negative, huge) is a usage error (exit 2) naming the option; the same
# value in a config file or a model file is an input error (exit 1) naming
# the file and the line or key; a value that cannot make sense for the
# training data is an input error before training starts. None leaves an
# output behind.
source "$(dirname "$0")/lib.sh"

"$GSATTN" simulate -n 40 -L 60 --seed 3 -o sim -q
TRAIN_ON=(train --fasta sim.fa --epochs 1 --embedding-dim 8 -q)
TRAIN=("${TRAIN_ON[@]}" --labels sim.labels.tsv --heads 2)
toml() { printf '%b' "$2" > "$1"; }

# --- Options out of range: exit 2, naming the option.
refused 2 "--gc: must lie in (0, 1), not '0'" -- "$GSATTN" simulate -n 5 -L 100 --gc 0 -o out/sim
refused 2 "--hit-pvalue: must be a number in (0, 1], not 'nan'" -- "$GSATTN" simulate -n 5 -L 100 \
    --hit-pvalue nan -o out/sim
refused 2 "--min-motifs 3 is more than --max-motifs 2" -- "$GSATTN" simulate -n 5 -L 100 --min-motifs 3 \
    --max-motifs 2 -o out/sim
refused 2 "--dropout: must lie in [0, 0.99], not 'nan'" -- "$GSATTN" "${TRAIN[@]}" --dropout nan -o out/m.gsattn
refused 2 "--fold-validation: must lie in [0, 0.95], not 'nan'" -- "$GSATTN" "${TRAIN[@]}" --folds 3 \
    --fold-validation nan -o out/m
refused 2 "--split: split fractions 'nan,0.15,0.15'" -- "$GSATTN" "${TRAIN[@]}" --split nan,0.15,0.15 \
    -o out/m.gsattn
refused 2 "embedding_dim 8 must be divisible by the 3 heads" -- "$GSATTN" "${TRAIN_ON[@]}" --labels sim.labels.tsv \
    --heads 3 -o out/m.gsattn

# --- Nonsense that was accepted: infinite or absurd rates, seeds beyond 63 bits.
refused 2 "--lr: must lie in (0, 1]" -- "$GSATTN" "${TRAIN[@]}" --lr inf -o out/m.gsattn
refused 2 "not '1e30'" -- "$GSATTN" "${TRAIN[@]}" --lr 1e30 -o out/m.gsattn
refused 2 "--weight-decay: must lie in [0, 1]" -- "$GSATTN" "${TRAIN[@]}" --weight-decay inf -o out/m.gsattn
refused 2 "--seed: must be an integer from 0 to 9223372036854775807, not '-1'" -- \
    "$GSATTN" "${TRAIN[@]}" --seed -1 -o out/m.gsattn
refused 2 "not '18446744073709551616'" -- "$GSATTN" simulate -n 5 -L 100 --seed 18446744073709551616 -o out/sim
printf 'seq000001\t3\t4\n' > sel.bed
refused 2 "--pseudocount: must lie in [0, 1000000]" -- "$GSATTN" enrich --selected sel.bed --fasta sim.fa \
    --pseudocount inf -o out/e.tsv
# The same rules in a config file: exit 1, naming the file and line.
toml weight_decay.toml '[train]\nepochs = 1\nweight_decay = inf\n'
refused 1 "weight_decay.toml:3: weight_decay inf must lie in [0, 1]" -- "$GSATTN" "${TRAIN[@]}" \
    --config weight_decay.toml -o out/m.gsattn
toml seed.toml '[train]\nseed = -1\n'
refused 1 "seed.toml:2: seed -1 must be a finite number >= 0" -- "$GSATTN" "${TRAIN[@]}" --config seed.toml \
    -o out/m.gsattn
# Labels whose squares overflow; classification labels other than 0 and 1.
awk -F'\t' 'BEGIN { OFS = FS } NR == 2 { $2 = "1e300" } NR == 3 { $2 = "-1e300" } { print }' sim.labels.tsv > huge.tsv
refused 1 "huge.tsv:2: label '1e300' for record 'seq000001' must lie in [-1e+100, 1e+100]" -- \
    "$GSATTN" "${TRAIN_ON[@]}" --heads 2 --labels huge.tsv -o out/m.gsattn
awk -F'\t' 'BEGIN { OFS = FS } NR > 1 { $2 = NR % 2 } NR == 4 { $2 = 5 } { print }' sim.labels.tsv > five.tsv
refused 1 "five.tsv:4: label '5' for record 'seq000003' must be 0 or 1 for classification" -- \
    "$GSATTN" "${TRAIN_ON[@]}" --heads 2 --labels five.tsv --task classification -o out/m.gsattn
refused 1 "sim.labels.tsv:2: label" -- "$GSATTN" "${TRAIN[@]}" --task classification -o out/m.gsattn

# --- Sizes the data cannot use: refused before training.
refused 2 "--conv-width: must lie in [1, 1001]" -- "$GSATTN" "${TRAIN[@]}" --conv-width 100001 -o out/m.gsattn
refused 1 "(--conv-width 201, --stem-layers 4) reaches 1500 bases either side of a base, not less than the longest training sequence (60 bp)" -- \
    "$GSATTN" "${TRAIN[@]}" --conv-width 201 -o out/m.gsattn
toml global.toml '[model]\nkind = "window"\nglobal_tokens = 100000\n'
refused 1 "global.toml:3: global_tokens 100000 must lie in [0, 1024]" -- "$GSATTN" "${TRAIN[@]}" \
    --config global.toml -o out/m.gsattn
refused 1 "--global-tokens 60 is not fewer than the bases of the longest training sequence (60 bp)" -- \
    "$GSATTN" "${TRAIN[@]}" --model window --global-tokens 60 -o out/m.gsattn

# --- heads = 0 (a division by zero) and heads = -4, in a config file and a model file.
toml heads0.toml '[model]\nheads = 0\n'
refused 1 "heads0.toml:2: heads 0 must lie in [1, 1024]" -- "$GSATTN" train --fasta sim.fa --labels sim.labels.tsv \
    --config heads0.toml -o out/m.gsattn
toml heads_negative.toml '[model]\nembedding_dim = 8\nheads = -4\n'
refused 1 "heads_negative.toml:3: heads -4" -- "$GSATTN" train --fasta sim.fa --labels sim.labels.tsv \
    --config heads_negative.toml -o out/m.gsattn
# The seed and kind of a config file are used when the options are not given.
toml joint.toml '[model]\nkind = "joint"\n[train]\nseed = 5\n'
"$GSATTN" "${TRAIN[@]}" --config joint.toml -o m.gsattn
expect_eq "$(grep -o '"seed" : [0-9]*\|"kind" : "[a-z]*"' m.gsattn.metrics.json | tr '\n' ' ')" \
    '"kind" : "joint" "seed" : 5 ' "the config file's kind and seed are used"
# Model files edited in place (values of the same length: the archive's
# entries are stored, not compressed).
hostile_model() { LC_ALL=C sed -E "$2" m.gsattn > "$1"; }
hostile_model heads0.gsattn 's/heads = 2/heads = 0/'
hostile_model heads_negative.gsattn 's/heads = 2/heads =-4/'
hostile_model std_negative.gsattn 's/label_std = ([0-9])/label_std =-\1/'
hostile_model std_nan.gsattn 's/label_std = [0-9][.][0-9][0-9]/label_std = nan#/'
hostile_model crc.gsattn 's/training_crc32 = ([0-9])/training_crc32 =-\1/'
for m in heads0 heads_negative std_negative std_nan crc; do
    expect_eq "$(cmp -s m.gsattn $m.gsattn || echo edited)" edited "$m.gsattn differs from m.gsattn"
done
refused 1 "heads0.gsattn: corrupt model metadata: heads 0 must lie in [1, 1024]" -- \
    "$GSATTN" predict -m heads0.gsattn --fasta sim.fa -o out/p.tsv
refused 1 "corrupt model metadata: heads -4" -- "$GSATTN" predict -m heads_negative.gsattn --fasta sim.fa -o out/p.tsv
refused 1 "corrupt model metadata: label_std -0." -- "$GSATTN" predict -m std_negative.gsattn --fasta sim.fa \
    -o out/p.tsv
refused 1 "corrupt model metadata: label_std nan" -- "$GSATTN" select-positions -m std_nan.gsattn --fasta sim.fa \
    -o out/s.bed
refused 1 "corrupt model metadata: training_crc32 -" -- "$GSATTN" predict -m crc.gsattn --fasta sim.fa -o out/p.tsv

# --- A model from standard input: its first bytes are checked before the
# rest is read, and no more than 1 GiB is read.
refused 1 "-: not a gsattn model file (a model file is a LibTorch archive, which starts as a ZIP file does)" -- \
    sh -c 'head -c 2000000000 /dev/zero | "$0" predict -m - --fasta sim.fa -o out/p.tsv' "$GSATTN"
refused 1 "standard input holds more than 1024 MiB" -- \
    sh -c '{ cat m.gsattn; head -c 1100000000 /dev/zero; } | "$0" predict -m - --fasta sim.fa -o out/p.tsv' "$GSATTN"

finish
