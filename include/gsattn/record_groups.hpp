// Groups of records for grouped cross-validation (grouped_k_fold_splits in
// split.hpp): records that share a text key, records of similar sequence, or
// records whose element of one name (a BED feature) has the same sequence.
// A grouping is each record's group number, 0..g-1 in the order of the
// groups' first records.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "gsattn/dataset.hpp"

namespace gsattn {

// Equal keys, one group.
std::vector<std::size_t> groups_of_keys(const std::vector<std::string>& key_of_record);

// How many records each group holds, by group number.
std::vector<std::size_t> group_sizes(const std::vector<std::size_t>& group_of_record);

// The k of similarity_groups' k-mers.
inline constexpr int kSimilarityKmer = 8;

// A k-mer in more records than this is too common to tell two records
// related (a scaffold that every design of a library shares): a tenth of the
// records, at least 10 and at most 1,000.
std::size_t common_kmer_records(std::size_t records);

// Single-linkage groups of similar sequences. Each record is reduced to its
// distinct 8-mers of A, C, G and T, leaving out those in more than
// common_kmer_records(n) records; two records are linked when they share at
// least `min_shared` (0 < min_shared <= 1) of the 8-mers left in each of them,
// and at least one. A record with none left is a group of its own. Pairs are
// found through an index of 8-mer -> records, not by comparing all pairs.
std::vector<std::size_t> similarity_groups(const std::vector<Example>& records, double min_shared);

// The sequence (upper case, on the element's strand: reverse-complemented on
// '-') of each record's element named `element` in the BED6 file `bed`, whose
// lines are: record name, start, end (0-based, half-open, within the record),
// element name, score, strand. Lines of other records or elements are
// skipped. Errors (naming the file, and the line where there is one): a
// record without the element, one with it twice, an element beyond its
// record's end.
std::vector<std::string> element_sequences(const std::string& bed, const std::string& element,
                                           const std::vector<Example>& records);

}  // namespace gsattn
