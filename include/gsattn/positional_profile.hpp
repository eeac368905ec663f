// Where along the sequences the kept positions and motif hits sit: for
// every offset from an anchor (the sequences' first base, their last, or a
// fixed base such as a TSS), the share of sequences with a kept position
// there and, per feature family (a motif's hits, a planted motif), the share
// with a feature covering it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gsattn/position_set.hpp"

namespace gsattn {

// --anchor: "start" (offset 0 = the first base), "end" (offset 0 = the last
// base, the others negative) or a 0-based base N (offset 0 = base N of
// every sequence, as BED counts).
struct Anchor {
    enum class Kind { start, end, base } kind = Kind::start;
    std::int64_t base = 0;
    std::int64_t offset(std::int64_t position, std::int64_t length) const;
};
Anchor parse_anchor(const std::string& text);

struct ProfileRow {
    std::int64_t offset = 0;
    std::int64_t sequences = 0;            // sequences that have a base at this offset
    std::int64_t kept = 0;                 // of those, with the base kept
    std::vector<std::int64_t> features;    // of those, per family, with the base inside a feature
};

class PositionalProfile {
public:
    PositionalProfile(Anchor anchor, const PositionSet& kept, std::vector<std::string> families);

    // The features of family `family` on `sequence` (any order; overlaps
    // count once).
    void add_features(std::size_t family, std::size_t sequence, const std::vector<Interval>& features);

    const std::vector<std::string>& families() const { return families_; }
    // One row per offset from the smallest to the largest any sequence has.
    const std::vector<ProfileRow>& rows() const { return rows_; }

private:
    ProfileRow& row_at(std::int64_t offset) { return rows_[static_cast<std::size_t>(offset - first_)]; }

    Anchor anchor_;
    std::vector<std::int64_t> lengths_;
    std::vector<std::string> families_;
    std::int64_t first_ = 0;
    std::vector<ProfileRow> rows_;
};

}  // namespace gsattn
