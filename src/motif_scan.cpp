#include "gsattn/motif_scan.hpp"

#include <algorithm>
#include <cmath>

namespace gsattn {
namespace {

constexpr int kForbidden = -(1 << 24);  // any window holding N sums far below 0

}  // namespace

ScoredMotif::ScoredMotif(const Motif& motif, const Background& bg, double pseudocount)
    : width_(static_cast<int>(motif.width())) {
    const std::vector<Column> bits = gsattn::log_odds(motif, bg, pseudocount);
    double range = 0;
    offset_ = 0;
    for (const Column& c : bits) {
        const auto [lo, hi] = std::minmax_element(c.begin(), c.end());
        range += *hi - *lo;
        offset_ += *lo;
    }
    scale_ = range > 0 ? kScoreResolution / range : 1.0;

    forward_.resize(width_);
    for (int j = 0; j < width_; ++j) {
        const double lo = *std::min_element(bits[j].begin(), bits[j].end());
        for (int b = 0; b < 4; ++b)
            forward_[j][b] = static_cast<int>(std::lround((bits[j][b] - lo) * scale_));
        forward_[j][4] = forward_[j][5] = kForbidden;
    }
    reverse_.resize(width_);
    for (int j = 0; j < width_; ++j) {
        // The reverse strand window read 5'->3' is the complement read backwards.
        const auto& col = forward_[width_ - 1 - j];
        reverse_[j] = {col[3], col[2], col[1], col[0], kForbidden, kForbidden};
    }

    // Exact distribution of the integer score under the background.
    int max_total = 0;
    for (const auto& col : forward_) max_total += *std::max_element(col.begin(), col.begin() + 4);
    std::vector<double> dist(max_total + 1, 0.0), next(max_total + 1);
    dist[0] = 1.0;
    int reach = 0;
    for (const auto& col : forward_) {
        std::fill(next.begin(), next.end(), 0.0);
        for (int s = 0; s <= reach; ++s) {
            if (dist[s] == 0) continue;
            for (int b = 0; b < 4; ++b) next[s + col[b]] += dist[s] * bg.p[b];
        }
        reach += *std::max_element(col.begin(), col.begin() + 4);
        dist.swap(next);
    }
    tail_.assign(max_total + 1, 0.0);
    double sum = 0;
    for (int s = max_total; s >= 0; --s) {
        sum += dist[s];
        tail_[s] = std::min(sum, 1.0);  // rounding can push the sum past 1
    }
}

double ScoredMotif::pvalue(int score) const {
    if (score <= 0) return 1.0;
    if (score > max_score()) return 0.0;
    return tail_[score];
}

int ScoredMotif::threshold_for_pvalue(double p) const {
    // tail_ falls as the score rises: the first score whose tail is <= p.
    for (int s = 0; s <= max_score(); ++s)
        if (tail_[s] <= p) return s;
    return max_score() + 1;
}

int ScoredMotif::score_at(const EncodedSequence& seq, std::int64_t start, char strand) const {
    const auto& table = strand == '-' ? reverse_ : forward_;
    int score = 0;
    for (int j = 0; j < width_; ++j)
        score += table[j][static_cast<std::uint8_t>(seq[start + j])];
    return score;
}

std::vector<MotifHit> ScoredMotif::scan(const EncodedSequence& seq, int min_score) const {
    std::vector<MotifHit> hits;
    const std::int64_t last = static_cast<std::int64_t>(seq.size()) - width_;
    for (std::int64_t i = 0; i <= last; ++i) {
        const int f = score_at(seq, i, '+');
        if (f >= min_score) hits.push_back({i, '+', f});
        const int r = score_at(seq, i, '-');
        if (r >= min_score) hits.push_back({i, '-', r});
    }
    return hits;
}

}  // namespace gsattn
