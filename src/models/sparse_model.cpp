#include "gsattn/models/sparse_model.hpp"

#include <algorithm>
#include <limits>

namespace gsattn {

SparseModelImpl::SparseModelImpl(const ModelConfig& c) : SequenceModelImpl(c) {
    const int d = c.embedding_dim;
    stem_ = register_module("stem", InputStem(c));
    selector_ = register_module(
        "selector", torch::nn::Sequential(torch::nn::Linear(d, d / 2), torch::nn::GELU(),
                                          torch::nn::Linear(d / 2, 1)));
    if (c.approximator == Approximator::mlp) {
        qkv_ = register_module("qkv", torch::nn::Linear(d, 3 * d));
        approximator_ = register_module(
            "approximator", torch::nn::Sequential(torch::nn::Linear(3 * d, c.bottleneck),
                                                  torch::nn::GELU(),
                                                  torch::nn::Linear(c.bottleneck, d)));
    } else {
        attention_ = register_module("attention", BandedSelfAttention(d, c.heads));
    }
    norm_ = register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({d})));
    const int pooled = 2 * d * c.position_bins;
    head_ = register_module("head", RegressionHead(pooled, c.head_hidden));
    if (c.selector_guide > 0) guide_head_ = register_module("guide_head", RegressionHead(pooled, c.head_hidden));
}

// Ranking is by logit: sigmoid scores saturate at 1.0 in float32, and top-k
// among ties would then drop positions at random.
torch::Tensor SparseModelImpl::scores_of(const torch::Tensor& x, const torch::Tensor& mask) {
    const auto logits = selector_->forward(x).squeeze(-1);  // [B, L]
    return logits.masked_fill(mask.logical_not(), -std::numeric_limits<float>::infinity());
}

SparseModelImpl::Features SparseModelImpl::features(const torch::Tensor& tokens, const torch::Tensor& mask) {
    const std::vector<torch::Tensor> layers = stem_->layer_outputs(tokens, mask);
    const auto after = [&layers](int count) { return count > 0 ? layers[count - 1] : layers.back(); };
    return Features{after(config().value_layers), after(config().selector_layers)};
}

torch::Tensor SparseModelImpl::selector_scores(const torch::Tensor& tokens, const torch::Tensor& mask) {
    return scores_of(features(tokens, mask).selector_input, mask);
}

SparseModelImpl::Selection SparseModelImpl::select(const torch::Tensor& scores,
                                                   const torch::Tensor& mask) const {
    const auto lengths = mask.sum(1).to(torch::kCPU).contiguous();     // [B] int64
    const auto length = lengths.accessor<int64_t, 1>();
    std::vector<int64_t> keep(lengths.size(0));
    int64_t most = 1;
    for (int64_t b = 0; b < lengths.size(0); ++b) {
        keep[b] = kept_positions(config(), length[b], is_training() ? training_epoch_ : 0);
        most = std::max(most, keep[b]);
    }
    most = std::min<int64_t>(most, scores.size(1));
    auto [top, positions] = scores.topk(most, /*dim=*/1);                // [B, K]
    const auto rank = torch::arange(most, torch::kLong).unsqueeze(0);    // [1, K]
    const auto limit = torch::tensor(keep, torch::kLong).unsqueeze(1);   // [B, 1]
    const auto valid = (rank < limit).logical_and(torch::isfinite(top));  // never padding
    return {positions, valid, torch::sigmoid(top).masked_fill(valid.logical_not(), 0), lengths};
}

torch::Tensor SparseModelImpl::forward(const torch::Tensor& tokens, const torch::Tensor& mask) {
    const Features f = features(tokens, mask);                           // [B, L, d] each
    return predict_from(f.values, scores_of(f.selector_input, mask), mask);
}

std::vector<SequenceModelImpl::WeightedOutput> SparseModelImpl::training_outputs(const torch::Tensor& tokens,
                                                                                 const torch::Tensor& mask) {
    const Features f = features(tokens, mask);
    const auto& x = f.values;
    const auto scores = scores_of(f.selector_input, mask);
    std::vector<WeightedOutput> out{{predict_from(x, scores, mask), 1.0}};
    if (guide_head_) {
        const auto gated = x * torch::sigmoid(scores).unsqueeze(-1);  // padding: sigmoid(-inf) = 0
        out.push_back(
            {guide_head_(positional_mean_max(gated, mask, config().position_bins)), config().selector_guide});
    }
    return out;
}

