// Regression and classification metrics against reference values.
//
// The fixed references were computed in plain Python (no numpy/scipy) with
// exact rational arithmetic on the exact binary values of these doubles
// (fractions.Fraction), square roots at 60 digits, AUROC by counting all
// (positive, negative) pairs and average precision by recounting TP/FP at each
// distinct threshold; the small classification cases were also worked by hand.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <set>
#include <stdexcept>
#include <vector>

#include <doctest/doctest.h>

#include "gsattn/metrics.hpp"
#include "gsattn/random.hpp"

using namespace gsattn;

namespace {

using Vec = std::vector<double>;

// Relative tolerance only (doctest's default scale of 1 would make it absolute
// for values below 1).
doctest::Approx near(double expected) { return doctest::Approx(expected).epsilon(1e-12).scale(0); }

// Small values with negatives and ties in both vectors.
const Vec truth_a = {2.5, -1.0, 3.25, 0.1, -7.5, 3.25, 4.0, 0.0};
const Vec pred_a = {2.0, -1.5, 4.0, 0.35, -6.0, 2.0, 4.0, 1.25};

// The same on a 1e9 offset, where one-pass formulas lose most digits.
Vec shifted(const Vec& v, double offset) {
    Vec out;
    for (double x : v) out.push_back(x + offset);
    return out;
}

// Independent O(n^2) references for the randomized checks.
double auroc_by_pairs(const Vec& labels, const Vec& scores) {
    double credit = 0, pairs = 0;
    for (std::size_t i = 0; i < labels.size(); ++i)
        for (std::size_t j = 0; j < labels.size(); ++j) {
            if (!(labels[i] > 0.5) || labels[j] > 0.5) continue;
            pairs += 1;
            credit += scores[i] > scores[j] ? 1.0 : scores[i] == scores[j] ? 0.5 : 0.0;
        }
    return credit / pairs;
}

double ap_by_thresholds(const Vec& labels, const Vec& scores) {
    const std::set<double> thresholds(scores.begin(), scores.end());
    double positives = 0;
    for (double l : labels) positives += l > 0.5 ? 1 : 0;
    double ap = 0, previous_recall = 0;
    for (auto t = thresholds.rbegin(); t != thresholds.rend(); ++t) {
        double tp = 0, fp = 0;
        for (std::size_t i = 0; i < labels.size(); ++i)
            if (scores[i] >= *t) (labels[i] > 0.5 ? tp : fp) += 1;
        const double recall = tp / positives;
        ap += (recall - previous_recall) * (tp / (tp + fp));
        previous_recall = recall;
    }
    return ap;
}

}  // namespace

TEST_CASE("metrics: regression values on small vectors with negatives and ties") {
    CHECK(mean_squared_error(truth_a, pred_a) == near(0.8125));
    CHECK(mean_absolute_error(truth_a, pred_a) == near(0.75));
    CHECK(pearson(truth_a, pred_a) == near(0.9724963551613032));
    CHECK(spearman(truth_a, pred_a) == near(0.9454719096527425));
    CHECK(r_squared(truth_a, pred_a) == near(0.9336667006837432));
}

TEST_CASE("metrics: regression values stay accurate on a large offset") {
    const Vec truth = shifted(truth_a, 1e9), pred = shifted(pred_a, 1e9);
    CHECK(mean_squared_error(truth, pred) == near(0.8125));
    CHECK(mean_absolute_error(truth, pred) == near(0.75));
    // Differs from set A in the 11th digit: 0.1 and 0.35 round differently near 1e9.
    CHECK(pearson(truth, pred) == near(0.9724963551543812));
    CHECK(spearman(truth, pred) == near(0.9454719096527425));
    CHECK(r_squared(truth, pred) == near(0.9336667006684107));
}

