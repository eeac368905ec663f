#include "gsattn/position_selection.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace gsattn {

std::vector<KeptPosition> keep_top(const std::vector<float>& logits, std::int64_t k) {
    const auto n = static_cast<std::int64_t>(logits.size());
    k = std::clamp<std::int64_t>(k, 0, n);
    std::vector<std::int64_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::partial_sort(order.begin(), order.begin() + k, order.end(), [&](std::int64_t a, std::int64_t b) {
        return logits[a] != logits[b] ? logits[a] > logits[b] : a < b;
    });
    std::vector<KeptPosition> kept;
    kept.reserve(k);
    for (std::int64_t r = 0; r < k; ++r)
        kept.push_back({order[r], logits[order[r]], static_cast<int>(r + 1)});
    std::sort(kept.begin(), kept.end(),
              [](const KeptPosition& a, const KeptPosition& b) { return a.position < b.position; });
    return kept;
}

double selector_probability(float logit) { return 1.0 / (1.0 + std::exp(-static_cast<double>(logit))); }


std::vector<KeptInterval> merge_kept(const std::vector<KeptPosition>& kept, std::int64_t gap) {
    std::vector<KeptInterval> out;
    for (const KeptPosition& p : kept) {
        if (!out.empty() && p.position - out.back().end <= gap) {
            KeptInterval& last = out.back();
            last.end = p.position + 1;
            ++last.positions;
            last.best_logit = std::max(last.best_logit, p.logit);
        } else {
            out.push_back({p.position, p.position + 1, 1, p.logit});
        }
    }
    return out;
}

}  // namespace gsattn
