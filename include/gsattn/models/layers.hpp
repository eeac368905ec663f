// Building blocks every model shares: the input stem (embedding + local
// context, so that order within a motif is visible), masked pooling, and
// the regression head.
#pragma once

#include <torch/torch.h>

namespace gsattn {

// tokens: [B, L] int64 codes of Base; mask: [B, L] bool, true on real bases.
struct InputStemImpl : torch::nn::Module {
    InputStemImpl(int embedding_dim, int conv_width);
    // -> [B, L, d]; padded positions are zero.
    torch::Tensor forward(const torch::Tensor& tokens, const torch::Tensor& mask);

    torch::nn::Embedding embedding{nullptr};
    torch::nn::Conv1d context{nullptr};
    torch::nn::LayerNorm norm{nullptr};
};
TORCH_MODULE(InputStem);

// Mean and max over the positions where mask is true, concatenated.
// x: [B, N, d], mask: [B, N] -> [B, 2d]
torch::Tensor masked_mean_max(const torch::Tensor& x, const torch::Tensor& mask);

// [B, in] -> [B]: in -> hidden -> 1 with a GELU between.
struct RegressionHeadImpl : torch::nn::Module {
    RegressionHeadImpl(int in_features, int hidden);
    torch::Tensor forward(const torch::Tensor& x);

    torch::nn::Linear hidden{nullptr}, out{nullptr};
};
TORCH_MODULE(RegressionHead);

}  // namespace gsattn
