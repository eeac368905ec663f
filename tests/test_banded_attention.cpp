// The fused attention kernel against the same attention composed from
// LibTorch operations with an explicit mask: outputs and all three gradients,
// for full attention, narrow bands, shared (global) keys and padded rows; and
// the self-attention module's global readers.
#include <cmath>
#include <cstdint>
#include <vector>

#include <torch/torch.h>

#include <doctest/doctest.h>

#include "gsattn/models/banded_attention.hpp"

using namespace gsattn;

namespace {

struct Case {
    int64_t rows, queries, positions, shared, dim;
    std::vector<int64_t> lengths, radius;
};

struct Result {
    torch::Tensor out, dq, dk, dv;
};

Result run(const Case& c, bool reference) {
    torch::manual_seed(7);
    const auto q = torch::randn({c.rows, c.queries, c.dim}, torch::requires_grad());
    const auto k = torch::randn({c.rows, c.positions + c.shared, c.dim}, torch::requires_grad());
    const auto v = torch::randn({c.rows, c.positions + c.shared, c.dim}, torch::requires_grad());
    const auto weights = torch::randn({c.rows, c.queries, c.dim});  // a loss that weighs every output
    AttentionSpan span{torch::tensor(c.lengths, torch::kLong), torch::tensor(c.radius, torch::kLong), c.shared};
    const auto out = reference ? banded_attention_reference(q, k, v, span) : banded_attention(q, k, v, span);
    (out * weights).sum().backward();
    return {out.detach(), q.grad(), k.grad(), v.grad()};
}

void check_against_reference(const Case& c) {
    const Result fused = run(c, false);
    const Result expected = run(c, true);
    CHECK(torch::allclose(fused.out, expected.out, 1e-4, 1e-5));
    CHECK(torch::allclose(fused.dq, expected.dq, 1e-4, 1e-5));
    CHECK(torch::allclose(fused.dk, expected.dk, 1e-4, 1e-5));
    CHECK(torch::allclose(fused.dv, expected.dv, 1e-4, 1e-5));
    CHECK(fused.out.abs().sum().item<double>() > 0);
}

}  // namespace

TEST_CASE("banded attention: full attention equals the masked softmax reference") {
    check_against_reference({3, 37, 37, 0, 8, {37, 37, 37}, {1000, 1000, 1000}});
}

TEST_CASE("banded attention: padded rows see only their own keys and give zero past their length") {
    const Case c{3, 20, 20, 0, 4, {20, 13, 1}, {1000, 1000, 1000}};
    check_against_reference(c);
    const Result fused = run(c, false);
    CHECK(fused.out[1].slice(0, 13).abs().sum().item<double>() == 0);
    CHECK(fused.dk[1].slice(0, 13).abs().sum().item<double>() == 0);  // padded keys get no gradient
    CHECK(fused.dv[2].slice(0, 0, 1).abs().sum().item<double>() > 0);
    CHECK(fused.dv[2].slice(0, 1, 20).abs().sum().item<double>() == 0);
}

TEST_CASE("banded attention: a band of radius r with shared global keys") {
    check_against_reference({4, 50, 50, 2, 8, {50, 31, 50, 7}, {3, 5, 0, 2}});
}

TEST_CASE("banded attention: bands and shared keys that do not fill whole vectors") {
    // Widths that leave remainders in the band, in the shared keys, or in
    // both; head size 16 has its own compiled copy, 6 the generic one.
    for (int64_t shared : {1, 3, 9})
        for (int64_t dim : {6, 16}) {
            CAPTURE(shared);
            CAPTURE(dim);
            check_against_reference({3, 45, 45, shared, dim, {45, 44, 2}, {9, 4, 1}});
        }
}

TEST_CASE("banded attention: wide bands and whole rows (the block kernel) at lengths that are not whole blocks") {
    // 8 queries per vector, keys 4 at a time: lengths on either side of a
    // block, key counts that leave 1-3 keys over; radius 34 of 70 and 40 of
    // 69 mask some blocks' keys, 1000 none; a row of one position.
    for (int64_t dim : {8, 6, 16})
        for (int64_t shared : {0, 3}) {
            CAPTURE(dim);
            CAPTURE(shared);
            check_against_reference({5, 70, 70, shared, dim, {70, 69, 45, 17, 1}, {34, 40, 1000, 1000, 0}});
        }
}

TEST_CASE("banded attention: narrow bands (8 queries at a time) at every length around a block") {
    // A band narrower than the sequence runs 8 queries per vector: lengths
    // on either side of a multiple of 8, radii up to past a block, rows
    // whose band covers the whole sequence (the block kernel) mixed in.
    for (int64_t dim : {8, 6, 16})
        for (int64_t shared : {0, 2}) {
            CAPTURE(dim);
            CAPTURE(shared);
            check_against_reference({8, 26, 26, shared, dim, {26, 25, 24, 23, 17, 16, 9, 4}, {9, 0, 11, 1, 3, 7, 2, 5}});
        }
    // Radius 32 is the widest band kernel, 33 goes to the block kernel with its mask.
    check_against_reference({2, 90, 90, 2, 8, {90, 80}, {32, 33}});
}

