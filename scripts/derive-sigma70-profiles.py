#!/usr/bin/env python3
"""Derive the sigma70 -35 and -10 count matrices shipped in share/motifs/.

Counts the bases of every -35 and -10 hexamer listed in
promoters.elements.bed over promoters.fa of La Fleur et al., Nat. Commun.
13:5159 (2022), Supplementary Data (CC BY 4.0). Standard library only.

usage: derive-sigma70-profiles.py DATA_DIR OUT_DIR
"""
import sys
from pathlib import Path

from fasta import read_fasta

COMPLEMENT = str.maketrans("ACGT", "TGCA")


def main(data_dir, out_dir):
    data_dir, out_dir = Path(data_dir), Path(out_dir)
    seqs = read_fasta(data_dir / "promoters.fa")
    counts = {}
    for line in open(data_dir / "promoters.elements.bed"):
        chrom, start, end, name, _score, strand = line.split("\t")[:6]
        site = seqs[chrom][int(start):int(end)]
        if strand.strip() == "-":
            site = site.translate(COMPLEMENT)[::-1]
        matrix = counts.setdefault(name, [[0] * len(site) for _ in "ACGT"])
        for j, base in enumerate(site):
            if base in "ACGT":
                matrix["ACGT".index(base)][j] += 1
    ids = {"minus35": ("GSA0035.1", "sigma70_minus35"), "minus10": ("GSA0010.1", "sigma70_minus10")}
    for element, (motif_id, label) in ids.items():
        with open(out_dir / f"{label}.jaspar", "w") as out:
            out.write(f">{motif_id}\t{label}\n")
            for base, row in zip("ACGT", counts[element]):
                out.write(f"{base}  [ " + " ".join(f"{v:6d}" for v in row) + " ]\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
