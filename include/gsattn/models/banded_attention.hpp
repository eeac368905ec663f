// Scaled dot-product attention computed 8 queries at a time, never holding a
// [queries x keys] matrix: the memory-efficient core of the full and window
// models. Each query sees a band of keys around its own position (all of them
// for full attention) plus a few keys every query shares (global tokens).
//
// Written as one fused CPU kernel with its own backward pass because the
// composition of matmul, mask and softmax in LibTorch makes several passes
// over a [B, heads, L, L] tensor: about 70 % of a full-attention training
// epoch went to them (docs/design.md, Models).
#pragma once

#include <torch/torch.h>

namespace gsattn {

struct AttentionSpan {
    // [N] int64: sequence n's real positions are 0..lengths[n]-1, for every
    // head. Queries past the length give zeros; keys past it are never seen.
    torch::Tensor lengths;
    // [N] int64: query i of sequence n sees positions j with |i - j| <= radius[n].
    torch::Tensor radius;
    // The last `shared_keys` keys are not positions: every query sees them.
    int64_t shared_keys = 0;
};

// q: [N, Lq, heads x dh]; k, v: [N, Lk, heads x dh] with Lk = positions +
// shared_keys; -> [N, Lq, heads x dh]. Each head (dims h dh .. (h + 1) dh - 1)
// attends on its own, over the span of its row n. Differentiable in q, k
// and v.
torch::Tensor banded_attention(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v,
                               const AttentionSpan& span, int64_t heads = 1);

// The same attention composed from LibTorch operations with an explicit
// [N, Lq, Lk] mask: the reference the kernel is tested against.
torch::Tensor banded_attention_reference(const torch::Tensor& q, const torch::Tensor& k,
                                         const torch::Tensor& v, const AttentionSpan& span);

// Multi-head self-attention over a [B, L, d] sequence through
// banded_attention: query i of sequence b sees positions within radius[b] of
// i that are below lengths[b]. Optional readers (learned global tokens,
// [G, d]) first attend to every real position of the sequence through the
// same projections; every query then also sees what the G readers read.
struct BandedSelfAttentionImpl : torch::nn::Module {
    BandedSelfAttentionImpl(int embedding_dim, int heads);
    // x: [B, L, d]; lengths, radius: [B] int64; readers: [G, d] or undefined
    // -> [B, L, d].
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& lengths, const torch::Tensor& radius,
                          const torch::Tensor& readers = {});
    // Each reader's attention over the real positions, given their keys and
    // values [B, L, d] -> [B, G, d].
    torch::Tensor read_positions(const torch::Tensor& readers, const torch::Tensor& keys,
                                 const torch::Tensor& values, const torch::Tensor& lengths);

    int heads;
    torch::nn::Linear query{nullptr}, key{nullptr}, value{nullptr}, output{nullptr};
};
TORCH_MODULE(BandedSelfAttention);

}  // namespace gsattn
