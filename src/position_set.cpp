#include "gsattn/position_set.hpp"

#include <algorithm>
#include <limits>

#include "gsattn/error.hpp"

namespace gsattn {

PositionSet::PositionSet(const std::vector<std::int64_t>& lengths) {
    std::size_t slots = 0;
    for (const std::int64_t length : lengths) {
        if (length < 0 || length >= std::numeric_limits<std::uint32_t>::max())
            throw Error("sequence length out of range for a position set");
        offsets_.push_back(slots);
        slots += static_cast<std::size_t>(length) + 1;
        universe_ += length;
    }
    counts_.assign(slots, 0);
}

std::int64_t PositionSet::length(std::size_t sequence) const {
    const std::size_t end = sequence + 1 < offsets_.size() ? offsets_[sequence + 1] : counts_.size();
    return static_cast<std::int64_t>(end - offsets_[sequence]) - 1;
}

void PositionSet::add(std::size_t sequence, Interval interval) {
    if (indexed_) throw Error("PositionSet::add after index()");
    if (interval.start < 0 || interval.end > length(sequence) || interval.start > interval.end)
        throw Error("interval outside its sequence");
    const auto first = counts_.begin() + static_cast<std::ptrdiff_t>(offsets_[sequence] + 1);
    std::fill(first + interval.start, first + interval.end, 1U);
}

void PositionSet::index() {
    if (indexed_) return;
    for (std::size_t s = 0; s < offsets_.size(); ++s) {
        std::uint32_t running = 0;
        const std::size_t begin = offsets_[s];
        for (std::int64_t i = 0; i <= length(s); ++i) {
            running += counts_[begin + i];
            counts_[begin + i] = running;
        }
        size_ += running;
    }
    indexed_ = true;
}

std::int64_t PositionSet::count(std::size_t sequence, Interval interval) const {
    if (!indexed_) throw Error("PositionSet::count before index()");
    const std::size_t begin = offsets_[sequence];
    return static_cast<std::int64_t>(counts_[begin + interval.end]) - counts_[begin + interval.start];
}

FeatureOverlap& FeatureOverlap::operator+=(const FeatureOverlap& o) {
    features += o.features;
    touched += o.touched;
    covered += o.covered;
    overlap += o.overlap;
    return *this;
}

FeatureOverlap feature_overlap(const PositionSet& set, std::size_t sequence, std::vector<Interval> features) {
    std::sort(features.begin(), features.end(),
              [](const Interval& a, const Interval& b) { return a.start < b.start; });
    FeatureOverlap o;
    std::int64_t reached = 0;  // features so far cover nothing from here on
    for (const Interval& f : features) {
        ++o.features;
        if (set.count(sequence, f) > 0) ++o.touched;
        const Interval fresh{std::max(f.start, reached), f.end};
        if (fresh.end > fresh.start) {
            o.covered += fresh.end - fresh.start;
            o.overlap += set.count(sequence, fresh);
        }
        reached = std::max(reached, f.end);
    }
    return o;
}

}  // namespace gsattn
