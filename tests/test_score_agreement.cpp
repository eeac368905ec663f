#include "gsattn/score_agreement.hpp"

#include <cmath>
#include <limits>
#include <vector>

#include <doctest/doctest.h>

using namespace gsattn;

namespace {
const double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

TEST_CASE("precision_at_planted: the planted share of the N highest scores, N = planted bases") {
    CHECK(precision_at_planted({5, 1, 4, 2}, {true, false, false, true}) == 0.5);
    CHECK(precision_at_planted({5, 1, 4, 2}, {true, false, true, false}) == 1);
    CHECK(precision_at_planted({1, 1, 1}, {false, true, false}) == 0);  // a tie goes to the earlier base
    CHECK(std::isnan(precision_at_planted({1, 2}, {false, false})));
}

TEST_CASE("agreement_of: bases either score lacks are left out; Spearman, AUROC and precision of the rest") {
    const SequenceAgreement a = agreement_of({1, 2, kNaN, 4}, {2, 4, 9, 8}, {true, true, false, false});
    CHECK(a.bases == 3);
    CHECK(a.spearman == doctest::Approx(1));
    CHECK(a.planted == 2);
    CHECK(a.auroc_scores == 0);  // the planted bases score lowest
    CHECK(a.auroc_reference == 0);
    CHECK(a.precision_scores == 0.5);
    CHECK(a.precision_reference == 0.5);

    const SequenceAgreement reversed = agreement_of({3, 2, 1}, {1, 2, 3}, {true, false, false});
    CHECK(reversed.spearman == doctest::Approx(-1));
    CHECK(reversed.auroc_scores == 1);
    CHECK(reversed.precision_scores == 1);
    CHECK(reversed.precision_reference == 0);

    const SequenceAgreement no_truth = agreement_of({1, 2, 3}, {1, 3, 2}, {});
    CHECK(no_truth.bases == 3);
    CHECK(no_truth.spearman == doctest::Approx(0.5));
    CHECK(no_truth.planted == 0);
    CHECK(std::isnan(no_truth.auroc_scores));
    CHECK(std::isnan(no_truth.precision_reference));
}
