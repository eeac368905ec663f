// The topk model (docs/design.md, Models): the KeySelector's candidates and
// choice, the HeadApproximators, and where its gradients go. What every model
// must do (padding, batching, seeds, order) is in test_models.cpp.
#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

#include <torch/torch.h>

#include <doctest/doctest.h>

#include "gsattn/error.hpp"
#include "gsattn/flops.hpp"
#include "gsattn/models/batch.hpp"
#include "gsattn/models/gathered_attention.hpp"
#include "gsattn/models/key_selector.hpp"
#include "gsattn/models/topk_model.hpp"
#include "gsattn/random.hpp"
#include "model_test_util.hpp"

using namespace gsattn;
using namespace gsattn::test;

namespace {

EncodedSequence random_bases(Rng& rng, std::size_t length) {
    EncodedSequence s(length);
    for (auto& b : s) b = static_cast<Base>(rng.below(4));
    return s;
}

std::shared_ptr<TopKModelImpl> topk_model(const ModelConfig& c, std::uint64_t seed = 3) {
    torch::manual_seed(seed);
    auto model = std::dynamic_pointer_cast<TopKModelImpl>(make_model(c));
    REQUIRE(model != nullptr);
    model->eval();
    return model;
}

}  // namespace

TEST_CASE("topk: candidate_keys are the band either side and the global positions outside it") {
    // One sequence of 10 bases padded to 12; globals 0 and 11 (padding).
    const auto lengths = torch::tensor({10}, torch::kLong);
    const auto globals = torch::tensor({{0, 11}}, torch::kLong);
    const auto [keys, valid] = candidate_keys(lengths, globals, 2, 12);
    REQUIRE(keys.sizes() == torch::IntArrayRef({1, 12, 7}));
    const auto k = keys.accessor<std::int64_t, 3>();
    const auto v = valid.accessor<bool, 3>();
    const auto valid_keys = [&](std::int64_t query) {
        std::vector<std::int64_t> out;
        for (std::int64_t c = 0; c < 7; ++c)
            if (v[0][query][c]) out.push_back(k[0][query][c]);
        return out;
    };
    CHECK(valid_keys(0) == std::vector<std::int64_t>{0, 1, 2});        // global 0 is in the band
    CHECK(valid_keys(5) == std::vector<std::int64_t>{3, 4, 5, 6, 7, 0});
    CHECK(valid_keys(9) == std::vector<std::int64_t>{7, 8, 9, 0});     // nothing past the end; 11 is padding
    CHECK(valid_keys(10).empty());                                     // a padded query has none
}

TEST_CASE("topk: every query chooses K distinct real keys, the best-scoring of its candidates") {
    torch::manual_seed(1);
    KeySelector selector(8, 4, 3);
    const std::vector<std::int64_t> lengths{20, 7, 2};
    auto mask = torch::zeros({3, 20}, torch::kBool);
    for (std::int64_t b = 0; b < 3; ++b) mask[b].slice(0, 0, lengths[static_cast<std::size_t>(b)]).fill_(true);
    const auto x = torch::randn({3, 20, 8});
    torch::NoGradGuard no_grad;
    const KeyChoice choice = selector(x, mask);
    REQUIRE(choice.keys.sizes() == torch::IntArrayRef({3, 20, 3}));
    const auto keys = choice.keys.accessor<std::int64_t, 3>();
    const auto valid = choice.valid.accessor<bool, 3>();
    const auto scores = choice.scores.accessor<float, 3>();
    for (std::int64_t b = 0; b < 3; ++b) {
        const auto length = lengths[static_cast<std::size_t>(b)];
        for (std::int64_t q = 0; q < 20; ++q) {
            INFO("sequence ", b, " query ", q);
            std::set<std::int64_t> chosen;
            for (std::int64_t j = 0; j < 3; ++j) {
                if (!valid[b][q][j]) {
                    CHECK(std::isinf(scores[b][q][j]));
                    continue;
                }
                CHECK(keys[b][q][j] < length);  // never padding
                chosen.insert(keys[b][q][j]);
                if (j > 0 && valid[b][q][j - 1]) CHECK(scores[b][q][j] <= scores[b][q][j - 1]);  // best first
            }
            const auto valid_count = static_cast<std::int64_t>(chosen.size());
            // A real query has min(K, length) keys, a padded one none.
            CHECK(valid_count == (q < length ? std::min<std::int64_t>(3, length) : 0));
        }
    }
    // The choice is the top K of the candidates by score: recompute the
    // scores of query 10 of sequence 0 over every candidate by hand.
    const auto tokens = selector->token(x).squeeze(-1);
    const auto globals = std::get<1>(tokens.masked_fill(~mask, -INFINITY).topk(3, 1));
    const auto [candidates, candidate_valid] = candidate_keys(mask.sum(1), globals, 3, 20);
    const auto a = selector->query(x[0][10]);
    std::vector<std::pair<float, std::int64_t>> by_score;
    for (std::int64_t c2 = 0; c2 < candidates.size(2); ++c2) {
        if (!candidate_valid[0][10][c2].item<bool>()) continue;
        const auto key = candidates[0][10][c2].item<std::int64_t>();
        const auto s = (a * selector->key(x[0][key])).sum().item<float>() / 2.0f + tokens[0][key].item<float>();
        by_score.push_back({s, key});
    }
    std::sort(by_score.rbegin(), by_score.rend());
    for (std::int64_t j = 0; j < 3; ++j) {
        CHECK(keys[0][10][j] == by_score[static_cast<std::size_t>(j)].second);
        CHECK(scores[0][10][j] == doctest::Approx(by_score[static_cast<std::size_t>(j)].first).epsilon(1e-5));
    }
}

