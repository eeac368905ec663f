#include "gsattn/models/banded_attention.hpp"

#include <ATen/Parallel.h>

#include <cmath>

#include "gsattn/attention_kernel.hpp"

namespace gsattn {
namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

AttentionRowShape row_shape(const torch::Tensor& q, const torch::Tensor& k, int64_t length, int64_t radius,
                            int64_t shared) {
    AttentionRowShape s;
    s.queries = q.size(1);
    s.keys = k.size(1);
    s.dim = q.size(2);
    s.length = length;
    s.radius = radius;
    s.shared = shared;
    s.scale = static_cast<float>(1.0 / std::sqrt(static_cast<double>(s.dim)));
    return s;
}

// Row n of a contiguous [N, ...] float tensor.
float* row_of(const torch::Tensor& t, int64_t n) { return t.data_ptr<float>() + n * t.stride(0); }

// Rows are independent and each is computed by one thread from start to end,
// so results do not depend on the number of threads.
template <typename RowWork>
void for_each_row(int64_t rows, const RowWork& work) {
    at::parallel_for(0, rows, 1, [&](int64_t begin, int64_t end) {
        AttentionScratch scratch;
        for (int64_t n = begin; n < end; ++n) work(n, scratch);
    });
}

class BandedAttention : public torch::autograd::Function<BandedAttention> {
public:
    static torch::Tensor forward(AutogradContext* ctx, torch::Tensor q, torch::Tensor k, torch::Tensor v,
                                 torch::Tensor lengths, torch::Tensor radius, int64_t shared) {
        q = q.contiguous();
        k = k.contiguous();
        v = v.contiguous();
        auto out = torch::empty_like(q);
        auto lse = torch::empty({q.size(0), q.size(1)}, q.options());
        const auto len = lengths.accessor<int64_t, 1>();
        const auto rad = radius.accessor<int64_t, 1>();
        for_each_row(q.size(0), [&](int64_t n, AttentionScratch& scratch) {
            attention_row_forward(row_shape(q, k, len[n], rad[n], shared), row_of(q, n), row_of(k, n),
                                  row_of(v, n), row_of(out, n), row_of(lse, n), scratch);
        });
        ctx->save_for_backward({q, k, v, out, lse, lengths, radius});
        ctx->saved_data["shared"] = shared;
        return out;
    }

    static variable_list backward(AutogradContext* ctx, variable_list grads) {
        const auto saved = ctx->get_saved_variables();
        const auto &q = saved[0], &k = saved[1], &v = saved[2], &out = saved[3], &lse = saved[4];
        const auto len = saved[5].accessor<int64_t, 1>();
        const auto rad = saved[6].accessor<int64_t, 1>();
        const int64_t shared = ctx->saved_data["shared"].toInt();
        const auto grad_out = grads[0].contiguous();
        auto grad_q = torch::empty_like(q), grad_k = torch::empty_like(k), grad_v = torch::empty_like(v);
        for_each_row(q.size(0), [&](int64_t n, AttentionScratch& scratch) {
            attention_row_backward(row_shape(q, k, len[n], rad[n], shared), row_of(q, n), row_of(k, n),
                                   row_of(v, n), row_of(out, n), row_of(lse, n), row_of(grad_out, n),
                                   row_of(grad_q, n), row_of(grad_k, n), row_of(grad_v, n), scratch);
        });
        return {grad_q, grad_k, grad_v, torch::Tensor(), torch::Tensor(), torch::Tensor()};
    }
};

void check_shapes(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v,
                  const AttentionSpan& span) {
    TORCH_CHECK(q.dim() == 3 && k.dim() == 3 && v.sizes() == k.sizes(), "banded_attention: q [N,Lq,dh], k = v [N,Lk,dh]");
    TORCH_CHECK(q.size(0) == k.size(0) && q.size(2) == k.size(2), "banded_attention: q and k disagree");
    TORCH_CHECK(q.scalar_type() == torch::kFloat, "banded_attention: float32 only");
    TORCH_CHECK(span.lengths.numel() == q.size(0) && span.radius.numel() == q.size(0),
                "banded_attention: one length and radius per row");
    TORCH_CHECK(span.shared_keys >= 0 && span.shared_keys <= k.size(1), "banded_attention: shared keys");
}

}  // namespace

torch::Tensor banded_attention(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v,
                               const AttentionSpan& span) {
    check_shapes(q, k, v, span);
    const auto as_index = [](const torch::Tensor& t) { return t.to(torch::kCPU, torch::kLong).contiguous(); };
    return BandedAttention::apply(q, k, v, as_index(span.lengths), as_index(span.radius), span.shared_keys);
}

