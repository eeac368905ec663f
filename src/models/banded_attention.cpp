#include "gsattn/models/banded_attention.hpp"

#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "gsattn/attention_kernel.hpp"

namespace gsattn {
namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

// Rows are (sequence, head) pairs: row n is head n % heads of sequence
// n / heads, whose positions lie `heads x dh` floats apart in a [B, L, heads
// x dh] tensor as the projections write it. The kernel takes each row's
// positions packed ([L, dh]): they are gathered into per-thread buffers and
// the results scattered back, O(L dh) per row beside the kernel's O(L^2 dh),
// where splitting the heads into [B x heads, L, dh] tensors took LibTorch
// copies of every input, output and gradient (docs/performance.md, Profiling).
class HeadRows {
public:
    HeadRows(const torch::Tensor& t, int64_t heads)
        : data_(t.data_ptr<float>()), positions_(t.size(1)), dim_(t.size(2) / heads), heads_(heads),
          stride_(t.size(2)) {}

    int64_t positions() const { return positions_; }
    int64_t dim() const { return dim_; }

    void gather(int64_t n, std::vector<float>& packed) const {
        packed.resize(static_cast<size_t>(positions_ * dim_));
        const float* from = first(n);
        for (int64_t i = 0; i < positions_; ++i)
            std::copy_n(from + i * stride_, dim_, packed.data() + i * dim_);
    }

    void scatter(int64_t n, const std::vector<float>& packed) const {
        float* to = first(n);
        for (int64_t i = 0; i < positions_; ++i)
            std::copy_n(packed.data() + i * dim_, dim_, to + i * stride_);
    }

private:
    float* first(int64_t n) const { return data_ + (n / heads_) * positions_ * stride_ + (n % heads_) * dim_; }

    float* data_;
    int64_t positions_, dim_, heads_, stride_;
};

// One thread's packed rows: inputs, outputs and gradients of one row.
struct PackedRow {
    std::vector<float> q, k, v, out, grad_out, grad_q, grad_k, grad_v;
    AttentionScratch scratch;
};

AttentionRowShape row_shape(const HeadRows& q, const HeadRows& k, int64_t length, int64_t radius, int64_t shared) {
    AttentionRowShape s;
    s.queries = q.positions();
    s.keys = k.positions();
    s.dim = q.dim();
    s.length = length;
    s.radius = radius;
    s.shared = shared;
    s.scale = static_cast<float>(1.0 / std::sqrt(static_cast<double>(s.dim)));
    return s;
}

// Rows are independent and each is computed by one thread from start to end,
// so results do not depend on the number of threads.
template <typename RowWork>
void for_each_row(int64_t rows, const RowWork& work) {
    at::parallel_for(0, rows, 1, [&](int64_t begin, int64_t end) {
        PackedRow row;
        for (int64_t n = begin; n < end; ++n) work(n, row);
    });
}

class BandedAttention : public torch::autograd::Function<BandedAttention> {
public:
    static torch::Tensor forward(AutogradContext* ctx, torch::Tensor q, torch::Tensor k, torch::Tensor v,
                                 torch::Tensor lengths, torch::Tensor radius, int64_t shared, int64_t heads) {
        q = q.contiguous();
        k = k.contiguous();
        v = v.contiguous();
        auto out = torch::empty_like(q);
        auto lse = torch::empty({q.size(0) * heads, q.size(1)}, q.options());
        const HeadRows Q(q, heads), K(k, heads), V(v, heads), O(out, heads);
        float* const lse_rows = lse.data_ptr<float>();  // [rows, Lq]
        const auto len = lengths.accessor<int64_t, 1>();
        const auto rad = radius.accessor<int64_t, 1>();
        for_each_row(q.size(0) * heads, [&](int64_t n, PackedRow& row) {
            Q.gather(n, row.q);
            K.gather(n, row.k);
            V.gather(n, row.v);
            row.out.resize(row.q.size());
            attention_row_forward(row_shape(Q, K, len[n / heads], rad[n / heads], shared), row.q.data(),
                                  row.k.data(), row.v.data(), row.out.data(), lse_rows + n * q.size(1),
                                  row.scratch);
            O.scatter(n, row.out);
        });
        ctx->save_for_backward({q, k, v, out, lse, lengths, radius});
        ctx->saved_data["shared"] = shared;
        ctx->saved_data["heads"] = heads;
        return out;
    }

