// Compiled with -O3 -ffast-math (CMakeLists.txt): every inner loop runs along
// the keys of a transposed, contiguous [dim, keys] array, so the compiler
// vectorises the dot products, the exponentials and the sums. Nothing here
// produces an infinity or NaN for finite inputs: masked keys are skipped, not
// set to -inf.
#include "gsattn/attention_kernel.hpp"

#include <algorithm>
#include <cmath>

#include "attention_band_kernel.hpp"
#include "row_kernel_dispatch.hpp"

namespace gsattn {
namespace {

// The keys one query sees: a band of positions and the shared keys, laid out
// one after the other in the per-query weight arrays.
struct KeySegment {
    int64_t first = 0;  // key index
    int64_t count = 0;
    int64_t offset = 0; // where the segment starts in the weight arrays
};

struct QueryKeys {
    KeySegment segments[2];
    int64_t total = 0;
};

GSATTN_INLINE QueryKeys keys_of_query(const AttentionRowShape& s, int64_t i) {
    const int64_t radius = std::min(s.radius, s.length);
    const int64_t lo = std::max<int64_t>(0, i - radius);
    const int64_t hi = std::min(s.length, i + radius + 1);
    QueryKeys keys;
    keys.segments[0] = {lo, hi - lo, 0};
    keys.segments[1] = {s.keys - s.shared, s.shared, hi - lo};
    keys.total = hi - lo + s.shared;
    return keys;
}

GSATTN_INLINE void transpose_into(const float* rows, int64_t n, int64_t dim, std::vector<float>& out) {
    out.resize(static_cast<size_t>(n * dim));
    for (int64_t j = 0; j < n; ++j)
        for (int64_t c = 0; c < dim; ++c) out[c * n + j] = rows[j * dim + c];
}

// out[t] = scale * sum_c x[c] * table[c][seg.first + t]. With dim known at
// compile time the sum over c stays in registers.
GSATTN_INLINE void dot_with_keys(const float* x, float scale, const float* table, int64_t stride, int64_t dim,
                                 const KeySegment& seg, float* out) {
    float* __restrict o = out + seg.offset;
    const float* __restrict keys = table + seg.first;
    for (int64_t t = 0; t < seg.count; ++t) {
        float sum = 0;
        for (int64_t c = 0; c < dim; ++c) sum += x[c] * keys[c * stride + t];
        o[t] = scale * sum;
    }
}

// acc[c] += scale * sum_t w[t] * table[c][seg.first + t]
GSATTN_INLINE void weighted_sum_of_keys(const float* weights, float scale, const float* table, int64_t stride,
                          int64_t dim, const KeySegment& seg, float* acc) {
    const float* __restrict w = weights + seg.offset;
    for (int64_t c = 0; c < dim; ++c) {
        const float* __restrict row = table + c * stride + seg.first;
        float sum = 0;
        for (int64_t t = 0; t < seg.count; ++t) sum += w[t] * row[t];
        acc[c] += scale * sum;
    }
}

// table[c][seg.first + t] += scale * x[c] * w[t]
GSATTN_INLINE void add_outer_to_keys(const float* x, float scale, const float* weights, float* table, int64_t stride,
                       int64_t dim, const KeySegment& seg) {
    const float* __restrict w = weights + seg.offset;
    for (int64_t c = 0; c < dim; ++c) {
        const float xc = x[c] * scale;
        float* __restrict row = table + c * stride + seg.first;
        for (int64_t t = 0; t < seg.count; ++t) row[t] += xc * w[t];
    }
}

// Dim > 0: the head dimension as a compile-time constant; 0: s.dim.
template <int Dim>
GSATTN_INLINE void forward_body(const AttentionRowShape& s, const float* q, const float* k, const float* v,
                           float* out, float* log_sum_exp, AttentionScratch& scratch) {
    const int64_t dim = Dim > 0 ? Dim : s.dim;
    transpose_into(k, s.keys, dim, scratch.key_t);
    transpose_into(v, s.keys, dim, scratch.value_t);
    scratch.weights.resize(static_cast<size_t>(s.keys));
    float* w = scratch.weights.data();
    for (int64_t i = 0; i < s.queries; ++i) {
        float* o = out + i * dim;
        std::fill(o, o + dim, 0.0f);
        log_sum_exp[i] = 0;
        if (i >= s.length) continue;
        const QueryKeys keys = keys_of_query(s, i);
        for (const KeySegment& seg : keys.segments)
            dot_with_keys(q + i * dim, s.scale, scratch.key_t.data(), s.keys, dim, seg, w);
        float top = w[0];
        for (int64_t t = 1; t < keys.total; ++t) top = std::max(top, w[t]);
        float total = 0;
        for (int64_t t = 0; t < keys.total; ++t) {
            w[t] = std::exp(w[t] - top);
            total += w[t];
        }
        for (const KeySegment& seg : keys.segments)
            weighted_sum_of_keys(w, 1.0f / total, scratch.value_t.data(), s.keys, dim, seg, o);
        log_sum_exp[i] = top + std::log(total);
    }
}

// With p = softmax(s), o = p V: dV += p dO^T, dp = V dO, ds = p (dp - dO.o),
// dq = scale ds K, dK += scale ds q^T.
template <int Dim>
GSATTN_INLINE void backward_body(const AttentionRowShape& s, const float* q, const float* k, const float* v,
                            const float* out, const float* log_sum_exp, const float* grad_out,
                            float* grad_q, float* grad_k, float* grad_v, AttentionScratch& scratch) {
    const int64_t dim = Dim > 0 ? Dim : s.dim;
    transpose_into(k, s.keys, dim, scratch.key_t);
    transpose_into(v, s.keys, dim, scratch.value_t);
    scratch.key_grad_t.assign(static_cast<size_t>(s.keys * dim), 0.0f);
    scratch.value_grad_t.assign(static_cast<size_t>(s.keys * dim), 0.0f);
    scratch.weights.resize(static_cast<size_t>(s.keys));
    scratch.weight_grads.resize(static_cast<size_t>(s.keys));
    float* p = scratch.weights.data();
    float* dp = scratch.weight_grads.data();
    std::fill(grad_q, grad_q + s.queries * dim, 0.0f);
    for (int64_t i = 0; i < s.length && i < s.queries; ++i) {
        const float* qi = q + i * dim;
        const float* dOi = grad_out + i * dim;
        const QueryKeys keys = keys_of_query(s, i);
        float dO_dot_o = 0;
        for (int64_t c = 0; c < dim; ++c) dO_dot_o += dOi[c] * out[i * dim + c];
        for (const KeySegment& seg : keys.segments) {
            dot_with_keys(qi, s.scale, scratch.key_t.data(), s.keys, dim, seg, p);
            dot_with_keys(dOi, 1.0f, scratch.value_t.data(), s.keys, dim, seg, dp);
        }
        for (int64_t t = 0; t < keys.total; ++t) {
            p[t] = std::exp(p[t] - log_sum_exp[i]);
            dp[t] = p[t] * (dp[t] - dO_dot_o);  // now ds
        }
        for (const KeySegment& seg : keys.segments) {
            add_outer_to_keys(dOi, 1.0f, p, scratch.value_grad_t.data(), s.keys, dim, seg);
            add_outer_to_keys(qi, s.scale, dp, scratch.key_grad_t.data(), s.keys, dim, seg);
            weighted_sum_of_keys(dp, s.scale, scratch.key_t.data(), s.keys, dim, seg, grad_q + i * dim);
        }
    }
    for (int64_t j = 0; j < s.keys; ++j)
        for (int64_t c = 0; c < dim; ++c) {
            grad_k[j * dim + c] = scratch.key_grad_t[c * s.keys + j];
            grad_v[j * dim + c] = scratch.value_grad_t[c * s.keys + j];
        }
}

GSATTN_ROW_KERNEL_ENTRY_POINTS(per_query_row_forward, per_query_row_backward)

}  // namespace

void attention_row_forward(const AttentionRowShape& s, const float* q, const float* k, const float* v,
                           float* out, float* log_sum_exp, AttentionScratch& scratch) {
    if (is_narrow_band(s)) return band_row_forward(s, q, k, v, out, log_sum_exp, scratch);
    per_query_row_forward(s, q, k, v, out, log_sum_exp, scratch);
}

void attention_row_backward(const AttentionRowShape& s, const float* q, const float* k, const float* v,
                            const float* out, const float* log_sum_exp, const float* grad_out,
                            float* grad_q, float* grad_k, float* grad_v, AttentionScratch& scratch) {
    if (is_narrow_band(s))
        return band_row_backward(s, q, k, v, out, log_sum_exp, grad_out, grad_q, grad_k, grad_v, scratch);
    per_query_row_backward(s, q, k, v, out, log_sum_exp, grad_out, grad_q, grad_k, grad_v, scratch);
}

}  // namespace gsattn