TEST_CASE("banded attention: heads side by side in [N, L, heads x dh] attend each on their own dims") {
    // The heads' rows are read where the projections write them (position i
    // of head h at dims h dh .. (h + 1) dh - 1): against the reference on
    // each head's slice. Rows of both kernels (radius 2: narrow band; 1000:
    // whole rows), padded lengths and shared keys.
    const int64_t N = 3, L = 21, shared = 2, heads = 3, dh = 8, d = heads * dh;
    torch::manual_seed(11);
    const auto q = torch::randn({N, L, d}, torch::requires_grad());
    const auto k = torch::randn({N, L + shared, d}, torch::requires_grad());
    const auto v = torch::randn({N, L + shared, d}, torch::requires_grad());
    const auto weights = torch::randn({N, L, d});
    const AttentionSpan span{torch::tensor({21, 13, 18}, torch::kLong), torch::tensor({2, 1000, 1000}, torch::kLong),
                             shared};
    const auto gradients = [&](const torch::Tensor& out) {
        for (const torch::Tensor* t : {&q, &k, &v})
            if (t->grad().defined()) t->grad().zero_();
        (out * weights).sum().backward();
        return std::vector<torch::Tensor>{out.detach(), q.grad().clone(), k.grad().clone(), v.grad().clone()};
    };
    const auto fused = gradients(banded_attention(q, k, v, span, heads));
    std::vector<torch::Tensor> per_head;
    for (int64_t h = 0; h < heads; ++h) {
        const auto dims = [&](const torch::Tensor& t) { return t.narrow(2, h * dh, dh); };
        per_head.push_back(banded_attention_reference(dims(q), dims(k), dims(v), span));
    }
    const auto expected = gradients(torch::cat(per_head, 2));
    for (std::size_t i = 0; i < fused.size(); ++i) {
        CAPTURE(i);  // output, dq, dk, dv
        CHECK(torch::allclose(fused[i], expected[i], 1e-4, 1e-5));
        CHECK(fused[i].abs().sum().item<double>() > 0);
    }
}

TEST_CASE("banded attention: a key outside the band does not change the query's output") {
    torch::manual_seed(3);
    const auto q = torch::randn({1, 30, 8});
    auto k = torch::randn({1, 30, 8});
    const auto v = torch::randn({1, 30, 8});
    const AttentionSpan span{torch::tensor({30}, torch::kLong), torch::tensor({2}, torch::kLong), 0};
    const auto before = banded_attention(q, k, v, span);
    k[0][20] += 5;  // keys 18..22 are in the band of queries 18..22 only
    const auto after = banded_attention(q, k, v, span);
    CHECK(torch::equal(before[0].slice(0, 0, 18), after[0].slice(0, 0, 18)));
    CHECK(torch::equal(before[0].slice(0, 23), after[0].slice(0, 23)));
    CHECK_FALSE(torch::equal(before[0][20], after[0][20]));
}

TEST_CASE("banded attention: results do not depend on the number of threads") {
    const Case c{16, 64, 64, 2, 8, std::vector<int64_t>(16, 60), std::vector<int64_t>(16, 9)};
    const int threads = torch::get_num_threads();
    torch::set_num_threads(1);
    const Result one = run(c, false);
    torch::set_num_threads(2);
    const Result two = run(c, false);
    torch::set_num_threads(threads);
    CHECK(torch::equal(one.out, two.out));
    CHECK(torch::equal(one.dk, two.dk));
}

TEST_CASE("banded self-attention: global readers see every real position and no padding") {
    torch::manual_seed(5);
    BandedSelfAttention attention(8, 2);
    const auto x = torch::randn({2, 30, 8});
    const auto lengths = torch::tensor({30, 20}, torch::kLong), radius = torch::tensor({1, 1}, torch::kLong);
    const auto readers = torch::randn({3, 8});
    torch::NoGradGuard no_grad;
    auto far = x.clone();
    far[0][25] += 3;  // outside query 0's band [0, 1]
    const auto query0 = [&](const torch::Tensor& input, const torch::Tensor& with) {
        return attention(input, lengths, radius, with)[0][0];
    };
    CHECK(torch::equal(query0(x, {}), query0(far, {})));
    CHECK_FALSE(torch::allclose(query0(x, readers), query0(far, readers)));

    auto padding = x.clone();
    padding[1].slice(0, 20) = 100;  // sequence 1 has 20 real positions
    const auto real = [&](const torch::Tensor& input) {
        return attention(input, lengths, radius, readers)[1].slice(0, 0, 20);
    };
    CHECK(torch::allclose(real(x), real(padding), 1e-6, 1e-6));
}

TEST_CASE("banded self-attention: read_positions is each head's softmax over the real positions") {
    torch::manual_seed(6);
    const int heads = 2, d = 8, dh = d / heads;
    BandedSelfAttention attention(d, heads);
    const auto keys = torch::randn({2, 12, d}), values = torch::randn({2, 12, d});
    const auto readers = torch::randn({3, d});
    const auto lengths = torch::tensor({12, 5}, torch::kLong);
    torch::NoGradGuard no_grad;
    const auto read = attention->read_positions(readers, keys, values, lengths);  // [B, G, d]
    REQUIRE(read.sizes() == torch::IntArrayRef({2, 3, d}));
    const auto q = attention->query(readers);
    for (int64_t b = 0; b < 2; ++b) {
        const int64_t n = lengths[b].item<int64_t>();
        for (int h = 0; h < heads; ++h) {
            const auto head = [&](const torch::Tensor& t) { return t.slice(-1, h * dh, (h + 1) * dh); };
            const auto k = head(keys[b].slice(0, 0, n)), v = head(values[b].slice(0, 0, n));
            const auto expected = torch::softmax(torch::matmul(head(q), k.t()) / std::sqrt(dh), 1).matmul(v);
            CHECK(torch::allclose(head(read[b]), expected, 1e-5, 1e-6));
        }
    }
}
