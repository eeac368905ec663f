#include "gsattn/models/full_model.hpp"

#include <cmath>

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

AttentionTrace FullModelImpl::trace(const torch::Tensor& tokens, const torch::Tensor& mask) {
    const auto x = stem_(tokens, mask);
    const auto B = x.size(0), L = x.size(1), d = x.size(2);
    const int64_t H = config().heads, head_dim = d / H;
    const auto split_heads = [&](const torch::Tensor& t) { return t.view({B, L, H, head_dim}).transpose(1, 2); };
    const auto q = split_heads(attention_->query(x)), k = split_heads(attention_->key(x));
    const auto v = split_heads(attention_->value(x));  // [B, H, L, dh]
    const auto logits = q.matmul(k.transpose(2, 3)) / std::sqrt(static_cast<double>(head_dim));
    const auto weights = torch::softmax(logits.masked_fill(~mask.view({B, 1, 1, L}), -INFINITY), -1);
    const auto heads = weights.matmul(v).transpose(1, 2);  // [B, L, H, dh]
    const auto y = norm_(x + attention_->output(heads.reshape({B, L, d})));
    return {weights, heads, head_(positional_mean_max(y, mask, config().position_bins))};
}

}  // namespace gsattn
