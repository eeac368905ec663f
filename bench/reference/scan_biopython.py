#!/usr/bin/python3
"""PWM scanning with Biopython's Bio.motifs, set up to give exactly the hits
of `gsattn enrich --hits`, for bench/scan-vs-biopython.sh. Not part of the
test suite.

usage: /usr/bin/python3 bench/reference/scan_biopython.py FASTA JASPAR --hits OUT.bed
           [--pvalue 1e-4] [--pseudocount 0.1] [--calculate]

Everything is rebuilt here from the inputs, not from gsattn's output, following
src/motif.cpp, src/motif_scan.cpp and src/cli/enrich.cpp:
  * background: base counts of A, C, G, T (either case, U as T; N and IUPAC
    codes left out) over all sequences, one pseudo-observation per base:
    p[b] = (count[b] + 1) / (total + 4);
  * frequencies (count + pc * p[b]) / (column total + pc), pseudocount pc = 0.1;
    bits = log2(frequency / p[b]);
  * integer scores: scale = 1000 / sum over columns of (max - min bits);
    score = lround((bits - column min) * scale), lround rounding halves away
    from zero as C does (not Python's round-half-even);
  * the exact distribution of the integer score under the background, by the
    same dynamic programming with the additions in the same order, so that
    every double is bit-identical; threshold = the lowest integer score whose
    upper tail is <= --pvalue;
  * a hit is a window, either strand, holding only A/C/G/T, with integer score
    >= threshold. Biopython gets a PositionSpecificScoringMatrix holding the
    integer scores and searches with threshold - 0.5 (its scores are float32
    sums of integers, exact below 2^24; windows holding other letters score
    NaN and never pass).

Biopython 1.80's pssm.search(seq, threshold, both=True) yields (position,
score) pairs; a reverse-strand hit comes as position - len(seq) (negative),
where position is the 0-based start of the window on the forward strand, so
start = position + len(seq). The hits are written as gsattn writes them
(BED6, name = motif name, score = min(1000, lround(-100 log10 p)), same
track line, same order).

Timed: the scanning alone (not reading the inputs, nor building the matrices
and thresholds). `search` is pssm.search over every motif and sequence, one
call per sequence, as the documentation shows it. With --calculate, also
pssm.calculate on both strands (the reverse-complement matrix built once per
motif) over all sequences joined by 'N' (so no window spans two sequences),
thresholded with numpy: the fastest way Biopython scans. Both give the same
hits (checked). Prints CSV on stdout:
tool,motifs,mbp,threads,seconds,mbp_per_second_per_motif,hits
"""
import argparse
import math
import sys
import time

import numpy as np
from Bio.motifs.matrix import PositionSpecificScoringMatrix

SCORE_RESOLUTION = 1000  # gsattn::kScoreResolution
ACGT = "ACGT"


def c_lround(x):
    """C's lround: nearest integer, halves away from zero."""
    whole = math.trunc(x)
    rest = x - whole  # exact for doubles
    if rest >= 0.5:
        whole += 1
    elif rest <= -0.5:
        whole -= 1
    return int(whole)


def read_fasta(path):
    """(name, sequence) pairs; name = header up to the first space or tab.
    U becomes T, as gsattn reads RNA as DNA."""
    records = []
    name, parts = None, []
    with open(path) as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line:
                continue
            if line[0] == ">":
                if name is not None:
                    records.append((name, "".join(parts)))
                rest = line[1:]
                cut = [i for i in (rest.find(" "), rest.find("\t")) if i >= 0]
                name, parts = (rest[: min(cut)] if cut else rest), []
            else:
                parts.append(line)
    if name is not None:
        records.append((name, "".join(parts)))
    table = str.maketrans("Uu", "Tt")
    return [(n, s.translate(table)) for n, s in records]


def read_jaspar(path):
    """(id, name, columns of [A, C, G, T] counts), parsed as src/motif.cpp does:
    '>ID NAME' then four rows, optionally 'A [ ... ]'."""
    motifs = []
    current, rows = None, []

    def finish():
        if current is None:
            return
        if len(rows) != 4:
            sys.exit(f"{path}: motif {current[0]} has {len(rows)} rows, expected 4")
        columns = [[rows[b][j] for b in range(4)] for j in range(len(rows[0]))]
        motifs.append((current[0], current[1], columns))

    with open(path) as f:
        for line in f:
            line = line.rstrip("\r\n").strip(" \t")
            if not line or line[0] == "#":
                continue
            if line[0] == ">":
                finish()
                text = line[1:].strip(" \t")
                cut = [i for i in (text.find(" "), text.find("\t")) if i >= 0]
                if cut:
                    ident, name = text[: min(cut)], text[min(cut):].strip(" \t")
                else:
                    ident = name = text
                current, rows = (ident, name), []
                continue
            if line[0].isalpha():
                line = line[1:]
            rows.append([float(v) for v in line.replace("[", " ").replace("]", " ").split()])
    finish()
    return motifs


def background_of(sequences):
    counts = [0.0] * 4
    for seq in sequences:
        upper = seq.upper()
        for b, letter in enumerate(ACGT):
            counts[b] += upper.count(letter)
    total = counts[0] + counts[1] + counts[2] + counts[3] + 4
    return [(counts[b] + 1) / total for b in range(4)]