torch::Tensor banded_attention_reference(const torch::Tensor& q, const torch::Tensor& k,
                                         const torch::Tensor& v, const AttentionSpan& span) {
    check_shapes(q, k, v, span);
    const int64_t Lq = q.size(1), Lk = k.size(1), positions = Lk - span.shared_keys;
    const auto i = torch::arange(Lq, torch::kLong).view({1, Lq, 1});
    const auto j = torch::arange(Lk, torch::kLong).view({1, 1, Lk});
    const auto length = span.lengths.to(torch::kLong).view({-1, 1, 1});
    const auto radius = span.radius.to(torch::kLong).view({-1, 1, 1});
    const auto in_band = (j < length).logical_and((i - j).abs() <= radius);
    const auto allowed = in_band.logical_or(j >= positions).logical_and(i < length);  // [N, Lq, Lk]
    const auto logits = torch::matmul(q, k.transpose(1, 2)) / std::sqrt(static_cast<double>(q.size(2)));
    const auto weights = torch::softmax(logits.masked_fill(allowed.logical_not(), -1e30), -1) * allowed;
    return torch::matmul(weights, v);
}

BandedSelfAttentionImpl::BandedSelfAttentionImpl(int d, int heads_) : heads(heads_) {
    query = register_module("query", torch::nn::Linear(d, d));
    key = register_module("key", torch::nn::Linear(d, d));
    value = register_module("value", torch::nn::Linear(d, d));
    output = register_module("output", torch::nn::Linear(d, d));
}

torch::Tensor BandedSelfAttentionImpl::forward(const torch::Tensor& x, const torch::Tensor& lengths,
                                               const torch::Tensor& radius, const torch::Tensor& readers) {
    const int64_t B = x.size(0), L = x.size(1), d = x.size(2), dh = d / heads;
    // Values before keys before queries, the order in which the gradients
    // reach x and are summed: another order changes the sum's last bits.
    auto values = value(x);  // [B, L, d]
    auto keys = key(x);
    int64_t shared = 0;
    if (readers.defined()) {
        const auto summaries = read_positions(readers, keys, values, lengths);  // [B, G, d]
        values = torch::cat({values, value(summaries)}, 1);
        keys = torch::cat({keys, key(summaries)}, 1);
        shared = readers.size(0);
    }
    const auto split_heads = [&](const torch::Tensor& t) {  // [B, n, d] -> [B*H, n, dh]
        return t.view({B, t.size(1), heads, dh}).transpose(1, 2).reshape({B * heads, t.size(1), dh});
    };
    const AttentionSpan span{lengths.repeat_interleave(heads), radius.repeat_interleave(heads), shared};
    const auto attended = banded_attention(split_heads(query(x)), split_heads(keys), split_heads(values),
                                           span);  // [B*H, L, dh]
    return output(attended.view({B, heads, L, dh}).transpose(1, 2).reshape({B, L, d}));
}

// Dense over [B, L, H x G] logits: G is a handful, so memory stays linear in
// L. Every head's logits come from one product: column h*G + g of the
// [d, H x G] query matrix holds reader g's query on head h's dimensions and
// zeros elsewhere (per-head products would be B x H tiny matrix products).
torch::Tensor BandedSelfAttentionImpl::read_positions(const torch::Tensor& readers, const torch::Tensor& keys,
                                                      const torch::Tensor& values, const torch::Tensor& lengths) {
    const int64_t B = keys.size(0), L = keys.size(1), d = keys.size(2), dh = d / heads, G = readers.size(0);
    const auto head_dims = torch::eye(heads, keys.options()).repeat_interleave(dh, 1);  // [H, d]
    const auto queries = (query(readers).t().unsqueeze(1) * head_dims.t().unsqueeze(2)).reshape({d, heads * G});
    const auto logits = keys.reshape({B * L, d}).mm(queries).view({B, L, heads * G}) /
                        std::sqrt(static_cast<double>(dh));
    const auto padding = torch::arange(L, torch::kLong).view({1, L, 1}) >=
                         lengths.to(torch::kLong).view({B, 1, 1});  // [B, L, 1]
    const auto weights = torch::softmax(logits.masked_fill(padding, -1e30), 1);  // over positions
    // Row h*G + g: reader g's weights on head h applied to all of d; keep head h's dimensions.
    const auto read = torch::bmm(weights.transpose(1, 2), values).view({B, heads, G, d});
    return (read * head_dims.view({1, heads, 1, d})).sum(1);  // [B, G, d]
}

}  // namespace gsattn
