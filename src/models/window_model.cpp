#include "gsattn/models/window_model.hpp"

namespace gsattn {

WindowModelImpl::WindowModelImpl(const ModelConfig& c) : SequenceModelImpl(c) {
    const int d = c.embedding_dim;
    stem_ = register_module("stem", InputStem(c));
    if (c.global_tokens > 0) globals_ = register_parameter("globals", torch::randn({c.global_tokens, d}) * 0.02);
    attention_ = register_module("attention", BandedSelfAttention(d, c.heads));
    norm_ = register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({d})));
    head_ = register_module("head", RegressionHead(2 * d * c.position_bins, c.head_hidden));
}

torch::Tensor WindowModelImpl::forward(const torch::Tensor& tokens, const torch::Tensor& mask) {
    const auto x = stem_(tokens, mask);  // [B, L, d]
    const int64_t B = x.size(0);
    // Each sequence's window follows from its own length, not the padded one,
    // so that a prediction does not depend on the sequences batched with it.
    const auto lengths = mask.sum(1).to(torch::kCPU).contiguous();  // [B]
    const auto length = lengths.accessor<int64_t, 1>();
    auto radius = torch::empty({B}, torch::kLong);
    auto radius_of = radius.accessor<int64_t, 1>();
    for (int64_t b = 0; b < B; ++b) {
        const int64_t keys = std::min<int64_t>(window_keys(config(), length[b]) | 1, 2 * length[b] + 1);
        radius_of[b] = keys / 2;  // odd: centred on the query
    }
    const auto attended = attention_(x, lengths, radius, globals_);  // globals_ undefined: none
    const auto y = norm_(x + attended);
    return head_(positional_mean_max(y, mask, config().position_bins));
}

}  // namespace gsattn
