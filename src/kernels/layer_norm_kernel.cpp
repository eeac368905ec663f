#include "gsattn/layer_norm_kernel.hpp"

#include <cmath>
#include <vector>

namespace gsattn {
namespace {

// Sums of a row in 8 interleaved partial sums, which GCC turns into one
// vector register's lanes without reordering anything itself.
constexpr std::int64_t kPartials = 8;

float row_sum(const float* x, std::int64_t width) {
    float partial[kPartials] = {};
    std::int64_t i = 0;
    for (; i + kPartials <= width; i += kPartials)
        for (std::int64_t j = 0; j < kPartials; ++j) partial[j] += x[i + j];
    float sum = 0;
    for (std::int64_t j = 0; j < kPartials; ++j) sum += partial[j];
    for (; i < width; ++i) sum += x[i];
    return sum;
}

}  // namespace

void residual_layer_norm(const float* a, const float* b, const float* weight, const float* bias, float* out,
                         std::int64_t rows, std::int64_t width, float eps) {
    std::vector<float> v(static_cast<std::size_t>(width)), squares(static_cast<std::size_t>(width));
    const auto n = static_cast<float>(width);
    for (std::int64_t r = 0; r < rows; ++r, a += width, b += width, out += width) {
        for (std::int64_t i = 0; i < width; ++i) v[i] = a[i] + b[i];
        const float mean = row_sum(v.data(), width) / n;
        for (std::int64_t i = 0; i < width; ++i) {
            v[i] -= mean;
            squares[i] = v[i] * v[i];
        }
        const float scale = 1.0f / std::sqrt(row_sum(squares.data(), width) / n + eps);
        for (std::int64_t i = 0; i < width; ++i) out[i] = v[i] * scale * weight[i] + bias[i];
    }
}

}  // namespace gsattn
