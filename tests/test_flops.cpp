// FLOPs per sequence: how each model's cost scales with L.
#include <cstdint>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "gsattn/flops.hpp"
#include "gsattn/model_config.hpp"

using namespace gsattn;

namespace {

ModelConfig of_kind(ModelKind kind) {
    ModelConfig c;
    c.kind = kind;
    return c;
}

double growth(const ModelConfig& c, std::int64_t length) {
    return flops_per_sequence(c, 2 * length) / flops_per_sequence(c, length);
}

}  // namespace

TEST_CASE("flops: full attention grows quadratically with length") {
    const ModelConfig full = of_kind(ModelKind::full);
    const double r = growth(full, 10000);
    CHECK(r > 3.0);
    CHECK(r < 4.1);
    CHECK(growth(full, 100000) > 3.9);
    CHECK(flops_per_sequence(full, 200) > 0);
}

TEST_CASE("flops: sparse and joint models grow linearly with length") {
    for (ModelKind kind : {ModelKind::sparse, ModelKind::joint}) {
        INFO("model ", to_string(kind));
        const ModelConfig c = of_kind(kind);
        for (std::int64_t L : {1000, 10000, 100000}) {
            const double r = growth(c, L);
            CHECK(r > 1.9);
            CHECK(r < 2.1);
        }
    }
    ModelConfig attention = of_kind(ModelKind::sparse);
    attention.approximator = Approximator::attention;
    // Attention among the kept k = L/10 positions is quadratic in k, still far below full.
    CHECK(flops_per_sequence(attention, 10000) < flops_per_sequence(of_kind(ModelKind::full), 10000) / 10);
    ModelConfig fixed_k = of_kind(ModelKind::sparse);
    fixed_k.top_k = 64;
    fixed_k.approximator = Approximator::attention;
    const double r = growth(fixed_k, 10000);
    CHECK(r > 1.9);
    CHECK(r < 2.1);
}

TEST_CASE("flops: sparse at 10 percent costs under a tenth of full attention at 10 kbp") {
    const ModelConfig sparse = of_kind(ModelKind::sparse);
    REQUIRE(sparse.sparsity == 0.1);
    const double s = flops_per_sequence(sparse, 10000), f = flops_per_sequence(of_kind(ModelKind::full), 10000);
    CHECK(s < 0.1 * f);
    CHECK(s > 0);
}

TEST_CASE("flops: the window model lies between sparse and full at large L") {
    for (std::int64_t L : {10000, 50000}) {
        INFO("L = ", L);
        const double sparse = flops_per_sequence(of_kind(ModelKind::sparse), L);
        const double window = flops_per_sequence(of_kind(ModelKind::window), L);
        const double full = flops_per_sequence(of_kind(ModelKind::full), L);
        CHECK(sparse < window);
        CHECK(window < full);
    }
    // A fixed window makes it linear.
    ModelConfig fixed = of_kind(ModelKind::window);
    fixed.window_size = 65;
    const double r = growth(fixed, 10000);
    CHECK(r > 1.9);
    CHECK(r < 2.1);
}

TEST_CASE("flops: more parameters cost more") {
    ModelConfig small = of_kind(ModelKind::joint), large = small;
    large.detectors = 128;
    CHECK(flops_per_sequence(large, 500) > flops_per_sequence(small, 500));
    ModelConfig wide = of_kind(ModelKind::sparse);
    wide.embedding_dim = 64;
    CHECK(flops_per_sequence(wide, 500) > flops_per_sequence(of_kind(ModelKind::sparse), 500));
}

TEST_CASE("flops: position bins widen only the head's input") {
    for (const ModelKind kind : {ModelKind::full, ModelKind::sparse, ModelKind::joint, ModelKind::window}) {
        ModelConfig one = of_kind(kind), ten = one;
        ten.position_bins = 10;
        // Pooled features: 2d (2 x detectors for joint), times 9 more bins, each
        // a multiply-add with every hidden unit of the head.
        const double pooled = 2.0 * (kind == ModelKind::joint ? one.detectors : one.embedding_dim);
        CHECK(flops_per_sequence(ten, 300) - flops_per_sequence(one, 300) ==
              doctest::Approx(2 * pooled * 9 * one.head_hidden));
    }
}

TEST_CASE("flops: the pwm baseline costs a scan of each motif and its pairs, far below a learned model") {
    ModelConfig c;
    c.kind = ModelKind::pwm;
    c.pwm.motifs.push_back({"a", std::vector<Column>(6, Column{1, 0, 0, 0})});
    const double one = flops_per_sequence(c, 100);
    CHECK(one > 2 * 2 * 100 * 4 * 6);  // both strands, a multiply and an add per base and column
    c.pwm.motifs.push_back(c.pwm.motifs[0]);
    CHECK(flops_per_sequence(c, 100) > 2 * one);  // a second motif and the pair
    CHECK(flops_per_sequence(c, 1000) == doctest::Approx(10 * flops_per_sequence(c, 100)).epsilon(0.01));
    ModelConfig sparse;
    CHECK(flops_per_sequence(c, 100) < flops_per_sequence(sparse, 100) / 10);
}
