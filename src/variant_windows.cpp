#include "gsattn/variant_windows.hpp"

#include <algorithm>
#include <cctype>

namespace gsattn {

bool is_sequence_allele(std::string_view allele) {
    return !allele.empty() && std::all_of(allele.begin(), allele.end(), [](char c) {
        const char upper = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return upper == 'A' || upper == 'C' || upper == 'G' || upper == 'T' || upper == 'N';
    });
}

bool ref_matches(std::string_view ref, const EncodedSequence& reference) {
    if (!is_sequence_allele(ref) || ref.size() != reference.size()) return false;
    for (std::size_t i = 0; i < ref.size(); ++i) {
        const Base base = *encode_base(ref[i]);
        if (base != Base::N && base != reference[i]) return false;
    }
    return true;
}

VariantWindows::VariantWindows(std::int64_t position, std::int64_t ref_length, std::int64_t width)
    : start_(position - width / 2), offset_(width / 2), ref_length_(ref_length), width_(width) {}

std::int64_t VariantWindows::reach(std::int64_t alt_length) const {
    return start_ + width_ + std::max<std::int64_t>(0, ref_length_ - alt_length);
}

EncodedSequence VariantWindows::alternative(const EncodedSequence& bases, const EncodedSequence& alt) const {
    EncodedSequence window(bases.begin(), bases.begin() + offset_);
    window.insert(window.end(), alt.begin(), alt.end());
    const auto after = static_cast<std::size_t>(offset_ + ref_length_);
    if (after < bases.size()) window.insert(window.end(), bases.begin() + static_cast<std::ptrdiff_t>(after), bases.end());
    window.resize(std::min<std::size_t>(window.size(), static_cast<std::size_t>(width_)));
    return window;
}

}  // namespace gsattn
