// What gsattn enrich reads: the sequences, the kept positions, planted
// motifs, motif files and per-base scores, each checked against the
// sequences by name and length.
#pragma once

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "gsattn/bed.hpp"
#include "gsattn/error.hpp"
#include "gsattn/fasta.hpp"
#include "gsattn/motif.hpp"
#include "gsattn/position_set.hpp"

namespace gsattn::cli {

// The sequences every position of the 2x2 tables comes from, by name.
struct Sequences {
    std::vector<SequenceRecord> records;
    std::unordered_map<std::string, std::size_t> index;

    std::vector<std::int64_t> lengths() const;
    std::vector<const EncodedSequence*> bases() const;
};

Sequences read_sequences(const std::string& path);

// Reads BED intervals on the sequences; each record's sequence must exist
// and hold the interval.
template <typename Each>
void read_intervals(const std::string& path, const Sequences& seqs, Each&& each) {
    BedReader bed(path);
    while (auto r = bed.next()) {
        const auto found = seqs.index.find(r->chrom);
        if (found == seqs.index.end())
            fail_at(path, bed.line_number(), fmt::format("'{}' is not a sequence of the FASTA input", r->chrom));
        const auto length = static_cast<std::int64_t>(seqs.records[found->second].bases.size());
        if (r->end > length)
            fail_at(path, bed.line_number(),
                    fmt::format("interval ends at {}, past the end of '{}' ({} bp)", r->end, r->chrom, length));
        each(found->second, *r);
    }
}

PositionSet read_selection(const std::string& path, const Sequences& seqs);

// Every position of every sequence.
PositionSet all_positions(const Sequences& seqs);

// --truth: the planted motifs, per sequence, by BED name and all together.
struct PlantedMotifs {
    std::vector<std::string> names;  // in order of first appearance
    std::map<std::string, std::vector<std::vector<Interval>>> by_name;
    std::vector<std::vector<Interval>> every;
};

PlantedMotifs read_planted(const std::string& path, const Sequences& seqs);

// The motifs of the files, in order; none: the planted set's whole matrices
// under the planted names.
std::vector<Motif> read_motif_files(const std::vector<std::string>& paths);

Background background_of(const Sequences& seqs);

// A bedGraph on the sequences as one value per base; NaN where it has none.
std::vector<std::vector<double>> read_base_scores(const std::string& path, const Sequences& seqs);

}  // namespace gsattn::cli
