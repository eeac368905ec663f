# Sourced by the prediction benchmarks: one timed `gsattn predict`.
#
# measure_predict LIMIT MODEL FASTA THREADS WORKDIR
#   runs "$GSATTN" predict under /usr/bin/time -v, stopped after LIMIT
#   seconds, and sets:
#   status      ok, timeout or "exit N"
#   seconds     wall time, start-up included
#   predicting  the prediction time predict logs (start-up excluded)
#   peak        peak RSS in MB
#   flops       the analytic FLOPs per strand predict logs
#   (NA unless status is ok). WORKDIR holds the run's scratch files.
measure_predict() {
    local limit=$1 model=$2 fasta=$3 threads=$4 work=$5
    status=ok
    timeout "$limit" /usr/bin/time -v -o "$work/time.txt" \
        "$GSATTN" predict -m "$model" --fasta "$fasta" --threads "$threads" \
        -o "$work/predictions.tsv" 2> "$work/predict.log" || status=$?
    case "$status" in
        ok) ;;
        124) status=timeout ;;
        *) status="exit $status" ;;
    esac
    seconds=NA; predicting=NA; peak=NA; flops=NA
    if [ "$status" = ok ]; then
        # "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:01.23"
        seconds=$(awk -F': ' '/Elapsed/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$work/time.txt")
        peak=$(awk -F': ' '/Maximum resident/ { printf "%.0f", $2 / 1024 }' "$work/time.txt")
        predicting=$(grep -o 'sequences in [0-9.]* s' "$work/predict.log" | cut -d' ' -f3)
        flops=$(grep -o '[0-9.e+]* FLOPs per strand' "$work/predict.log" | cut -d' ' -f1)
    fi
    rm -f "$work/time.txt" "$work/predict.log" "$work/predictions.tsv"
}
