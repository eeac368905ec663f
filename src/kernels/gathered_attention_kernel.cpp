#include "gsattn/gathered_attention_kernel.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace gsattn {
namespace {

float dot(const float* a, const float* b, int64_t n) {
    float sum = 0;
    for (int64_t c = 0; c < n; ++c) sum += a[c] * b[c];
    return sum;
}

// Query i's logits for head h over its K keys: q.k x scale + bias.
void logits_of(const GatheredAttentionShape& s, const float* q, const float* k, const int64_t* keys,
               const float* key_bias, int64_t i, int64_t h, std::vector<float>& logits) {
    const int64_t row = s.heads * s.dim;
    const float* query = q + i * row + h * s.dim;
    for (int64_t j = 0; j < s.keys_per_query; ++j)
        logits[j] = dot(query, k + keys[j] * row + h * s.dim, s.dim) * s.scale + key_bias[j];
}

}  // namespace

void gathered_attention_forward(const GatheredAttentionShape& s, const float* q, const float* k, const float* v,
                                const int64_t* index, const float* bias, const bool* exact, int64_t first,
                                int64_t last, float* out, float* log_sum_exp) {
    const int64_t K = s.keys_per_query, row = s.heads * s.dim;
    std::vector<float> weights(static_cast<size_t>(K));
    for (int64_t i = first; i < last; ++i) {
        const int64_t* keys = index + i * K;
        for (int64_t h = 0; h < s.heads; ++h) {
            if (!exact[h]) continue;
            logits_of(s, q, k, keys, bias + i * K, i, h, weights);
            const float largest = *std::max_element(weights.begin(), weights.end());
            float total = 0;
            for (int64_t j = 0; j < K; ++j) total += weights[j] = std::exp(weights[j] - largest);
            if (log_sum_exp) log_sum_exp[i * s.heads + h] = largest + std::log(total);
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

void gathered_attention_backward(const GatheredAttentionShape& s, const float* q, const float* k, const float* v,
                                 const int64_t* index, const float* bias, const bool* exact, const float* out,
                                 const float* log_sum_exp, const float* grad_out, int64_t queries, float* grad_q,
                                 float* grad_k, float* grad_v, float* grad_bias) {
    const int64_t K = s.keys_per_query, row = s.heads * s.dim;
    std::vector<float> weights(static_cast<size_t>(K));
    std::fill_n(grad_q, queries * row, 0.0f);
    std::fill_n(grad_bias, queries * K, 0.0f);
    for (int64_t i = 0; i < queries; ++i) {
        const int64_t* keys = index + i * K;
        for (int64_t h = 0; h < s.heads; ++h) {
            if (!exact[h]) continue;
            const int64_t at = i * row + h * s.dim;
            logits_of(s, q, k, keys, bias + i * K, i, h, weights);
            // dL/dlogit_j = p_j (dO.v_j - dO.out).
            const float through_out = dot(grad_out + at, out + at, s.dim);
            for (int64_t j = 0; j < K; ++j) {
                const float p = std::exp(weights[j] - log_sum_exp[i * s.heads + h]);
                const int64_t key = keys[j] * row + h * s.dim;
                const float d_logit = p * (dot(grad_out + at, v + key, s.dim) - through_out);
                grad_bias[i * K + j] += d_logit;
                const float d_dot = d_logit * s.scale;
                for (int64_t c = 0; c < s.dim; ++c) {
                    grad_q[at + c] += d_dot * k[key + c];
                    grad_k[key + c] += d_dot * q[at + c];
                    grad_v[key + c] += p * grad_out[at + c];
                }
            }
        }
    }
}

}  // namespace gsattn
