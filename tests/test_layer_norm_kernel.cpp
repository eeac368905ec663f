// The stem's residual + layer normalisation kernel against the formula in
// double precision.
#include <cmath>
#include <vector>

#include <doctest/doctest.h>

#include "gsattn/layer_norm_kernel.hpp"
#include "gsattn/random.hpp"

using namespace gsattn;

TEST_CASE("residual_layer_norm: each row of a + b normalised, scaled and shifted, also written over b") {
    for (const std::int64_t width : {32, 7}) {  // 7: not a whole number of partial sums
        INFO("width ", width);
        const std::int64_t rows = 5;
        Rng rng(3);
        const auto uniform = [&rng] { return static_cast<float>(rng.uniform() * 4 - 2); };
        std::vector<float> a(rows * width), b(rows * width), weight(width), bias(width), out(rows * width);
        for (auto* v : {&a, &b, &weight, &bias})
            for (float& x : *v) x = uniform();
        a[3] += 100;  // a large mean: the variance is taken about it
        const float eps = 1e-5f;
        residual_layer_norm(a.data(), b.data(), weight.data(), bias.data(), out.data(), rows, width, eps);
        for (std::int64_t r = 0; r < rows; ++r) {
            double mean = 0, variance = 0;
            for (std::int64_t i = 0; i < width; ++i) mean += double(a[r * width + i]) + b[r * width + i];
            mean /= double(width);
            for (std::int64_t i = 0; i < width; ++i)
                variance += std::pow(double(a[r * width + i]) + b[r * width + i] - mean, 2);
            variance /= double(width);
            for (std::int64_t i = 0; i < width; ++i) {
                const double v = double(a[r * width + i]) + b[r * width + i];
                const double expected = (v - mean) / std::sqrt(variance + eps) * weight[i] + bias[i];
                CHECK(out[r * width + i] == doctest::Approx(expected).epsilon(1e-5));
            }
        }
        std::vector<float> in_place = b;
        residual_layer_norm(a.data(), in_place.data(), weight.data(), bias.data(), in_place.data(), rows, width, eps);
        CHECK(in_place == out);
    }
}
