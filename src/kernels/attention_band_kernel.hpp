// Banded self-attention for one row with the queries along the vector lanes
// (attention_band_kernel.cpp). attention_kernel.cpp sends rows here whose
// band is narrower than the sequence; the arguments are theirs.
#pragma once

#include "gsattn/attention_kernel.hpp"

namespace gsattn {

// Band kernels keep a weight per (query, key) of the band in backward, so
// their memory is (2r + 1 + shared) x L floats: wider bands go one query at
// a time, in O(keys) memory.
inline constexpr int64_t kMostBandRadius = 32;

// A self-attention row (queries are the positions) whose band leaves keys out.
inline bool is_narrow_band(const AttentionRowShape& s) {
    return s.queries == s.keys - s.shared && 2 * s.radius + 1 < s.length && s.radius <= kMostBandRadius;
}

void band_row_forward(const AttentionRowShape& shape, const float* q, const float* k, const float* v, float* out,
                      float* log_sum_exp, AttentionScratch& scratch);
void band_row_backward(const AttentionRowShape& shape, const float* q, const float* k, const float* v,
                       const float* out, const float* log_sum_exp, const float* grad_out, float* grad_q,
                       float* grad_k, float* grad_v, AttentionScratch& scratch);

}  // namespace gsattn
