// A set of genomic regions (a BED file) to restrict work to: which positions
// lie inside, and which intervals touch it. Overlapping regions are merged.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "gsattn/position_set.hpp"

namespace gsattn {

class RegionSet {
public:
    // Reads BED (plain or gzip, "-" = stdin) and indexes it; errors name
    // file:line. An empty file is an empty set.
    static RegionSet read(const std::string& path);

    // Every add() comes before index().
    void add(const std::string& chrom, Interval interval);
    void index();

    bool empty() const { return regions_.empty(); }
    // Is there a region on `chrom`?
    bool names(const std::string& chrom) const { return regions_.count(chrom) != 0; }
    // The sequences the regions are on, sorted.
    std::vector<std::string> sequence_names() const;

    // Is `position` of `chrom` inside a region?
    bool contains(const std::string& chrom, std::int64_t position) const;
    // Does [start, end) of `chrom` share a position with a region?
    bool overlaps(const std::string& chrom, Interval interval) const;

private:
    // The first region of `chrom` that ends after `position`, or null.
    const Interval* first_ending_after(const std::string& chrom, std::int64_t position) const;

    // Per chromosome; after index(), disjoint and sorted by start.
    std::unordered_map<std::string, std::vector<Interval>> regions_;
};

}  // namespace gsattn
