#!/usr/bin/env bash
# Variant effects (`gsattn predict --vcf`) on simulated data with known
# motifs: the plan task's sparse model scores every SNV of every planted
# TATA box and about 3000 SNVs at least 5 bp from any planted motif, in 500
# held-out sequences embedded in 400 bp of random flank (a small "genome").
# Checks: median |diff| of the TATA-box SNVs at least 10x that of the outside
# SNVs, and diff < 0 (breaking the motif lowers the prediction) in >= 95% of
# the TATA-box SNVs; also mean |diff|, the sign per position in the TATA box
# (strand-aware, 1 = the motif's first base) and the wall times of training
# and of predict. Not part of the test suite.
#
# usage: bench/variant-effects.sh [GSATTN_BINARY] [THREADS]
# Writes bench/results/variants/ (summary.tsv, variants.tsv, variants.scored.vcf);
# the model, plan.sparse.gsattn, is trained only if it is not there yet.
set -euo pipefail
GSATTN=${1:-build/gsattn}
THREADS=${2:-2}
OUT=bench/results/variants
mkdir -p "$OUT"
PYTHON=${PYTHON:-python3}

# 1. The plan task's sparse model (bench/train-simulated.sh plan, sparse only).
TRAIN_SECONDS=cached
if [ ! -s "$OUT/plan.sparse.gsattn" ]; then
    "$GSATTN" simulate -n 10000 -L 200 --seed 1 -q -o "$OUT/plan"
    start=$(date +%s.%N)
    "$GSATTN" train --fasta "$OUT/plan.fa" --labels "$OUT/plan.labels.tsv" --model sparse \
        --augment-length 0 --split 0.7,0.15,0.15 --seed 1 --threads "$THREADS" \
        -o "$OUT/plan.sparse.gsattn" 2> "$OUT/plan.train.log"
    TRAIN_SECONDS=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    echo "$TRAIN_SECONDS" > "$OUT/plan.train.seconds"
elif [ -s "$OUT/plan.train.seconds" ]; then
    TRAIN_SECONDS="$(cat "$OUT/plan.train.seconds") (cached model)"
fi

# 2. Held-out sequences, 3. embedded in the middle of 400 bp of random flank.
"$GSATTN" simulate -n 500 -L 200 --seed 7 -q -o "$OUT/fresh"
rm -f "$OUT/genome.fa.fai"
"$GSATTN" simulate --embed "$OUT/fresh.fa" --embed-length 400 --placement middle --seed 7 \
    -q -o "$OUT/genome.fa"

# 4. The VCF: every base of every planted TATA box x its 3 other bases, and
# ~3000 random SNVs >= 5 bp from all planted motifs of their record. Each
# record's offset in the genome is found, not assumed (and must be 100).
# variants.motifs.tsv maps each TATA-box SNV's ID to its position in the box.
PYTHONPATH=scripts "$PYTHON" - "$OUT" <<'PY'
import random, sys
from fasta import read_fasta
out = sys.argv[1]

fresh = read_fasta(f"{out}/fresh.fa")
genome = read_fasta(f"{out}/genome.fa")
assert list(fresh) == list(genome), "genome.fa records differ from fresh.fa"
offset = {}
for name, rec in fresh.items():
    g = genome[name]
    off = (len(g) - len(rec)) // 2
    if g[off:off + len(rec)] != rec:
        sys.exit(f"{name}: the record is not at offset {off} of its genome sequence")
    offset[name] = off
offsets = sorted(set(offset.values()))
print(f"record offsets in genome.fa: {offsets}; genome lengths: "
      f"{sorted(set(len(g) for g in genome.values()))}", file=sys.stderr)
assert offsets == [100], offsets

motifs = {}
for line in open(f"{out}/fresh.motifs.bed"):
    c, s, e, kind, _, strand = line.split()[:6]
    motifs.setdefault(c, []).append((int(s), int(e), kind, strand))

rows = []          # (chrom, pos1, id, ref, alt)
motif_pos = []     # (id, position in box 1..len, strand)
seen = set()
for name in fresh:
    for s, e, kind, strand in motifs.get(name, []):
        if kind != "TATA_box":
            continue
        for i in range(s, e):
            if (name, i) in seen:  # a base of two boxes: the first
                continue
            seen.add((name, i))
            gpos = i + offset[name]
            ref = genome[name][gpos]
            k = (i - s + 1) if strand == "+" else (e - i)
            for alt in "ACGT":
                if alt == ref:
                    continue
                vid = f"tata_{name}_{i + 1}_{alt}"
                rows.append((name, gpos + 1, vid, ref, alt))
                motif_pos.append((vid, k, strand))

rng = random.Random(7)
names = list(fresh)
chosen = set()
n_outside = 3000
while len(chosen) < n_outside:
    name = rng.choice(names)
    i = rng.randrange(len(fresh[name]))
    # distance from base i to [s, e): 0 inside
    if any(max(s - i, i - (e - 1), 0) < 5 for s, e, _, _ in motifs.get(name, [])):
        continue
    chosen.add((name, i))
