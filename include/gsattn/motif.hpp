// Motifs: position count matrices read from JASPAR or MEME (minimal) files,
// and position weight matrices (log2-odds against a background).
#pragma once

#include <array>
#include <string>
#include <vector>

namespace gsattn {

using Column = std::array<double, 4>;  // A C G T

struct Motif {
    std::string id;    // e.g. MA0108.3
    std::string name;  // e.g. TBP
    std::vector<Column> counts;  // one column per motif position
    std::size_t width() const { return counts.size(); }
};

// Base composition the log-odds are taken against.
struct Background {
    Column p{0.25, 0.25, 0.25, 0.25};
    static Background from_gc(double gc);  // 0 < gc < 1
    // From base counts (N excluded), with one pseudo-observation per base.
    static Background from_counts(const std::array<double, 4>& counts);
};

// Reads every motif of a file. The format is recognised from the first line:
// "MEME version ..." (MEME minimal) or ">ID NAME" (JASPAR; rows optionally
// lettered "A [ ... ]"). Frequencies in MEME files become counts through
// nsites (20 when absent, MEME's default). Errors name file and line.
std::vector<Motif> read_motifs(const std::string& path);

// Column frequencies with `pseudocount` added in proportion to the background
// (FIMO's --motif-pseudo, default 0.1).
Column frequencies(const Column& counts, const Background& bg, double pseudocount);

// log2(frequency / background) per column and base.
std::vector<Column> log_odds(const Motif& motif, const Background& bg, double pseudocount);

// A count matrix with one count of the consensus base in each column
// (A/C/G/T only).
Motif motif_from_consensus(const std::string& name, const std::string& consensus);

// The base counts of the sites at `rows` of `sites` (one site per record,
// all of one width; a base other than A, C, G or T counts in no column).
// An Error when the sites differ in width or `rows` is empty.
Motif motif_from_sites(const std::string& name, const std::vector<std::string>& sites,
                       const std::vector<std::size_t>& rows);

// The motifs as a MEME minimal file that read_motifs() and the MEME suite
// read: frequencies (counts / sites of the first column), nsites, and, where
// `evalues` has an entry for the motif (same order; empty for none), E= with
// that text.
std::string meme_text(const std::vector<Motif>& motifs, const Background& bg,
                      const std::vector<std::string>& evalues = {});

// A number given as its log10, in %.2g-like scientific notation that does
// not underflow (e.g. -350.3 -> "5.0e-351").
std::string scientific_from_log10(double log10_value);

Motif reverse_complement(const Motif& motif);
Motif slice(const Motif& motif, std::size_t start, std::size_t width);
std::string consensus(const Motif& motif);  // most frequent base per column

}  // namespace gsattn
