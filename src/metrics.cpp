#include "gsattn/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

namespace gsattn {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

void check_pair(const char* what, const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size())
        throw std::invalid_argument(std::string(what) + ": vectors differ in length (" +
                                    std::to_string(a.size()) + " vs " + std::to_string(b.size()) + ")");
    if (a.size() < 2)
        throw std::invalid_argument(std::string(what) + ": needs at least 2 values, got " +
                                    std::to_string(a.size()));
}

// Tested directly rather than as "variance == 0": the computed mean of equal
// values can be off by an ulp, which would leave a tiny non-zero variance.
bool is_constant(const std::vector<double>& v) {
    return std::all_of(v.begin(), v.end(), [&](double x) { return x == v.front(); });
}

// Sum/n, then corrected by the mean residual, so that values sharing a large
// offset (e.g. 1e9 + small) keep their small differences.
double mean(const std::vector<double>& v) {
    const double n = static_cast<double>(v.size());
    const double rough = std::accumulate(v.begin(), v.end(), 0.0) / n;
    double residual = 0;
    for (double x : v) residual += x - rough;
    return rough + residual / n;
}

bool is_positive(double label) { return label > 0.5; }

void check_scores(const char* what, const std::vector<double>& scores) {
    if (std::any_of(scores.begin(), scores.end(), [](double s) { return std::isnan(s); }))
        throw std::invalid_argument(std::string(what) + ": scores contain NaN");
}

}  // namespace

double mean_squared_error(const std::vector<double>& truth, const std::vector<double>& predicted) {
    check_pair("mean_squared_error", truth, predicted);
    double sum = 0;
    for (std::size_t i = 0; i < truth.size(); ++i) {
        const double d = truth[i] - predicted[i];
        sum += d * d;
    }
    return sum / static_cast<double>(truth.size());
}

double mean_absolute_error(const std::vector<double>& truth, const std::vector<double>& predicted) {
    check_pair("mean_absolute_error", truth, predicted);
    double sum = 0;
    for (std::size_t i = 0; i < truth.size(); ++i) sum += std::abs(truth[i] - predicted[i]);
    return sum / static_cast<double>(truth.size());
}

// Two-pass: centring first avoids the cancellation of sum(x^2) - n*mean^2.
double pearson(const std::vector<double>& x, const std::vector<double>& y) {
    check_pair("pearson", x, y);
    if (is_constant(x) || is_constant(y)) return nan;
    const double mx = mean(x), my = mean(y);
    double sxx = 0, syy = 0, sxy = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double dx = x[i] - mx, dy = y[i] - my;
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
    }
    // Separate square roots so that the product of the sums cannot overflow;
    // the clamp keeps rounding from reporting |r| a hair above 1.
    const double r = sxy / (std::sqrt(sxx) * std::sqrt(syy));
    return std::clamp(r, -1.0, 1.0);
}

double spearman(const std::vector<double>& x, const std::vector<double>& y) {
    check_pair("spearman", x, y);
    return pearson(average_ranks(x), average_ranks(y));
}

double r_squared(const std::vector<double>& truth, const std::vector<double>& predicted) {
    check_pair("r_squared", truth, predicted);
    if (is_constant(truth)) return nan;
    const double m = mean(truth);
    double ss_res = 0, ss_tot = 0;
    for (std::size_t i = 0; i < truth.size(); ++i) {
        const double res = truth[i] - predicted[i], dev = truth[i] - m;
        ss_res += res * res;
        ss_tot += dev * dev;
    }
    return 1.0 - ss_res / ss_tot;
}

