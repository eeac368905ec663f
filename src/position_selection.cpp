#include "gsattn/position_selection.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>

#include <fmt/format.h>

#include "gsattn/error.hpp"

namespace gsattn {

std::vector<KeptPosition> keep_top(const std::vector<float>& logits, std::int64_t k) {
    const auto n = static_cast<std::int64_t>(logits.size());
    if (n > std::numeric_limits<std::uint32_t>::max())
        throw Error(fmt::format("a sequence of {} bases is longer than the 4,294,967,295 supported", n));
    k = std::clamp<std::int64_t>(k, 0, n);
    // 32-bit positions: a chromosome's order array is half the size.
    std::vector<std::uint32_t> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0u);
    const auto higher = [&](std::uint32_t a, std::uint32_t b) {
        return logits[a] != logits[b] ? logits[a] > logits[b] : a < b;
    };
    // The k highest in linear time, then only those sorted for their ranks.
    std::nth_element(order.begin(), order.begin() + k, order.end(), higher);
    std::sort(order.begin(), order.begin() + k, higher);
    std::vector<KeptPosition> kept;
    kept.reserve(static_cast<std::size_t>(k));
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
