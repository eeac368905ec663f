#include "gsattn/models/layers.hpp"

#include <limits>
#include <vector>

#include "gsattn/alphabet.hpp"
#include "gsattn/layer_norm_kernel.hpp"
#include "gsattn/mean_max_kernel.hpp"

namespace gsattn {

InputStemImpl::InputStemImpl(const ModelConfig& c) {
    const int d = c.embedding_dim;
    dropout = c.dropout;
    embedding = register_module(
        "embedding", torch::nn::Embedding(torch::nn::EmbeddingOptions(kAlphabetSize, d)
                                              .padding_idx(static_cast<int>(Base::PAD))));
    contexts = register_module("contexts", torch::nn::ModuleList());
    norms = register_module("norms", torch::nn::ModuleList());
    for (int layer = 0; layer < c.stem_layers; ++layer) {
        const int dilation = 1 << layer;
        contexts->push_back(torch::nn::Conv1d(
            torch::nn::Conv1dOptions(d, d, c.conv_width).dilation(dilation).padding(dilation * (c.conv_width / 2))));
        norms->push_back(torch::nn::LayerNorm(torch::nn::LayerNormOptions({d})));
    }
}

namespace {

thread_local bool per_shape_convolutions = false;

}  // namespace

PerShapeConvolutions::PerShapeConvolutions(bool enabled) : before_(per_shape_convolutions) {
    per_shape_convolutions = enabled;
}

PerShapeConvolutions::~PerShapeConvolutions() { per_shape_convolutions = before_; }

torch::Tensor convolve_positions(const torch::Tensor& x, const torch::Tensor& weight, const torch::Tensor& bias,
                                 std::int64_t dilation) {
    namespace F = torch::nn::functional;
    const std::int64_t padding = dilation * (weight.size(2) / 2);
    if (torch::GradMode::is_enabled() || per_shape_convolutions) {
        const std::vector<std::int64_t> stride{1, 1}, pad{0, padding}, dilate{1, dilation};
        return torch::conv2d(x.transpose(1, 2).unsqueeze(2), weight.unsqueeze(2), bias, stride, pad, dilate)
            .squeeze(2)
            .transpose(1, 2);
    }
    // The padded sequences end to end, [B x span, in]: output row r (of
    // sequence r / span, position r % span) is the sum over taps k of row
    // r + k x dilation times tap k's [in, out] matrix; the rows between two
    // sequences are computed and dropped.
    const std::int64_t batch = x.size(0), length = x.size(1), width = weight.size(2);
    const std::int64_t span = length + 2 * padding, rows = batch * span - 2 * padding;
    const auto padded = F::pad(x, F::PadFuncOptions({0, 0, padding, padding})).view({batch * span, -1});
    const auto taps = weight.permute({2, 1, 0}).contiguous();  // [width, in, out]
    auto out = torch::empty({batch * span, weight.size(0)}, x.options());
    // Blocks of rows to the threads; BLAS itself runs on one (threads.cpp).
    at::parallel_for(0, rows, 4096, [&](std::int64_t begin, std::int64_t end) {
        torch::NoGradGuard no_grad;  // grad mode is per thread
        auto sums = out.slice(0, begin, end);
        torch::addmm_out(sums, bias, padded.slice(0, begin, end), taps[0]);
        for (std::int64_t k = 1; k < width; ++k)
            sums.addmm_(padded.slice(0, begin + k * dilation, end + k * dilation), taps[k]);
    });
    return out.view({batch, span, -1}).slice(1, 0, length).contiguous();
}

namespace {

// keep's 1 (0 on padding) at each base's code: the masked one-hot in one
// pass, [B, L, V].
torch::Tensor masked_one_hot(const torch::Tensor& tokens, const torch::Tensor& keep) {
    return torch::zeros({tokens.size(0), tokens.size(1), kAlphabetSize}, keep.options())
        .scatter_(2, tokens.unsqueeze(-1), keep);
}

}  // namespace

// The first layer convolves the embeddings, which are a linear function of
// the one-hot bases. Folding the embedding table into the weights and
// convolving the one-hot input gives the same sums with kAlphabetSize instead
// of d input channels, and no gradient to compute for the input
// (docs/performance.md, Profiling). Without gradients the one-hot product is
// a lookup: each output is the sum of one folded column per tap, which
// embedding_bag adds up directly, where oneDNN would first build a
// convolution kernel for every new input shape (about 30 ms each).
torch::Tensor InputStemImpl::first_context(const torch::Tensor& tokens, const torch::Tensor& keep,
                                           const torch::Tensor& bases) {
    namespace F = torch::nn::functional;
    const auto& conv = contexts[0]->as<torch::nn::Conv1d>();
    const auto folded = torch::einsum("oik,vi->ovk", {conv->weight, embedding->weight});          // [d, V, w]
    if (torch::GradMode::is_enabled())
        return convolve_positions(bases.defined() ? bases : masked_one_hot(tokens, keep), folded, conv->bias, 1);
    // Code V stands for no base (padding, or beyond the ends): row V of each tap's table is zero.
    const std::int64_t width = folded.size(2), codes = kAlphabetSize + 1;
    const auto table = F::pad(folded.permute({2, 1, 0}), F::PadFuncOptions({0, 0, 0, 1}))  // [w, V + 1, d]
                           .reshape({width * codes, -1});
    const auto code = F::pad(tokens.masked_fill(keep.squeeze(-1) == 0, kAlphabetSize),
                             F::PadFuncOptions({width / 2, width / 2}).value(kAlphabetSize));  // [B, L + w - 1]
    const auto rows = code.unfold(1, width, 1) + torch::arange(width, torch::kLong) * codes;  // [B, L, w]
    const auto sums = F::embedding_bag(rows.reshape({-1, width}), table,
                                       F::EmbeddingBagFuncOptions().mode(torch::kSum));      // [B x L, d]
    return (sums + conv->bias).view({tokens.size(0), tokens.size(1), -1});
}

// norm(x + features); without gradients in one pass (layer_norm_kernel.hpp),
// written over `features`, which the caller no longer needs.
torch::Tensor InputStemImpl::residual_norm(std::size_t layer, const torch::Tensor& x, torch::Tensor features) {
    const auto& norm = norms[layer]->as<torch::nn::LayerNorm>();
    if (torch::GradMode::is_enabled()) return norm->forward(x + features);
    const auto a = x.contiguous();
    features = features.contiguous();
    const std::int64_t width = a.size(-1), rows = a.numel() / width;
    const float* from = a.data_ptr<float>();
    float* to = features.data_ptr<float>();
    const auto eps = static_cast<float>(norm->options.eps());
    at::parallel_for(0, rows, 1024, [&](std::int64_t begin, std::int64_t end) {
        residual_layer_norm(from + begin * width, to + begin * width, norm->weight.data_ptr<float>(),
                            norm->bias.data_ptr<float>(), to + begin * width, end - begin, width, eps);
    });
    return features;
}

torch::Tensor InputStemImpl::forward(const torch::Tensor& tokens, const torch::Tensor& mask) {
    return layer_outputs(tokens, mask).back();
}

InputStemImpl::WindowEdges InputStemImpl::window_edges(const torch::Tensor& tokens,
                                                       const std::vector<torch::Tensor>& whole, std::int64_t width,
                                                       std::int64_t step, std::int64_t count) {
    namespace F = torch::nn::functional;
    const std::int64_t half = contexts[0]->as<torch::nn::Conv1d>()->weight.size(2) / 2;
    // Each window's `length` rows of `x` ([L] or [L, d]) from `offset` on: [count, length] or [count, d, length].
    const auto rows = [&](const torch::Tensor& x, std::int64_t offset, std::int64_t length) {
        return strided_windows(x, offset, length, step, count);
    };
    WindowEdges edges;
    {
        // Layer 0 at a window's first (last) `half` positions reads its first (last) 2 x half bases.
        const auto left = rows(tokens[0], 0, 2 * half).contiguous();
        const auto right = rows(tokens[0], width - 2 * half, 2 * half).contiguous();
        const auto keep = torch::ones({count, 2 * half, 1});
        const auto left_local = first_context(left, keep).slice(1, 0, half);
        const auto right_local = first_context(right, keep).slice(1, half, 2 * half);
        edges.left.push_back(residual_norm(0, embedding(left.slice(1, 0, half)), torch::gelu(left_local)));
        edges.right.push_back(residual_norm(0, embedding(right.slice(1, half, 2 * half)), torch::gelu(right_local)));
    }
    std::int64_t done = half;  // positions at each end that differ from the whole after the last layer
    for (std::size_t layer = 1; layer < contexts->size(); ++layer) {
        const auto& conv = contexts[layer]->as<torch::nn::Conv1d>();
        const std::int64_t dilation = conv->options.dilation()->at(0);
        const std::int64_t reach = dilation * half, now = done + reach;
        const auto& before = whole[layer - 1][0];  // [L, d]
        const auto options = F::Conv1dFuncOptions().bias(conv->bias).dilation(dilation);
        // The `now` outputs at each end read the window's own `done` features there and 2 x reach further in,
        // with the window's zero padding beyond its end: [count, d, now + reach] in, [count, d, now] out.
        const auto left_in = torch::cat({edges.left.back().transpose(1, 2), rows(before, done, 2 * reach)}, 2);
        const auto right_in =
            torch::cat({rows(before, width - now - reach, 2 * reach), edges.right.back().transpose(1, 2)}, 2);
        const auto left_local = F::conv1d(F::pad(left_in, F::PadFuncOptions({reach, 0})), conv->weight, options);
        const auto right_local = F::conv1d(F::pad(right_in, F::PadFuncOptions({0, reach})), conv->weight, options);
        edges.left.push_back(residual_norm(layer, left_in.slice(2, 0, now).transpose(1, 2),
                                           torch::gelu(left_local.transpose(1, 2).contiguous())));
        edges.right.push_back(residual_norm(layer, right_in.slice(2, reach, now + reach).transpose(1, 2),
                                            torch::gelu(right_local.transpose(1, 2).contiguous())));
        done = now;
    }
    return edges;
}

std::vector<torch::Tensor> InputStemImpl::layer_outputs(const torch::Tensor& tokens, const torch::Tensor& mask) {
    std::vector<torch::Tensor> outputs;
    const auto keep = mask.unsqueeze(-1).to(torch::kFloat);  // [B, L, 1]
    // Padding stays zero between layers, so a sequence's features do not
    // depend on how much padding its batch added; a batch without padding
    // skips the multiplications by 1 (and their gradients).
    const bool padded = !mask.all().item<bool>();
    const auto zero_padding = [&](const torch::Tensor& t) { return padded ? t * keep : t; };
    // With gradients the embeddings are the masked one-hot bases times the
    // table, which the first layer convolves too: the same values as the
    // lookup (one 1 per row), and a gradient that is one matrix product
    // where the lookup's sorts the bases first, at twice the time.
    torch::Tensor bases, x;  // [B, L, V], [B, L, d]
    if (torch::GradMode::is_enabled()) {
        bases = masked_one_hot(tokens, keep);
        x = bases.matmul(embedding->weight);
    } else {
        x = zero_padding(embedding(tokens));
    }
    for (std::size_t layer = 0; layer < contexts->size(); ++layer) {
        const auto& conv = contexts[layer]->as<torch::nn::Conv1d>();
        const std::int64_t dilation = conv->options.dilation()->at(0);
        const auto local = layer == 0 ? first_context(tokens, keep, bases)
                                      : convolve_positions(x, conv->weight, conv->bias, dilation);
        auto features = torch::gelu(local);  // [B, L, d]
        if (dropout > 0) features = torch::dropout(features, dropout, is_training());
        x = zero_padding(residual_norm(layer, x, features));
        outputs.push_back(x);
    }
    return outputs;
}

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

// x [B, N, d], keep [B, N] (bool; empty: every position) -> [B, 2d],
// each sequence on one thread (mean_max_kernel.hpp). Its gradient goes to
// the kept positions for the mean and to the first position holding each
// maximum; the input itself is not kept for the backward pass.
class MeanMaxPool : public torch::autograd::Function<MeanMaxPool> {
public:
    static torch::Tensor forward(AutogradContext* ctx, torch::Tensor x, torch::Tensor keep) {
        x = x.contiguous();
        keep = keep.contiguous();
        const std::int64_t batch = x.size(0), length = x.size(1), d = x.size(2);
        auto out = torch::empty({batch, 2 * d}, x.options());
        auto arg = torch::empty({batch, d}, torch::kInt);
        auto kept = torch::empty({batch}, torch::kLong);
        at::parallel_for(0, batch, 1, [&](std::int64_t begin, std::int64_t end) {
            for (std::int64_t b = begin; b < end; ++b) {
                float* pooled = out.data_ptr<float>() + b * 2 * d;
                kept.data_ptr<std::int64_t>()[b] =
                    mean_max_forward(x.data_ptr<float>() + b * length * d, flags_of(keep, b, length), length, d,
                                     pooled, pooled + d, arg.data_ptr<std::int32_t>() + b * d);
            }
        });
        ctx->save_for_backward({keep, arg, kept});
        ctx->saved_data["length"] = length;
        return out;
    }

