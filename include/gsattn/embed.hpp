// Records of a FASTA placed, unchanged, inside longer flanking sequence, or
// cropped (gsattn simulate --embed): robustness test sets made from real
// sequences. Each result is a window of flanking sequence of the requested
// length whose inner part, at the placement, the cropped record replaces.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gsattn/alphabet.hpp"
#include "gsattn/fasta.hpp"
#include "gsattn/flanks.hpp"
#include "gsattn/motif.hpp"
#include "gsattn/random.hpp"
#include "gsattn/reference.hpp"

namespace gsattn {

// Where the record sits: at the start or end of the result, centred (an odd
// base of flank going to the right), or at a uniform offset.
enum class Placement { start, middle, end, random };

struct EmbedConfig {
    std::int64_t length = 0;  // of each result; 0 = the cropped record without flanks
    Placement placement = Placement::middle;
    std::int64_t crop_start = 0;  // bases removed from the record's start
    std::int64_t crop_end = 0;    // and from its end
    std::uint64_t seed = 1;
};

// Windows of an indexed reference FASTA, forward strand: uniform among all
// the windows of the length (so a sequence is chosen about in proportion to
// its length), drawn again until one holds no N.
class ReferenceFlanks : public FlankSource {
public:
    explicit ReferenceFlanks(const std::string& path);
    EncodedSequence window(std::int64_t length, Rng& rng) const override;

private:
    Reference reference_;
    std::vector<std::string> names_;
    std::vector<std::int64_t> lengths_;
};

// Throws Error naming `file` and the record when the record cannot be
// embedded: cropping leaves no base, or what is left is longer than
// config.length.
void check_embeddable(const SequenceRecord& record, const EmbedConfig& config, const std::string& file);

// The record cropped and placed in a window from `flanks` (checked as by
// check_embeddable). Its draws come from a generator of its own, made from
// the seed and the record's name, so a record gets the same result whatever
// other records the file holds.
EncodedSequence embed(const SequenceRecord& record, const EmbedConfig& config, const FlankSource& flanks,
                      const std::string& file);

}  // namespace gsattn
