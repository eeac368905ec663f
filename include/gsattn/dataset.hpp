// Labelled sequences for training and evaluation: FASTA records or BED
// regions of a reference, each joined to its label by name.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gsattn/alphabet.hpp"
#include "gsattn/bed.hpp"
#include "gsattn/labels.hpp"

namespace gsattn {

struct Example {
    std::string name;
    EncodedSequence bases;
    double label = 0;
};

// Regression targets are standardised with the training set's statistics.
struct LabelScaling {
    double mean = 0, std = 1;
    // An Error when the labels of `rows` are all equal.
    static LabelScaling fit(const std::vector<Example>& data, const std::vector<std::size_t>& rows);
    double encode(double label) const { return (label - mean) / std; }
    double decode(double output) const { return output * std + mean; }
};

// Every FASTA record, in file order; a record without a label is an error.
// The median length of `examples`' sequences (the lower middle one of an
// even count); 0 for none.
std::int64_t median_length(const std::vector<Example>& examples);

std::vector<Example> load_fasta_examples(const std::string& fasta, const LabelTable& labels);

// Every BED region of the reference (strand-aware); the label is looked up
// by the BED name, or by "chrom:start-end" when the name is "." or absent.
std::vector<Example> load_bed_examples(const std::string& bed, const std::string& reference,
                                       const LabelTable& labels);

// The name a BED region is known by (its name column, else chrom:start-end).
std::string region_name(const BedRecord& region);

class Reference;
// The bases of a region just read by `regions`; an empty region or one on a
// sequence the reference lacks is an error naming the BED file and line.
EncodedSequence fetch_region(const Reference& genome, const BedReader& regions, const BedRecord& region);

// CRC-32 of a file's bytes, to tie a model to the data it was trained on.
std::uint32_t file_crc32(const std::string& path);

}  // namespace gsattn
