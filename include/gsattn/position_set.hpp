// A set of positions over a collection of sequences (the positions a
// selector kept), and how a family of features (motif hits, planted motifs)
// overlaps it.
#pragma once

#include <cstdint>
#include <vector>

namespace gsattn {

struct Interval {
    std::int64_t start = 0, end = 0;  // half-open
};

class PositionSet {
public:
    // Sequence i has lengths[i] positions, none of them in the set yet.
    explicit PositionSet(const std::vector<std::int64_t>& lengths);

    // Adds [start, end) of `sequence` (adding a position twice is harmless).
    // Every add() comes before index().
    void add(std::size_t sequence, Interval interval);
    // Prepares count(); size() is known from here on.
    void index();
    // Positions of the set in [start, end) of `sequence`; O(1).
    std::int64_t count(std::size_t sequence, Interval interval) const;

    std::int64_t size() const { return size_; }          // positions in the set
    std::int64_t universe() const { return universe_; }  // positions of all sequences
    std::size_t sequences() const { return offsets_.size(); }
    std::int64_t length(std::size_t sequence) const;

private:
    // Per sequence, length + 1 slots at offsets_[s]. Before index(): slot
    // i + 1 is 1 when position i is in the set; after: slot i holds the
    // number of set positions before i.
    std::vector<std::uint32_t> counts_;
    std::vector<std::size_t> offsets_;
    std::int64_t size_ = 0, universe_ = 0;
    bool indexed_ = false;
};

// How features overlap a PositionSet. Features may overlap each other:
// `covered` counts each position once.
struct FeatureOverlap {
    std::int64_t features = 0;  // intervals
    std::int64_t touched = 0;   // intervals holding at least one position of the set
    std::int64_t covered = 0;   // positions inside any interval
    std::int64_t overlap = 0;   // of those, positions in the set

    FeatureOverlap& operator+=(const FeatureOverlap& other);
};

// The overlap of one sequence's features (any order) with the set.
FeatureOverlap feature_overlap(const PositionSet& set, std::size_t sequence, std::vector<Interval> features);

}  // namespace gsattn
