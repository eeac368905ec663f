#include "gsattn/score_agreement.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "gsattn/metrics.hpp"

namespace gsattn {

double precision_at_planted(const std::vector<double>& scores, const std::vector<bool>& planted) {
    const auto n = static_cast<std::size_t>(std::count(planted.begin(), planted.end(), true));
    if (n == 0) return std::numeric_limits<double>::quiet_NaN();
    std::vector<std::size_t> order(scores.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
    std::size_t hits = 0;
    for (std::size_t k = 0; k < n; ++k) hits += planted[order[k]];
    return static_cast<double>(hits) / static_cast<double>(n);
}

SequenceAgreement agreement_of(const std::vector<double>& scores, const std::vector<double>& reference,
                               const std::vector<bool>& planted) {
    std::vector<double> a, b;
    std::vector<bool> p;
    for (std::size_t i = 0; i < std::min(scores.size(), reference.size()); ++i) {
        if (std::isnan(scores[i]) || std::isnan(reference[i])) continue;
        a.push_back(scores[i]);
        b.push_back(reference[i]);
        p.push_back(!planted.empty() && planted[i]);
    }
    SequenceAgreement out;
    out.bases = static_cast<std::int64_t>(a.size());
    out.spearman = a.size() < 2 ? std::numeric_limits<double>::quiet_NaN() : spearman(a, b);
    out.planted = std::count(p.begin(), p.end(), true);
    const std::vector<double> labels(p.begin(), p.end());
    const double nan = std::numeric_limits<double>::quiet_NaN();
    out.auroc_scores = labels.size() < 2 ? nan : auroc(labels, a);
    out.auroc_reference = labels.size() < 2 ? nan : auroc(labels, b);
    out.precision_scores = precision_at_planted(a, p);
    out.precision_reference = precision_at_planted(b, p);
    return out;
}

}  // namespace gsattn
