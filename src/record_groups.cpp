#include "gsattn/record_groups.hpp"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>

#include "gsattn/bed.hpp"
#include "gsattn/error.hpp"

namespace gsattn {
namespace {

// Each record's key as a group number, in the order of first appearance.
template <typename Key>
std::vector<std::size_t> numbered(const std::vector<Key>& key_of_record) {
    std::unordered_map<Key, std::size_t> number_of_key;
    std::vector<std::size_t> group_of_record;
    group_of_record.reserve(key_of_record.size());
    for (const Key& key : key_of_record)
        group_of_record.push_back(number_of_key.try_emplace(key, number_of_key.size()).first->second);
    return group_of_record;
}

// Disjoint sets of 0..n-1, joined pairwise (path halving).
class DisjointSets {
public:
    explicit DisjointSets(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), std::size_t{0}); }
    std::size_t root(std::size_t a) {
        while (parent_[a] != a) a = parent_[a] = parent_[parent_[a]];
        return a;
    }
    void join(std::size_t a, std::size_t b) { parent_[root(a)] = root(b); }

private:
    std::vector<std::size_t> parent_;
};

constexpr std::size_t kKmerCount = std::size_t{1} << (2 * kSimilarityKmer);

// The distinct k-mers of A, C, G and T in `bases`, as numbers of 2 bits a
// base, ascending.
std::vector<std::uint32_t> distinct_kmers(const EncodedSequence& bases) {
    std::vector<std::uint32_t> kmers;
    std::uint32_t code = 0;
    int run = 0;  // A, C, G or T bases ending here
    for (const Base b : bases) {
        if (!is_acgt(b)) {
            run = 0;
            continue;
        }
        code = static_cast<std::uint32_t>(((code << 2) | static_cast<std::uint32_t>(b)) & (kKmerCount - 1));
        if (++run >= kSimilarityKmer) kmers.push_back(code);
    }
    std::sort(kmers.begin(), kmers.end());
    kmers.erase(std::unique(kmers.begin(), kmers.end()), kmers.end());
    return kmers;
}

}  // namespace

std::vector<std::size_t> groups_of_keys(const std::vector<std::string>& key_of_record) {
    return numbered(key_of_record);
}

std::vector<std::size_t> group_sizes(const std::vector<std::size_t>& group_of_record) {
    std::vector<std::size_t> sizes;
    for (const std::size_t g : group_of_record) {
        if (g >= sizes.size()) sizes.resize(g + 1, 0);
        ++sizes[g];
    }
    return sizes;
}

std::size_t common_kmer_records(std::size_t records) {
    return std::clamp<std::size_t>(records / 10, 10, 1000);
}

std::vector<std::size_t> similarity_groups(const std::vector<Example>& records, double min_shared) {
    if (!(min_shared > 0 && min_shared <= 1))
        throw Error(fmt::format("the shared fraction of k-mers {} must lie in (0, 1]", min_shared));
    const std::size_t n = records.size();
    std::vector<std::vector<std::uint32_t>> kmers_of(n);
    std::vector<std::vector<std::size_t>> records_with(kKmerCount);  // ascending
    for (std::size_t r = 0; r < n; ++r) {
        kmers_of[r] = distinct_kmers(records[r].bases);
        for (const std::uint32_t kmer : kmers_of[r]) records_with[kmer].push_back(r);
    }
    const std::size_t common = common_kmer_records(n);
    for (auto& kmers : kmers_of)
        kmers.erase(std::remove_if(kmers.begin(), kmers.end(),
                                   [&](std::uint32_t kmer) { return records_with[kmer].size() > common; }),
                    kmers.end());

    DisjointSets sets(n);
    std::vector<std::size_t> shared(n, 0), met;  // k-mers record i shares with each later record it met
    for (std::size_t i = 0; i < n; ++i) {
        for (const std::uint32_t kmer : kmers_of[i]) {
            const auto& with = records_with[kmer];
            for (auto j = std::upper_bound(with.begin(), with.end(), i); j != with.end(); ++j)
                if (shared[*j]++ == 0) met.push_back(*j);
        }
        for (const std::size_t j : met) {
            const auto most = static_cast<double>(std::max(kmers_of[i].size(), kmers_of[j].size()));
            if (static_cast<double>(shared[j]) >= min_shared * most) sets.join(i, j);
            shared[j] = 0;
        }
        met.clear();
    }
    std::vector<std::size_t> root_of(n);
    for (std::size_t r = 0; r < n; ++r) root_of[r] = sets.root(r);
    return numbered(root_of);
}

std::vector<std::string> element_sequences(const std::string& bed, const std::string& element,
                                           const std::vector<Example>& records) {
    std::unordered_map<std::string_view, std::size_t> record_named;
    for (std::size_t r = 0; r < records.size(); ++r) record_named.emplace(records[r].name, r);
    std::vector<std::string> sequences(records.size());
    std::vector<std::int64_t> line_of(records.size(), 0);  // where each record's element is
    BedReader features(bed);
    while (const std::optional<BedRecord> feature = features.next()) {
        const auto named = record_named.find(feature->chrom);
        if (feature->name != element || named == record_named.end()) continue;
        const std::size_t r = named->second;
        const auto refuse = [&](const std::string& problem) {
            fail_at(bed, features.line_number(),
                    fmt::format("element '{}' of record '{}' {}", element, feature->chrom, problem));
        };
        if (line_of[r] != 0) refuse(fmt::format("is given twice (first on line {})", line_of[r]));
        const auto length = static_cast<std::int64_t>(records[r].bases.size());
        if (feature->end > length)
            refuse(fmt::format("ends at {}, beyond the record's {} bases", feature->end, length));
        if (feature->start == feature->end) refuse("is empty");
        EncodedSequence bases(records[r].bases.begin() + feature->start, records[r].bases.begin() + feature->end);
        sequences[r] = decode(feature->strand == '-' ? reverse_complement(bases) : bases);
        line_of[r] = features.line_number();
    }
    for (std::size_t r = 0; r < records.size(); ++r)
        if (line_of[r] == 0)
            fail_at(bed, 0, fmt::format("record '{}' has no element '{}'", records[r].name, element));
    return sequences;
}

}  // namespace gsattn