    static variable_list backward(AutogradContext* ctx, variable_list grads) {
        const auto saved = ctx->get_saved_variables();
        const auto &q = saved[0], &k = saved[1], &v = saved[2], &out = saved[3], &lse = saved[4];
        const auto len = saved[5].accessor<int64_t, 1>();
        const auto rad = saved[6].accessor<int64_t, 1>();
        const int64_t shared = ctx->saved_data["shared"].toInt(), heads = ctx->saved_data["heads"].toInt();
        const auto grad_out = grads[0].contiguous();
        auto grad_q = torch::empty_like(q), grad_k = torch::empty_like(k), grad_v = torch::empty_like(v);
        const HeadRows Q(q, heads), K(k, heads), V(v, heads), O(out, heads), dO(grad_out, heads);
        const HeadRows dQ(grad_q, heads), dK(grad_k, heads), dV(grad_v, heads);
        const float* const lse_rows = lse.data_ptr<float>();
        for_each_row(q.size(0) * heads, [&](int64_t n, PackedRow& row) {
            Q.gather(n, row.q);
            K.gather(n, row.k);
            V.gather(n, row.v);
            O.gather(n, row.out);
            dO.gather(n, row.grad_out);
            row.grad_q.resize(row.q.size());
            row.grad_k.resize(row.k.size());
            row.grad_v.resize(row.v.size());
            attention_row_backward(row_shape(Q, K, len[n / heads], rad[n / heads], shared), row.q.data(),
                                   row.k.data(), row.v.data(), row.out.data(), lse_rows + n * q.size(1),
                                   row.grad_out.data(), row.grad_q.data(), row.grad_k.data(), row.grad_v.data(),
                                   row.scratch);
            dQ.scatter(n, row.grad_q);
            dK.scatter(n, row.grad_k);
            dV.scatter(n, row.grad_v);
        });
        return {grad_q, grad_k, grad_v, torch::Tensor(), torch::Tensor(), torch::Tensor(), torch::Tensor()};
    }
};

void check_shapes(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v,
                  const AttentionSpan& span, int64_t heads) {
    TORCH_CHECK(q.dim() == 3 && k.dim() == 3 && v.sizes() == k.sizes(),
                "banded_attention: q [N,Lq,d], k = v [N,Lk,d]");
    TORCH_CHECK(q.size(0) == k.size(0) && q.size(2) == k.size(2), "banded_attention: q and k disagree");
    TORCH_CHECK(heads >= 1 && q.size(2) % heads == 0, "banded_attention: d is not a multiple of heads");
    TORCH_CHECK(q.scalar_type() == torch::kFloat, "banded_attention: float32 only");
    TORCH_CHECK(span.lengths.numel() == q.size(0) && span.radius.numel() == q.size(0),
                "banded_attention: one length and radius per row");
    TORCH_CHECK(span.shared_keys >= 0 && span.shared_keys <= k.size(1), "banded_attention: shared keys");
}

}  // namespace

torch::Tensor banded_attention(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v,
                               const AttentionSpan& span, int64_t heads) {
    check_shapes(q, k, v, span, heads);
    const auto as_index = [](const torch::Tensor& t) { return t.to(torch::kCPU, torch::kLong).contiguous(); };
    return BandedAttention::apply(q, k, v, as_index(span.lengths), as_index(span.radius), span.shared_keys, heads);
}

torch::Tensor banded_attention_reference(const torch::Tensor& q, const torch::Tensor& k,
                                         const torch::Tensor& v, const AttentionSpan& span) {
    check_shapes(q, k, v, span, 1);
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
    const AttentionSpan span{lengths, radius, shared};
    return output(banded_attention(query(x), keys, values, span, heads));  // [B, L, d]
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
