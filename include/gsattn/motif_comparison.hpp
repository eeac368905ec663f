// Comparing a motif with a database of motifs, as Tomtom does: columns are
// compared by the Pearson correlation of their base frequencies, an
// alignment scores the sum over the columns that overlap, and its p-value
// comes from a null in which each query column meets a column drawn from
// the whole database (both strands).
#pragma once

#include <cstdint>
#include <vector>

#include "gsattn/motif.hpp"

namespace gsattn {

struct MotifMatch {
    std::size_t target = 0;  // index into the database
    int offset = 0;          // query column 0 sits at target column `offset` (may be negative)
    char strand = '+';       // '-': the target's reverse complement
    int overlap = 0;         // columns aligned
    double score = 0;        // sum of the aligned columns' Pearson correlations
    double p = 1;            // of the best alignment, corrected for the alignments tried
    double e = 1;            // p x database size
    double q = 1;            // Benjamini-Hochberg across the database, for this query
};

struct MotifComparisonConfig {
    // Alignments overlap by at least min(min_overlap, both widths) columns.
    int min_overlap = 5;
};

class MotifDatabase {
public:
    explicit MotifDatabase(std::vector<Motif> motifs);
    const std::vector<Motif>& motifs() const { return motifs_; }

    // Every database motif's best alignment with `query`, by p then target.
    std::vector<MotifMatch> compare(const Motif& query, const MotifComparisonConfig& config = {}) const;

    // The p-value of a sum of correlations `score` over query columns
    // [first, last) under the database null (exposed for tests).
    double alignment_pvalue(const Motif& query, int first, int last, double score) const;

private:
    std::vector<Motif> motifs_;
    std::vector<std::vector<Column>> forward_, reverse_;  // frequencies per motif and strand
    std::vector<Column> pool_;                            // every column of both strands
};

// Pearson correlation of two columns' base frequencies; 0 when either has
// no variance (a uniform column says nothing about the other).
double column_correlation(const Column& a, const Column& b);

}  // namespace gsattn
