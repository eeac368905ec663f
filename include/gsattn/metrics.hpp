// Evaluation metrics for the models' predictions: regression (error, correlation,
// R^2) and binary classification (AUROC, average precision, and the confusion
// counts' measures at a threshold). Plain std C++ so
// that they can be tested, and used on saved predictions, without LibTorch.
#pragma once

#include <cstddef>
#include <vector>

namespace gsattn {

// The pairwise functions take equal-length vectors and throw
// std::invalid_argument on a size mismatch or fewer than 2 values: that is a
// caller's bug, not bad user input, so it is not a gsattn::Error.
double mean_squared_error(const std::vector<double>& truth, const std::vector<double>& predicted);
double mean_absolute_error(const std::vector<double>& truth, const std::vector<double>& predicted);
double pearson(const std::vector<double>& x, const std::vector<double>& y);   // NaN if either is constant
double spearman(const std::vector<double>& x, const std::vector<double>& y);  // Pearson of average ranks
double r_squared(const std::vector<double>& truth, const std::vector<double>& predicted);  // 1 - SS_res/SS_tot; NaN if truth constant

// Binary classification: a label > 0.5 is positive, scores are any real
// (higher = more likely positive). NaN scores throw std::invalid_argument,
// since no ordering of them would mean anything.
double auroc(const std::vector<double>& labels, const std::vector<double>& scores);  // ties count 1/2; NaN if one class absent
// Average precision as scikit-learn defines it: sum over thresholds of
// (R_n - R_{n-1}) P_n, tied scores forming one threshold. NaN if no positives.
double auprc(const std::vector<double>& labels, const std::vector<double>& scores);

// 1-based ranks, tied values sharing the mean of their ranks. Any length;
// throws std::invalid_argument on NaN.
std::vector<double> average_ranks(const std::vector<double>& values);

struct RegressionMetrics {
    double mse, mae, pearson, spearman, r2;
    std::size_t n;
};
RegressionMetrics regression_metrics(const std::vector<double>& truth, const std::vector<double>& predicted);

// The measures of a 0/1 call (score > threshold is called positive). NaN
// where a denominator is 0, e.g. sensitivity with no positives; MCC is NaN
// when any margin of the confusion table is empty.
struct ThresholdMetrics {
    double sensitivity, specificity, accuracy, mcc;
};
ThresholdMetrics threshold_metrics(const std::vector<double>& labels, const std::vector<double>& scores,
                                   double threshold);

// Scores are probabilities here: the threshold measures call score > 0.5.
struct ClassificationMetrics {
    double auroc, auprc;
    std::size_t n;
    ThresholdMetrics at_half;
};
ClassificationMetrics classification_metrics(const std::vector<double>& labels, const std::vector<double>& scores);

}  // namespace gsattn
