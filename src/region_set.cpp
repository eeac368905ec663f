#include "gsattn/region_set.hpp"

#include <algorithm>

#include "gsattn/bed.hpp"

namespace gsattn {

RegionSet RegionSet::read(const std::string& path) {
    RegionSet set;
    BedReader reader(path);
    while (auto record = reader.next()) set.add(record->chrom, {record->start, record->end});
    set.index();
    return set;
}

void RegionSet::add(const std::string& chrom, Interval interval) {
    if (interval.end > interval.start) regions_[chrom].push_back(interval);
}

void RegionSet::index() {
    for (auto& [chrom, intervals] : regions_) {
        std::sort(intervals.begin(), intervals.end(),
                  [](const Interval& a, const Interval& b) { return a.start < b.start; });
        std::vector<Interval> merged;
        for (const Interval& i : intervals) {
            if (!merged.empty() && i.start <= merged.back().end) merged.back().end = std::max(merged.back().end, i.end);
            else merged.push_back(i);
        }
        intervals = std::move(merged);
    }
}

std::vector<std::string> RegionSet::sequence_names() const {
    std::vector<std::string> names;
    for (const auto& entry : regions_) names.push_back(entry.first);
    std::sort(names.begin(), names.end());
    return names;
}

const Interval* RegionSet::first_ending_after(const std::string& chrom, std::int64_t position) const {
    const auto found = regions_.find(chrom);
    if (found == regions_.end()) return nullptr;
    const std::vector<Interval>& intervals = found->second;
    const auto i = std::upper_bound(intervals.begin(), intervals.end(), position,
                                    [](std::int64_t p, const Interval& r) { return p < r.end; });
    return i == intervals.end() ? nullptr : &*i;
}

bool RegionSet::contains(const std::string& chrom, std::int64_t position) const {
    const Interval* region = first_ending_after(chrom, position);
    return region && region->start <= position;
}

bool RegionSet::overlaps(const std::string& chrom, Interval interval) const {
    const Interval* region = first_ending_after(chrom, interval.start);
    return region && region->start < interval.end;
}

}  // namespace gsattn
