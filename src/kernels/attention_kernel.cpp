// Compiled with -O3 -ffast-math (CMakeLists.txt). Attention by blocks of 8
// consecutive queries, one per vector lane (vector_lanes.hpp), over every key
// the block's queries may see: the band's keys within the sequence, then the
// shared keys. Keys and values stay in rows ([keys, dim]) and each is
// broadcast to the 8 lanes, so a block's logits, weights and their gradients
// are one vector per key and memory is O(keys). Rows whose band is narrower
// than the sequence go to attention_band_kernel.cpp instead.
#include "gsattn/attention_kernel.hpp"

#include <algorithm>
#include <cmath>

#include "attention_band_kernel.hpp"
#include "vector_lanes.hpp"

namespace gsattn {
namespace {

// The queries of a row and the keys a block of them sees.
struct Block {
    int64_t first_query = 0;
    int64_t queries = 0;     // real queries in the block (the other lanes are padding)
    int64_t first_key = 0;   // band keys first_key .. first_key + band_keys - 1,
    int64_t band_keys = 0;   // then the row's shared keys
    int64_t keys = 0;        // band_keys + shared
    bool whole_band = true;  // every query sees every band key: no mask needed

    // Row of k or v that holds the block's t-th key.
    int64_t key_row(const AttentionRowShape& s, int64_t t) const {
        return t < band_keys ? first_key + t : s.keys - s.shared + (t - band_keys);
    }
};

int64_t real_queries(const AttentionRowShape& s) { return std::min(s.length, s.queries); }

int64_t padded_queries(const AttentionRowShape& s) { return (real_queries(s) + kLanes - 1) / kLanes * kLanes; }

Block block_at(const AttentionRowShape& s, int64_t first_query) {
    const int64_t radius = std::min(s.radius, s.length);
    Block b;
    b.first_query = first_query;
    b.queries = std::min(kLanes, real_queries(s) - first_query);
    b.first_key = std::max<int64_t>(0, first_query - radius);
    b.band_keys = std::min(s.length, first_query + kLanes + radius) - b.first_key;
    b.keys = b.band_keys + s.shared;
    b.whole_band = first_query + kLanes - 1 - radius <= b.first_key &&
                   first_query + radius >= b.first_key + b.band_keys - 1;
    return b;
}

constexpr float kLog2E = 1.44269504088896341f;  // 1 / ln 2

// Keys are taken 4 at a time (then one at a time): one key's sum over the
// dims is a chain of dependent multiply-adds, four independent chains keep
// the pipeline full.
constexpr int64_t kKeyGroup = 4;

// sums[u] = sum_c x(c) * rows[key t + u][c] for u < Keys, with x(c) the block's
// 8 queries' values at dim c (`columns` apart in a [dim, columns] array).
template <int Dim, int Keys>
GSATTN_INLINE void dot_lanes_with_rows(const AttentionRowShape& s, const Block& b, int64_t t, const float* __restrict x,
                                       int64_t columns, const float* __restrict rows, Lanes* sums) {
    const int64_t dim = Dim > 0 ? Dim : s.dim;
    const float* row[Keys];
    for (int u = 0; u < Keys; ++u) {
        row[u] = rows + b.key_row(s, t + u) * dim;
        sums[u] = Lanes{};
    }
    for (int64_t c = 0; c < dim; ++c) {
        const Lanes xc = load(x + c * columns + b.first_query);
        for (int u = 0; u < Keys; ++u) sums[u] += xc * row[u][c];
    }
}

// logits[t] (8 lanes) for keys t .. t + Keys - 1 in base 2: the block's
// queries (qt: [dim, columns]) times the key, times scale / ln 2; kMasked
// where the key is outside a query's band. `top` takes the lanes' maxima.
template <int Dim, int Keys>
GSATTN_INLINE void logits_of_keys(const AttentionRowShape& s, const Block& b, int64_t t, const float* qt,
                                  int64_t columns, const float* k, float* __restrict logits, Lanes& top) {
    Lanes sums[Keys];
    dot_lanes_with_rows<Dim, Keys>(s, b, t, qt, columns, k, sums);
    const LaneInts query = lane_indices() + static_cast<int32_t>(b.first_query);
    const int32_t radius = static_cast<int32_t>(std::min(s.radius, s.length));
    for (int u = 0; u < Keys; ++u) {
        Lanes logit = sums[u] * (s.scale * kLog2E);
        if (!b.whole_band && t + u < b.band_keys) {
            const LaneInts offset = query - static_cast<int32_t>(b.first_key + t + u);
            logit = (offset <= radius) & (offset >= -radius) ? logit : broadcast(kMasked);
        }
        store(logits + (t + u) * kLanes, logit);
        top = logit > top ? logit : top;
    }
}

// Every key's logits (8 lanes each, base 2); returns the lanes' maxima.
template <int Dim>
GSATTN_INLINE Lanes block_logits(const AttentionRowShape& s, const Block& b, const float* qt, int64_t columns,
                                 const float* k, float* logits) {
    Lanes top = broadcast(kMasked);
    int64_t t = 0;
    for (; t + kKeyGroup <= b.keys; t += kKeyGroup) logits_of_keys<Dim, kKeyGroup>(s, b, t, qt, columns, k, logits, top);
    for (; t < b.keys; ++t) logits_of_keys<Dim, 1>(s, b, t, qt, columns, k, logits, top);
    return top;
}

// out[c][lane] = sum_t weights[t][lane] * rows[key t][c], for the dims in
// chunks of 8 so that the sums stay in registers; written to the block's
// queries' rows of `out` ([queries, dim]) times scale[lane].
template <int Dim>
GSATTN_INLINE void weighted_rows(const AttentionRowShape& s, const Block& b, const float* __restrict weights,
                                 const float* __restrict rows, Lanes scale, float* __restrict out) {
    const int64_t dim = Dim > 0 ? Dim : s.dim;
    for (int64_t c0 = 0; c0 < dim; c0 += kLanes) {
        const int64_t chunk = std::min(kLanes, dim - c0);
        Lanes acc[kLanes] = {};
        for (int64_t t = 0; t < b.keys; ++t) {
            const Lanes w = load(weights + t * kLanes);
            const float* row = rows + b.key_row(s, t) * dim + c0;
            for (int64_t c = 0; c < chunk; ++c) acc[c] += w * row[c];
        }
        for (int64_t c = 0; c < chunk; ++c) {
            const Lanes value = acc[c] * scale;
            for (int64_t l = 0; l < b.queries; ++l) out[(b.first_query + l) * dim + c0 + c] = value[l];
        }
    }
}

template <int Dim>
GSATTN_INLINE void forward_body(const AttentionRowShape& s, const float* q, const float* k, const float* v,
                                float* out, float* log_sum_exp, AttentionScratch& scratch) {
    const int64_t dim = Dim > 0 ? Dim : s.dim;
    const int64_t columns = padded_queries(s);
    transpose_padded(q, real_queries(s), dim, columns, 0, scratch.query_t);
    scratch.weights.resize(static_cast<size_t>(s.keys * kLanes));
    float* w = scratch.weights.data();
    std::fill(out, out + s.queries * dim, 0.0f);
    std::fill(log_sum_exp, log_sum_exp + s.queries, 0.0f);
    for (int64_t i0 = 0; i0 < real_queries(s); i0 += kLanes) {
        const Block b = block_at(s, i0);
        const Lanes top = block_logits<Dim>(s, b, scratch.query_t.data(), columns, k, w);
        Lanes total = {};
        for (int64_t t = 0; t < b.keys; ++t) {
            const Lanes e = exp2_lanes(load(w + t * kLanes) - top);
            store(w + t * kLanes, e);
            total += e;
        }
        weighted_rows<Dim>(s, b, w, v, 1.0f / total, out);
        for (int64_t l = 0; l < b.queries; ++l) log_sum_exp[i0 + l] = (top[l] + std::log2(total[l])) / kLog2E;
    }
}

// p (in place of the base-2 logits) and ds for keys t .. t + Keys - 1, from
// the saved log-sum-exp (lse: base 2); dot: dO as [dim, columns].
template <int Dim, int Keys>
GSATTN_INLINE void weights_and_grads(const AttentionRowShape& s, const Block& b, int64_t t, const float* dot,
                                     int64_t columns, const float* v, Lanes lse, Lanes dO_dot_o, LaneInts real_query,
                                     float* __restrict p, float* __restrict ds) {
    Lanes dp[Keys];
    dot_lanes_with_rows<Dim, Keys>(s, b, t, dot, columns, v, dp);
    for (int u = 0; u < Keys; ++u) {
        // Padding lanes get p = 0, hence ds = 0: they add nothing to dK and dV.
        const Lanes pu = real_query ? exp2_lanes(load(p + (t + u) * kLanes) - lse) : broadcast(0.0f);
        store(p + (t + u) * kLanes, pu);
        store(ds + (t + u) * kLanes, pu * (dp[u] - dO_dot_o));
    }
}

// For keys t .. t + Keys - 1: dK[key] += scale sum_lanes ds[key] q[lane],
// dV[key] += sum_lanes p[key] dO[lane], over the block's 8 rows of q and dO
// (zero rows past the last query). Head sizes that are whole vectors keep
// the sums in registers; others take the plain loop.
template <int Dim, int Keys>
GSATTN_INLINE void key_rows(const AttentionRowShape& s, const Block& b, int64_t t, const float* __restrict p,
                            const float* __restrict ds, const float* __restrict q_rows,
                            const float* __restrict grad_out_rows, float* __restrict grad_k,
                            float* __restrict grad_v) {
    const int64_t dim = Dim > 0 ? Dim : s.dim;
    const float* qb = q_rows + b.first_query * dim;
    const float* dOb = grad_out_rows + b.first_query * dim;
    if constexpr (Dim > 0 && Dim % kLanes == 0) {
        for (int64_t c0 = 0; c0 < Dim; c0 += kLanes) {
            Lanes dk[Keys] = {}, dv[Keys] = {};
            for (int64_t l = 0; l < kLanes; ++l) {
                const Lanes ql = load(qb + l * Dim + c0), dOl = load(dOb + l * Dim + c0);
                for (int u = 0; u < Keys; ++u) {
                    dk[u] += ds[(t + u) * kLanes + l] * ql;
                    dv[u] += p[(t + u) * kLanes + l] * dOl;
                }
            }
            for (int u = 0; u < Keys; ++u) {
                const int64_t j = b.key_row(s, t + u);
                store(grad_k + j * Dim + c0, load(grad_k + j * Dim + c0) + s.scale * dk[u]);
                store(grad_v + j * Dim + c0, load(grad_v + j * Dim + c0) + dv[u]);
            }
        }
    } else {
        for (int u = 0; u < Keys; ++u) {
            const int64_t j = b.key_row(s, t + u);
            for (int64_t l = 0; l < kLanes; ++l) {
                const float dsl = s.scale * ds[(t + u) * kLanes + l], pl = p[(t + u) * kLanes + l];
                for (int64_t c = 0; c < dim; ++c) {
                    grad_k[j * dim + c] += dsl * qb[l * dim + c];
                    grad_v[j * dim + c] += pl * dOb[l * dim + c];
                }
            }
        }
    }
}

// With p = softmax(s), o = p V: dV += p dO^T, dp = V dO, ds = p (dp - dO.o),
// dq = scale ds K, dK += scale ds q^T. Per block: p and ds for each key (from
// the saved log-sum-exp), then dq, then each key's rows of dK and dV.
template <int Dim>
GSATTN_INLINE void backward_body(const AttentionRowShape& s, const float* q, const float* k, const float* v,
                                 const float* out, const float* log_sum_exp, const float* grad_out,
                                 float* grad_q, float* grad_k, float* grad_v, AttentionScratch& scratch) {
    const int64_t dim = Dim > 0 ? Dim : s.dim;
    const int64_t columns = padded_queries(s), n = real_queries(s);
    transpose_padded(q, n, dim, columns, 0, scratch.query_t);
    transpose_padded(grad_out, n, dim, columns, 0, scratch.grad_out_t);
    transpose_padded(log_sum_exp, n, 1, columns, 0, scratch.lse_t);
    scratch.query_rows.assign(q, q + n * dim);  // rows, with zero rows to a whole block
    scratch.query_rows.resize(static_cast<size_t>(columns * dim), 0.0f);
    scratch.grad_out_rows.assign(grad_out, grad_out + n * dim);
    scratch.grad_out_rows.resize(static_cast<size_t>(columns * dim), 0.0f);
    scratch.grad_dot_out.assign(static_cast<size_t>(columns), 0.0f);
    for (int64_t i = 0; i < n; ++i)
        for (int64_t c = 0; c < dim; ++c) scratch.grad_dot_out[i] += grad_out[i * dim + c] * out[i * dim + c];
    scratch.weights.resize(static_cast<size_t>(s.keys * kLanes));
    scratch.weight_grads.resize(static_cast<size_t>(s.keys * kLanes));
    float* __restrict p = scratch.weights.data();
    float* __restrict ds = scratch.weight_grads.data();
    const float* __restrict dot = scratch.grad_out_t.data();
    std::fill(grad_q, grad_q + s.queries * dim, 0.0f);
    std::fill(grad_k, grad_k + s.keys * dim, 0.0f);
    std::fill(grad_v, grad_v + s.keys * dim, 0.0f);
    for (int64_t i0 = 0; i0 < n; i0 += kLanes) {
        const Block b = block_at(s, i0);
        block_logits<Dim>(s, b, scratch.query_t.data(), columns, k, p);
        const Lanes lse = load(scratch.lse_t.data() + i0) * kLog2E;  // base 2, as the logits
        const Lanes dO_dot_o = load(scratch.grad_dot_out.data() + i0);
        // Padding lanes get p = 0, hence ds = 0: they add nothing to dK and dV.
        const LaneInts real_query = (lane_indices() + static_cast<int32_t>(i0)) < static_cast<int32_t>(n);
        int64_t t = 0;
        for (; t + kKeyGroup <= b.keys; t += kKeyGroup)
            weights_and_grads<Dim, kKeyGroup>(s, b, t, dot, columns, v, lse, dO_dot_o, real_query, p, ds);
        for (; t < b.keys; ++t) weights_and_grads<Dim, 1>(s, b, t, dot, columns, v, lse, dO_dot_o, real_query, p, ds);
        weighted_rows<Dim>(s, b, ds, k, broadcast(s.scale), grad_q);
        for (t = 0; t + kKeyGroup <= b.keys; t += kKeyGroup)
            key_rows<Dim, kKeyGroup>(s, b, t, p, ds, scratch.query_rows.data(), scratch.grad_out_rows.data(), grad_k,
                                     grad_v);
        for (; t < b.keys; ++t)
            key_rows<Dim, 1>(s, b, t, p, ds, scratch.query_rows.data(), scratch.grad_out_rows.data(), grad_k, grad_v);
    }
}

GSATTN_ROW_KERNEL_ENTRY_POINTS(block_row_forward, block_row_backward)

}  // namespace

void attention_row_forward(const AttentionRowShape& s, const float* q, const float* k, const float* v,
                           float* out, float* log_sum_exp, AttentionScratch& scratch) {
    if (is_narrow_band(s)) return band_row_forward(s, q, k, v, out, log_sum_exp, scratch);
    block_row_forward(s, q, k, v, out, log_sum_exp, scratch);
}

void attention_row_backward(const AttentionRowShape& s, const float* q, const float* k, const float* v,
                            const float* out, const float* log_sum_exp, const float* grad_out,
                            float* grad_q, float* grad_k, float* grad_v, AttentionScratch& scratch) {
    if (is_narrow_band(s))
        return band_row_backward(s, q, k, v, out, log_sum_exp, grad_out, grad_q, grad_k, grad_v, scratch);
    block_row_backward(s, q, k, v, out, log_sum_exp, grad_out, grad_q, grad_k, grad_v, scratch);
}

}  // namespace gsattn
