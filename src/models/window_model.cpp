#include "gsattn/models/window_model.hpp"

#include <cmath>

namespace gsattn {

WindowModelImpl::WindowModelImpl(const ModelConfig& c) : SequenceModelImpl(c) {
    const int d = c.embedding_dim;
    stem_ = register_module("stem", InputStem(d, c.conv_width));
    globals_ = register_parameter("globals", torch::randn({std::max(c.global_tokens, 1), d}) * 0.02);
    global_read_ = register_module(
        "global_read", torch::nn::MultiheadAttention(torch::nn::MultiheadAttentionOptions(d, c.heads)));
    query_ = register_module("query", torch::nn::Linear(d, d));
    key_ = register_module("key", torch::nn::Linear(d, d));
    value_ = register_module("value", torch::nn::Linear(d, d));
    output_ = register_module("output", torch::nn::Linear(d, d));
    norm_ = register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({d})));
    head_ = register_module("head", RegressionHead(2 * d, c.head_hidden));
}

torch::Tensor WindowModelImpl::forward(const torch::Tensor& tokens, const torch::Tensor& mask) {
    const auto x = stem_(tokens, mask);                        // [B, L, d]
    const int64_t B = x.size(0), L = x.size(1), d = x.size(2);
    const int64_t H = config().heads, dh = d / H;
    const int64_t G = globals_.size(0);
    // Each sequence's window follows from its own length, not the padded one,
    // so that a prediction does not depend on the sequences batched with it:
    // W covers the widest; keys outside a sequence's own window are masked.
    const auto lengths = mask.sum(1).to(torch::kCPU);
    std::vector<int64_t> own_half(B);
    int64_t W = 1;
    for (int64_t b = 0; b < B; ++b) {
        const int64_t n = lengths[b].item<int64_t>();
        const int64_t w = std::min<int64_t>(window_keys(config(), n) | 1, 2 * n + 1);  // odd: centred
        own_half[b] = w / 2;
        W = std::max(W, w);
    }
    const int64_t half = W / 2;

    // Global tokens read the whole sequence: [G, B, d].
    const auto seq_first = x.transpose(0, 1);
    const auto globals = std::get<0>(global_read_(globals_.unsqueeze(1).expand({G, B, d}), seq_first,
                                                  seq_first, mask.logical_not(), false));

    // Local keys: the W positions centred on each query, [B, L, W, d].
    namespace F = torch::nn::functional;
    const auto pad = [&](const torch::Tensor& t) {  // [B, L, d] -> [B, L + 2 half, d]
        return F::pad(t.transpose(1, 2), F::PadFuncOptions({half, half})).transpose(1, 2);
    };
    const auto windows = [&](const torch::Tensor& t) {  // -> [B, L, W, d]
        return pad(t).unfold(1, W, 1).permute({0, 1, 3, 2});
    };
    const auto local_ok = F::pad(mask.to(torch::kFloat), F::PadFuncOptions({half, half}))
                              .unfold(1, W, 1)
                              .to(torch::kBool)                        // [B, L, W]
                              .logical_and(torch::arange(-half, half + 1, torch::kLong).abs().view({1, 1, W}) <=
                                           torch::tensor(own_half, torch::kLong).view({B, 1, 1}));
    const auto gk = key_(globals.transpose(0, 1));                      // [B, G, d]
    const auto gv = value_(globals.transpose(0, 1));
    const auto keys = torch::cat({windows(key_(x)), gk.unsqueeze(1).expand({B, L, G, d})}, 2);
    const auto values = torch::cat({windows(value_(x)), gv.unsqueeze(1).expand({B, L, G, d})}, 2);
    const auto allowed = torch::cat({local_ok, torch::ones({B, L, G}, torch::kBool)}, 2);  // [B, L, W+G]

    const auto q = query_(x).view({B, L, H, 1, dh});
    const auto k = keys.view({B, L, W + G, H, dh}).transpose(2, 3);    // [B, L, H, W+G, dh]
    const auto v = values.view({B, L, W + G, H, dh}).transpose(2, 3);
    auto logits = (q * k).sum(-1) / std::sqrt(static_cast<double>(dh));  // [B, L, H, W+G]
    logits = logits.masked_fill(allowed.unsqueeze(2).logical_not(), -1e9);
    const auto weights = torch::softmax(logits, -1).unsqueeze(-1);     // [B, L, H, W+G, 1]
    const auto attended = (weights * v).sum(3).reshape({B, L, d});     // [B, L, d]
    const auto y = norm_(x + output_(attended));
    return head_(masked_mean_max(y, mask));
}

}  // namespace gsattn