    static variable_list backward(AutogradContext* ctx, variable_list grads) {
        const auto saved = ctx->get_saved_variables();
        const auto &keep = saved[0], &arg = saved[1], &kept = saved[2];
        const auto grad = grads[0].contiguous();
        const std::int64_t batch = grad.size(0), d = grad.size(1) / 2, length = ctx->saved_data["length"].toInt();
        auto grad_x = torch::empty({batch, length, d}, grad.options());
        at::parallel_for(0, batch, 1, [&](std::int64_t begin, std::int64_t end) {
            for (std::int64_t b = begin; b < end; ++b) {
                const float* g = grad.data_ptr<float>() + b * 2 * d;
                mean_max_backward(g, g + d, arg.data_ptr<std::int32_t>() + b * d, flags_of(keep, b, length),
                                  kept.data_ptr<std::int64_t>()[b], length, d,
                                  grad_x.data_ptr<float>() + b * length * d);
            }
        });
        return {grad_x, torch::Tensor()};
    }

private:
    // Sequence b's flags in keep, or nullptr when keep is empty (every position kept).
    static const bool* flags_of(const torch::Tensor& keep, std::int64_t b, std::int64_t length) {
        return keep.numel() == 0 ? nullptr : keep.data_ptr<bool>() + b * length;
    }
};

}  // namespace