TEST_CASE("topk: one HeadApproximator per approximated head, each K values -> hidden -> head") {
    ModelConfig c = small_model_config(ModelKind::topk);  // d 8, 2 heads, K 4, hidden 8
    for (const auto& setting : std::vector<std::pair<std::string, std::size_t>>{
             {"0", 1}, {"1", 1}, {"0,1", 2}, {"all", 2}, {"none", 0}}) {
        // Not a structured binding: clang 14 cannot capture one in INFO's lambda.
        const std::string& heads = setting.first;
        const std::size_t count = setting.second;
        INFO("approximate_heads ", heads);
        c.approximate_heads = heads;
        auto model = topk_model(c);
        REQUIRE(model->approximators_->size() == count);
        for (const auto& approximator : model->approximators_->children()) {
            const auto params = approximator->named_parameters();
            CHECK(params["0.weight"].sizes() == torch::IntArrayRef({8, 4 * 4}));
            CHECK(params["2.weight"].sizes() == torch::IntArrayRef({4, 8}));
        }
        Rng rng(4);
        const auto s = random_bases(rng, 30);
        const TokenBatch batch = make_token_batch({&s});
        torch::NoGradGuard no_grad;
        const auto x = model->stem_(batch.tokens, batch.mask);
        CHECK(model->head_outputs(x, model->selector_(x, batch.mask)).sizes() == torch::IntArrayRef({1, 30, 2, 4}));
    }
    c.approximate_heads = "2";
    CHECK_THROWS_AS(make_model(c), Error);
    c.approximate_heads = "0,x";
    CHECK_THROWS_AS(make_model(c), Error);
}

TEST_CASE("topk: the task loss's gradient reaches the KeySelector, with exact and with approximated heads") {
    for (const std::string heads : {"none", "all"}) {
        INFO("approximate_heads ", heads);
        ModelConfig c = small_model_config(ModelKind::topk);
        c.approximate_heads = heads;
        auto model = topk_model(c);
        model->train();
        Rng rng(6);
        const auto a = random_bases(rng, 25), b = random_bases(rng, 18);
        const TokenBatch batch = make_token_batch({&a, &b});
        model->forward(batch.tokens, batch.mask).sum().backward();
        for (const auto& p : model->selector_->named_parameters()) {
            // The token scorer's bias adds the same to every candidate's
            // logit, which a softmax ignores: only gates can feel it.
            if (heads == "none" && p.key() == "token.bias") continue;
            INFO("selector parameter ", p.key());
            REQUIRE(p.value().grad().defined());
            CHECK(p.value().grad().abs().sum().item<float>() > 0);
        }
    }
}

