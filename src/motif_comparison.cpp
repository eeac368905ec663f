#include "gsattn/motif_comparison.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <limits>
#include <utility>

#include "gsattn/enrichment.hpp"

namespace gsattn {
namespace {

// Correlations are summed on an integer scale of kSteps per unit, so that
// the null distribution of a sum is an exact convolution of histograms.
constexpr int kSteps = 50;
constexpr int kBins = 2 * kSteps + 1;  // correlations -1 .. 1

int to_steps(double correlation) { return static_cast<int>(std::lround((correlation + 1) * kSteps)); }

std::vector<Column> frequencies_of(const Motif& motif) {
    const Background uniform{};
    std::vector<Column> out;
    for (const Column& c : motif.counts) out.push_back(frequencies(c, uniform, 0.1));
    return out;
}

// P(sum >= s) of the sum of independent integer variables with the given
// histograms (each normalised), indexed by s.
class NullSum {
public:
    void add(const std::vector<double>& histogram) {
        std::vector<double> next(density_.size() + histogram.size() - 1, 0.0);
        for (std::size_t i = 0; i < density_.size(); ++i)
            if (density_[i] != 0)
                for (std::size_t j = 0; j < histogram.size(); ++j) next[i + j] += density_[i] * histogram[j];
        density_ = std::move(next);
    }
    double tail(int s) const {
        if (s <= 0) return 1;
        double sum = 0;
        for (std::size_t i = static_cast<std::size_t>(s); i < density_.size(); ++i) sum += density_[i];
        return std::min(1.0, sum);
    }

private:
    std::vector<double> density_{1.0};
};

}  // namespace

double column_correlation(const Column& a, const Column& b) {
    const double mean_a = (a[0] + a[1] + a[2] + a[3]) / 4, mean_b = (b[0] + b[1] + b[2] + b[3]) / 4;
    double ab = 0, aa = 0, bb = 0;
    for (int i = 0; i < 4; ++i) {
        ab += (a[i] - mean_a) * (b[i] - mean_b);
        aa += (a[i] - mean_a) * (a[i] - mean_a);
        bb += (b[i] - mean_b) * (b[i] - mean_b);
    }
    if (aa < 1e-12 || bb < 1e-12) return 0;
    return ab / std::sqrt(aa * bb);
}

MotifDatabase::MotifDatabase(std::vector<Motif> motifs) : motifs_(std::move(motifs)) {
    for (const Motif& m : motifs_) {
        forward_.push_back(frequencies_of(m));
        reverse_.push_back(frequencies_of(reverse_complement(m)));
        pool_.insert(pool_.end(), forward_.back().begin(), forward_.back().end());
        pool_.insert(pool_.end(), reverse_.back().begin(), reverse_.back().end());
    }
}

namespace {

// Per query column, the histogram of its correlation steps with every
// column of the pool.
std::vector<std::vector<double>> column_nulls(const std::vector<Column>& query, const std::vector<Column>& pool) {
    std::vector<std::vector<double>> out;
    for (const Column& q : query) {
        std::vector<double> histogram(kBins, 0.0);
        for (const Column& c : pool) histogram[to_steps(column_correlation(q, c))] += 1;
        for (double& h : histogram) h /= static_cast<double>(std::max<std::size_t>(pool.size(), 1));
        out.push_back(std::move(histogram));
    }
    return out;
}

// The null of the sum over query columns [first, last).
NullSum null_sum(const std::vector<std::vector<double>>& nulls, int first, int last) {
    NullSum sum;
    for (int i = first; i < last; ++i) sum.add(nulls[i]);
    return sum;
}

}  // namespace

double MotifDatabase::alignment_pvalue(const Motif& query, int first, int last, double score) const {
    const auto nulls = column_nulls(frequencies_of(query), pool_);
    // The score in steps: each column's correlation was shifted by +1.
    const int steps = static_cast<int>(std::lround((score + (last - first)) * kSteps));
    return null_sum(nulls, first, last).tail(steps);
}

std::vector<MotifMatch> MotifDatabase::compare(const Motif& query, const MotifComparisonConfig& config) const {
    const std::vector<Column> q = frequencies_of(query);
    const auto nulls = column_nulls(q, pool_);
    const int width = static_cast<int>(q.size());
    // Tails per query range [first, last), computed once each.
    std::map<std::pair<int, int>, NullSum> sums;
    const auto tail = [&](int first, int last, int steps) {
        auto found = sums.find({first, last});
        if (found == sums.end()) found = sums.emplace(std::pair{first, last}, null_sum(nulls, first, last)).first;
        return found->second.tail(steps);
    };
    std::vector<MotifMatch> matches;
    for (std::size_t t = 0; t < motifs_.size(); ++t) {
        const int target_width = static_cast<int>(forward_[t].size());
        const int min_overlap = std::max(1, std::min({config.min_overlap, width, target_width}));
        MotifMatch best;
        best.target = t;
        int alignments = 0;
        for (const char strand : {'+', '-'}) {
            const auto& columns = strand == '+' ? forward_[t] : reverse_[t];
            for (int offset = min_overlap - width; offset <= target_width - min_overlap; ++offset) {
                const int first = std::max(0, -offset), last = std::min(width, target_width - offset);
                if (last - first < min_overlap) continue;
                ++alignments;
                int steps = 0;
                double score = 0;
                for (int i = first; i < last; ++i) {
                    const double r = column_correlation(q[i], columns[i + offset]);
                    steps += to_steps(r);
                    score += r;
                }
                const double p = tail(first, last, steps);
                if (p < best.p || (p == best.p && score > best.score)) {
                    best.p = p;
                    best.score = score;
                    best.offset = offset;
                    best.strand = strand;
                    best.overlap = last - first;
                }
            }
        }
        // The best of `alignments` tries: the chance that any of them does as well.
        best.p = -std::expm1(alignments * std::log1p(-std::min(best.p, 1 - 1e-16)));
        if (best.p <= 0) best.p = std::numeric_limits<double>::min();
        best.e = best.p * static_cast<double>(motifs_.size());
        matches.push_back(best);
    }
    std::vector<double> log_p;
    for (const MotifMatch& m : matches) log_p.push_back(std::log(m.p));
    const std::vector<double> log_q = log_bh_qvalues(log_p);
    for (std::size_t i = 0; i < matches.size(); ++i) matches[i].q = std::exp(log_q[i]);
    std::stable_sort(matches.begin(), matches.end(), [](const MotifMatch& a, const MotifMatch& b) {
        return a.p != b.p ? a.p < b.p : a.score > b.score;
    });
    return matches;
}

}  // namespace gsattn
