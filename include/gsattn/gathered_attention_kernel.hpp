// Attention of each query over its own K keys (the topk model's exact
// heads), forward only, on plain float arrays: for every query and head,
// softmax over the K keys of q.k x scale + the key's bias, times the keys'
// values, without copying the chosen keys and values out ([Q, K, d] each)
// as the differentiable LibTorch form does. models/topk_model.cpp uses it
// when no gradient is needed.
#pragma once

#include <cstdint>

namespace gsattn {

struct GatheredAttentionShape {
    int64_t positions = 0;       // rows of k and v
    int64_t keys_per_query = 0;  // K
    int64_t heads = 0;           // H; each row holds H x dim floats
    int64_t dim = 0;             // dh
    float scale = 1;             // applied to q.k before the bias is added
};

// For queries [first, last) of one sequence. q and out: [queries, H x dh];
// k, v: [positions, H x dh]; index and bias: [queries, K] (each query's key
// positions, all < positions, and the logit added to each: finite, e.g.
// -1e9 for a key to ignore); exact: [H], the
// heads to compute (the others' columns of out are left as they are).
void gathered_attention_forward(const GatheredAttentionShape& shape, const float* q, const float* k,
                                const float* v, const int64_t* index, const float* bias, const bool* exact,
                                int64_t first, int64_t last, float* out);

}  // namespace gsattn