TEST_CASE("topk: selector scores are the log-odds of the share of queries that chose each key, -inf on padding") {
    ModelConfig c = small_model_config(ModelKind::topk);
    auto model = topk_model(c);
    Rng rng(8);
    const auto a = random_bases(rng, 24), b = random_bases(rng, 9);
    const TokenBatch batch = make_token_batch({&a, &b});
    const auto scores = model->selector_scores(batch.tokens, batch.mask);
    REQUIRE(scores.sizes() == batch.mask.sizes());
    CHECK(torch::equal(torch::isinf(scores), ~batch.mask));
    // Each real query chooses K = 4 keys: the counts sum to 4 per base.
    for (const auto& [row, length] : std::vector<std::pair<std::int64_t, double>>{{0, 24}, {1, 9}}) {
        const auto real = scores[row].masked_select(batch.mask[row]);
        const auto counts = torch::sigmoid(real.to(torch::kDouble)) * (length + 1) - 0.5;
        CHECK((counts - counts.round()).abs().max().item<double>() < 1e-4);
        CHECK(counts.round().sum().item<double>() == 4 * length);
        CHECK(counts.round().max().item<double>() <= length);
    }
}

TEST_CASE("topk: keys per query must be fewer than the training sequences' bases; flops grow linearly") {
    ModelConfig c = small_model_config(ModelKind::topk);
    c.keys_per_query = 50;
    CHECK_THROWS_AS(check_fits_sequences(c, 50), Error);
    CHECK_NOTHROW(check_fits_sequences(c, 51));
    c.keys_per_query = 16;
    c.embedding_dim = 32;
    c.heads = 4;
    const double at_10k = flops_per_sequence(c, 10000), at_20k = flops_per_sequence(c, 20000);
    CHECK(at_20k / at_10k == doctest::Approx(2.0).epsilon(0.01));
    ModelConfig full = c;
    full.kind = ModelKind::full;
    CHECK(flops_per_sequence(full, 10000) > 10 * at_10k);
}

TEST_CASE("topk: a full model's trace is its forward pass with the attention written out") {
    ModelConfig c = small_model_config(ModelKind::full);
    torch::manual_seed(2);
    auto full = std::dynamic_pointer_cast<FullModelImpl>(make_model(c));
    REQUIRE(full != nullptr);
    full->eval();
    Rng rng(9);
    const auto a = random_bases(rng, 21), b = random_bases(rng, 13);
    const TokenBatch batch = make_token_batch({&a, &b});
    torch::NoGradGuard no_grad;
    const AttentionTrace t = full->trace(batch.tokens, batch.mask);
    CHECK(torch::allclose(t.output, full->forward(batch.tokens, batch.mask), 1e-5, 1e-5));
    REQUIRE(t.weights.sizes() == torch::IntArrayRef({2, 2, 21, 21}));
    CHECK(torch::allclose(t.weights.sum(-1), torch::ones({2, 2, 21}), 1e-5, 1e-5));  // rows are distributions
    CHECK(t.weights[1].slice(2, 13).abs().max().item<float>() == 0.0f);             // no weight on padding
    CHECK(t.heads.sizes() == torch::IntArrayRef({2, 21, 2, 4}));
}