for name, i in sorted(chosen, key=lambda t: (names.index(t[0]), t[1])):
    gpos = i + offset[name]
    ref = genome[name][gpos]
    alt = rng.choice([b for b in "ACGT" if b != ref])
    rows.append((name, gpos + 1, f"out_{name}_{i + 1}_{alt}", ref, alt))

order = {n: k for k, n in enumerate(names)}
rows.sort(key=lambda r: (order[r[0]], r[1], r[4]))
with open(f"{out}/variants.vcf", "w") as f:
    f.write("##fileformat=VCFv4.2\n")
    for name in names:
        f.write(f"##contig=<ID={name},length={len(genome[name])}>\n")
    f.write("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n")
    for c, p, vid, ref, alt in rows:
        f.write(f"{c}\t{p}\t{vid}\t{ref}\t{alt}\t.\t.\t.\n")
with open(f"{out}/variants.motifs.tsv", "w") as f:
    f.write("id\tbox_position\tstrand\n")
    for vid, k, strand in motif_pos:
        f.write(f"{vid}\t{k}\t{strand}\n")
print(f"variants.vcf: {len(motif_pos)} TATA-box SNVs, {n_outside} outside SNVs", file=sys.stderr)
PY

# 5. Predict.
start=$(date +%s.%N)
"$GSATTN" predict -m "$OUT/plan.sparse.gsattn" --vcf "$OUT/variants.vcf" --reference "$OUT/genome.fa" \
    --threads "$THREADS" -o "$OUT/variants.scored.vcf" --vcf-summary "$OUT/variants.tsv" \
    2> "$OUT/predict.log"
PREDICT_SECONDS=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
bcftools view "$OUT/variants.scored.vcf" > /dev/null
echo "bcftools view variants.scored.vcf: ok"

# 6. Statistics.
"$PYTHON" - "$OUT" "$TRAIN_SECONDS" "$PREDICT_SECONDS" <<'PY'
import sys
out, train_s, predict_s = sys.argv[1:4]
box = {}
for line in list(open(f"{out}/variants.motifs.tsv"))[1:]:
    vid, k, strand = line.split()
    box[vid] = int(k)
lines = open(f"{out}/variants.tsv").read().splitlines()
header = lines[0].split("\t")
col = {h: k for k, h in enumerate(header)}
motif, outside, status = [], [], {}
per_pos = {}
for line in lines[1:]:
    f = line.split("\t")
    st = f[col["status"]]
    status[st] = status.get(st, 0) + 1
    if st != "scored":
        continue
    d = float(f[col["diff"]])
    vid = f[col["id"]]
    if vid.startswith("tata_"):
        motif.append(d)
        per_pos.setdefault(box[vid], []).append(d)
    elif vid.startswith("out_"):
        outside.append(d)

def median(v):
    v = sorted(v); n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2

rows = []
add = lambda k, v: rows.append((k, v))
for st in sorted(status):
    add(f"status_{st}", status[st])
am, ao = [abs(d) for d in motif], [abs(d) for d in outside]
add("motif_snvs", len(motif))
add("outside_snvs", len(outside))
add("motif_median_absdiff", f"{median(am):.6g}")
add("outside_median_absdiff", f"{median(ao):.6g}")
ratio = median(am) / median(ao) if median(ao) > 0 else float("inf")
add("median_ratio", f"{ratio:.4g}")
add("motif_mean_absdiff", f"{sum(am) / len(am):.6g}")
add("outside_mean_absdiff", f"{sum(ao) / len(ao):.6g}")
add("mean_ratio", f"{(sum(am) / len(am)) / (sum(ao) / len(ao)):.4g}")
add("motif_mean_diff", f"{sum(motif) / len(motif):.6g}")
add("outside_mean_diff", f"{sum(outside) / len(outside):.6g}")
neg = sum(d < 0 for d in motif) / len(motif)
add("motif_frac_diff_negative", f"{neg:.4f}")
for k in sorted(per_pos):
    v = per_pos[k]
    add(f"box_pos{k}_n", len(v))
    add(f"box_pos{k}_frac_negative", f"{sum(d < 0 for d in v) / len(v):.4f}")
    add(f"box_pos{k}_median_absdiff", f"{median([abs(d) for d in v]):.6g}")
add("criterion_ratio_ge_10", "met" if ratio >= 10 else "NOT met")
add("criterion_sign_ge_0.95", "met" if neg >= 0.95 else "NOT met")
add("train_seconds", train_s)
add("predict_seconds", predict_s)
with open(f"{out}/summary.tsv", "w") as f:
    f.write("statistic\tvalue\n")
    for k, v in rows:
        f.write(f"{k}\t{v}\n")
for k, v in rows:
    print(f"{k:28s} {v}")
PY
