#include "gsattn/models/layers.hpp"

#include "gsattn/alphabet.hpp"

namespace gsattn {

InputStemImpl::InputStemImpl(int d, int conv_width) {
    embedding = register_module(
        "embedding", torch::nn::Embedding(torch::nn::EmbeddingOptions(kAlphabetSize, d)
                                              .padding_idx(static_cast<int>(Base::PAD))));
    context = register_module(
        "context", torch::nn::Conv1d(torch::nn::Conv1dOptions(d, d, conv_width).padding(conv_width / 2)));
    norm = register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({d})));
}

torch::Tensor InputStemImpl::forward(const torch::Tensor& tokens, const torch::Tensor& mask) {
    const auto keep = mask.unsqueeze(-1).to(torch::kFloat);           // [B, L, 1]
    auto x = embedding(tokens) * keep;                                 // [B, L, d]
    auto local = context(x.transpose(1, 2)).transpose(1, 2);           // [B, L, d]
    return norm(x + torch::gelu(local)) * keep;
}

torch::Tensor masked_mean_max(const torch::Tensor& x, const torch::Tensor& mask) {
    const auto keep = mask.unsqueeze(-1);                              // [B, N, 1]
    const auto count = keep.sum(1).clamp_min(1).to(x.dtype());         // [B, 1]
    const auto mean = (x * keep.to(x.dtype())).sum(1) / count;         // [B, d]
    const auto max = x.masked_fill(keep.logical_not(), -1e9).amax(1);  // [B, d]
    return torch::cat({mean, max}, 1);
}

RegressionHeadImpl::RegressionHeadImpl(int in_features, int hidden_size) {
    hidden = register_module("hidden", torch::nn::Linear(in_features, hidden_size));
    out = register_module("out", torch::nn::Linear(hidden_size, 1));
}

torch::Tensor RegressionHeadImpl::forward(const torch::Tensor& x) {
    return out(torch::gelu(hidden(x))).squeeze(-1);
}

}  // namespace gsattn
