# gsattn train stopped by SIGTERM or SIGINT and resumed with --resume: the
# checkpoint is all it leaves, and the resumed run writes the same model (or
# the same out-of-fold predictions) as a run that was never stopped.
source "$(dirname "$0")/lib.sh"

"$GSATTN" simulate -n 200 -L 60 --seed 2 -o sim -q
# Runs go in subdirectories, all with the same relative input paths (the
# model file records its training data's path). Two inits of two epochs,
# then the chosen one to epoch 20: long enough to be still training when
# the signal comes a moment after epoch 1.
# No flank augmentation: it would triple the work, and unit.trainer stops and
# resumes an augmented run.
TRAIN=(train --fasta ../sim.fa --labels ../sim.labels.tsv --model sparse --epochs 20 --patience 20 --batch-size 16
       --embedding-dim 8 --heads 2 --inits 2 --init-sequences 280 --augment-length 0 --augment-crop 0 --threads 1)

# stop_at PATTERN SIGNAL COMMAND...: runs COMMAND in the background (stderr
# to run.log), sends SIGNAL once run.log has a line matching PATTERN, and
# prints COMMAND's exit status. Job control on: a background job of a
# script would otherwise ignore SIGINT.
stop_at() {
    local pattern=$1 signal=$2
    shift 2
    set -m
    "$@" 2> run.log &
    local pid=$! rc=0
    for _ in $(seq 1200); do grep -q -- "$pattern" run.log && break; sleep 0.05; done
    kill -"$signal" "$pid"
    wait "$pid" || rc=$?
    set +m
    echo "$rc"
}
strip_times() { grep -v -e seconds -e sequences_per_second "$1"; }

mkdir whole run cv_whole cv
(cd whole && "$GSATTN" "${TRAIN[@]}" -q -o m.gsattn)

cd run
rc=$(stop_at "epoch 1:" TERM "$GSATTN" "${TRAIN[@]}" -o m.gsattn)
expect_eq "$rc" 143 "stopped by SIGTERM: killed by it, as the shell sees it"
expect_eq "$(grep -c 'SIGTERM: stopped after the current batch; saved the training state to m.gsattn.ckpt' run.log)" 1 \
    "says where the state went"
expect_eq "$(grep -c 'to go on: gsattn train --resume m.gsattn.ckpt' run.log)" 1 "says how to go on"
expect_eq "$(ls -A)" "$(printf 'm.gsattn.ckpt\nrun.log')" "the checkpoint is all it leaves"

# What --resume refuses: other options, inputs that changed, another directory.
expect_exit 2 "--epochs cannot be given with it" -- "$GSATTN" train --resume m.gsattn.ckpt --epochs 3
cp ../sim.labels.tsv labels.bak
sed -i '2s/\t[^\t]*/\t0.5/' ../sim.labels.tsv
expect_exit 1 "sim.labels.tsv: changed since m.gsattn.ckpt was written" -- "$GSATTN" train --resume m.gsattn.ckpt
mv labels.bak ../sim.labels.tsv
cd ..
expect_exit 1 "resume it from there" -- "$GSATTN" train --resume run/m.gsattn.ckpt
cd run
expect_exit 1 "not a gsattn checkpoint" -- "$GSATTN" train --resume run.log
expect_eq "$(ls -A)" "$(printf 'm.gsattn.ckpt\nrun.log')" "refused resumes change nothing"

"$GSATTN" train --resume m.gsattn.ckpt 2> resume.log
expect_eq "$(grep -c 'going on from m.gsattn.ckpt' resume.log)" 1 "the resumed run says so"
expect_eq "$(cmp m.gsattn ../whole/m.gsattn && echo same)" same "resumed: the same model file as a run never stopped"
expect_eq "$(diff <(strip_times m.gsattn.metrics.json) <(strip_times ../whole/m.gsattn.metrics.json) && echo same)" same \
    "resumed: the same metrics apart from timings"
expect_eq "$(ls m.gsattn.ckpt 2>/dev/null)" "" "the checkpoint is removed once the run has finished"
cd ..

# --folds, stopped by SIGINT in the second fold: the first fold's result is
# kept, the out-of-fold predictions equal the uninterrupted run's.
FOLDS=(train --fasta ../sim.fa --labels ../sim.labels.tsv --model full --folds 3 --epochs 8 --patience 8 --batch-size 16
       --embedding-dim 8 --heads 2 --augment-length 0 --augment-crop 0 --threads 1)
(cd cv_whole && "$GSATTN" "${FOLDS[@]}" -q -o cv)
cd cv
rc=$(stop_at "fold 2/3: training" INT "$GSATTN" "${FOLDS[@]}" -o cv)
expect_eq "$rc" 130 "stopped by SIGINT: killed by it, as the shell sees it"
expect_eq "$(ls -A)" "$(printf 'cv.ckpt\nrun.log')" "--folds: the checkpoint is all it leaves"
"$GSATTN" train --resume cv.ckpt -q
expect_eq "$(cmp cv.oof.tsv ../cv_whole/cv.oof.tsv && echo same)" same "--folds resumed: the same out-of-fold predictions"
expect_eq "$(diff <(strip_times cv.metrics.json) <(strip_times ../cv_whole/cv.metrics.json) && echo same)" same \
    "--folds resumed: the same metrics apart from timings"
expect_eq "$(ls -A)" "$(printf 'cv.metrics.json\ncv.oof.tsv\nrun.log')" "--folds resumed: outputs, no checkpoint"
cd ..

finish