class IntegerPwm:
    """The integer matrix, score distribution and threshold of
    gsattn::ScoredMotif, in the same floating-point operations."""

    def __init__(self, columns, bg, pseudocount, pvalue):
        bits = []
        for c in columns:
            total = c[0] + c[1] + c[2] + c[3]
            f = [(c[b] + pseudocount * bg[b]) / (total + pseudocount) for b in range(4)]
            bits.append([math.log2(f[b] / bg[b]) for b in range(4)])
        score_range = 0.0
        for c in bits:
            score_range += max(c) - min(c)
        scale = SCORE_RESOLUTION / score_range if score_range > 0 else 1.0
        self.scale = scale
        self.offset = sum(min(c) for c in bits)  # bits of the integer score 0
        self.width = len(columns)
        self.scores = [[c_lround((c[b] - min(c)) * scale) for b in range(4)] for c in bits]

        # dist after each column: next[s + col[b]] += dist[s] * bg[b], which
        # gsattn adds by s then b; for one target t = s + col[b] that is by
        # col[b] descending, then b. numpy adds one b at a time, in that order.
        max_total = sum(max(col) for col in self.scores)
        dist = np.zeros(max_total + 1)
        dist[0] = 1.0
        reach = 0
        for col in self.scores:
            nxt = np.zeros(max_total + 1)
            for b in sorted(range(4), key=lambda b: (-col[b], b)):
                nxt[col[b] : col[b] + reach + 1] += dist[: reach + 1] * bg[b]
            reach += max(col)
            dist = nxt
        self.tail = [0.0] * (max_total + 1)
        total = 0.0
        for s in range(max_total, -1, -1):  # sequential, as in C++
            total += float(dist[s])
            self.tail[s] = min(total, 1.0)
        self.max_score = max_total
        self.threshold = next((s for s in range(max_total + 1) if self.tail[s] <= pvalue), max_total + 1)

    def pvalue(self, score):
        if score <= 0:
            return 1.0
        if score > self.max_score:
            return 0.0
        return self.tail[score]

    def pssm(self):
        return PositionSpecificScoringMatrix(
            ACGT, {letter: [float(col[b]) for col in self.scores] for b, letter in enumerate(ACGT)}
        )


def scan_search(pssms, thresholds, sequences):
    """Biopython's pssm.search; hits[m] = (sequence, start, strand, score)."""
    hits = []
    for pssm, threshold in zip(pssms, thresholds):
        found = []
        for s, seq in enumerate(sequences):
            if len(seq) < pssm.length:
                continue  # no window; Biopython would fail on it
            n = len(seq)
            for position, score in pssm.search(seq, threshold, both=True):
                if position >= 0:
                    found.append((s, int(position), "+", score))
                else:
                    found.append((s, int(position) + n, "-", score))
        hits.append(found)
    return hits


def scan_calculate(pssms, thresholds, sequences):
    """pssm.calculate on both strands over the joined sequences + numpy."""
    joined = "N".join(sequences)
    starts = np.cumsum([0] + [len(seq) + 1 for seq in sequences])[:-1]
    hits = []
    for pssm, threshold in zip(pssms, thresholds):
        rc = pssm.reverse_complement()
        found = []
        for strand, matrix in (("+", pssm), ("-", rc)):
            if len(joined) < matrix.length:
                continue
            scores = np.atleast_1d(matrix.calculate(joined))
            where = np.flatnonzero(scores >= threshold)
            seq = np.searchsorted(starts, where, side="right") - 1
            for s, start, score in zip(seq.tolist(), (where - starts[seq]).tolist(), scores[where].tolist()):
                found.append((s, start, strand, score))
        hits.append(found)
    return hits


def ordered_lines(hits, pwms, names, chroms):
    """gsattn's --hits lines: per motif by sequence, start, strand ('+' first),
    then stable-sorted by (sequence name, start, end)."""
    lines = []
    for m, found in enumerate(hits):
        pwm = pwms[m]
        for s, start, strand, score in sorted(found, key=lambda h: (h[0], h[1], h[2])):
            integer = int(score)
            if integer != score or integer < pwm.threshold:
                sys.exit(f"unexpected score {score} (threshold {pwm.threshold}) for {names[m]}")
            bed_score = min(1000, c_lround(-100 * math.log10(pwm.pvalue(integer))))
            lines.append((chroms[s], start, start + pwm.width, names[m], bed_score, strand))
    lines.sort(key=lambda l: (l[0], l[1], l[2]))
    return lines


def fimo_rows(hits, pwms, ids, names, chroms, sequences):
    """FIMO's columns as gsattn enrich --hits x.tsv writes them, unrounded:
    (motif_id, motif_alt_id, sequence_name, start, stop, strand, score in
    bits, p-value, matched_sequence), 1-based inclusive."""
    complement = str.maketrans("ACGT", "TGCA")
    rows = []
    for m, found in enumerate(hits):
        pwm = pwms[m]
        for s, start, strand, score in found:
            integer = int(score)
            site = sequences[s][start : start + pwm.width]
            if strand == "-":
                site = site.translate(complement)[::-1]
            rows.append((ids[m], names[m], chroms[s], start + 1, start + pwm.width, strand,
                         integer / pwm.scale + pwm.offset, pwm.pvalue(integer), site))
    return rows


