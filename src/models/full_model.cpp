#include "gsattn/models/full_model.hpp"

namespace gsattn {

FullModelImpl::FullModelImpl(const ModelConfig& c) : SequenceModelImpl(c) {
    stem_ = register_module("stem", InputStem(c.embedding_dim, c.conv_width));
    attention_ = register_module(
        "attention", torch::nn::MultiheadAttention(
                         torch::nn::MultiheadAttentionOptions(c.embedding_dim, c.heads)));
    norm_ = register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.embedding_dim})));
    head_ = register_module("head", RegressionHead(2 * c.embedding_dim, c.head_hidden));
}

torch::Tensor FullModelImpl::forward(const torch::Tensor& tokens, const torch::Tensor& mask) {
    const auto x = stem_(tokens, mask);                  // [B, L, d]
    const auto seq_first = x.transpose(0, 1);            // [L, B, d], as MultiheadAttention wants
    const auto padding = mask.logical_not();             // [B, L]
    const int64_t length = x.size(1);
    const int64_t chunk = config().attention_chunk;
    std::vector<torch::Tensor> parts;
    for (int64_t start = 0; start < length; start += chunk) {
        const auto queries = seq_first.slice(0, start, std::min(length, start + chunk));
        parts.push_back(std::get<0>(attention_(queries, seq_first, seq_first, padding,
                                               /*need_weights=*/false)));
    }
    const auto attended = torch::cat(parts, 0).transpose(0, 1);  // [B, L, d]
    const auto y = norm_(x + attended);
    return head_(masked_mean_max(y, mask));
}

}  // namespace gsattn
