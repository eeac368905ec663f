#include "gsattn/enrichment.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "gsattn/error.hpp"

namespace gsattn {

std::int64_t OverlapTable::total() const {
    return selected_inside + selected_outside + unselected_inside + unselected_outside;
}

double OverlapTable::expected_overlap() const {
    const auto n = total();
    return n == 0 ? 0.0 : static_cast<double>(selected()) * static_cast<double>(inside()) / n;
}

double OverlapTable::fold_enrichment() const {
    const double e = expected_overlap();
    return e > 0 ? selected_inside / e : std::numeric_limits<double>::quiet_NaN();
}

double OverlapTable::odds_ratio() const {
    const double ad = static_cast<double>(selected_inside) * static_cast<double>(unselected_outside);
    const double bc = static_cast<double>(selected_outside) * static_cast<double>(unselected_inside);
    if (bc == 0) return ad == 0 ? std::numeric_limits<double>::quiet_NaN() : std::numeric_limits<double>::infinity();
    return ad / bc;
}

OverlapTable overlap_table(std::int64_t total, std::int64_t selected, std::int64_t inside, std::int64_t overlap) {
    if (overlap < 0 || overlap > selected || overlap > inside || selected > total || inside > total ||
        selected + inside - overlap > total)
        throw Error("inconsistent overlap counts");
    return {overlap, selected - overlap, inside - overlap, total - selected - inside + overlap};
}

namespace {

constexpr double kLogSqrt2Pi = 0.918938533204672741780329736406;

// log(n!) - log(sqrt(2 pi n) (n/e)^n): the error of Stirling's formula.
double stirling_error(double n) {
    if (n <= 15) {
        if (n == 0) return 1 - kLogSqrt2Pi;  // lgamma(1) - (0 - 0 + log sqrt(2 pi)) with n log n -> 0
        return std::lgamma(n + 1) - (n + 0.5) * std::log(n) + n - kLogSqrt2Pi;
    }
    const double n2 = n * n;
    constexpr double s0 = 1.0 / 12, s1 = 1.0 / 360, s2 = 1.0 / 1260, s3 = 1.0 / 1680, s4 = 1.0 / 1188;
    if (n > 500) return (s0 - s1 / n2) / n;
    if (n > 80) return (s0 - (s1 - s2 / n2) / n2) / n;
    if (n > 35) return (s0 - (s1 - (s2 - s3 / n2) / n2) / n2) / n;
    return (s0 - (s1 - (s2 - (s3 - s4 / n2) / n2) / n2) / n2) / n;
}

// x log(x / m) + m - x, accurate when x is close to m (Loader's bd0).
double deviance(double x, double m) {
    if (std::abs(x - m) < 0.1 * (x + m)) {
        const double v = (x - m) / (x + m);
        double sum = (x - m) * v;
        double term = 2 * x * v;
        for (int j = 1; j < 1000; ++j) {
            term *= v * v;
            const double next = sum + term / (2 * j + 1);
            if (next == sum) return sum;
            sum = next;
        }
        return sum;
    }
    return x * std::log(x / m) + m - x;
}

// log of the binomial probability C(n, x) p^x q^(n-x), after Loader (2000),
// "Fast and accurate computation of binomial probabilities".
double log_binomial_pmf(double x, double n, double p, double q) {
    if (x == 0) return n * std::log1p(-p);
    if (x == n) return n * std::log1p(-q);
    const double lc = stirling_error(n) - stirling_error(x) - stirling_error(n - x) - deviance(x, n * p) -
                      deviance(n - x, n * q);
    return lc + 0.5 * std::log(n / (2 * M_PI * x * (n - x)));
}

// log P(X = x) for X ~ Hypergeometric: draws from `inside` marked and
// `outside` unmarked items, `draws` of them.
double log_hypergeometric_pmf(double x, double inside, double outside, double draws) {
    const double n = inside + outside;
    const double p = draws / n, q = (n - draws) / n;
    return log_binomial_pmf(x, inside, p, q) + log_binomial_pmf(draws - x, outside, p, q) -
           log_binomial_pmf(draws, n, p, q);
}

}  // namespace

double log_fisher_greater(const OverlapTable& t) {
    const double inside = static_cast<double>(t.inside());
    const double outside = static_cast<double>(t.total() - t.inside());
    const double draws = static_cast<double>(t.selected());
    const double a = static_cast<double>(t.selected_inside);
    const double lowest = std::max(0.0, draws - outside), highest = std::min(draws, inside);
    if (a <= lowest) return 0.0;
    const double mode = std::floor((draws + 1) * (inside + 1) / (inside + outside + 2));
    // Ratio of successive point probabilities, P(x + 1) / P(x).
    const auto ratio = [&](double x) {
        return (inside - x) * (draws - x) / ((x + 1) * (outside - draws + x + 1));
    };
    if (a > mode) {  // the upper tail: terms fall from x = a on
        double sum = 1, term = 1;
        for (double x = a; x < highest && term > sum * 1e-17; ++x) {
            term *= ratio(x);
            sum += term;
        }
        return log_hypergeometric_pmf(a, inside, outside, draws) + std::log(sum);
    }
    // At or below the mode the p-value is large: 1 - P(X <= a - 1), the
    // lower tail summed down from a - 1, where its terms fall.
    double sum = 1, term = 1;
    for (double x = a - 1; x > lowest && term > sum * 1e-17; --x) {
        term /= ratio(x - 1);
        sum += term;
    }
    const double log_lower = log_hypergeometric_pmf(a - 1, inside, outside, draws) + std::log(sum);
    return std::log1p(-std::min(1.0, std::exp(log_lower)));
}

std::vector<double> log_bh_qvalues(const std::vector<double>& log_p, std::size_t tests) {
    const std::size_t m = std::max(tests, log_p.size());
    std::vector<std::size_t> order(log_p.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) { return log_p[i] < log_p[j]; });
    std::vector<double> q(log_p.size());
    double running = 0;  // log(1)
    for (std::size_t r = log_p.size(); r-- > 0;) {
        const std::size_t i = order[r];
        running = std::min(running, log_p[i] + std::log(static_cast<double>(m) / static_cast<double>(r + 1)));
        q[i] = running;
    }
    return q;
}

}  // namespace gsattn