def compare_fimo(path, rows):
    """gsattn's FIMO table against `rows`: the same hits, the score within
    its 5 printed digits, the p-value within its 3. Returns the differences."""
    expected = {r[:6]: r for r in rows}
    problems = []
    with open(path) as f:
        header = f.readline().rstrip("\n").split("\t")
        if header[:9] != ["motif_id", "motif_alt_id", "sequence_name", "start", "stop", "strand", "score",
                          "p-value", "q-value"]:
            return [f"unexpected header {header}"]
        seen = set()
        for line in f:
            field = line.rstrip("\n").split("\t")
            key = (field[0], field[1], field[2], int(field[3]), int(field[4]), field[5])
            seen.add(key)
            if key not in expected:
                problems.append(f"only in gsattn: {key}")
                continue
            want = expected[key]
            if abs(float(field[6]) - want[6]) > 5e-5 * max(1.0, abs(want[6])):
                problems.append(f"score {field[6]} against {want[6]}: {key}")
            if abs(float(field[7]) - want[7]) > 5e-3 * want[7]:
                problems.append(f"p-value {field[7]} against {want[7]}: {key}")
            if field[9] != want[8]:
                problems.append(f"matched sequence {field[9]} against {want[8]}: {key}")
    problems += [f"only in Biopython: {key}" for key in expected if key not in seen]
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("fasta")
    parser.add_argument("motifs", help="JASPAR motif file")
    parser.add_argument("--hits", required=True, help="BED6 output, as gsattn enrich --hits")
    parser.add_argument("--compare-fimo", metavar="TSV",
                        help="check gsattn enrich --hits x.tsv against Biopython's hits: positions, strands, "
                             "scores, p-values and matched sequences")
    parser.add_argument("--pvalue", type=float, default=1e-4)
    parser.add_argument("--pseudocount", type=float, default=0.1)
    parser.add_argument("--calculate", action="store_true",
                        help="also time pssm.calculate on both strands + numpy thresholds")
    args = parser.parse_args()

    setup = time.perf_counter()
    records = read_fasta(args.fasta)
    chroms = [name for name, _ in records]
    sequences = [seq for _, seq in records]
    motifs = read_jaspar(args.motifs)
    bg = background_of(sequences)
    pwms = [IntegerPwm(columns, bg, args.pseudocount, args.pvalue) for _, _, columns in motifs]
    pssms = [pwm.pssm() for pwm in pwms]
    thresholds = [pwm.threshold - 0.5 for pwm in pwms]
    names = [name for _, name, _ in motifs]
    ids = [motif_id for motif_id, _, _ in motifs]
    mbp = sum(len(seq) for seq in sequences) / 1e6
    print(f"{len(sequences)} sequences, {mbp:.3f} Mbp, {len(motifs)} motifs, background "
          + " ".join(f"{l} {p:.3f}" for l, p in zip(ACGT, bg))
          + f"; matrices and thresholds in {time.perf_counter() - setup:.1f} s", file=sys.stderr)

    runs = [("biopython-search", scan_search)]
    if args.calculate:
        runs.append(("biopython-calculate", scan_calculate))
    rows, reference, reference_hits = [], None, None
    for tool, scan in runs:
        start = time.perf_counter()
        hits = scan(pssms, thresholds, sequences)
        seconds = time.perf_counter() - start
        lines = ordered_lines(hits, pwms, names, chroms)
        if reference is None:
            reference = lines
            reference_hits = hits
        elif lines != reference:
            sys.exit(f"{tool} and {runs[0][0]} found different hits")
        rows.append(f"{tool},{len(motifs)},{mbp:.3f},1,{seconds:.2f},{mbp * len(motifs) / seconds:.2f},{len(lines)}")
        print(f"{tool}: {len(motifs)} motifs x {mbp:.3f} Mbp in {seconds:.2f} s, "
              f"{mbp * len(motifs) / seconds:.2f} Mbp/s per motif, {len(lines)} hits", file=sys.stderr)

    with open(args.hits, "w") as out:
        out.write('track type=bed name="gsattn motif hits" '
                  'description="PWM hits; score = 100 x -log10(p), at most 1000" useScore=1\n')
        for line in reference:
            out.write("%s\t%d\t%d\t%s\t%d\t%s\n" % line)
    if args.compare_fimo:
        problems = compare_fimo(args.compare_fimo, fimo_rows(reference_hits, pwms, ids, names, chroms, sequences))
        for problem in problems[:20]:
            print(problem, file=sys.stderr)
        if problems:
            sys.exit(f"{args.compare_fimo}: {len(problems)} differences from Biopython's hits")
        print(f"{args.compare_fimo}: every hit's position, strand, score, p-value and matched sequence agree "
              "with Biopython's", file=sys.stderr)
    print("tool,motifs,mbp,threads,seconds,mbp_per_second_per_motif,hits")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
