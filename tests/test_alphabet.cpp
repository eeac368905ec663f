// The nucleotide alphabet: encoding, decoding, complements.
#include <doctest/doctest.h>

#include "gsattn/alphabet.hpp"
#include "test_util.hpp"

using namespace gsattn;
using gsattn::test::check_mentions;
using gsattn::test::error_message;

namespace {

EncodedSequence bases(std::initializer_list<Base> list) { return EncodedSequence(list); }

}  // namespace

TEST_CASE("upper- and lower-case ACGT encode to A, C, G, T") {
    CHECK(encode("ACGT", "test") == bases({Base::A, Base::C, Base::G, Base::T}));
    CHECK(encode("acgt", "test") == bases({Base::A, Base::C, Base::G, Base::T}));
    CHECK(encode_base('g') == Base::G);
}

TEST_CASE("IUPAC ambiguity codes encode to N") {
    for (char c : std::string("NRYSWKMBDHVnryswkmbdhv")) {
        CAPTURE(c);
        CHECK(encode_base(c) == Base::N);
    }
}

TEST_CASE("U (RNA) encodes to T") {
    CHECK(encode("UuT", "test") == bases({Base::T, Base::T, Base::T}));
}

TEST_CASE("characters that are not nucleotides are rejected") {
    for (char c : std::string("-*.0Xxjz \t>")) {
        CAPTURE(c);
        CHECK_FALSE(encode_base(c).has_value());
    }
}

TEST_CASE("a bad character throws Error naming where and the 1-based position") {
    SUBCASE("position counted within the text") {
        const std::string message =
            error_message([] { encode("ACGX", "x.fa:12: record 'chr1'"); });
        check_mentions(message, {"x.fa:12: record 'chr1'", "'X'", "position 4"});
    }
    SUBCASE("position counted from the start of what was already encoded") {
        EncodedSequence out = encode("ACGTA", "test");
        const std::string message =
            error_message([&] { encode_append("CG*T", out, "y.fa:3: record 'r'"); });
        check_mentions(message, {"y.fa:3: record 'r'", "'*'", "position 8"});
    }
    SUBCASE("an unprintable byte is shown as hex") {
        const std::string message = error_message([] { encode("AC\x01", "z.fa:1"); });
        check_mentions(message, {"z.fa:1", "byte 0x01", "position 3"});
    }
}

TEST_CASE("encode_append appends to what is already there") {
    EncodedSequence out = encode("AC", "test");
    encode_append("gt", out, "test");
    CHECK(out == bases({Base::A, Base::C, Base::G, Base::T}));
}

TEST_CASE("decode is the inverse of encode on upper-case ACGTN") {
    const std::string text = "ACGTNNACGTTGCA";
    CHECK(decode(encode(text, "test")) == text);
    CHECK(decode(encode("acgtRy", "test")) == "ACGTNN");
    CHECK(decode_base(Base::PAD) == '-');
}

TEST_CASE("complement swaps A/T and C/G and keeps N and PAD") {
    CHECK(complement(Base::A) == Base::T);
    CHECK(complement(Base::T) == Base::A);
    CHECK(complement(Base::C) == Base::G);
    CHECK(complement(Base::G) == Base::C);
    CHECK(complement(Base::N) == Base::N);
    CHECK(complement(Base::PAD) == Base::PAD);
}

TEST_CASE("is_acgt is true exactly for A, C, G and T") {
    CHECK(is_acgt(Base::A));
    CHECK(is_acgt(Base::T));
    CHECK_FALSE(is_acgt(Base::N));
    CHECK_FALSE(is_acgt(Base::PAD));
}

TEST_CASE("reverse_complement of an encoded sequence") {
    const EncodedSequence seq = encode("AACGTNG", "test");
    CHECK(decode(reverse_complement(seq)) == "CNACGTT");
    CHECK(reverse_complement(reverse_complement(seq)) == seq);
    CHECK(reverse_complement(EncodedSequence{}).empty());
}

TEST_CASE("reverse_complement of text keeps case and ambiguity codes") {
    CHECK(reverse_complement(std::string_view("AACGTNG")) == "CNACGTT");
    CHECK(reverse_complement(std::string_view("AaCgNRt")) == "aRNcGtT");
    CHECK(reverse_complement(std::string_view("")).empty());
}
