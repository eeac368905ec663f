// Each query's attention over its own K chosen keys (the topk model's exact
// heads) as one differentiable operation on the fused kernel of
// gathered_attention_kernel.hpp: neither pass copies the chosen keys and
// values out into [B, Q, K, d] tensors, which with their gradients were
// most of a topk training step when composed from LibTorch operations.
#pragma once

#include <vector>

#include <torch/torch.h>

namespace gsattn {

// q: [B, Q, H x dh]; k, v: [B, N, H x dh]; keys: [B, Q, K] int64 positions
// < N; bias: [B, Q, K], added to each logit q.k / sqrt(dh) (finite: -1e9 for
// a key to ignore); exact: [H], the heads to compute -> [B, Q, H, dh], the
// other heads' entries zero. Differentiable in q, k, v and bias.
torch::Tensor gathered_attention(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v,
                                 const torch::Tensor& keys, const torch::Tensor& bias, const std::vector<bool>& exact);

}  // namespace gsattn
