#include "gsattn/shuffle.hpp"

#include <array>
#include <vector>

namespace gsattn {
namespace {

// Shuffles one stretch of A/C/G/T in place.
void shuffle_stretch(Base* first, Base* last, Rng& rng) {
    const auto n = last - first;
    if (n < 3) return;
    std::array<std::vector<Base>, 4> edges;  // successors of each base, in order of use
    for (auto i = 0; i + 1 < n; ++i) edges[static_cast<int>(first[i])].push_back(first[i + 1]);
    const int end = static_cast<int>(first[n - 1]);
    // A random last exit for every base that is left, such that following
    // last exits from any base reaches `end` (a tree rooted there).
    std::array<int, 4> last_exit{-1, -1, -1, -1};
    for (;;) {
        for (int v = 0; v < 4; ++v)
            if (v != end && !edges[v].empty()) last_exit[v] = static_cast<int>(rng.below(edges[v].size()));
        bool tree = true;
        for (int v = 0; v < 4 && tree; ++v) {
            if (v == end || edges[v].empty()) continue;
            int at = v;
            for (int steps = 0; at != end; ++steps) {
                if (steps > 4) {
                    tree = false;
                    break;
                }
                at = static_cast<int>(edges[at][last_exit[at]]);
            }
        }
        if (tree) break;
    }
    for (int v = 0; v < 4; ++v) {
        auto& out = edges[v];
        if (out.empty()) continue;
        if (v != end) std::swap(out[last_exit[v]], out.back());
        const std::size_t free = v == end ? out.size() : out.size() - 1;
        for (std::size_t i = free; i > 1; --i) std::swap(out[i - 1], out[rng.below(i)]);
    }
    std::array<std::size_t, 4> used{};
    for (auto i = 1; i < n; ++i) {
        const int from = static_cast<int>(first[i - 1]);
        first[i] = edges[from][used[from]++];
    }
}

}  // namespace

EncodedSequence dinucleotide_shuffle(const EncodedSequence& bases, Rng& rng) {
    EncodedSequence out = bases;
    std::size_t start = 0;
    while (start < out.size()) {
        while (start < out.size() && !is_acgt(out[start])) ++start;
        std::size_t end = start;
        while (end < out.size() && is_acgt(out[end])) ++end;
        shuffle_stretch(out.data() + start, out.data() + end, rng);
        start = end;
    }
    return out;
}

}  // namespace gsattn
