"""FASTA reading for scripts/derive-sigma70-profiles.py and the bench scripts'
inline Python (run with PYTHONPATH=scripts)."""


def read_fasta(path):
    """{name: sequence} in the file's order, each sequence in upper case; a
    record's name is the first word of its header line."""
    seqs, name = {}, None
    for line in open(path):
        line = line.strip()
        if line.startswith(">"):
            name = line[1:].split()[0]
            seqs[name] = []
        elif name is not None:
            seqs[name].append(line)
    return {k: "".join(v).upper() for k, v in seqs.items()}
