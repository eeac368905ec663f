#!/usr/bin/env python3
"""Exact one-sided Fisher p-values for tests/test_enrichment.cpp.

P(X >= a) for X hypergeometric with the 2x2 table's margins, summed over
exact integer point probabilities (no floating point until the final
logarithm), printed as natural logs with 17 significant digits. Usage:

    python3 tests/reference/fisher_reference.py a b c d [a b c d ...]
"""
import math
import sys


def log_fisher_greater(a, b, c, d):
    inside, outside, draws = a + c, b + d, a + b
    n = inside + outside
    highest = min(draws, inside)
    # term(x) = C(inside, x) * C(outside, draws - x), updated exactly.
    term = math.comb(inside, a) * math.comb(outside, draws - a)
    total = 0
    for x in range(a, highest + 1):
        total += term
        if x < highest:
            term = term * (inside - x) * (draws - x) // ((x + 1) * (outside - draws + x + 1))
    return math.log(total) - math.log(math.comb(n, draws))


if __name__ == "__main__":
    v = [int(x) for x in sys.argv[1:]]
    for i in range(0, len(v), 4):
        print(f"{{{v[i]}, {v[i+1]}, {v[i+2]}, {v[i+3]}}}, {log_fisher_greater(*v[i:i+4]):.17g}")