torch::Tensor SparseModelImpl::mutant_outputs(const torch::Tensor& tokens, const std::vector<std::int64_t>& positions,
                                              const std::vector<std::int64_t>& alts) {
    const std::int64_t length = tokens.size(1);
    const std::int64_t reach = stem_reach(config());
    const std::int64_t width = std::min(length, 4 * reach + 1);
    if (width >= length) return SequenceModelImpl::mutant_outputs(tokens, positions, alts);
    const auto count = static_cast<std::int64_t>(positions.size());
    const Features whole = features(tokens, torch::ones_like(tokens, torch::kBool));  // [1, L, d] each
    // Each mutant's stretch: `width` bases around it, moved inside the sequence at its ends
    // (where the sequence's own ends are the stretch's, so its padding is the sequence's).
    std::vector<std::int64_t> starts(count);
    auto stretches = torch::empty({count, width}, torch::kLong);
    for (std::int64_t m = 0; m < count; ++m) {
        starts[m] = std::clamp<std::int64_t>(positions[m] - 2 * reach, 0, length - width);
        stretches[m].copy_(tokens[0].slice(0, starts[m], starts[m] + width));
        stretches[m][positions[m] - starts[m]] = alts[m];
    }
    const Features local = features(stretches, torch::ones_like(stretches, torch::kBool));  // [M, width, d]
    auto values = whole.values.expand({count, length, whole.values.size(2)}).clone();
    auto selector_input = whole.selector_input.expand({count, length, whole.selector_input.size(2)}).clone();
    for (std::int64_t m = 0; m < count; ++m) {
        // The features that change, [p - reach, p + reach], all computed from bases of the stretch.
        const std::int64_t from = std::max<std::int64_t>(0, positions[m] - reach);
        const std::int64_t to = std::min(length, positions[m] + reach + 1);
        values[m].slice(0, from, to).copy_(local.values[m].slice(0, from - starts[m], to - starts[m]));
        selector_input[m].slice(0, from, to).copy_(local.selector_input[m].slice(0, from - starts[m], to - starts[m]));
    }
    const auto mask = torch::ones({count, length}, torch::kBool);
    return predict_from(values, scores_of(selector_input, mask), mask);
}

torch::Tensor SparseModelImpl::window_outputs(const torch::Tensor& tokens, std::int64_t width, std::int64_t step,
                                              std::int64_t count) {
    if (2 * stem_reach(config()) > width) return SequenceModelImpl::window_outputs(tokens, width, step, count);
    const std::vector<torch::Tensor> whole = stem_->layer_outputs(tokens, torch::ones_like(tokens, torch::kBool));
    const InputStemImpl::WindowEdges edges = stem_->window_edges(tokens, whole, width, step, count);
    const auto layer_of = [&](int layers) {
        return layers > 0 ? static_cast<std::size_t>(layers) - 1 : whole.size() - 1;
    };
    // The selector's logits, [count, width]: the whole's, but at each window's ends.
    const std::size_t scored = layer_of(config().selector_layers);
    const std::int64_t ends = edges.left[scored].size(1);
    auto logits = strided_windows(selector_->forward(whole[scored][0]).squeeze(-1), 0, width, step, count)
                      .contiguous();
    logits.slice(1, 0, ends).copy_(selector_->forward(edges.left[scored]).squeeze(-1));
    logits.slice(1, width - ends, width).copy_(selector_->forward(edges.right[scored]).squeeze(-1));
    const Selection chosen = select(logits, torch::ones({count, width}, torch::kBool));
    // The chosen positions' features, from one table: the whole's rows, then
    // every window's left ends, then its right ends.
    const std::size_t carried = layer_of(config().value_layers);
    const auto& left = edges.left[carried];
    const std::int64_t reach = left.size(1), length = whole[carried].size(1), d = left.size(2);
    const auto table = torch::cat({whole[carried][0], left.reshape({-1, d}), edges.right[carried].reshape({-1, d})});
    const auto& p = chosen.positions;                                        // [count, K]
    const auto window = torch::arange(count, torch::kLong).unsqueeze(1);    // [count, 1]
    const auto row = torch::where(p < reach, length + window * reach + p,
                                  torch::where(p >= width - reach,
                                               length + (count + window) * reach + p - (width - reach),
                                               window * step + p));
    return predict_from_kept(table.index_select(0, row.flatten()).view({count, -1, d}), chosen);
}

std::int64_t SparseModelImpl::training_only_parameters() {
    std::int64_t n = 0;
    if (guide_head_)
        for (const auto& p : guide_head_->parameters()) n += p.numel();
    return n;
}

torch::Tensor SparseModelImpl::predict_from(const torch::Tensor& x, const torch::Tensor& scores,
                                            const torch::Tensor& mask) {
    const Selection chosen = select(scores, mask);
    const auto index = chosen.positions.unsqueeze(-1).expand({-1, -1, x.size(2)});
    return predict_from_kept(x.gather(1, index), chosen);
}

torch::Tensor SparseModelImpl::predict_from_kept(const torch::Tensor& kept_features, const Selection& chosen) {
    const auto kept = kept_features * chosen.scores.unsqueeze(-1);  // [B, K, d], gated
    torch::Tensor mixed;
    if (approximator_) {
        mixed = approximator_->forward(qkv_(kept));                      // [B, K, d]
    } else {
        const auto kept_count = chosen.valid.sum(1).to(torch::kCPU);     // valid ones come first
        mixed = attention_(kept, kept_count, kept_count);
    }
    const auto y = norm_(kept + mixed);
    return head_(binned_mean_max(y, chosen.valid, chosen.positions, chosen.lengths, config().position_bins));
}

}  // namespace gsattn
