#include "gsattn/models/topk_model.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <memory>
#include <string_view>

#include <fmt/format.h>

#include "gsattn/error.hpp"
#include "gsattn/models/gathered_attention.hpp"

namespace gsattn {

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
    const auto qkv = qkv_(x).chunk(3, -1);
    const auto B = x.size(0), L = x.size(1);
    // Without gradients, queries go a block at a time, about 4,096 of the
    // batch's queries per block: the approximated heads' [K, d/H] copies of
    // the chosen values stay small enough to be reused from cache and the
    // allocator rather than mapped afresh (at 10 kbp, most of the time went
    // to page faults before), and a batch of short sequences does not hold
    // them for all its queries at once.
    constexpr std::int64_t kBatchQueries = 4096;
    const std::int64_t query_block = std::max<std::int64_t>(1, kBatchQueries / B);
    if (torch::GradMode::is_enabled()) return attend(qkv[0], qkv[1], qkv[2], choice);
    // Contiguous once: the kernel and the approximated heads read them in place.
    const auto keys = qkv[1].contiguous(), values = qkv[2].contiguous();
    if (L <= query_block) return attend(qkv[0], keys, values, choice);
    std::vector<torch::Tensor> blocks;
    for (std::int64_t from = 0; from < L; from += query_block) {
        const auto n = std::min(query_block, L - from);
        const KeyChoice part{choice.keys.narrow(1, from, n), choice.scores.narrow(1, from, n),
                             choice.valid.narrow(1, from, n)};
        blocks.push_back(attend(qkv[0].narrow(1, from, n), keys, values, part));
    }
    return torch::cat(blocks, 1);
}

torch::Tensor TopKModelImpl::attend(const torch::Tensor& queries, const torch::Tensor& keys,
                                    const torch::Tensor& values, const KeyChoice& choice) {
    const auto B = queries.size(0), Q = queries.size(1), d = queries.size(2);
    const int H = config().heads;
    const auto head_dim = d / H;
    const auto K = choice.keys.size(2);
    const auto bias = choice.scores.masked_fill(~choice.valid, -1e9);  // the selector's score, none for invalid keys
    // A query with fewer than K candidates (a sequence shorter than K + 1)
    // gives its invalid keys no weight; a padded query, whose output pooling
    // ignores, averages its invalid keys instead of dividing by zero.
    const auto gate = torch::sigmoid(choice.scores).masked_fill(~choice.valid, 0).unsqueeze(-1);

    std::vector<bool> exact_heads(approximated_.size());
    for (std::size_t h = 0; h < approximated_.size(); ++h) exact_heads[h] = !approximated_[h];
    const bool any_exact = std::find(exact_heads.begin(), exact_heads.end(), true) != exact_heads.end();
    // Made contiguous once (already so without gradients): the kernel reads
    // it in place, and an approximated head reads only its own chosen
    // values, row key x H + h of it seen as [B, N x H, dh].
    const auto value_rows = values.contiguous();
    // [B, Q, H, dh]; the approximated heads' entries zero and unused.
    const auto exact = any_exact ? gathered_attention(queries, keys, value_rows, choice.keys, bias, exact_heads)
                                 : torch::Tensor();
    const auto head_rows = value_rows.view({B, -1, head_dim});
    std::vector<torch::Tensor> heads;
    std::size_t next_approximator = 0;
    for (int h = 0; h < H; ++h) {
        if (!approximated_[h]) {
            heads.push_back(exact.select(2, h));
            continue;
        }
        const auto chosen = gather_positions(head_rows, choice.keys * H + h);  // [B, Q, K, dh]
        const auto inputs = (chosen * gate).reshape({B, Q, K * head_dim});
        heads.push_back(approximators_->ptr(next_approximator++)->as<torch::nn::Sequential>()->forward(inputs));
    }
    return torch::stack(heads, 2);  // [B, Q, H, head_dim]
}

