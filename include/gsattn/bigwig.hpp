// bigWig tracks through libBigWig: what gsattn writes as bedGraph, written
// as bigWig when the output is named *.bw or *.bigWig (output_file.hpp).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace gsattn {

// Whether an output of this name is written as bigWig (.bw, .bigwig, any case).
bool is_bigwig_name(std::string_view path);

// Writes the bedGraph `text` (chrom, start, end, value; '#', "track" and
// "browser" lines skipped) to the new file `path` as bigWig, values as
// float. Chromosomes are listed in the order they first appear, each as long
// as `lengths` says (at least its last interval's end, which is the length
// of a chromosome not in `lengths`); within one the intervals must be sorted and
// must not overlap. An Error naming `shown` (the output as the user named
// it) and the line otherwise, and for a text without intervals.
using SequenceLengths = std::map<std::string, std::int64_t>;
void write_bigwig(const std::string& path, std::string_view text, const std::string& shown,
                  const SequenceLengths& lengths = {});

}  // namespace gsattn
