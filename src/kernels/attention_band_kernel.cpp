// Banded self-attention with 8 consecutive queries in the 8 lanes of a
// vector (vector_lanes.hpp). Query i sees keys i-r..i+r and the shared keys;
// with Q, K and V transposed to [dim, positions] (K and V with r zeros either
// side), the products of 8 queries with their keys at one offset
// u = j - i + r are one contiguous 8-float operation, with no remainders.
// Keys outside the sequence get weight 0; nothing produces an infinity.
#include "attention_band_kernel.hpp"

#include <algorithm>
#include <cmath>

#include "vector_lanes.hpp"

namespace gsattn {
namespace {

// Key-indexed arrays ([dim, columns]) hold key j at j + r; query-indexed
// ones ([., query_columns]) hold query i at i + lead, with zeros around, so
// that a block of 8 keys can read the 8 queries at each of its offsets.
struct Band {
    int64_t length, radius, span;  // span = 2r + 1 band keys per query
    int64_t width;                 // span + shared keys per query
    int64_t padded;                // length rounded up to whole blocks of lanes
    int64_t columns;               // padded + 2r: the band keys of every block
    int64_t lead;                  // 2r zeros before query 0
    int64_t query_columns;         // lead + padded + r + 8
};

Band band_of(const AttentionRowShape& s) {
    Band b;
    b.length = s.length;
    b.radius = s.radius;
    b.span = 2 * s.radius + 1;
    b.width = b.span + s.shared;
    b.padded = (s.length + kLanes - 1) / kLanes * kLanes;
    b.columns = b.padded + 2 * s.radius;
    b.lead = 2 * s.radius;
    b.query_columns = b.lead + b.padded + s.radius + kLanes;
    return b;
}

// Block of queries i0..i0+7: logits[u] (8 lanes) of each query with key u
// (band offsets, then shared keys), kMasked where the key is outside the
// sequence. qt: [dim, query_columns]; kt: [dim, columns]; shared_k: [shared, dim].
template <int Dim>
GSATTN_INLINE void block_logits(const Band& b, int64_t dim_, float scale, int64_t i0, const float* qt,
                                const float* kt, const float* shared_k, float* logits) {
    const int64_t dim = Dim > 0 ? Dim : dim_;
    const LaneInts lane = lane_indices();
    for (int64_t u = 0; u < b.span; ++u) {
        Lanes acc = {};
        for (int64_t c = 0; c < dim; ++c)
            acc += load(qt + c * b.query_columns + b.lead + i0) * load(kt + c * b.columns + i0 + u);
        const LaneInts key = lane + static_cast<int32_t>(i0 + u);  // the key's index + r
        const LaneInts inside = (key >= static_cast<int32_t>(b.radius)) &
                                (key < static_cast<int32_t>(b.length + b.radius));
        store(logits + u * kLanes, inside ? acc * scale : broadcast(kMasked));
    }
    for (int64_t g = 0; g < b.width - b.span; ++g) {
        Lanes acc = {};
        for (int64_t c = 0; c < dim; ++c) acc += load(qt + c * b.query_columns + b.lead + i0) * shared_k[g * dim + c];
        store(logits + (b.span + g) * kLanes, acc * scale);
    }
}

template <int Dim>
GSATTN_INLINE void forward_body(const AttentionRowShape& s, const float* q, const float* k, const float* v,
                                float* out, float* log_sum_exp, AttentionScratch& scratch) {
    const int64_t dim = Dim > 0 ? Dim : s.dim;
    const Band b = band_of(s);
    const float* shared_v = v + (s.keys - s.shared) * dim;
    transpose_padded(q, b.length, dim, b.query_columns, b.lead, scratch.query_t);
    transpose_padded(k, b.length, dim, b.columns, b.radius, scratch.key_t);
    transpose_padded(v, b.length, dim, b.columns, b.radius, scratch.value_t);
    scratch.weights.resize(static_cast<size_t>(b.width * kLanes));
    float* w = scratch.weights.data();
    std::fill(out, out + s.queries * dim, 0.0f);
    std::fill(log_sum_exp, log_sum_exp + s.queries, 0.0f);
    for (int64_t i0 = 0; i0 < b.length; i0 += kLanes) {
        block_logits<Dim>(b, dim, s.scale, i0, scratch.query_t.data(), scratch.key_t.data(),
                          k + (s.keys - s.shared) * dim, w);
        Lanes top = load(w);
        for (int64_t u = 1; u < b.width; ++u) {
            const Lanes x = load(w + u * kLanes);
            top = x > top ? x : top;
        }
        Lanes total = {};
        for (int64_t u = 0; u < b.width; ++u) {
            const Lanes e = exp_lanes(load(w + u * kLanes) - top);
            store(w + u * kLanes, e);
            total += e;
        }
        const Lanes inverse = 1.0f / total;
        const int64_t lanes = std::min(kLanes, b.length - i0);
        for (int64_t c = 0; c < dim; ++c) {
            Lanes acc = {};
            const float* vc = scratch.value_t.data() + c * b.columns + i0;
            for (int64_t u = 0; u < b.span; ++u) acc += load(w + u * kLanes) * load(vc + u);
            for (int64_t g = 0; g < s.shared; ++g) acc += load(w + (b.span + g) * kLanes) * shared_v[g * dim + c];
            acc *= inverse;
            for (int64_t l = 0; l < lanes; ++l) out[(i0 + l) * dim + c] = acc[l];
        }
        for (int64_t l = 0; l < lanes; ++l) log_sum_exp[i0 + l] = top[l] + std::log(total[l]);
    }
}

// With p = softmax(s), o = p V: dV += p dO^T, dp = V dO, ds = p (dp - dO.o),
// dq = scale ds K, dK += scale ds q^T. First by blocks of 8 queries (p, ds
// and dq), then by blocks of 8 keys (dK, dV), so that no vector is stored
// where the next one is loaded from (8 queries at offsets u and u + 1 touch
// overlapping keys, and store-to-load forwarding fails on that overlap).
template <int Dim>
GSATTN_INLINE void backward_body(const AttentionRowShape& s, const float* q, const float* k, const float* v,
                                 const float* out, const float* log_sum_exp, const float* grad_out,
                                 float* grad_q, float* grad_k, float* grad_v, AttentionScratch& scratch) {
    const int64_t dim = Dim > 0 ? Dim : s.dim;
    const Band b = band_of(s);
    const int64_t shared = s.shared, qcols = b.query_columns;
    const float* shared_k = k + (s.keys - shared) * dim;
    const float* shared_v = v + (s.keys - shared) * dim;
    transpose_padded(q, b.length, dim, qcols, b.lead, scratch.query_t);
    transpose_padded(out, b.length, dim, qcols, b.lead, scratch.out_t);
    transpose_padded(grad_out, b.length, dim, qcols, b.lead, scratch.grad_out_t);
    transpose_padded(log_sum_exp, b.length, 1, qcols, b.lead, scratch.lse_t);
    transpose_padded(k, b.length, dim, b.columns, b.radius, scratch.key_t);
    transpose_padded(v, b.length, dim, b.columns, b.radius, scratch.value_t);
    scratch.weights.assign(static_cast<size_t>(b.width * qcols), 0.0f);       // p [width, qcols]
    scratch.weight_grads.assign(static_cast<size_t>(b.width * qcols), 0.0f);  // ds
    scratch.shared_grads.assign(static_cast<size_t>(2 * shared * dim * kLanes), 0.0f);  // dK, dV per lane
    float* p = scratch.weights.data();
    float* ds = scratch.weight_grads.data();
    const float* qt = scratch.query_t.data();
    const float* dot = scratch.grad_out_t.data();
    const LaneInts lane = lane_indices();
    std::fill(grad_q, grad_q + s.queries * dim, 0.0f);
    float logits[kLanes * 64];
    std::vector<float> heap;
    float* w = logits;
    if (b.width > 64) {
        heap.resize(static_cast<size_t>(b.width * kLanes));
        w = heap.data();
    }
    for (int64_t i0 = 0; i0 < b.length; i0 += kLanes) {
        const int64_t at = b.lead + i0;  // the block's column in query-indexed arrays
        block_logits<Dim>(b, dim, s.scale, i0, qt, scratch.key_t.data(), shared_k, w);
        const Lanes lse = load(scratch.lse_t.data() + at);
        // Padding queries (i >= length) have dO = 0 and o = 0, so ds = 0;
        // their p is zeroed too so that they add nothing to dV.
        const LaneInts real_query = (lane + static_cast<int32_t>(i0)) < static_cast<int32_t>(b.length);
        Lanes dO_dot_o = {};
        for (int64_t c = 0; c < dim; ++c)
            dO_dot_o += load(dot + c * qcols + at) * load(scratch.out_t.data() + c * qcols + at);
        for (int64_t u = 0; u < b.width; ++u) {
            Lanes dp = {};
            if (u < b.span) {
                for (int64_t c = 0; c < dim; ++c)
                    dp += load(dot + c * qcols + at) * load(scratch.value_t.data() + c * b.columns + i0 + u);
            } else {
                for (int64_t c = 0; c < dim; ++c) dp += load(dot + c * qcols + at) * shared_v[(u - b.span) * dim + c];
            }
            const Lanes pu = real_query ? exp_lanes(load(w + u * kLanes) - lse) : broadcast(0.0f);
            store(p + u * qcols + at, pu);
            store(ds + u * qcols + at, pu * (dp - dO_dot_o));
        }
        for (int64_t c = 0; c < dim; ++c) {
            const float* kc = scratch.key_t.data() + c * b.columns + i0;
            Lanes dq = {};
            for (int64_t u = 0; u < b.span; ++u) dq += load(ds + u * qcols + at) * load(kc + u);
            const Lanes qc = load(qt + c * qcols + at);
            const Lanes dc = load(dot + c * qcols + at);
            for (int64_t g = 0; g < shared; ++g) {
                float* dks = scratch.shared_grads.data() + (g * dim + c) * kLanes;
                float* dvs = dks + shared * dim * kLanes;
                const Lanes dsg = load(ds + (b.span + g) * qcols + at);
                dq += dsg * shared_k[g * dim + c];
                store(dks, load(dks) + dsg * qc);
                store(dvs, load(dvs) + load(p + (b.span + g) * qcols + at) * dc);
            }
            dq *= s.scale;
            for (int64_t l = 0; l < std::min(kLanes, b.length - i0); ++l) grad_q[(i0 + l) * dim + c] = dq[l];
        }
    }
    // Key j (column j + r) is offset u of query j + r - u (column j + r - u + lead).
    std::fill(grad_k, grad_k + s.keys * dim, 0.0f);
    std::fill(grad_v, grad_v + s.keys * dim, 0.0f);
    for (int64_t j0 = 0; j0 < b.length; j0 += kLanes) {
        const int64_t lanes = std::min(kLanes, b.length - j0);
        for (int64_t c = 0; c < dim; ++c) {
            Lanes dk = {}, dv = {};
            for (int64_t u = 0; u < b.span; ++u) {
                const int64_t at = j0 + b.radius - u + b.lead;
                dk += load(ds + u * qcols + at) * load(qt + c * qcols + at);
                dv += load(p + u * qcols + at) * load(dot + c * qcols + at);
            }
            dk *= s.scale;
            for (int64_t l = 0; l < lanes; ++l) {
                grad_k[(j0 + l) * dim + c] = dk[l];
                grad_v[(j0 + l) * dim + c] = dv[l];
            }
        }
    }
    const int64_t positions = s.keys - shared;
    for (int64_t g = 0; g < shared; ++g)
        for (int64_t c = 0; c < dim; ++c) {
            const float* dks = scratch.shared_grads.data() + (g * dim + c) * kLanes;
            const float* dvs = dks + shared * dim * kLanes;
            float sum_k = 0, sum_v = 0;
            for (int64_t l = 0; l < kLanes; ++l) {
                sum_k += dks[l];
                sum_v += dvs[l];
            }
            grad_k[(positions + g) * dim + c] = s.scale * sum_k;
            grad_v[(positions + g) * dim + c] = sum_v;
        }
}

}  // namespace

GSATTN_ROW_KERNEL_ENTRY_POINTS(band_row_forward, band_row_backward)

}  // namespace gsattn
