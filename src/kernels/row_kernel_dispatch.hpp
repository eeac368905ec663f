// A row kernel of attention (attention_kernel.hpp) compiled twice, for
// AVX2 + FMA and for baseline x86-64, the copy picked at run time; and one
// compiled copy per common head size.
#pragma once

#include "gsattn/attention_kernel.hpp"

#if defined(__x86_64__) && defined(__GNUC__)
#define GSATTN_INLINE inline __attribute__((always_inline))
#define GSATTN_AVX2 __attribute__((target("avx2,fma")))
#define GSATTN_HAS_AVX2 1
#else
#define GSATTN_INLINE inline
#endif

// The common head sizes get their own compiled copy (d = 32 with 4 heads: 8).
#define GSATTN_BY_DIM(body, ...)                        \
    switch (s.dim) {                                    \
        case 8: return body<8>(__VA_ARGS__);            \
        case 16: return body<16>(__VA_ARGS__);          \
        default: return body<0>(__VA_ARGS__);           \
    }

#define GSATTN_FORWARD_PARAMETERS                                                                     \
    const AttentionRowShape &s, const float *q, const float *k, const float *v, float *out, float *lse, \
        AttentionScratch &scratch
#define GSATTN_BACKWARD_PARAMETERS                                                                      \
    const AttentionRowShape &s, const float *q, const float *k, const float *v, const float *out,       \
        const float *lse, const float *grad_out, float *grad_q, float *grad_k, float *grad_v,           \
        AttentionScratch &scratch
#define GSATTN_FORWARD_ARGUMENTS s, q, k, v, out, lse, scratch
#define GSATTN_BACKWARD_ARGUMENTS s, q, k, v, out, lse, grad_out, grad_q, grad_k, grad_v, scratch

// Defines `void forward(...)` and `void backward(...)`, with the parameters
// of attention_row_forward/backward, from the templates forward_body<Dim>
// and backward_body<Dim> of the file that uses it.
#ifdef GSATTN_HAS_AVX2
#define GSATTN_ROW_KERNEL_ENTRY_POINTS(forward, backward)                                                   \
    GSATTN_AVX2 static void forward##_avx2(GSATTN_FORWARD_PARAMETERS) {                                    \
        GSATTN_BY_DIM(forward_body, GSATTN_FORWARD_ARGUMENTS);                                             \
    }                                                                                                      \
    GSATTN_AVX2 static void backward##_avx2(GSATTN_BACKWARD_PARAMETERS) {                                  \
        GSATTN_BY_DIM(backward_body, GSATTN_BACKWARD_ARGUMENTS);                                           \
    }                                                                                                      \
    void forward(GSATTN_FORWARD_PARAMETERS) {                                                              \
        if (cpu_has_avx2()) return forward##_avx2(GSATTN_FORWARD_ARGUMENTS);                               \
        GSATTN_BY_DIM(forward_body, GSATTN_FORWARD_ARGUMENTS);                                             \
    }                                                                                                      \
    void backward(GSATTN_BACKWARD_PARAMETERS) {                                                            \
        if (cpu_has_avx2()) return backward##_avx2(GSATTN_BACKWARD_ARGUMENTS);                             \
        GSATTN_BY_DIM(backward_body, GSATTN_BACKWARD_ARGUMENTS);                                           \
    }
#else
#define GSATTN_ROW_KERNEL_ENTRY_POINTS(forward, backward)                                                   \
    void forward(GSATTN_FORWARD_PARAMETERS) { GSATTN_BY_DIM(forward_body, GSATTN_FORWARD_ARGUMENTS); }     \
    void backward(GSATTN_BACKWARD_PARAMETERS) { GSATTN_BY_DIM(backward_body, GSATTN_BACKWARD_ARGUMENTS); }
#endif

namespace gsattn {

#ifdef GSATTN_HAS_AVX2
inline bool cpu_has_avx2() {
    static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return has;
}
#endif

}  // namespace gsattn