TEST_CASE("metrics: regression_metrics bundles the single metrics") {
    const RegressionMetrics m = regression_metrics(truth_a, pred_a);
    CHECK(m.n == truth_a.size());
    CHECK(m.mse == mean_squared_error(truth_a, pred_a));
    CHECK(m.mae == mean_absolute_error(truth_a, pred_a));
    CHECK(m.pearson == pearson(truth_a, pred_a));
    CHECK(m.spearman == spearman(truth_a, pred_a));
    CHECK(m.r2 == r_squared(truth_a, pred_a));
}

TEST_CASE("metrics: pearson of perfect and anti correlation") {
    const Vec x = {-3.5, 0.0, 1.0, 2.25, 1e3};
    Vec up, down;
    for (double v : x) {
        up.push_back(2.0 * v + 7.0);
        down.push_back(-0.5 * v + 1.0);
    }
    CHECK(pearson(x, up) == near(1.0));
    CHECK(pearson(x, down) == near(-1.0));
    CHECK(spearman(x, up) == near(1.0));
    CHECK(spearman(x, down) == near(-1.0));
    CHECK(std::abs(pearson(x, up)) <= 1.0);
}

TEST_CASE("metrics: constant input gives NaN correlation and R squared") {
    const Vec constant = {0.1, 0.1, 0.1};  // a mean of 0.1s is not exactly 0.1
    const Vec varying = {1.0, 2.0, 4.0};
    CHECK(std::isnan(pearson(constant, varying)));
    CHECK(std::isnan(pearson(varying, constant)));
    CHECK(std::isnan(spearman(constant, varying)));
    CHECK(std::isnan(r_squared(constant, varying)));
    // Only a constant truth is undefined; a constant prediction is scored.
    // SS_res = 0 + 1 + 9, SS_tot = 42/9 around the mean 7/3.
    CHECK(r_squared(varying, Vec{1.0, 1.0, 1.0}) == near(1.0 - 10.0 / (42.0 / 9.0)));
}

TEST_CASE("metrics: r_squared of the mean predictor is 0 and of the truth is 1") {
    const Vec truth = {1.0, 2.0, 3.0, 6.0};  // mean 3, exactly representable
    CHECK(r_squared(truth, Vec(truth.size(), 3.0)) == 0.0);
    CHECK(r_squared(truth, truth) == 1.0);
    CHECK(r_squared(truth, Vec{6.0, 3.0, 2.0, 1.0}) == near(1.0 - 52.0 / 14.0));  // worse than the mean
}

TEST_CASE("metrics: size mismatch and too few values throw") {
    const Vec two = {1.0, 2.0}, three = {1.0, 2.0, 3.0}, one = {1.0}, none;
    CHECK_THROWS_AS(mean_squared_error(two, three), std::invalid_argument);
    CHECK_THROWS_AS(mean_absolute_error(two, three), std::invalid_argument);
    CHECK_THROWS_AS(pearson(two, three), std::invalid_argument);
    CHECK_THROWS_AS(spearman(three, two), std::invalid_argument);
    CHECK_THROWS_AS(r_squared(two, three), std::invalid_argument);
    CHECK_THROWS_AS(auroc(two, three), std::invalid_argument);
    CHECK_THROWS_AS(auprc(two, three), std::invalid_argument);
    CHECK_THROWS_AS(regression_metrics(two, three), std::invalid_argument);
    CHECK_THROWS_AS(classification_metrics(two, three), std::invalid_argument);
    CHECK_THROWS_AS(pearson(one, one), std::invalid_argument);
    CHECK_THROWS_AS(mean_squared_error(none, none), std::invalid_argument);
    CHECK_THROWS_AS(auroc(one, one), std::invalid_argument);
    CHECK_NOTHROW(pearson(two, two));
}

