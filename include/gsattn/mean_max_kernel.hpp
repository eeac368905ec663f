// Mean and max pooling over a sequence's positions in one pass over plain
// float rows, and its gradient in one pass: what every model's head pools
// (models/layers.cpp, masked_mean_max). LibTorch's max over a dimension
// with its indices takes about 20 times as long as the sum beside it, and
// the gradient of the two would be a zero fill, a scatter and a sum.
#pragma once

#include <cstdint>

namespace gsattn {

// The fill of a max over no kept position.
inline constexpr float kEmptyMax = -1e9f;

// One sequence, x: `length` rows of `width` floats; keep: `length` flags, or
// nullptr for all. mean[f]: the kept rows' mean (sums in double; 0 when none
// is kept); max[f]: their maximum, kEmptyMax when none; arg[f]: the first
// kept row holding it, -1 when none. Returns the number of kept rows.
std::int64_t mean_max_forward(const float* x, const bool* keep, std::int64_t length, std::int64_t width,
                              float* mean, float* max, std::int32_t* arg);

// The gradient of mean_max_forward for the same sequence:
// grad_x[l][f] = keep[l] x grad_mean[f] / kept + (arg[f] == l) x grad_max[f].
void mean_max_backward(const float* grad_mean, const float* grad_max, const std::int32_t* arg, const bool* keep,
                       std::int64_t kept, std::int64_t length, std::int64_t width, float* grad_x);

}  // namespace gsattn
