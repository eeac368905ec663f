// The fused attention kernel against the same attention composed from
// LibTorch operations with an explicit mask: outputs and all three gradients,
// for full attention, narrow bands, shared (global) keys and padded rows.
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
