// Attention of each query over its own K keys (the topk model's exact
// heads), forward and backward, on plain float arrays: for every query and
// head, softmax over the K keys of q.k x scale + the key's bias, times the
// keys' values, without copying the chosen keys and values out ([Q, K, d]
// each) as a composition of LibTorch operations does.
// models/gathered_attention.hpp wraps it as a differentiable operation.
#pragma once

#include <cstdint>

namespace gsattn {

struct GatheredAttentionShape {
    int64_t positions = 0;       // rows of k and v
    int64_t keys_per_query = 0;  // K
    int64_t heads = 0;           // H; each row holds H x dim floats
    int64_t dim = 0;             // dh
    float scale = 1;             // applied to q.k before the bias is added
};

// For queries [first, last) of one sequence. q and out: [queries, H x dh];
// k, v: [positions, H x dh]; index and bias: [queries, K] (each query's key
// positions, all < positions, and the logit added to each: finite, e.g.
// -1e9 for a key to ignore); exact: [H], the
// heads to compute (the others' columns of out are left as they are).
// log_sum_exp, if given: [queries, H], each exact head's log-sum-exp of its
// logits, which the backward pass needs.
void gathered_attention_forward(const GatheredAttentionShape& shape, const float* q, const float* k,
                                const float* v, const int64_t* index, const float* bias, const bool* exact,
                                int64_t first, int64_t last, float* out, float* log_sum_exp = nullptr);

// Gradients of sum(grad_out x out) over the exact heads of one sequence's
// `queries` queries, from the forward pass's inputs, out and log_sum_exp:
// grad_q [queries, H x dh] and grad_bias [queries, K] (summed over the
// heads) are written; grad_k and grad_v [positions, H x dh] are added to,
// since queries share keys (the caller zeroes them once per sequence).
void gathered_attention_backward(const GatheredAttentionShape& shape, const float* q, const float* k,
                                 const float* v, const int64_t* index, const float* bias, const bool* exact,
                                 const float* out, const float* log_sum_exp, const float* grad_out,
                                 int64_t queries, float* grad_q, float* grad_k, float* grad_v, float* grad_bias);

}  // namespace gsattn
