#!/usr/bin/env bash
# A whole-genome scan with a shipped model: E. coli K-12 MG1655 (4.64 Mbp),
# windows of 80 every 10 (463,960 windows, both strands), written as bigWig
# and as bedGraph. Reports the wall time (best of RUNS, start-up included),
# checks that the bigWig read back by libBigWig (pyBigWig) and by IGV's own
# reader (Debian's igv.jar, bench/igv/ReadBigWig.java) equals the bedGraph,
# and, given a second binary (one from before the shared-stem scan, e.g. a
# build of commit 42cdc01), times it and compares its windows. Not part of
# the test suite; needs GSATTN_BENCH_DEPS=1 scripts/install-deps.sh (igv,
# pyBigWig).
#
# usage: bench/genome-scan.sh [GSATTN] [MODEL] [THREADS] [GENOME] [BEFORE_GSATTN] [RUNS]
set -euo pipefail
GSATTN=${1:-build/gsattn}
MODEL=${2:-ecoli-sigma70}
THREADS=${3:-2}
GENOME=${4:-../shared/data/ecoli-k12/mg1655.fa.gz}
BEFORE=${5:-}
RUNS=${6:-3}
OUT=${OUT:-bench/results/genome-scan}
mkdir -p "$OUT"
SCAN=(predict -m "$MODEL" --fasta "$GENOME" --window 80 --step 10 --threads "$THREADS")

# best_of BINARY OUTPUT: the shortest of RUNS wall times, in seconds.
best_of() {
    local best="" t
    for _ in $(seq "$RUNS"); do
        t=$( { /usr/bin/time -f %e "$1" "${SCAN[@]}" -q -o "$2" 2>&1 >/dev/null; } | tail -1)
        best=$(awk -v a="$t" -v b="$best" 'BEGIN { print (b == "" || a < b) ? a : b }')
    done
    echo "$best"
}
# compare A B: lines, differing coordinates, largest |value difference| of two bedGraphs.
compare() {
    paste <(grep -v '^#' "$1") <(grep -v '^#' "$2") | awk -F'\t' '
        $1 != $5 || $2 != $6 || $3 != $7 { bad++ }
        { d = $4 - $8; if (d < 0) d = -d; if (d > most) most = d }
        END { printf "%d\t%d\t%.3g\n", NR, bad + 0, most }'
}

bw_seconds=$(best_of "$GSATTN" "$OUT/scan.bw")
bedgraph_seconds=$(best_of "$GSATTN" "$OUT/scan.bedGraph")
/usr/bin/python3 - "$OUT/scan.bw" > "$OUT/scan.pybigwig.bedGraph" <<'EOF'
import sys, pyBigWig
bw = pyBigWig.open(sys.argv[1])
for chrom in bw.chroms():
    for start, end, value in bw.intervals(chrom) or []:
        print(f"{chrom}\t{start}\t{end}\t{value!r}")
EOF
javac -cp /usr/share/java/igv.jar -d "$OUT" bench/igv/ReadBigWig.java
java -cp "/usr/share/java/igv.jar:$OUT" ReadBigWig "$OUT/scan.bw" > "$OUT/scan.igv.bedGraph"

{
    printf 'what\tseconds\tlines\tdiffering coordinates\tlargest difference\n'
    printf 'scan to bigWig\t%s\t\t\t\n' "$bw_seconds"
    printf 'scan to bedGraph\t%s\t%s\n' "$bedgraph_seconds" "$(compare "$OUT/scan.bedGraph" "$OUT/scan.bedGraph")"
    printf 'bigWig read by libBigWig (pyBigWig) vs bedGraph\t\t%s\n' "$(compare "$OUT/scan.pybigwig.bedGraph" "$OUT/scan.bedGraph")"
    printf "bigWig read by IGV's reader vs bedGraph\t\t%s\n" "$(compare "$OUT/scan.igv.bedGraph" "$OUT/scan.bedGraph")"
    if [ -n "$BEFORE" ]; then
        printf 'window by window (%s) to bedGraph\t%s\t%s\n' "$BEFORE" "$(best_of "$BEFORE" "$OUT/before.bedGraph")" \
            "$(compare "$OUT/before.bedGraph" "$OUT/scan.bedGraph")"
    fi
} | tee "$OUT/table.tsv"
ls -l "$OUT/scan.bw" "$OUT/scan.bedGraph"
