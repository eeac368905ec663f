#include "gsattn/models/pwm_model.hpp"

#include <algorithm>

#include "gsattn/alphabet.hpp"
#include "gsattn/error.hpp"

namespace gsattn {
namespace {

// Below any score a window can have: marks windows that do not exist.
constexpr double kNoWindow = -1e4;

// [B, L] Base codes -> [B, 4, L] one-hot; N and padding are all zero.
torch::Tensor one_hot_bases(const torch::Tensor& tokens) {
    const auto codes = tokens.clamp_max(static_cast<std::int64_t>(Base::N));
    return torch::one_hot(codes, 5).slice(2, 0, 4).permute({0, 2, 1}).to(torch::kFloat);
}

// [1, 4, W] convolution weights of a matrix; `reverse`: of its reverse complement.
torch::Tensor weights_of(const std::vector<Column>& log_odds, bool reverse) {
    const auto width = static_cast<std::int64_t>(log_odds.size());
    auto w = torch::empty({1, 4, width}, torch::kFloat);
    auto a = w.accessor<float, 3>();
    for (std::int64_t i = 0; i < width; ++i)
        for (int b = 0; b < 4; ++b)
            a[0][b][i] = static_cast<float>(reverse ? log_odds[width - 1 - i][3 - b] : log_odds[i][b]);
    return w;
}

// Score of the window starting at each position, [B, max(L - W + 1, 0)];
// windows that reach past a sequence's end score kNoWindow.
torch::Tensor window_scores(const torch::Tensor& bases, const torch::Tensor& weight, const torch::Tensor& lengths) {
    const std::int64_t width = weight.size(2), positions = bases.size(2) - width + 1;
    if (positions <= 0) return torch::full({bases.size(0), 0}, kNoWindow);
    const auto scores = torch::conv1d(bases, weight).squeeze(1);
    const auto ends = torch::arange(positions, torch::kLong).unsqueeze(0) + width;
    return scores.masked_fill(ends > lengths.unsqueeze(1), kNoWindow);
}

// [B, P] -> [B]: the best window, or `lowest` where there is none.
torch::Tensor best_of(const torch::Tensor& scores, double lowest) {
    if (scores.size(1) == 0) return torch::full({scores.size(0)}, lowest);
    const auto best = std::get<0>(scores.max(1));
    return torch::where(best > kNoWindow / 2, best, torch::full_like(best, lowest));
}

// scores[:, i + offset] at each i < count, kNoWindow past the end.
torch::Tensor shifted(const torch::Tensor& scores, std::int64_t offset, std::int64_t count) {
    const std::int64_t available = scores.size(1);
    auto tail = scores.slice(1, std::min(offset, available), available).slice(1, 0, count);
    if (tail.size(1) == count) return tail;
    return torch::cat({tail, torch::full({scores.size(0), count - tail.size(1)}, kNoWindow)}, 1);
}

// Each start i of `first` plus the best start of `second` that begins
// gap + spacer bases after i, spacer in [low, high]: [B, P_first].
torch::Tensor pair_scores(const torch::Tensor& first, const torch::Tensor& second, std::int64_t gap, int low,
                          int high) {
    const std::int64_t count = first.size(1);
    auto best_second = shifted(second, gap + low, count);
    for (int spacer = low + 1; spacer <= high; ++spacer)
        best_second = torch::maximum(best_second, shifted(second, gap + spacer, count));
    return first + best_second;
}

double lowest_score(const std::vector<Column>& log_odds) {
    double sum = 0;
    for (const Column& c : log_odds) sum += *std::min_element(c.begin(), c.end());
    return sum;
}

}  // namespace

PwmModelImpl::PwmModelImpl(const ModelConfig& c) : SequenceModelImpl(c) {
    if (c.pwm.motifs.empty()) throw Error("the pwm model needs at least one motif");
    for (const WeightMatrix& m : c.pwm.motifs)
        motifs_.push_back({weights_of(m.log_odds, false), weights_of(m.log_odds, true),
                           static_cast<std::int64_t>(m.log_odds.size()), lowest_score(m.log_odds)});
    line_ = register_module("line", torch::nn::Linear(pwm_feature_count(c.pwm), 1));
}

torch::Tensor PwmModelImpl::line_features(const torch::Tensor& tokens, const torch::Tensor& mask) {
    const auto bases = one_hot_bases(tokens);
    const auto lengths = mask.sum(1);
    std::vector<torch::Tensor> forward, reverse, out;
    for (const Strands& m : motifs_) {
        forward.push_back(window_scores(bases, m.forward, lengths));
        reverse.push_back(window_scores(bases, m.reverse, lengths));
        out.push_back(torch::maximum(best_of(forward.back(), m.lowest), best_of(reverse.back(), m.lowest)));
    }
    const PwmConfig& pwm = config().pwm;
    for (std::size_t i = 0; i + 1 < motifs_.size(); ++i) {
        const Strands &a = motifs_[i], &b = motifs_[i + 1];
        const double lowest = a.lowest + b.lowest;
        // On the minus strand the second motif's reverse complement comes first.
        const auto plus = pair_scores(forward[i], forward[i + 1], a.width, pwm.spacer_min, pwm.spacer_max);
        const auto minus = pair_scores(reverse[i + 1], reverse[i], b.width, pwm.spacer_min, pwm.spacer_max);
        out.push_back(torch::maximum(best_of(plus, lowest), best_of(minus, lowest)));
    }
    return torch::stack(out, 1);
}

torch::Tensor PwmModelImpl::forward(const torch::Tensor& tokens, const torch::Tensor& mask) {
    return line_(line_features(tokens, mask)).squeeze(-1);
}

}  // namespace gsattn