TEST_CASE("metrics: average ranks share the mean rank among ties") {
    const Vec x = {3, -1, 4, -1, 5, 9, 2, 6, 5, 3};
    CHECK(average_ranks(x) == Vec{4.5, 1.5, 6, 1.5, 7.5, 10, 3, 9, 7.5, 4.5});
    CHECK(average_ranks(Vec{2, 2, 2}) == Vec{2, 2, 2});
    CHECK(average_ranks(Vec{}).empty());
    CHECK(average_ranks(Vec{-0.0, 0.0}) == Vec{1.5, 1.5});
    CHECK_THROWS_AS(average_ranks(Vec{1.0, std::nan("")}), std::invalid_argument);
}

TEST_CASE("metrics: spearman with ties in both vectors") {
    const Vec x = {3, -1, 4, -1, 5, 9, 2, 6, 5, 3};
    const Vec y = {2, 7, 1, 8, 2, 8, 1, 8, 2, 8};
    CHECK(spearman(x, y) == near(0.13471506281091267));
    CHECK(pearson(x, y) == near(-0.03844193023265174));
    // Ranks do not see monotone transforms.
    Vec exp_x;
    for (double v : x) exp_x.push_back(std::exp(v));
    CHECK(spearman(exp_x, y) == spearman(x, y));
}

TEST_CASE("metrics: auroc with ties counts half") {
    CHECK(auroc(Vec{0, 0, 1, 1}, Vec{0.1, 0.4, 0.35, 0.8}) == near(0.75));
    // Pairs by hand: the positives at 0.9, 0.5, 0.2 earn 3.5 + 2.5 + 2 of 12.
    const Vec labels = {1, 0, 1, 0, 1, 0, 0};
    const Vec scores = {0.9, 0.9, 0.5, 0.5, 0.2, 0.1, -1.0};
    CHECK(auroc(labels, scores) == near(2.0 / 3.0));
    CHECK(auroc(Vec{0, 1, 0, 1}, Vec{1, 1, 1, 1}) == near(0.5));
}

TEST_CASE("metrics: auroc of perfect and reversed rankings and one class absent") {
    CHECK(auroc(Vec{0, 0, 1, 1}, Vec{-2, -1, 1e6, 3e6}) == near(1.0));
    CHECK(auroc(Vec{1, 1, 0, 0}, Vec{-2, -1, 1e6, 3e6}) == 0.0);
    CHECK(std::isnan(auroc(Vec{1, 1, 1}, Vec{0.1, 0.2, 0.3})));
    CHECK(std::isnan(auroc(Vec{0, 0, 0}, Vec{0.1, 0.2, 0.3})));
    CHECK_THROWS_AS(auroc(Vec{0, 1}, Vec{0.1, std::nan("")}), std::invalid_argument);
}

TEST_CASE("metrics: labels above one half count as positive") {
    const Vec scores = {0.1, 0.4, 0.35, 0.8};
    CHECK(auroc(Vec{0.2, 0.5, 0.51, 7.0}, scores) == auroc(Vec{0, 0, 1, 1}, scores));
    CHECK(auprc(Vec{0.2, 0.5, 0.51, 7.0}, scores) == auprc(Vec{0, 0, 1, 1}, scores));
}

TEST_CASE("metrics: auprc as average precision") {
    // Thresholds 0.8 0.4 0.35 0.1: (R, P) = (1/2, 1) (1/2, 1/2) (1, 2/3) (1, 1/2),
    // so AP = 1/2 * 1 + 1/2 * 2/3 = 5/6.
    CHECK(auprc(Vec{0, 0, 1, 1}, Vec{0.1, 0.4, 0.35, 0.8}) == near(5.0 / 6.0));
    // Tied scores form one threshold: 0.9 gives (1/3, 1/2), 0.5 gives
    // (2/3, 1/2), 0.2 gives (1, 3/5); AP = (1/2 + 1/2 + 3/5) / 3 = 8/15.
    const Vec labels = {1, 0, 1, 0, 1, 0, 0};
    const Vec scores = {0.9, 0.9, 0.5, 0.5, 0.2, 0.1, -1.0};
    CHECK(auprc(labels, scores) == near(8.0 / 15.0));
    // Order of tied items does not matter.
    const Vec rev_labels(labels.rbegin(), labels.rend()), rev_scores(scores.rbegin(), scores.rend());
    CHECK(auprc(rev_labels, rev_scores) == auprc(labels, scores));
}

