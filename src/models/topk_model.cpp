#include "gsattn/models/topk_model.hpp"

#include <cmath>

namespace gsattn {
namespace {

// Rows of `values` [B, L, F] at `index` [B, L, K] -> [B, L, K, F].
torch::Tensor gather_keys(const torch::Tensor& values, const torch::Tensor& index) {
    const auto B = index.size(0), L = index.size(1), K = index.size(2), F = values.size(2);
    return values.gather(1, index.reshape({B, L * K, 1}).expand({B, L * K, F})).view({B, L, K, F});
}

}  // namespace

TopKModelImpl::TopKModelImpl(const ModelConfig& c) : SequenceModelImpl(c), approximated_(approximated_heads(c)) {
    const int d = c.embedding_dim, head_dim = d / c.heads;
    stem_ = register_module("stem", InputStem(c));
    selector_ = register_module("selector", KeySelector(d, c.selector_rank, c.keys_per_query));
    qkv_ = register_module("qkv", torch::nn::Linear(d, 3 * d));
    approximators_ = register_module("approximators", torch::nn::ModuleList());
    for (bool approximated : approximated_)
        if (approximated)
            approximators_->push_back(torch::nn::Sequential(
                torch::nn::Linear(c.keys_per_query * head_dim, c.approximator_hidden), torch::nn::GELU(),
                torch::nn::Linear(c.approximator_hidden, head_dim)));
    project_ = register_module("project", torch::nn::Linear(d, d));
    norm_ = register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({d})));
    head_ = register_module("head", RegressionHead(2 * d * c.position_bins, c.head_hidden));
}

torch::Tensor TopKModelImpl::head_outputs(const torch::Tensor& x, const KeyChoice& choice) {
    const auto B = x.size(0), L = x.size(1), d = x.size(2);
    const int H = config().heads;
    const auto head_dim = d / H;
    const auto K = choice.keys.size(2);
    const auto qkv = qkv_(x).chunk(3, -1);
    const auto q = qkv[0].view({B, L, H, head_dim});
    const auto values = gather_keys(qkv[2], choice.keys).view({B, L, K, H, head_dim});
    // A query with fewer than K candidates (a sequence shorter than K + 1)
    // gives its invalid keys no weight; a padded query, whose output pooling
    // ignores, averages its invalid keys instead of dividing by zero.
    const auto logit_bias = choice.scores.masked_fill(~choice.valid, -1e9);  // [B, L, K]
    const auto gate = torch::sigmoid(choice.scores).masked_fill(~choice.valid, 0).unsqueeze(-1);

    std::vector<std::int64_t> exact;
    for (int h = 0; h < H; ++h)
        if (!approximated_[h]) exact.push_back(h);
    torch::Tensor exact_out;
    if (!exact.empty()) {
        const auto index = torch::tensor(exact, torch::kLong);
        const auto keys = gather_keys(qkv[1], choice.keys).view({B, L, K, H, head_dim}).index_select(3, index);
        const auto logits = torch::einsum("blhe,blkhe->blhk", {q.index_select(2, index), keys}) /
                                std::sqrt(static_cast<double>(head_dim)) +
                            logit_bias.unsqueeze(2);
        exact_out = torch::einsum("blhk,blkhe->blhe", {torch::softmax(logits, -1), values.index_select(3, index)});
    }
    std::vector<torch::Tensor> heads;
    std::size_t next_exact = 0, next_approximator = 0;
    for (int h = 0; h < H; ++h) {
        if (!approximated_[h]) {
            heads.push_back(exact_out.select(2, static_cast<std::int64_t>(next_exact++)));
            continue;
        }
        const auto inputs = (values.select(3, h) * gate).reshape({B, L, K * head_dim});
        heads.push_back(approximators_->ptr(next_approximator++)->as<torch::nn::Sequential>()->forward(inputs));
    }
    return torch::stack(heads, 2);  // [B, L, H, head_dim]
}

torch::Tensor TopKModelImpl::forward(const torch::Tensor& tokens, const torch::Tensor& mask) {
    const auto x = stem_(tokens, mask);  // [B, L, d]
    const auto attended = project_(head_outputs(x, selector_(x, mask)).flatten(2));
    const auto y = norm_(x + attended);
    return head_(positional_mean_max(y, mask, config().position_bins));
}

torch::Tensor TopKModelImpl::selector_scores(const torch::Tensor& tokens, const torch::Tensor& mask) {
    torch::NoGradGuard no_grad;
    const auto x = stem_(tokens, mask);
    const auto choice = selector_(x, mask);
    const auto B = x.size(0), L = x.size(1);
    auto chosen = torch::zeros({B, L}, x.options());
    chosen.scatter_add_(1, choice.keys.reshape({B, -1}), choice.valid.reshape({B, -1}).to(x.scalar_type()));
    const auto queries = mask.sum(1, /*keepdim=*/true).to(x.scalar_type());
    const auto share = (chosen + 0.5) / (queries + 1);
    return torch::log(share / (1 - share)).masked_fill(~mask, -INFINITY);
}

}  // namespace gsattn
