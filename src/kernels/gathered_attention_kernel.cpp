#include "gsattn/gathered_attention_kernel.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace gsattn {

void gathered_attention_forward(const GatheredAttentionShape& s, const float* q, const float* k, const float* v,
                                const int64_t* index, const float* bias, const bool* exact, int64_t first,
                                int64_t last, float* out) {
    const int64_t K = s.keys_per_query, row = s.heads * s.dim;
    std::vector<float> weights(static_cast<size_t>(K));
    for (int64_t i = first; i < last; ++i) {
        const int64_t* keys = index + i * K;
        const float* key_bias = bias + i * K;
        for (int64_t h = 0; h < s.heads; ++h) {
            if (!exact[h]) continue;
            const float* query = q + i * row + h * s.dim;
            for (int64_t j = 0; j < K; ++j) {
                const float* key = k + keys[j] * row + h * s.dim;
                float dot = 0;
                for (int64_t c = 0; c < s.dim; ++c) dot += query[c] * key[c];
                weights[j] = dot * s.scale + key_bias[j];
            }
            const float largest = *std::max_element(weights.begin(), weights.end());
            float total = 0;
            for (int64_t j = 0; j < K; ++j) total += weights[j] = std::exp(weights[j] - largest);
            float* result = out + i * row + h * s.dim;
            std::fill_n(result, s.dim, 0.0f);
            for (int64_t j = 0; j < K; ++j) {
                const float* value = v + keys[j] * row + h * s.dim;
                const float w = weights[j] / total;
                for (int64_t c = 0; c < s.dim; ++c) result[c] += w * value[c];
            }
        }
    }
}

}  // namespace gsattn
