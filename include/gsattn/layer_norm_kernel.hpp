// A residual connection and layer normalisation in one pass over plain
// float rows: what the input stem does after each convolution when it
// predicts (models/layers.cpp). LibTorch's add and LayerNorm are two passes
// and two new tensors, and its LayerNorm spends more on each short row
// (d = 32) than on its arithmetic.
#pragma once

#include <cstdint>

namespace gsattn {

// out[r] = (v - mean(v)) / sqrt(var(v) + eps) x weight + bias, v = a[r] + b[r],
// for `rows` rows of `width` floats (variance over the row, not unbiased).
// out may be b.
void residual_layer_norm(const float* a, const float* b, const float* weight, const float* bias, float* out,
                         std::int64_t rows, std::int64_t width, float eps);

}  // namespace gsattn
