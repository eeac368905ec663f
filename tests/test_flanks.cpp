// Random flanks and the training-time flank augmentation.
#include <algorithm>
#include <string>

#include <doctest/doctest.h>

#include "gsattn/flanks.hpp"

using namespace gsattn;

TEST_CASE("flanks: base_composition counts A C G T and leaves N out") {
    const EncodedSequence a = encode("AACN", "t"), b = encode("GTNN", "t");
    const Column c = base_composition({&a, &b});
    CHECK(c[0] == doctest::Approx(0.4));
    CHECK(c[1] == doctest::Approx(0.2));
    CHECK(c[2] == doctest::Approx(0.2));
    CHECK(c[3] == doctest::Approx(0.2));
    const EncodedSequence n = encode("NNN", "t");
    CHECK(base_composition({&n})[0] == doctest::Approx(0.25));
}

TEST_CASE("flanks: draw_base follows the composition") {
    Rng rng(3);
    const Column p{0.1, 0.2, 0.3, 0.4};
    Column seen{0, 0, 0, 0};
    const int draws = 100000;
    for (int i = 0; i < draws; ++i) seen[static_cast<int>(draw_base(rng, p))] += 1.0 / draws;
    for (int b = 0; b < 4; ++b) CHECK(seen[b] == doctest::Approx(p[b]).epsilon(0.03));
}

TEST_CASE("flanks: an augmented sequence holds the cropped original inside flanks of the right length") {
    const EncodedSequence s = encode("ACGTACGTACGTTTGACAGGGGGGGGGGGGGGGGGTATAATCCC", "t");
    const std::string text = decode(s);
    FlankAugmentation a;
    a.length = 100;
    a.crop = 5;
    a.composition = {0, 0, 0, 1};  // flanks of T only
    Rng rng(11);
    bool grew = false, cropped = false;
    for (int i = 0; i < 200; ++i) {
        const std::string out = decode(augmented(s, a, rng));
        CHECK(out.size() <= 100);
        // The kept part is a substring of the original that lost at most 5 bases at each end.
        const auto first = out.find_first_not_of('T'), last = out.find_last_not_of('T');
        REQUIRE(first != std::string::npos);
        const std::string core = out.substr(first, last - first + 1);
        const auto at = text.find(core);
        REQUIRE(at != std::string::npos);
        CHECK(at <= 5);
        CHECK(text.size() - (at + core.size()) <= 5 + 3);  // the original ends in CCC...; T flanks may hide none
        grew |= out.size() > s.size();
        cropped |= core.size() < s.size() - 3;
    }
    CHECK(grew);
    CHECK(cropped);
}

TEST_CASE("flanks: without flanks or cropping a sequence is unchanged, and the same seed repeats") {
    const EncodedSequence s = encode("ACGTTGCA", "t");
    Rng rng(1);
    CHECK(augmented(s, FlankAugmentation{}, rng) == s);
    FlankAugmentation a;
    a.length = 40;
    a.crop = 2;
    Rng one(9), two(9);
    for (int i = 0; i < 20; ++i) CHECK(augmented(s, a, one) == augmented(s, a, two));
    const EncodedSequence single = encode("A", "t");
    CHECK(decode(augmented(single, FlankAugmentation{0, 5, {0, 1, 0, 0}}, rng)) == "A");
}
