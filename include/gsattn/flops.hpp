// Floating-point operations per sequence of length L, counted analytically
// (a multiply-add is 2 operations) the way the seed study's compute
// analysis counts them: projections, query-key products, softmax, value
// products, selector, approximator, convolutions, pooling and head.
#pragma once

#include <cstdint>

#include "gsattn/model_config.hpp"

namespace gsattn {

double flops_per_sequence(const ModelConfig& config, std::int64_t length);

}  // namespace gsattn
