// The nucleotide alphabet: the one encoding table of the project.
// A C G T N and PAD (padding for batches of unequal length). IUPAC ambiguity
// codes read as N; lower case (soft-masked) is accepted, as bases or as N.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gsattn {

enum class Base : std::uint8_t { A = 0, C = 1, G = 2, T = 3, N = 4, PAD = 5 };

// What soft-masked (lower-case) letters read as.
enum class SoftMasked : bool { bases, unknown };

inline constexpr int kAlphabetSize = 6;  // A C G T N PAD, the model vocabulary

// A sequence as the models see it; a distinct type from text.
using EncodedSequence = std::vector<Base>;

// nullopt for characters that are not nucleotides or IUPAC codes.
std::optional<Base> encode_base(char c);
char decode_base(Base b);
Base complement(Base b);
inline bool is_acgt(Base b) { return static_cast<std::uint8_t>(b) < 4; }

// Appends the encoding of `text` to `out`; on a bad character throws Error
// naming `where` and the 1-based position counted from the start of `out`,
// e.g. where = "x.fa:12: record 'chr1'".
void encode_append(std::string_view text, EncodedSequence& out, const std::string& where,
                   SoftMasked soft_masked = SoftMasked::bases);
EncodedSequence encode(std::string_view text, const std::string& where, SoftMasked soft_masked = SoftMasked::bases);
std::string decode(const EncodedSequence& seq);

EncodedSequence reverse_complement(const EncodedSequence& seq);
std::string reverse_complement(std::string_view text);

}  // namespace gsattn
