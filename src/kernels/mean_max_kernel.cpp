#include "gsattn/mean_max_kernel.hpp"

#include <vector>

namespace gsattn {

std::int64_t mean_max_forward(const float* x, const bool* keep, std::int64_t length, std::int64_t width,
                              float* mean, float* max, std::int32_t* arg) {
    std::vector<double> sum(static_cast<std::size_t>(width), 0.0);
    for (std::int64_t f = 0; f < width; ++f) {
        max[f] = kEmptyMax;
        arg[f] = -1;
    }
    std::int64_t kept = 0;
    for (std::int64_t l = 0; l < length; ++l, x += width) {
        if (keep && !keep[l]) continue;
        ++kept;
        const auto row = static_cast<std::int32_t>(l);
        // Written without branches so that the loop vectorises; a strictly
        // greater value moves the maximum, so ties keep the first row.
        for (std::int64_t f = 0; f < width; ++f) {
            const float v = x[f];
            sum[f] += v;
            const bool greater = v > max[f] || arg[f] < 0;
            max[f] = greater ? v : max[f];
            arg[f] = greater ? row : arg[f];
        }
    }
    for (std::int64_t f = 0; f < width; ++f) mean[f] = kept > 0 ? static_cast<float>(sum[f] / kept) : 0.0f;
    return kept;
}

void mean_max_backward(const float* grad_mean, const float* grad_max, const std::int32_t* arg, const bool* keep,
                       std::int64_t kept, std::int64_t length, std::int64_t width, float* grad_x) {
    std::vector<float> share(static_cast<std::size_t>(width));
    for (std::int64_t f = 0; f < width; ++f) share[f] = kept > 0 ? grad_mean[f] / static_cast<float>(kept) : 0.0f;
    for (std::int64_t l = 0; l < length; ++l, grad_x += width) {
        const bool kept_row = !keep || keep[l];
        const auto row = static_cast<std::int32_t>(l);
        for (std::int64_t f = 0; f < width; ++f)
            grad_x[f] = (kept_row ? share[f] : 0.0f) + (arg[f] == row ? grad_max[f] : 0.0f);
    }
}

}  // namespace gsattn
