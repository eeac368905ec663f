// Floating-point operations per sequence of length L, counted analytically
// (a multiply-add is 2 operations) the way the seed study's compute
// analysis counts them: projections, query-key products, softmax, value
// products, selector, approximator, convolutions, pooling and head.
#pragma once

#include <cstdint>

#include "gsattn/model_config.hpp"

namespace gsattn {

double flops_per_sequence(const ModelConfig& config, std::int64_t length);

// Parts of that count, for timing the hot spots on their own (bench/roofline.cpp).
// The input stem's convolutions over `length` positions, each layer counted
// as d x d channels (the first too, which InputStem computes from the
// one-hot bases).
double stem_flops(const ModelConfig& config, std::int64_t length);
// One stem layer from `in_channels` channels to d: convolution, bias, GELU,
// residual and norm.
double stem_layer_flops(const ModelConfig& config, std::int64_t length, int in_channels);
// Attention of `queries` over `keys` each, d the dimensions of all `heads`
// together: query-key products, softmax (~3 per entry), weighted values.
double attention_core_flops(double queries, double keys, double d, double heads);
// The sparse model's approximator on its kept positions (the projection to
// Q, K and V included), or the topk model's approximated heads (gate and
// MLP); 0 for the other kinds.
double approximator_flops(const ModelConfig& config, std::int64_t length);

}  // namespace gsattn
