#include "gsattn/alphabet.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "gsattn/error.hpp"

namespace gsattn {
namespace {

constexpr std::uint8_t kInvalid = 0xff;

constexpr std::array<std::uint8_t, 256> make_table() {
    std::array<std::uint8_t, 256> t{};
    for (auto& v : t) v = kInvalid;
    const char* ambiguous = "NRYSWKMBDHVnryswkmbdhv";
    for (const char* p = ambiguous; *p; ++p) t[static_cast<unsigned char>(*p)] = 4;
    t['A'] = t['a'] = 0;
    t['C'] = t['c'] = 1;
    t['G'] = t['g'] = 2;
    t['T'] = t['t'] = 3;
    t['U'] = t['u'] = 3;  // RNA input reads as DNA
    return t;
}
constexpr auto kEncode = make_table();

}  // namespace

std::optional<Base> encode_base(char c) {
    const std::uint8_t v = kEncode[static_cast<unsigned char>(c)];
    if (v == kInvalid) return std::nullopt;
    return static_cast<Base>(v);
}

char decode_base(Base b) {
    static constexpr char kLetters[] = {'A', 'C', 'G', 'T', 'N', '-'};
    return kLetters[static_cast<std::uint8_t>(b)];
}

Base complement(Base b) {
    if (!is_acgt(b)) return b;
    return static_cast<Base>(3 - static_cast<std::uint8_t>(b));
}

void encode_append(std::string_view text, EncodedSequence& out, const std::string& where, SoftMasked soft_masked) {
    const std::size_t offset = out.size();
    out.resize(offset + text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const std::uint8_t v = kEncode[static_cast<unsigned char>(text[i])];
        if (v == kInvalid) {
            const unsigned char c = static_cast<unsigned char>(text[i]);
            const std::string shown = (c >= 0x21 && c < 0x7f) ? fmt::format("'{}'", text[i])
                                                              : fmt::format("byte 0x{:02x}", c);
            throw Error(fmt::format("{}: invalid nucleotide {} at position {} "
                                    "(expected A, C, G, T, N or an IUPAC code)",
                                    where, shown, offset + i + 1));
        }
        out[offset + i] = static_cast<Base>(v);
    }
    if (soft_masked == SoftMasked::unknown)
        for (std::size_t i = 0; i < text.size(); ++i)
            if (text[i] >= 'a' && text[i] <= 'z') out[offset + i] = Base::N;
}

EncodedSequence encode(std::string_view text, const std::string& where, SoftMasked soft_masked) {
    EncodedSequence out;
    encode_append(text, out, where, soft_masked);
    return out;
}

std::string decode(const EncodedSequence& seq) {
    std::string out(seq.size(), 'N');
    std::transform(seq.begin(), seq.end(), out.begin(), decode_base);
    return out;
}

EncodedSequence reverse_complement(const EncodedSequence& seq) {
    EncodedSequence out(seq.rbegin(), seq.rend());
    std::transform(out.begin(), out.end(), out.begin(), complement);
    return out;
}

std::string reverse_complement(std::string_view text) {
    std::string out(text.rbegin(), text.rend());
    for (char& c : out) {
        switch (c) {
            case 'A': c = 'T'; break;
            case 'C': c = 'G'; break;
            case 'G': c = 'C'; break;
            case 'T': c = 'A'; break;
            case 'a': c = 't'; break;
            case 'c': c = 'g'; break;
            case 'g': c = 'c'; break;
            case 't': c = 'a'; break;
            default: break;  // N and ambiguity codes: kept as they are
        }
    }
    return out;
}

}  // namespace gsattn