TEST_CASE("topk: distillation losses against a hand-built teacher attention") {
    // One sequence of 4 bases (padded to 5), one query's candidates by hand.
    const auto mask = torch::tensor({{true, true, true, true, false}});
    auto weights = torch::zeros({1, 2, 5, 5});
    // Head 0 attends from every query to key 1, head 1 half to key 1, half to key 3.
    weights.select(1, 0).select(2, 1).fill_(1);
    weights.select(1, 1).select(2, 1).fill_(0.5);
    weights.select(1, 1).select(2, 3).fill_(0.5);
    CandidateScores c;
    // Every query's candidates: keys 0, 1, 3 and an invalid slot.
    c.keys = torch::tensor({0, 1, 3, 4}, torch::kLong).view({1, 1, 4}).expand({1, 5, 4}).clone();
    c.valid = torch::tensor({true, true, true, false}).view({1, 1, 4}).expand({1, 5, 4}).clone();
    c.valid.select(1, 4).fill_(false);  // the padded query has none
    c.scores = torch::tensor({0.0f, 1.0f, 0.0f, -INFINITY}).view({1, 1, 4}).expand({1, 5, 4}).clone();
    c.tokens = torch::tensor({{0.0f, 2.0f, 0.0f, 1.0f, 5.0f}});
    const auto none = torch::zeros({1, 5, 0, 4});
    const DistillationLosses l = distillation_losses(c, weights, mask, none, none);
    // Teacher over the candidates (mean of heads): 0, 0.75, 0.25, raised to
    // the 4th power relative to the largest: 0, 1, 1/81, so the target is
    // 81/82 on key 1 and 1/82 on key 3; selector softmax of (0, 1, 0):
    // e/(e+2) on key 1, 1/(e+2) on key 3.
    const double e = std::exp(1.0);
    const double selector = -(81.0 / 82 * std::log(e / (e + 2)) + 1.0 / 82 * std::log(1 / (e + 2)));
    CHECK(l.selector.item<double>() == doctest::Approx(selector).epsilon(1e-5));
    // Received attention over the 4 real keys: 0, 0.75, 0, 0.25; key 1 is
    // every query's arg-max: the target is their mean, 0, 0.875, 0, 0.125;
    // the token softmax over (0, 2, 0, 1), padding left out.
    const double z = 2 + std::exp(2.0) + e;
    const double tokens = -(0.875 * std::log(std::exp(2.0) / z) + 0.125 * std::log(e / z));
    CHECK(l.tokens.item<double>() == doctest::Approx(tokens).epsilon(1e-5));
    CHECK(l.approximator.item<double>() == 0.0);
    // Approximated heads: error relative to the teacher's, real positions only.
    auto teacher_heads = torch::ones({1, 5, 1, 4});
    auto student_heads = torch::ones({1, 5, 1, 4}) * 1.5;
    student_heads.select(1, 4).fill_(100);  // padding does not count
    const auto with_heads = distillation_losses(c, weights, mask, student_heads, teacher_heads);
    CHECK(with_heads.approximator.item<double>() == doctest::Approx(0.25));

    // The measures: the selector's first choice is key 1 (score 1), the
    // teacher's arg-max (mean over heads) too: top-1 accuracy 1.
    const KeyChoice choice = KeySelector(8, 4, 2)->choose(c);
    CHECK(choice.keys[0][0][0].item<std::int64_t>() == 1);
    TeacherAgreement agreement;
    agreement.add(c, choice, weights, mask, student_heads, teacher_heads, torch::tensor({2.0f}), torch::tensor({1.0f}));
    CHECK(agreement.queries == 4);
    CHECK(agreement.top1_accuracy() == 1.0);
    CHECK(agreement.topk_recall() == 1.0);
    CHECK(agreement.candidate_recall() == 1.0);
    // The teacher's rows (mean over heads): 0.75 on key 1, 0.25 on key 3.
    CHECK(agreement.teacher_first_weight() == doctest::Approx(0.75));
    CHECK(agreement.teacher_second_weight() == doctest::Approx(0.25));
    // Key 1 out of the candidates: none of the measures finds it.
    CandidateScores without = c;
    without.valid = c.valid & (c.keys != 1);
    without.scores = c.scores.masked_fill(~without.valid, -INFINITY);
    TeacherAgreement missing;
    missing.add(without, KeySelector(8, 4, 2)->choose(without), weights, mask, student_heads, teacher_heads,
                torch::tensor({2.0f}), torch::tensor({1.0f}));
    CHECK(missing.candidate_recall() == 0.0);
    CHECK(missing.topk_recall() == 0.0);
    CHECK(missing.top1_accuracy() == 0.0);
    CHECK(agreement.output_relative_error() == doctest::Approx(1.0));
    CHECK(agreement.head_relative_error() == doctest::Approx(0.5));
}

TEST_CASE("topk: a student learns from a full teacher of its shape only, starting from the teacher's weights") {
    ModelConfig full_config = small_model_config(ModelKind::full);
    torch::manual_seed(4);
    auto teacher = std::dynamic_pointer_cast<FullModelImpl>(make_model(full_config));
    ModelConfig student_config = small_model_config(ModelKind::topk);
    student_config.approximate_heads = "none";
    student_config.keys_per_query = 12;  // every key of a 12-base sequence: exact full attention
    auto student = topk_model(student_config);
    student->learn_from(teacher);
    CHECK(torch::equal(student->stem_->embedding->weight, teacher->stem_->embedding->weight));
    CHECK(torch::equal(student->head_->out->weight, teacher->head_->out->weight));
    // With every key chosen and the selector's scores equal for all of them
    // (zero selector weights), the student is its teacher.
    {
        torch::NoGradGuard no_grad;
        for (auto& p : student->selector_->parameters()) p.zero_();
    }
    Rng rng(12);
    const auto s = random_bases(rng, 12);
    const TokenBatch batch = make_token_batch({&s});
    torch::NoGradGuard no_grad;
    teacher->eval();
    CHECK(torch::allclose(student->forward(batch.tokens, batch.mask), teacher->forward(batch.tokens, batch.mask),
                          1e-5, 1e-5));
    ModelConfig other = small_model_config(ModelKind::topk);
    other.head_hidden = 16;
    CHECK_THROWS_WITH_AS(topk_model(other)->learn_from(teacher), doctest::Contains("head_hidden"), Error);
}

