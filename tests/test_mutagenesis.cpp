#include "gsattn/mutagenesis.hpp"

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "gsattn/error.hpp"

using namespace gsattn;

TEST_CASE("substitutions: three per A, C, G or T, none for N, by position then A, C, G, T") {
    const EncodedSequence sequence = encode("GNA", "test");
    const std::vector<Substitution> all = substitutions(sequence);
    REQUIRE(all.size() == 6);
    const std::vector<std::pair<std::int64_t, char>> expected{{0, 'A'}, {0, 'C'}, {0, 'T'},
                                                              {2, 'C'}, {2, 'G'}, {2, 'T'}};
    for (std::size_t s = 0; s < all.size(); ++s) {
        CHECK(all[s].position == expected[s].first);
        CHECK(decode_base(all[s].alt) == expected[s].second);
    }
    CHECK(decode(mutated(sequence, all[4])) == "GNG");
    CHECK(decode(sequence) == "GNA");
    CHECK(substitutions(encode("NNN", "test")).empty());
    const std::vector<Substitution> middle = substitutions(encode("ACGT", "test"), 1, 3);
    REQUIRE(middle.size() == 6);
    CHECK(middle.front().position == 1);
    CHECK(middle.back().position == 2);
    CHECK_THROWS_AS(substitutions(sequence, 2, 4), Error);
}

TEST_CASE("effects_by_base: one entry per A, C, G or T, each effect under its base, 0 under the reference") {
    const EncodedSequence sequence = encode("GNA", "test");
    const std::vector<Substitution> all = substitutions(sequence);
    const std::vector<BaseEffects> bases = effects_by_base(sequence, all, {-1, -2, -3, 0.5, 1.5, -4});
    REQUIRE(bases.size() == 2);
    CHECK(bases[0].position == 0);
    CHECK(bases[0].ref == Base::G);
    CHECK(bases[0].effect == std::array<double, 4>{-1, -2, 0, -3});
    CHECK(bases[1].position == 2);
    CHECK(bases[1].ref == Base::A);
    CHECK(bases[1].effect == std::array<double, 4>{0, 0.5, 1.5, -4});
    CHECK_THROWS_AS(effects_by_base(sequence, all, {1, 2, 3}), Error);
}

TEST_CASE("summarise: mean of the three effects, or the largest magnitude; the reference's 0 is left out") {
    const BaseEffects base{7, Base::C, {-3, 0, 1.5, -0.5}};
    CHECK(summarise(base, IsmStat::mean) == doctest::Approx(-2.0 / 3));
    CHECK(summarise(base, IsmStat::maxabs) == 3);
    const BaseEffects small{0, Base::T, {0.25, 0.5, -0.75, 0}};
    CHECK(summarise(small, IsmStat::mean) == 0);
    CHECK(summarise(small, IsmStat::maxabs) == 0.75);
    CHECK(parse_ism_stat("maxabs") == IsmStat::maxabs);
    CHECK(to_string(parse_ism_stat("mean")) == "mean");
    CHECK_THROWS_AS(parse_ism_stat("median"), Error);
}
