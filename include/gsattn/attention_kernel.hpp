// The arithmetic of banded attention for one (sequence, head) row, on plain
// float arrays: forward and backward, one block of 8 queries at a time, so
// that memory is O(keys) rather than O(queries x keys). models/banded_attention.hpp wraps it
// as a differentiable LibTorch operation; see there for the semantics.
#pragma once

#include <cstdint>
#include <vector>

namespace gsattn {

struct AttentionRowShape {
    int64_t queries = 0;      // Lq
    int64_t keys = 0;         // Lk: positions followed by `shared` keys
    int64_t dim = 0;          // dh
    int64_t length = 0;       // real positions; later queries give zeros
    int64_t radius = 0;       // query i sees positions |i - j| <= radius
    int64_t shared = 0;       // the last keys, seen by every query
    float scale = 1;          // applied to q.k before the softmax
};

// Per-thread work space, reused from row to row.
struct AttentionScratch {
    std::vector<float> query_t, key_t, value_t, out_t, grad_out_t, lse_t;  // transposed: [dim, positions]
    std::vector<float> weights, weight_grads;  // a block's weights and their gradients
    std::vector<float> shared_grads;           // the narrow-band kernel's gradients of the shared keys
    std::vector<float> query_rows, grad_out_rows;  // q and dO with zero rows to a whole block
    std::vector<float> grad_dot_out;               // dO . o per query
};

// q: [Lq, dh], k, v: [Lk, dh] row-major -> out: [Lq, dh], log_sum_exp: [Lq].
void attention_row_forward(const AttentionRowShape& shape, const float* q, const float* k, const float* v,
                           float* out, float* log_sum_exp, AttentionScratch& scratch);

// Gradients of sum(grad_out * out) with respect to q, k and v, written to
// grad_q [Lq, dh], grad_k and grad_v [Lk, dh] (overwritten, not accumulated).
void attention_row_backward(const AttentionRowShape& shape, const float* q, const float* k, const float* v,
                            const float* out, const float* log_sum_exp, const float* grad_out,
                            float* grad_q, float* grad_k, float* grad_v, AttentionScratch& scratch);

}  // namespace gsattn