TopKModelImpl::Pass TopKModelImpl::run(const torch::Tensor& tokens, const torch::Tensor& mask) {
    Pass pass;
    const auto x = stem_(tokens, mask);  // [B, L, d]
    pass.candidates = selector_->candidates(x, mask);
    pass.choice = selector_->choose(pass.candidates);
    pass.heads = head_outputs(x, pass.choice);
    const auto y = norm_(x + project_(pass.heads.flatten(2)));
    pass.output = head_(positional_mean_max(y, mask, config().position_bins));
    return pass;
}

torch::Tensor TopKModelImpl::forward(const torch::Tensor& tokens, const torch::Tensor& mask) {
    return run(tokens, mask).output;
}

torch::Tensor TopKModelImpl::approximated_of(const torch::Tensor& heads) const {
    std::vector<std::int64_t> index;
    for (std::size_t h = 0; h < approximated_.size(); ++h)
        if (approximated_[h]) index.push_back(static_cast<std::int64_t>(h));
    return heads.index_select(2, torch::tensor(index, torch::kLong));
}

void TopKModelImpl::learn_from(std::shared_ptr<FullModelImpl> teacher) {
    // The settings that shape what is copied.
    constexpr std::string_view kShared[] = {"embedding_dim", "heads",       "conv_width",
                                            "stem_layers",   "head_hidden", "position_bins"};
    for (const auto& field : model_fields()) {
        if (std::find(std::begin(kShared), std::end(kShared), field.key) == std::end(kShared)) continue;
        const double student = field_value(config(), field), master = field_value(teacher->config(), field);
        if (student != master)
            throw Error(fmt::format("the teacher's {} is {} and the student's {}: a topk model learns from a full "
                                    "model of the same shape (train it with {} {})",
                                    field.key, master, student, option_name(field), master));
    }
    torch::NoGradGuard no_grad;
    const auto copy = [](torch::nn::Module& to, torch::nn::Module& from) {
        const auto source = from.named_parameters();
        for (auto& p : to.named_parameters()) p.value().copy_(source[p.key()]);
        const auto source_buffers = from.named_buffers();
        for (auto& b : to.named_buffers()) b.value().copy_(source_buffers[b.key()]);
    };
    copy(*stem_, *teacher->stem_);
    copy(*project_, *teacher->attention_->output);
    copy(*norm_, *teacher->norm_);
    copy(*head_, *teacher->head_);
    const auto& a = teacher->attention_;
    qkv_->weight.copy_(torch::cat({a->query->weight, a->key->weight, a->value->weight}, 0));
    qkv_->bias.copy_(torch::cat({a->query->bias, a->key->bias, a->value->bias}, 0));
    teacher_ = std::move(teacher);
    teacher_->eval();
    for (auto& p : teacher_->parameters()) p.set_requires_grad(false);
}

std::vector<SequenceModelImpl::WeightedOutput> TopKModelImpl::training_outputs(const torch::Tensor& tokens,
                                                                              const torch::Tensor& mask) {
    const Pass pass = run(tokens, mask);
    if (!teacher_) return {{pass.output, 1.0}};
    AttentionTrace taught;
    {
        torch::NoGradGuard no_grad;
        taught = teacher_->trace(tokens, mask);
    }
    const DistillationLosses losses = distillation_losses(pass.candidates, taught.weights, mask,
                                                          approximated_of(pass.heads), approximated_of(taught.heads));
    return {{pass.output, 1.0},
            {losses.selector, 1.0, true},
            {losses.tokens, 1.0, true},
            {losses.approximator, 1.0, true}};
}

void TopKModelImpl::compare_with_teacher(const torch::Tensor& tokens, const torch::Tensor& mask,
                                         TeacherAgreement& agreement) {
    torch::NoGradGuard no_grad;
    const Pass pass = run(tokens, mask);
    const AttentionTrace taught = teacher_->trace(tokens, mask);
    agreement.add(pass.candidates, pass.choice, taught.weights, mask, approximated_of(pass.heads),
                  approximated_of(taught.heads), pass.output, taught.output);
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
