#include "gsattn/positional_profile.hpp"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "gsattn/error.hpp"

namespace gsattn {

std::int64_t Anchor::offset(std::int64_t position, std::int64_t length) const {
    switch (kind) {
        case Kind::start: return position;
        case Kind::end: return position - (length - 1);
        case Kind::base: return position - base;
    }
    return position;
}

Anchor parse_anchor(const std::string& text) {
    if (text == "start") return {Anchor::Kind::start, 0};
    if (text == "end") return {Anchor::Kind::end, 0};
    std::size_t used = 0;
    long long base = -1;
    try {
        base = std::stoll(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text.size() || text.empty() || base < 0)
        throw Error(fmt::format("--anchor: expected start, end or a base number (0-based), not '{}'", text));
    return {Anchor::Kind::base, base};
}

PositionalProfile::PositionalProfile(Anchor anchor, const PositionSet& kept, std::vector<std::string> families)
    : anchor_(anchor), families_(std::move(families)) {
    std::int64_t first = std::numeric_limits<std::int64_t>::max(), last = std::numeric_limits<std::int64_t>::min();
    for (std::size_t s = 0; s < kept.sequences(); ++s) {
        const std::int64_t length = kept.length(s);
        lengths_.push_back(length);
        if (length == 0) continue;
        first = std::min(first, anchor_.offset(0, length));
        last = std::max(last, anchor_.offset(length - 1, length));
    }
    if (first > last) return;  // no bases at all
    first_ = first;
    rows_.resize(static_cast<std::size_t>(last - first + 1));
    for (std::size_t r = 0; r < rows_.size(); ++r) {
        rows_[r].offset = first + static_cast<std::int64_t>(r);
        rows_[r].features.assign(families_.size(), 0);
    }
    for (std::size_t s = 0; s < lengths_.size(); ++s)
        for (std::int64_t i = 0; i < lengths_[s]; ++i) {
            ProfileRow& row = row_at(anchor_.offset(i, lengths_[s]));
            ++row.sequences;
            row.kept += kept.count(s, {i, i + 1});
        }
}

void PositionalProfile::add_features(std::size_t family, std::size_t sequence, const std::vector<Interval>& features) {
    const std::int64_t length = lengths_.at(sequence);
    std::vector<bool> covered(static_cast<std::size_t>(length), false);
    for (const Interval& f : features)
        for (std::int64_t i = std::max<std::int64_t>(0, f.start); i < std::min(length, f.end); ++i)
            covered[static_cast<std::size_t>(i)] = true;
    for (std::int64_t i = 0; i < length; ++i)
        if (covered[static_cast<std::size_t>(i)]) ++row_at(anchor_.offset(i, length)).features.at(family);
}

}  // namespace gsattn
