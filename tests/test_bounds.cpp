// Bounds: which values a setting takes (NaN and infinities never), and the
// text that errors and --help show.
#include <cmath>
#include <limits>
#include <string>

#include <doctest/doctest.h>

#include "gsattn/bounds.hpp"

using namespace gsattn;

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
}  // namespace

TEST_CASE("bounds: closed and open ends") {
    const Bounds closed{1, 8};
    CHECK(closed.contains(1));
    CHECK(closed.contains(8));
    CHECK_FALSE(closed.contains(0.999));
    CHECK_FALSE(closed.contains(8.001));
    CHECK(closed.text() == "[1, 8]");

    const Bounds half_open{0, 1, true};
    CHECK_FALSE(half_open.contains(0));
    CHECK(half_open.contains(1e-300));
    CHECK(half_open.contains(1));
    CHECK(half_open.text() == "(0, 1]");

    const Bounds open{0, 1, true, true};
    CHECK_FALSE(open.contains(1));
    CHECK(open.text() == "(0, 1)");
}

TEST_CASE("bounds: NaN and infinities are never contained, even without an upper bound") {
    for (const Bounds& b : {Bounds{0, 1}, Bounds{0}, Bounds{-kInf, kInf}}) {
        CHECK_FALSE(b.contains(std::nan("")));
        CHECK_FALSE(b.contains(kInf));
        CHECK_FALSE(b.contains(-kInf));
    }
    const Bounds at_least_zero{0};
    CHECK(at_least_zero.contains(1e300));
    CHECK(at_least_zero.text() == ">= 0");
    CHECK(at_least_zero.rule() == "must be a finite number >= 0");
}

TEST_CASE("bounds: the rule gives the reason, and out_of_bounds names the value") {
    const Bounds lr{0, 1, true, false, "steps would be too large"};
    CHECK(lr.rule() == "must lie in (0, 1] (steps would be too large)");
    CHECK(out_of_bounds("learning_rate", 1e30, lr) ==
          "learning_rate 1e+30 must lie in (0, 1] (steps would be too large)");
    CHECK(out_of_bounds("heads", 4000000000.0, Bounds{1, 1024}) == "heads 4000000000 must lie in [1, 1024]");
    CHECK(out_of_bounds("x", std::nan(""), Bounds{0, 1}) == "x nan must lie in [0, 1]");
}
