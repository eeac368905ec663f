#include "gsattn/models/gathered_attention.hpp"

#include <ATen/Parallel.h>

#include <cmath>
#include <memory>

#include "gsattn/gathered_attention_kernel.hpp"

namespace gsattn {
namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

GatheredAttentionShape shape_of(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& keys,
                                int64_t heads) {
    GatheredAttentionShape s;
    s.positions = k.size(1);
    s.keys_per_query = keys.size(2);
    s.heads = heads;
    s.dim = q.size(2) / heads;
    s.scale = static_cast<float>(1 / std::sqrt(static_cast<double>(s.dim)));
    return s;
}

std::unique_ptr<bool[]> exact_heads(const torch::Tensor& exact) {
    std::unique_ptr<bool[]> out(new bool[exact.size(0)]);
    for (int64_t h = 0; h < exact.size(0); ++h) out[h] = exact[h].item<bool>();
    return out;
}

class GatheredAttention : public torch::autograd::Function<GatheredAttention> {
public:
    static torch::Tensor forward(AutogradContext* ctx, torch::Tensor q, torch::Tensor k, torch::Tensor v,
                                 torch::Tensor keys, torch::Tensor bias, torch::Tensor exact) {
        q = q.contiguous();
        k = k.contiguous();
        v = v.contiguous();
        keys = keys.contiguous();
        bias = bias.contiguous();
        const auto B = q.size(0), Q = q.size(1), N = k.size(1), d = q.size(2), H = exact.size(0);
        const GatheredAttentionShape s = shape_of(q, k, keys, H);
        const auto computed = exact_heads(exact);
        auto out = torch::zeros({B, Q, d}, q.options());
        auto lse = torch::empty({B, Q, H}, q.options());
        // Each task a block of one sequence's queries, computed whole by one
        // thread: the results do not depend on the number of threads.
        constexpr int64_t kQueriesPerTask = 256;
        const int64_t blocks = (Q + kQueriesPerTask - 1) / kQueriesPerTask, K = s.keys_per_query;
        at::parallel_for(0, B * blocks, 1, [&](int64_t begin, int64_t end) {
            for (int64_t n = begin; n < end; ++n) {
                const int64_t b = n / blocks, from = (n % blocks) * kQueriesPerTask;
                gathered_attention_forward(s, q.data_ptr<float>() + b * Q * d, k.data_ptr<float>() + b * N * d,
                                           v.data_ptr<float>() + b * N * d, keys.data_ptr<int64_t>() + b * Q * K,
                                           bias.data_ptr<float>() + b * Q * K, computed.get(), from,
                                           std::min(Q, from + kQueriesPerTask), out.data_ptr<float>() + b * Q * d,
                                           lse.data_ptr<float>() + b * Q * H);
            }
        });
        ctx->save_for_backward({q, k, v, keys, bias, exact, out, lse});
        return out.view({B, Q, H, d / H});
    }

    static variable_list backward(AutogradContext* ctx, variable_list grads) {
        const auto saved = ctx->get_saved_variables();
        const auto &q = saved[0], &k = saved[1], &v = saved[2], &keys = saved[3], &bias = saved[4];
        const auto &exact = saved[5], &out = saved[6], &lse = saved[7];
        const auto grad_out = grads[0].reshape(q.sizes()).contiguous();
        const auto B = q.size(0), Q = q.size(1), N = k.size(1), d = q.size(2), H = exact.size(0);
        const GatheredAttentionShape s = shape_of(q, k, keys, H);
        const int64_t K = s.keys_per_query;
        const auto computed = exact_heads(exact);
        auto grad_q = torch::empty_like(q), grad_bias = torch::empty_like(bias);
        auto grad_k = torch::zeros_like(k), grad_v = torch::zeros_like(v);
        // A sequence per task: its queries add to its keys' and values' gradients.
        at::parallel_for(0, B, 1, [&](int64_t begin, int64_t end) {
            for (int64_t b = begin; b < end; ++b)
                gathered_attention_backward(
                    s, q.data_ptr<float>() + b * Q * d, k.data_ptr<float>() + b * N * d,
                    v.data_ptr<float>() + b * N * d, keys.data_ptr<int64_t>() + b * Q * K,
                    bias.data_ptr<float>() + b * Q * K, computed.get(), out.data_ptr<float>() + b * Q * d,
                    lse.data_ptr<float>() + b * Q * H, grad_out.data_ptr<float>() + b * Q * d, Q,
                    grad_q.data_ptr<float>() + b * Q * d, grad_k.data_ptr<float>() + b * N * d,
                    grad_v.data_ptr<float>() + b * N * d, grad_bias.data_ptr<float>() + b * Q * K);
        });
        return {grad_q, grad_k, grad_v, torch::Tensor(), grad_bias, torch::Tensor()};
    }
};

}  // namespace

torch::Tensor gathered_attention(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v,
                                 const torch::Tensor& keys, const torch::Tensor& bias, const std::vector<bool>& exact) {
    std::vector<uint8_t> flags(exact.begin(), exact.end());
    const auto heads = torch::tensor(flags, torch::kUInt8).to(torch::kBool);
    return GatheredAttention::apply(q, k, v, keys, bias, heads);
}

}  // namespace gsattn
