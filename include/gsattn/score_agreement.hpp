// How two per-base scores of one sequence agree (e.g. a sparse model's
// selector scores and in-silico mutagenesis), and how well each picks out
// the planted bases. Bases either score lacks (NaN) are left out.
#pragma once

#include <cstdint>
#include <vector>

namespace gsattn {

struct SequenceAgreement {
    std::int64_t bases = 0;    // scored by both
    double spearman = 0;       // of the two scores over those bases; NaN if either is constant
    std::int64_t planted = 0;  // of those bases, planted
    // How well each score tells planted bases from the rest (NaN without
    // both kinds of base).
    double auroc_scores = 0, auroc_reference = 0;
    // precision@N, N = planted: the share of planted bases among each
    // score's N highest (ties broken by position); NaN when N = 0.
    double precision_scores = 0, precision_reference = 0;
};

// `planted` may be empty (no truth): planted and the precisions are then 0 and NaN.
SequenceAgreement agreement_of(const std::vector<double>& scores, const std::vector<double>& reference,
                               const std::vector<bool>& planted);

// The share of planted bases among the planted-count highest `scores`;
// NaN when none is planted.
double precision_at_planted(const std::vector<double>& scores, const std::vector<bool>& planted);

}  // namespace gsattn
