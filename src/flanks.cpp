#include "gsattn/flanks.hpp"

#include <algorithm>

namespace gsattn {

Column base_composition(const std::vector<const EncodedSequence*>& sequences) {
    Column counts{0, 0, 0, 0};
    for (const EncodedSequence* s : sequences)
        for (Base b : *s)
            if (b < Base::N) counts[static_cast<int>(b)] += 1;
    const double total = counts[0] + counts[1] + counts[2] + counts[3];
    if (total == 0) return {0.25, 0.25, 0.25, 0.25};
    for (double& c : counts) c /= total;
    return counts;
}

Base draw_base(Rng& rng, const Column& p) {
    double u = rng.uniform();
    for (int b = 0; b < 3; ++b) {
        if (u < p[b]) return static_cast<Base>(b);
        u -= p[b];
    }
    return Base::T;
}

EncodedSequence RandomFlanks::window(std::int64_t length, Rng& rng) const {
    EncodedSequence bases(static_cast<std::size_t>(length));
    for (Base& b : bases) b = draw_base(rng, composition_);
    return bases;
}

EncodedSequence augmented(const EncodedSequence& sequence, const FlankAugmentation& a, Rng& rng) {
    const auto size = static_cast<std::int64_t>(sequence.size());
    std::int64_t first = 0, last = size;
    if (a.crop > 0 && size > 1) {
        first = rng.between(0, std::min<std::int64_t>(a.crop, size - 1));
        last = size - rng.between(0, std::min<std::int64_t>(a.crop, size - 1 - first));
    }
    const std::int64_t kept = last - first;
    const std::int64_t length = rng.between(kept, std::max<std::int64_t>(kept, a.length));
    const std::int64_t offset = rng.between(0, length - kept);
    EncodedSequence out = RandomFlanks(a.composition).window(length, rng);
    std::copy(sequence.begin() + first, sequence.begin() + last, out.begin() + offset);
    return out;
}

}  // namespace gsattn
