// Enrichment of selected positions inside features (motif hits, planted
// motifs): the position-level 2x2 table, the one-sided Fisher exact test on
// it, and Benjamini-Hochberg q-values across features.
#pragma once

#include <cstdint>
#include <vector>

namespace gsattn {

// Every position of the sequences falls in one cell.
struct OverlapTable {
    std::int64_t selected_inside = 0;     // a
    std::int64_t selected_outside = 0;    // b
    std::int64_t unselected_inside = 0;   // c
    std::int64_t unselected_outside = 0;  // d

    std::int64_t total() const;
    std::int64_t selected() const { return selected_inside + selected_outside; }
    std::int64_t inside() const { return selected_inside + unselected_inside; }
    // Overlap expected if the selection ignored the features: selected x inside / total.
    double expected_overlap() const;
    double fold_enrichment() const;  // a / expected; NaN when nothing is expected
    double odds_ratio() const;       // ad / bc; +inf when bc = 0 < ad, NaN when both are 0
};

// The table of `overlap` selected positions inside features covering
// `inside` positions, with `selected` of `total` positions selected.
OverlapTable overlap_table(std::int64_t total, std::int64_t selected, std::int64_t inside,
                           std::int64_t overlap);

// Natural log of the one-sided (enrichment) Fisher exact p-value, P(X >= a)
// for X hypergeometric with the table's margins. Exact for any counts: the
// point probability uses Loader's saddle-point expansion rather than
// differences of lgamma, which lose digits for margins in the millions.
double log_fisher_greater(const OverlapTable& table);

// Benjamini-Hochberg q-values of p-values given as natural logs (any order);
// returned as natural logs, in the same order, capped at log(1) = 0. With
// `tests` above their number, they are the smallest of that many tests and
// the others count as p = 1 (e.g. the hits among every window scanned: an
// upper bound on the q-values of all windows' p-values).
std::vector<double> log_bh_qvalues(const std::vector<double>& log_p, std::size_t tests = 0);

}  // namespace gsattn
