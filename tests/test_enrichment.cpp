// The position-level 2x2 table, one-sided Fisher p-values, BH q-values, and
// the overlap of features with a set of positions.
#include <cmath>
#include <limits>
#include <vector>

#include <doctest/doctest.h>

#include "gsattn/enrichment.hpp"
#include "gsattn/position_set.hpp"

using namespace gsattn;

TEST_CASE("enrichment: overlap_table fills the four cells from the margins") {
    const OverlapTable t = overlap_table(/*total=*/100, /*selected=*/10, /*inside=*/20, /*overlap=*/6);
    CHECK(t.selected_inside == 6);
    CHECK(t.selected_outside == 4);
    CHECK(t.unselected_inside == 14);
    CHECK(t.unselected_outside == 76);
    CHECK(t.total() == 100);
    CHECK(t.expected_overlap() == doctest::Approx(2.0));      // 10 * 20 / 100
    CHECK(t.fold_enrichment() == doctest::Approx(3.0));       // 6 / 2
    CHECK(t.odds_ratio() == doctest::Approx(6.0 * 76 / (4 * 14)));
    CHECK_THROWS(overlap_table(100, 10, 20, 11));  // more overlap than selected
    CHECK_THROWS(overlap_table(100, 60, 50, 5));   // the cells would not fit in 100
}

TEST_CASE("enrichment: odds ratio and fold enrichment at the edges") {
    CHECK(std::isinf(overlap_table(100, 10, 10, 10).odds_ratio()));
    CHECK(std::isnan(overlap_table(100, 0, 10, 0).odds_ratio()));
    CHECK(std::isnan(overlap_table(100, 10, 0, 0).fold_enrichment()));
}

// Reference values: tests/reference/fisher_reference.py, which sums exact
// integer point probabilities, e.g.
//   python3 tests/reference/fisher_reference.py 3 1 1 3 10 0 0 10 ...
// Tolerance 1e-9 on the natural log is 1e-9 relative on the p-value.
TEST_CASE("enrichment: log_fisher_greater equals exact reference values, large counts included") {
    struct Case {
        OverlapTable table;
        double log_p;
    };
    const std::vector<Case> cases{
        {{3, 1, 1, 3}, -1.4152818979931432},  // 17/70
        {{10, 0, 0, 10}, -12.126791314602455},
        {{0, 5, 5, 0}, 0},
        {{2, 8, 8, 2}, -0.00054681643219467446},  // depleted: p close to 1
        {{25, 25, 25, 25}, -0.54612067939908115},
        {{5, 100, 20, 5000}, -8.9810075075272948},
        {{1000, 9000, 2000, 88000}, -636.34380907869854},
        {{2000, 98000, 7000, 893000}, -586.24390041857259},
        {{12000, 88000, 100000, 800000}, -38.13581168622477},
        {{20, 999980, 30, 8999970}, -17.558500883169472},
        {{500, 99500, 1000, 8899000}, -1311.2888035114156},          // p ~ 1e-570: below double's range
        {{40000, 60000, 900000, 9000000}, -33766.830572699662},     // 10 million positions
    };
    for (const Case& c : cases) {
        CAPTURE(c.table.selected_inside);
        CAPTURE(c.table.total());
        CHECK(std::abs(log_fisher_greater(c.table) - c.log_p) <= 1e-9);
    }
}

TEST_CASE("enrichment: log_bh_qvalues equals hand-computed Benjamini-Hochberg values") {
    // p sorted: 0.005 0.01 0.03 0.04 (m = 4); p * m / rank: 0.02 0.02 0.04 0.04;
    // running minimum from the largest rank down leaves them as they are.
    const std::vector<double> p{0.01, 0.04, 0.03, 0.005};
    std::vector<double> log_p;
    for (double v : p) log_p.push_back(std::log(v));
    const auto q = log_bh_qvalues(log_p);
    REQUIRE(q.size() == 4);
    CHECK(std::exp(q[0]) == doctest::Approx(0.02));
    CHECK(std::exp(q[1]) == doctest::Approx(0.04));
    CHECK(std::exp(q[2]) == doctest::Approx(0.04));
    CHECK(std::exp(q[3]) == doctest::Approx(0.02));

    // A larger p at a lower rank takes the smaller q of a higher rank:
    // p 0.02 0.021 (m = 2): 0.04, 0.021 -> 0.021, 0.021. q never exceeds 1.
    const auto q2 = log_bh_qvalues({std::log(0.02), std::log(0.021), std::log(0.9)});
    CHECK(std::exp(q2[0]) == doctest::Approx(0.0315));  // min(0.06, 0.0315, 0.9)
    CHECK(std::exp(q2[1]) == doctest::Approx(0.0315));  // 0.021 * 3 / 2
    CHECK(std::exp(q2[2]) == doctest::Approx(0.9));
    CHECK(log_bh_qvalues({std::log(0.5), std::log(0.6)})[0] <= 0.0);
    // Tiny p-values stay in log space: 1e-600 does not underflow to 0.
    const auto q3 = log_bh_qvalues({-1381.55, std::log(0.5)});
    CHECK(q3[0] == doctest::Approx(-1381.55 + std::log(2.0)));
}

TEST_CASE("enrichment: log_bh_qvalues of the smallest p-values among more tests") {
    // p 0.001, 0.004 among m = 10 tests, the other 8 taken as p = 1:
    // p * m / rank = 0.01, 0.02; the others' terms are >= 1.
    const auto q = log_bh_qvalues({std::log(0.004), std::log(0.001)}, 10);
    REQUIRE(q.size() == 2);
    CHECK(std::exp(q[0]) == doctest::Approx(0.02));
    CHECK(std::exp(q[1]) == doctest::Approx(0.01));
    // Fewer tests than p-values: the p-values' own count.
    CHECK(log_bh_qvalues({std::log(0.004), std::log(0.001)}, 1) == log_bh_qvalues({std::log(0.004), std::log(0.001)}));
}

TEST_CASE("position_set: counts over intervals, marked twice or not") {
    PositionSet set({10, 5});
    set.add(0, {2, 5});
    set.add(0, {4, 7});  // overlaps the first
    set.add(1, {0, 1});
    set.index();
    CHECK(set.size() == 6);  // 2..6 and 0 of sequence 1
    CHECK(set.universe() == 15);
    CHECK(set.count(0, {0, 10}) == 5);
    CHECK(set.count(0, {5, 6}) == 1);
    CHECK(set.count(0, {7, 10}) == 0);
    CHECK(set.count(1, {0, 5}) == 1);
    CHECK(set.length(1) == 5);
    CHECK_THROWS(set.add(0, {0, 1}));  // after index()
    PositionSet other({3});
    CHECK_THROWS(other.add(0, {2, 4}));  // past the end
}

TEST_CASE("position_set: feature_overlap counts overlapping features' positions once") {
    PositionSet set({20});
    set.add(0, {5, 8});
    set.index();
    // Features 4..7, 6..10 (overlapping) and 15..18 (untouched), unsorted.
    const FeatureOverlap o = feature_overlap(set, 0, {{15, 18}, {6, 10}, {4, 7}});
    CHECK(o.features == 3);
    CHECK(o.touched == 2);
    CHECK(o.covered == 6 + 3);  // 4..10 and 15..18
    CHECK(o.overlap == 3);      // 5, 6, 7
    FeatureOverlap sum = o;
    sum += o;
    CHECK(sum.covered == 18);
}
