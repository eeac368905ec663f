// 8 floats in one vector, with GCC's vector extensions (one AVX register, or
// two SSE ones): the attention kernels put 8 consecutive queries in the 8
// lanes, so that a query block's products with one key are one operation,
// with no sums across lanes.
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

#include "row_kernel_dispatch.hpp"

// Every function taking or returning a vector is inlined, so the ABI of
// passing a 32-byte vector without AVX never comes into play.
#pragma GCC diagnostic ignored "-Wpsabi"

namespace gsattn {

constexpr int64_t kLanes = 8;
constexpr float kMasked = -1e30f;  // a logit whose exponential is 0

typedef float Lanes __attribute__((vector_size(32)));
typedef int32_t LaneInts __attribute__((vector_size(32)));

GSATTN_INLINE Lanes load(const float* p) {
    Lanes v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

GSATTN_INLINE void store(float* p, Lanes v) { std::memcpy(p, &v, sizeof v); }

GSATTN_INLINE Lanes broadcast(float x) { return Lanes{} + x; }

GSATTN_INLINE LaneInts lane_indices() { return LaneInts{0, 1, 2, 3, 4, 5, 6, 7}; }

// e^x lane by lane, 0 below -87 (where float's e^x is denormal): Cody-Waite
// reduction x = n ln 2 + r and the degree-5 polynomial of Cephes' expf
// (S. L. Moshier, Cephes Math Library, expf.c); relative error ~1e-7.
GSATTN_INLINE Lanes exp_lanes(Lanes x) {
    const Lanes fx = x * 1.44269504088896341f;
    const LaneInts n = __builtin_convertvector(fx + (fx < 0 ? broadcast(-0.5f) : broadcast(0.5f)), LaneInts);
    const Lanes fn = __builtin_convertvector(n, Lanes);
    const Lanes r = (x - fn * 0.693359375f) + fn * 2.12194440e-4f;
    Lanes p = broadcast(1.9875691500e-4f);
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    const Lanes y = p * r * r + r + 1.0f;
    const LaneInts bits = (n + 127) << 23;
    Lanes two_to_n;
    std::memcpy(&two_to_n, &bits, sizeof two_to_n);
    return x < -87.0f ? broadcast(0.0f) : y * two_to_n;
}

// 2^x lane by lane for x <= 0 (a little above 0 is fine), 0 below -126
// (where float's 2^x is denormal): x = n + r with |r| <= 1/2 and the degree-6
// polynomial of Cephes' exp2f (S. L. Moshier, Cephes Math Library, exp2f.c);
// relative error ~2e-7. Fewer operations than exp_lanes: the attention kernel
// takes its logits in base 2.
GSATTN_INLINE Lanes exp2_lanes(Lanes x) {
    const LaneInts n = __builtin_convertvector(x - 0.5f, LaneInts);  // rounds toward 0: x - n in (-1/2, 1/2]
    const Lanes r = x - __builtin_convertvector(n, Lanes);
    Lanes p = broadcast(1.535336188319500e-4f);
    p = p * r + 1.339887440266574e-3f;
    p = p * r + 9.618437357674640e-3f;
    p = p * r + 5.550332471162809e-2f;
    p = p * r + 2.402264791363012e-1f;
    p = p * r + 6.931472028550421e-1f;
    const Lanes y = p * r + 1.0f;
    const LaneInts bits = (n + 127) << 23;
    Lanes two_to_n;
    std::memcpy(&two_to_n, &bits, sizeof two_to_n);
    return x < -126.0f ? broadcast(0.0f) : y * two_to_n;
}

// out[c * columns + offset + j] = rows[j * dim + c] for j < n; zeros elsewhere.
GSATTN_INLINE void transpose_padded(const float* rows, int64_t n, int64_t dim, int64_t columns, int64_t offset,
                                    std::vector<float>& out) {
    out.assign(static_cast<size_t>(dim * columns), 0.0f);
    for (int64_t j = 0; j < n; ++j)
        for (int64_t c = 0; c < dim; ++c) out[c * columns + offset + j] = rows[j * dim + c];
}

}  // namespace gsattn
