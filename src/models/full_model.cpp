#include "gsattn/models/full_model.hpp"

namespace gsattn {

FullModelImpl::FullModelImpl(const ModelConfig& c) : SequenceModelImpl(c) {
    stem_ = register_module("stem", InputStem(c));
    attention_ = register_module("attention", BandedSelfAttention(c.embedding_dim, c.heads));
    norm_ = register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.embedding_dim})));
    head_ = register_module("head", RegressionHead(2 * c.embedding_dim * c.position_bins, c.head_hidden));
}

torch::Tensor FullModelImpl::forward(const torch::Tensor& tokens, const torch::Tensor& mask) {
    const auto x = stem_(tokens, mask);                       // [B, L, d]
    const auto lengths = mask.sum(1).to(torch::kCPU);         // [B]
    const auto attended = attention_(x, lengths, lengths);    // radius = length: every position
    const auto y = norm_(x + attended);
    return head_(positional_mean_max(y, mask, config().position_bins));
}

}  // namespace gsattn
