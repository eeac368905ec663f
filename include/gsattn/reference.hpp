// Regions of an indexed reference genome through htslib's faidx. The index
// (.fai, and .gzi for bgzip) is built by htslib beside the FASTA when it does
// not exist, or in a temporary directory (with a warning) when it cannot be
// written there. An index older than its FASTA is checked against one built
// afresh, and replaced by it (with a warning) when they differ: faidx would
// read wrong bases. A gzip (not bgzip) file and a leading byte-order mark
// are errors: faidx reads none.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gsattn/alphabet.hpp"
#include "gsattn/bed.hpp"
#include "gsattn/hts_handles.hpp"

namespace gsattn {

class Reference {
public:
    explicit Reference(const std::string& path, SoftMasked soft_masked = SoftMasked::bases);

    bool has(const std::string& chrom) const;
    // The names of the sequences, in the FASTA's order.
    std::vector<std::string> names() const;
    std::int64_t length(const std::string& chrom) const;  // throws if absent

    // The bases of [start, end) on `chrom`, reverse-complemented when
    // strand is '-'. A region past the chromosome's end is an error.
    EncodedSequence fetch(const std::string& chrom, std::int64_t start, std::int64_t end,
                          char strand = '+') const;
    EncodedSequence fetch(const BedRecord& region) const {
        return fetch(region.chrom, region.start, region.end, region.strand);
    }

    const std::string& path() const { return path_; }

private:
    std::string path_;
    FaidxHandle fai_;
    SoftMasked soft_masked_;
};

}  // namespace gsattn