TEST_CASE("topk: without gradients (the in-place kernel, long sequences' queries in blocks) the outputs are the same") {
    ModelConfig c = small_model_config(ModelKind::topk);
    Rng rng(14);
    const auto s = random_bases(rng, 5000), t = random_bases(rng, 2100), u = random_bases(rng, 3);
    for (const std::string heads : {"0", "none", "all"}) {
        INFO("approximate_heads ", heads);
        c.approximate_heads = heads;
        auto model = topk_model(c);
        for (const TokenBatch& batch : {make_token_batch({&s, &t}), make_token_batch({&t, &u})}) {
            // Gradients on: one pass, the chosen keys and values copied out.
            const auto x = model->stem_(batch.tokens, batch.mask).detach();
            const auto choice = model->selector_(x, batch.mask);
            const auto heads_with = model->head_outputs(x, choice).detach();
            const auto whole = model->forward(batch.tokens, batch.mask).detach();
            torch::NoGradGuard no_grad;
            const auto real = batch.mask.view({batch.mask.size(0), -1, 1, 1});
            CHECK(torch::allclose(model->head_outputs(x, choice) * real, heads_with * real, 1e-5, 1e-6));
            CHECK(torch::allclose(whole, model->forward(batch.tokens, batch.mask), 1e-5, 1e-6));
        }
    }
}

TEST_CASE("topk: gathered attention's outputs and gradients equal the attention composed from LibTorch operations") {
    torch::manual_seed(21);
    const std::int64_t B = 3, Q = 7, N = 9, H = 2, dh = 4, K = 5;
    const auto q = torch::randn({B, Q, H * dh}).requires_grad_();
    const auto k = torch::randn({B, N, H * dh}).requires_grad_();
    const auto v = torch::randn({B, N, H * dh}).requires_grad_();
    const auto scores = torch::randn({B, Q, K}).requires_grad_();
    const auto keys = torch::randint(0, N, {B, Q, K}, torch::kLong);  // repeats included: queries share keys
    const auto ignored = torch::rand({B, Q, K}) < 0.2;
    const auto weights = torch::randn({B, Q, H, dh}).index_put_({torch::indexing::Slice(),
                                                                 torch::indexing::Slice(), 1}, 0);  // head 1 unused
    const auto gradients_of = [&](const torch::Tensor& out) {
        for (const auto& t : {q, k, v, scores})
            if (t.grad().defined()) t.grad().zero_();
        (out * weights).sum().backward();
        return std::vector<torch::Tensor>{q.grad().clone(), k.grad().clone(), v.grad().clone(),
                                          scores.grad().clone()};
    };
    const auto bias = [&] { return scores.masked_fill(ignored, -1e9); };

    const auto kernel = gathered_attention(q, k, v, keys, bias(), {true, false});
    const auto from_kernel = gradients_of(kernel);
    const auto chosen_keys = gather_positions(k, keys).view({B, Q, K, H, dh});
    const auto chosen_values = gather_positions(v, keys).view({B, Q, K, H, dh});
    const auto logits = (q.view({B, Q, 1, H, dh}) * chosen_keys).sum(-1) / std::sqrt(double(dh)) +
                        bias().unsqueeze(-1);
    const auto composed = (torch::softmax(logits, 2).unsqueeze(-1) * chosen_values).sum(2);  // [B, Q, H, dh]
    const auto from_composed = gradients_of(composed);

    REQUIRE(kernel.sizes() == composed.sizes());
    CHECK(torch::allclose(kernel.select(2, 0), composed.select(2, 0), 1e-5, 1e-6));
    CHECK(kernel.select(2, 1).abs().sum().item<float>() == 0.0f);  // not computed
    for (std::size_t i = 0; i < from_kernel.size(); ++i) {
        INFO("gradient of input ", i);
        CHECK(from_kernel[i].abs().sum().item<float>() > 0.0f);
        CHECK(torch::allclose(from_kernel[i], from_composed[i], 1e-4, 1e-5));
    }
}
