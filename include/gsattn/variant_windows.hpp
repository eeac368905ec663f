// The sequences predict --vcf compares for a variant: a window of the
// reference around it, and the same window with each ALT allele in place.
// Torch- and htslib-free.
#pragma once

#include <cstdint>
#include <string_view>

#include "gsattn/alphabet.hpp"
#include "gsattn/position_set.hpp"

namespace gsattn {

// Whether an allele is plain sequence: A, C, G, T or N in either case, not
// empty. Symbolic alleles (<DEL>), breakends, "*" and "." are not.
bool is_sequence_allele(std::string_view allele);

// Whether a VCF REF allele matches the reference's bases of its interval,
// case aside; an N in REF matches any base.
bool ref_matches(std::string_view ref, const EncodedSequence& reference);

// The reference window has `width` bases with the variant's first base (POS)
// at index width / 2. An ALT allele's window is that window with the allele
// in place of REF: the bases left of POS stay where they are, and the window
// is filled or cut on the right to keep `width` bases, so that a deletion's
// window reads further along the reference and an insertion's less far.
class VariantWindows {
public:
    // `position` is 0-based; `ref_length` is REF's length.
    VariantWindows(std::int64_t position, std::int64_t ref_length, std::int64_t width);

    // May start before 0 or end past a chromosome's end: the caller checks.
    Interval reference() const { return {start_, start_ + width_}; }
    // The end of the reference bases the window of an ALT allele of
    // `alt_length` bases reads (from reference().start).
    std::int64_t reach(std::int64_t alt_length) const;
    // The ALT allele's window, from `bases`: the reference from
    // reference().start to at least reach(alt.size()).
    EncodedSequence alternative(const EncodedSequence& bases, const EncodedSequence& alt) const;

private:
    std::int64_t start_ = 0, offset_ = 0, ref_length_ = 0, width_ = 0;
};

}  // namespace gsattn