std::vector<double> average_ranks(const std::vector<double>& values) {
    check_scores("average_ranks", values);  // NaN would break the sort's ordering
    std::vector<std::size_t> order(values.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
    std::vector<double> ranks(values.size());
    for (std::size_t start = 0; start < order.size();) {
        std::size_t end = start + 1;
        while (end < order.size() && values[order[end]] == values[order[start]]) ++end;
        // Positions start..end-1 hold 1-based ranks start+1..end; their mean:
        const double rank = 0.5 * static_cast<double>(start + 1 + end);
        for (std::size_t k = start; k < end; ++k) ranks[order[k]] = rank;
        start = end;
    }
    return ranks;
}

// Mann-Whitney: the rank sum of the positives, less its minimum, counts the
// (positive, negative) pairs ordered correctly, ties (shared average rank)
// counting 1/2. Ranks are halves of integers, so the sums are exact.
double auroc(const std::vector<double>& labels, const std::vector<double>& scores) {
    check_pair("auroc", labels, scores);
    check_scores("auroc", scores);
    const std::vector<double> ranks = average_ranks(scores);
    double positives = 0, rank_sum = 0;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (!is_positive(labels[i])) continue;
        positives += 1;
        rank_sum += ranks[i];
    }
    const double negatives = static_cast<double>(labels.size()) - positives;
    if (positives == 0 || negatives == 0) return nan;
    const double u = rank_sum - positives * (positives + 1) / 2;
    return u / (positives * negatives);
}

// Walks the scores from high to low; each run of equal scores is one
// threshold, which is what makes the result independent of the order of ties.
double auprc(const std::vector<double>& labels, const std::vector<double>& scores) {
    check_pair("auprc", labels, scores);
    check_scores("auprc", scores);
    const auto positives = static_cast<std::size_t>(std::count_if(labels.begin(), labels.end(), is_positive));
    if (positives == 0) return nan;
    std::vector<std::size_t> order(scores.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
    // Sum of (new true positives) * precision, divided by the positives once at
    // the end: the same as sum of (R_n - R_{n-1}) P_n with fewer roundings.
    double weighted = 0;
    std::size_t tp = 0, fp = 0;
    for (std::size_t start = 0; start < order.size();) {
        const std::size_t tp_before = tp;
        std::size_t end = start;
        for (; end < order.size() && scores[order[end]] == scores[order[start]]; ++end)
            is_positive(labels[order[end]]) ? ++tp : ++fp;
        if (tp > tp_before)
            weighted += static_cast<double>(tp - tp_before) * static_cast<double>(tp) / static_cast<double>(tp + fp);
        start = end;
    }
    return weighted / static_cast<double>(positives);
}

RegressionMetrics regression_metrics(const std::vector<double>& truth, const std::vector<double>& predicted) {
    check_pair("regression_metrics", truth, predicted);
    return {mean_squared_error(truth, predicted), mean_absolute_error(truth, predicted),
            pearson(truth, predicted),            spearman(truth, predicted),
            r_squared(truth, predicted),          truth.size()};
}

ThresholdMetrics threshold_metrics(const std::vector<double>& labels, const std::vector<double>& scores,
                                   double threshold) {
    check_pair("threshold_metrics", labels, scores);
    check_scores("threshold_metrics", scores);
    double tp = 0, fp = 0, tn = 0, fn = 0;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const bool called = scores[i] > threshold;
        if (is_positive(labels[i]))
            called ? ++tp : ++fn;
        else
            called ? ++fp : ++tn;
    }
    const auto ratio = [](double a, double b) { return b > 0 ? a / b : nan; };
    const double margins = (tp + fp) * (tp + fn) * (tn + fp) * (tn + fn);
    return {ratio(tp, tp + fn), ratio(tn, tn + fp), ratio(tp + tn, tp + tn + fp + fn),
            margins > 0 ? (tp * tn - fp * fn) / std::sqrt(margins) : nan};
}

ClassificationMetrics classification_metrics(const std::vector<double>& labels, const std::vector<double>& scores) {
    check_pair("classification_metrics", labels, scores);
    return {auroc(labels, scores), auprc(labels, scores), labels.size(), threshold_metrics(labels, scores, 0.5)};
}

}  // namespace gsattn
