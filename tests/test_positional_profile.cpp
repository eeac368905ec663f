#include "gsattn/positional_profile.hpp"

#include <vector>

#include <doctest/doctest.h>

#include "gsattn/error.hpp"

using namespace gsattn;

namespace {
// Two sequences of 5 and 3 bases; kept: bases 1 and 4 of the first, 0 of the second.
PositionSet example_kept() {
    PositionSet kept({5, 3});
    kept.add(0, {1, 2});
    kept.add(0, {4, 5});
    kept.add(1, {0, 1});
    kept.index();
    return kept;
}
}  // namespace

TEST_CASE("parse_anchor: start, end or a 0-based base; offsets from it") {
    CHECK(parse_anchor("start").offset(3, 10) == 3);
    CHECK(parse_anchor("end").offset(9, 10) == 0);
    CHECK(parse_anchor("end").offset(0, 10) == -9);
    CHECK(parse_anchor("4").offset(1, 10) == -3);
    for (const char* bad : {"", "-1", "4x", "middle"}) CHECK_THROWS_AS(parse_anchor(bad), Error);
}

TEST_CASE("PositionalProfile: per offset, the sequences with a base there, kept and inside features") {
    const PositionSet kept = example_kept();
    SUBCASE("anchored at the start") {
        PositionalProfile profile(parse_anchor("start"), kept, {"M"});
        profile.add_features(0, 0, {{0, 2}, {1, 3}});  // overlapping hits count once
        profile.add_features(0, 1, {{2, 3}});
        const auto& rows = profile.rows();
        REQUIRE(rows.size() == 5);
        const std::vector<std::int64_t> sequences{2, 2, 2, 1, 1}, kept_at{1, 1, 0, 0, 1}, inside{1, 1, 2, 0, 0};
        for (std::size_t r = 0; r < rows.size(); ++r) {
            INFO("offset ", r);
            CHECK(rows[r].offset == static_cast<std::int64_t>(r));
            CHECK(rows[r].sequences == sequences[r]);
            CHECK(rows[r].kept == kept_at[r]);
            CHECK(rows[r].features == std::vector<std::int64_t>{inside[r]});
        }
    }
    SUBCASE("anchored at the end: offsets -4 to 0, the sequences' last bases aligned") {
        PositionalProfile profile(parse_anchor("end"), kept, {});
        const auto& rows = profile.rows();
        REQUIRE(rows.size() == 5);
        CHECK(rows.front().offset == -4);
        CHECK(rows.back().offset == 0);
        const std::vector<std::int64_t> sequences{1, 1, 2, 2, 2}, kept_at{0, 1, 1, 0, 1};
        for (std::size_t r = 0; r < rows.size(); ++r) {
            CHECK(rows[r].sequences == sequences[r]);
            CHECK(rows[r].kept == kept_at[r]);
        }
    }
    SUBCASE("anchored at base 2: offsets -2 to 2") {
        PositionalProfile profile(parse_anchor("2"), kept, {});
        REQUIRE(profile.rows().size() == 5);
        CHECK(profile.rows().front().offset == -2);
        CHECK(profile.rows()[2].sequences == 2);
    }
}