torch::Tensor masked_mean_max(const torch::Tensor& x, const torch::Tensor& mask) {
    const bool all = mask.all().item<bool>();
    return MeanMaxPool::apply(x, all ? torch::empty({0}, torch::kBool) : mask.to(torch::kBool));
}

torch::Tensor binned_mean_max(const torch::Tensor& x, const torch::Tensor& mask, const torch::Tensor& positions,
                              const torch::Tensor& lengths, int bins) {
    if (bins == 1) return masked_mean_max(x, mask);
    const int64_t batch = x.size(0), d = x.size(2);
    // Masked entries go to a spare bin, `bins`, dropped at the end.
    const auto bin = torch::div(positions * bins, lengths.unsqueeze(1).clamp_min(1), "floor")
                         .clamp_max(bins - 1)
                         .masked_fill(mask.logical_not(), bins);               // [B, N]
    const auto index = bin.unsqueeze(-1).expand({-1, -1, d});
    const auto count =
        torch::zeros({batch, bins + 1}, x.options()).scatter_add(1, bin, torch::ones_like(x.select(2, 0)));
    const auto sum = torch::zeros({batch, bins + 1, d}, x.options()).scatter_add(1, index, x);
    const auto mean = sum / count.clamp_min(1).unsqueeze(-1);  // [B, bins + 1, d]
    // LibTorch's scatter_reduce "amax" would do this in one pass, but warns
    // on every first use that it is in beta.
    std::vector<torch::Tensor> pooled;
    for (int b = 0; b < bins; ++b) {
        const auto max =
            std::get<0>(x.masked_fill((bin != b).unsqueeze(-1), -std::numeric_limits<float>::infinity()).max(1));
        pooled.push_back(mean.select(1, b));
        pooled.push_back(torch::where(count.select(1, b).unsqueeze(-1) > 0, max, torch::zeros_like(max)));
    }
    return torch::cat(pooled, 1);
}

torch::Tensor strided_windows(const torch::Tensor& x, std::int64_t offset, std::int64_t length, std::int64_t step,
                              std::int64_t count) {
    return x.slice(0, offset, offset + (count - 1) * step + length).unfold(0, length, step);
}

torch::Tensor positional_mean_max(const torch::Tensor& x, const torch::Tensor& mask, int bins) {
    if (bins == 1) return masked_mean_max(x, mask);
    const auto positions = torch::arange(x.size(1), torch::kLong).unsqueeze(0).expand({x.size(0), -1});
    return binned_mean_max(x, mask, positions, mask.sum(1), bins);
}

RegressionHeadImpl::RegressionHeadImpl(int in_features, int hidden_size) {
    hidden = register_module("hidden", torch::nn::Linear(in_features, hidden_size));
    out = register_module("out", torch::nn::Linear(hidden_size, 1));
}

torch::Tensor RegressionHeadImpl::forward(const torch::Tensor& x) {
    return out(torch::gelu(hidden(x))).squeeze(-1);
}

}  // namespace gsattn