TEST_CASE("metrics: auprc of perfect ranking and edge classes") {
    CHECK(auprc(Vec{0, 1, 0, 1}, Vec{-5, 10, -6, 9}) == 1.0);
    CHECK(auprc(Vec{1, 1, 1}, Vec{0.3, 0.1, 0.2}) == 1.0);
    CHECK(auprc(Vec{1, 1, 0, 0}, Vec{1, 1, 1, 1}) == near(0.5));  // one threshold: the prevalence
    CHECK(std::isnan(auprc(Vec{0, 0, 0}, Vec{0.1, 0.2, 0.3})));
}

TEST_CASE("metrics: classification_metrics bundles auroc and auprc") {
    const Vec labels = {1, 0, 1, 0, 1, 0, 0};
    const Vec scores = {0.9, 0.9, 0.5, 0.5, 0.2, 0.1, -1.0};
    const ClassificationMetrics m = classification_metrics(labels, scores);
    CHECK(m.n == 7);
    CHECK(m.auroc == near(2.0 / 3.0));
    CHECK(m.auprc == near(8.0 / 15.0));
    // At 0.5 (strictly above is called): TP 1, FP 1, FN 2, TN 3.
    CHECK(m.at_half.sensitivity == near(1.0 / 3.0));
    CHECK(m.at_half.specificity == near(3.0 / 4.0));
    CHECK(m.at_half.accuracy == near(4.0 / 7.0));
    CHECK(m.at_half.mcc == near(1.0 / std::sqrt(120.0)));
}

TEST_CASE("metrics: threshold measures of perfect, inverted and one-sided calls") {
    const Vec labels = {1, 1, 0, 0, 0};
    const ThresholdMetrics perfect = threshold_metrics(labels, Vec{0.8, 0.6, 0.4, 0.1, 0.2}, 0.5);
    CHECK(perfect.mcc == near(1.0));
    CHECK(perfect.accuracy == near(1.0));
    const ThresholdMetrics inverted = threshold_metrics(labels, Vec{0.1, 0.2, 0.9, 0.7, 0.6}, 0.5);
    CHECK(inverted.mcc == near(-1.0));
    CHECK(inverted.sensitivity == 0.0);
    // Everything called negative: specificity 1, MCC undefined.
    const ThresholdMetrics none = threshold_metrics(labels, Vec{0.1, 0.2, 0.3, 0.4, 0.0}, 0.5);
    CHECK(none.specificity == near(1.0));
    CHECK(none.sensitivity == 0.0);
    CHECK(std::isnan(none.mcc));
    CHECK(std::isnan(threshold_metrics(Vec{0, 0}, Vec{0.9, 0.1}, 0.5).sensitivity));
    // The threshold moves the call: at 0.15 every score but 0.1 and 0.0 is called.
    CHECK(threshold_metrics(labels, Vec{0.8, 0.6, 0.4, 0.1, 0.2}, 0.15).specificity == near(1.0 / 3.0));
}

TEST_CASE("metrics: auroc and auprc agree with brute force on random tied scores") {
    Rng rng(20240611);
    for (int round = 0; round < 5; ++round) {
        Vec labels, scores;
        for (int i = 0; i < 300; ++i) {
            const double label = rng.uniform() < 0.3 ? 1.0 : 0.0;
            // Quarter steps make many ties; the label shifts the score up.
            scores.push_back(std::round((rng.normal() + label) * 4.0) / 4.0);
            labels.push_back(label);
        }
        CHECK(auroc(labels, scores) == near(auroc_by_pairs(labels, scores)));
        CHECK(auprc(labels, scores) == near(ap_by_thresholds(labels, scores)));
    }
}
