// The four models (docs/design.md, Models): shapes, padding masks, the sparse model's
// top-k selection, the window model's window, and that
// every model can see order.
#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <torch/torch.h>

#include <doctest/doctest.h>

#include "gsattn/alphabet.hpp"
#include "gsattn/models/batch.hpp"
#include "gsattn/error.hpp"
#include "gsattn/models/experiment.hpp"
#include "gsattn/model_config.hpp"
#include "gsattn/models/layers.hpp"
#include "gsattn/models/sequence_model.hpp"
#include "gsattn/models/pwm_model.hpp"
#include "gsattn/models/sparse_model.hpp"
#include "gsattn/random.hpp"
#include "model_test_util.hpp"
#include "test_util.hpp"

using namespace gsattn;
using namespace gsattn::test;

namespace {

ModelConfig small_config(ModelKind kind) { return small_model_config(kind, 0.2); }

struct Variant {
    std::string name;
    ModelConfig config;
};

// Every kind, the sparse model with both mixers, the window model with a
// window that depends on the sequence length (sparsity 0.3) and a fixed one,
// and the topk model with one, every and no head approximated.
std::vector<Variant> variants() {
    std::vector<Variant> out;
    out.push_back({"full", small_config(ModelKind::full)});
    out.push_back({"sparse-mlp", small_config(ModelKind::sparse)});
    ModelConfig attention = small_config(ModelKind::sparse);
    attention.approximator = Approximator::attention;
    out.push_back({"sparse-attention", attention});
    out.push_back({"joint", small_config(ModelKind::joint)});
    ModelConfig window = small_config(ModelKind::window);
    window.sparsity = 0.3;
    out.push_back({"window", window});
    ModelConfig fixed = small_config(ModelKind::window);
    fixed.window_size = 7;
    out.push_back({"window-fixed", fixed});
    for (const char* heads : {"0", "all", "none"}) {
        ModelConfig topk = small_config(ModelKind::topk);
        topk.approximate_heads = heads;
        out.push_back({std::string("topk-approximate-") + heads, topk});
    }
    for (const ModelKind kind :
         {ModelKind::full, ModelKind::sparse, ModelKind::joint, ModelKind::window, ModelKind::topk}) {
        ModelConfig binned = small_config(kind);
        binned.position_bins = 3;
        out.push_back({to_string(kind) + "-bins3", binned});
    }
    return out;
}

EncodedSequence random_sequence(Rng& rng, std::size_t length) {
    EncodedSequence s(length);
    for (auto& b : s) b = static_cast<Base>(rng.below(4));
    return s;
}

SequenceModel seeded_model(const ModelConfig& c, std::uint64_t seed = 7) {
    torch::manual_seed(seed);
    SequenceModel model = make_model(c);
    model->eval();
    return model;
}

std::vector<float> outputs_of(SequenceModelImpl& model, const std::vector<const EncodedSequence*>& seqs) {
    torch::NoGradGuard no_grad;
    const TokenBatch batch = make_token_batch(seqs);
    const auto y = model.forward(batch.tokens, batch.mask).contiguous();
    return std::vector<float>(y.data_ptr<float>(), y.data_ptr<float>() + y.numel());
}

std::shared_ptr<SparseModelImpl> as_sparse(const SequenceModel& model) {
    auto sparse = std::dynamic_pointer_cast<SparseModelImpl>(model);
    REQUIRE(sparse != nullptr);
    return sparse;
}

// [B, L] mask with the given lengths.
torch::Tensor mask_of(const std::vector<std::int64_t>& lengths, std::int64_t L) {
    auto mask = torch::zeros({static_cast<std::int64_t>(lengths.size()), L}, torch::kBool);
    for (std::size_t b = 0; b < lengths.size(); ++b)
        mask[static_cast<std::int64_t>(b)].slice(0, 0, lengths[b]).fill_(true);
    return mask;
}

void check_selection(const SparseModelImpl::Selection& chosen, const torch::Tensor& scores,
                     const std::vector<std::int64_t>& lengths, const std::vector<std::int64_t>& expected_keep) {
    REQUIRE(chosen.positions.dim() == 2);
    REQUIRE(chosen.positions.sizes() == chosen.valid.sizes());
    REQUIRE(chosen.positions.sizes() == chosen.scores.sizes());
    REQUIRE(chosen.positions.size(0) == static_cast<std::int64_t>(lengths.size()));
    const auto positions = chosen.positions.accessor<std::int64_t, 2>();
    const auto valid = chosen.valid.accessor<bool, 2>();
    const auto kept_scores = chosen.scores.accessor<float, 2>();
    const auto all_scores = scores.accessor<float, 2>();
    for (std::size_t b = 0; b < lengths.size(); ++b) {
        const auto row = static_cast<std::int64_t>(b);
        INFO("sequence ", b, " of length ", lengths[b]);
        std::set<std::int64_t> picked;
        float lowest_kept = std::numeric_limits<float>::infinity();
        for (std::int64_t j = 0; j < chosen.positions.size(1); ++j) {
            if (!valid[row][j]) {
                CHECK(kept_scores[row][j] == 0.0f);
                continue;
            }
            const std::int64_t p = positions[row][j];
            CHECK(p >= 0);
            CHECK(p < lengths[b]);  // never a padded position
            picked.insert(p);
            // The gate is the sigmoid of the selector logit the position was ranked by.
            CHECK(kept_scores[row][j] == doctest::Approx(1.0 / (1.0 + std::exp(-all_scores[row][p]))));
            lowest_kept = std::min(lowest_kept, all_scores[row][p]);
        }
        CHECK(static_cast<std::int64_t>(picked.size()) == expected_keep[b]);  // distinct, and k of them
        const std::int64_t valid_count = chosen.valid[row].sum().item<std::int64_t>();
        CHECK(valid_count == expected_keep[b]);
        // The kept positions are the best-scoring ones.
        for (std::int64_t p = 0; p < lengths[b]; ++p)
            if (!picked.count(p)) CHECK(all_scores[row][p] <= lowest_kept);
    }
}

}  // namespace

TEST_CASE("models: forward on a padded batch gives one finite value per sequence") {
    Rng rng(3);
    const auto a = random_sequence(rng, 17), b = random_sequence(rng, 40), c = random_sequence(rng, 5);
    for (const Variant& v : variants()) {
        INFO("model ", v.name);
        auto model = seeded_model(v.config);
        torch::NoGradGuard no_grad;
        const TokenBatch batch = make_token_batch({&a, &b, &c});
        const auto y = model->forward(batch.tokens, batch.mask);
        REQUIRE(y.dim() == 1);
        CHECK(y.size(0) == 3);
        CHECK((y.scalar_type() == torch::kFloat));
        CHECK(torch::isfinite(y).all().item<bool>());
    }
}

TEST_CASE("models: make_token_batch pads with PAD and masks the padding") {
    const auto a = encode("ACGTN", "test"), b = encode("GG", "test");
    const TokenBatch batch = make_token_batch({&a, &b});
    REQUIRE(batch.tokens.sizes() == torch::IntArrayRef({2, 5}));
    CHECK(batch.tokens[1][2].item<std::int64_t>() == static_cast<std::int64_t>(Base::PAD));
    CHECK(batch.tokens[0][4].item<std::int64_t>() == static_cast<std::int64_t>(Base::N));
    CHECK(batch.mask.sum().item<std::int64_t>() == 7);
    CHECK_FALSE(batch.mask[1][2].item<bool>());
    const TokenBatch rc = make_token_batch({&a, &b}, true);  // NACGT, CC
    CHECK(rc.tokens[0][0].item<std::int64_t>() == static_cast<std::int64_t>(Base::N));
    CHECK(rc.tokens[0][1].item<std::int64_t>() == static_cast<std::int64_t>(Base::A));
    CHECK(rc.tokens[1][0].item<std::int64_t>() == static_cast<std::int64_t>(Base::C));
    CHECK(rc.tokens[1][3].item<std::int64_t>() == static_cast<std::int64_t>(Base::PAD));
}

TEST_CASE("models: a prediction does not depend on the sequences batched with it") {
    Rng rng(5);
    const auto short_seq = random_sequence(rng, 20);
    const auto long_seq = random_sequence(rng, 60);
    const auto middle = random_sequence(rng, 33);
    for (const Variant& v : variants()) {
        INFO("model ", v.name);
        auto model = seeded_model(v.config);
        const auto alone = outputs_of(*model, {&short_seq});
        const auto batched = outputs_of(*model, {&long_seq, &short_seq, &middle});
        const auto middle_alone = outputs_of(*model, {&middle});
        const auto long_alone = outputs_of(*model, {&long_seq});
        REQUIRE(alone.size() == 1);
        REQUIRE(batched.size() == 3);
        CHECK(std::abs(batched[1] - alone[0]) < 1e-5);
        CHECK(std::abs(batched[2] - middle_alone[0]) < 1e-5);
        CHECK(std::abs(batched[0] - long_alone[0]) < 1e-5);
    }
}

TEST_CASE("models: every model sees the order of the bases") {
    Rng rng(11);
    const auto seq = random_sequence(rng, 50);
    auto shuffled = seq;
    for (std::size_t i = shuffled.size(); i > 1; --i) std::swap(shuffled[i - 1], shuffled[rng.below(i)]);
    REQUIRE((shuffled != seq));
    for (const Variant& v : variants()) {
        INFO("model ", v.name);
        auto model = seeded_model(v.config);
        const auto y = outputs_of(*model, {&seq, &shuffled});
        CHECK(std::abs(y[0] - y[1]) > 1e-5);
    }
}

TEST_CASE("models: the same seed builds the same weights and another seed does not") {
    for (const Variant& v : variants()) {
        INFO("model ", v.name);
        auto a = seeded_model(v.config, 1), b = seeded_model(v.config, 1), c = seeded_model(v.config, 2);
        const auto pa = a->parameters(), pb = b->parameters(), pc = c->parameters();
        REQUIRE(pa.size() == pb.size());
        bool all_equal = true, differs = false;
        for (std::size_t i = 0; i < pa.size(); ++i) {
            all_equal = all_equal && torch::equal(pa[i], pb[i]);
            differs = differs || !torch::equal(pa[i], pc[i]);
        }
        CHECK(all_equal);
        CHECK(differs);
    }
}

TEST_CASE("models: embedding_parameters is the stem's embedding table") {
    for (const Variant& v : variants()) {
        INFO("model ", v.name);
        auto model = seeded_model(v.config);
        const auto embeddings = model->embedding_parameters();
        REQUIRE(embeddings.size() == 1);
        const auto named = model->named_parameters();
        REQUIRE(named.contains("stem.embedding.weight"));
        CHECK(embeddings[0].is_same(named["stem.embedding.weight"]));
        CHECK(embeddings[0].sizes() == torch::IntArrayRef({kAlphabetSize, 8}));
        // The PAD row is the padding index: all zero.
        CHECK(embeddings[0][static_cast<int>(Base::PAD)].abs().sum().item<float>() == 0.0f);
    }
}

TEST_CASE("models: make_model rejects an invalid configuration") {
    ModelConfig c = small_config(ModelKind::full);
    c.heads = 3;  // 8 is not divisible by 3
    check_mentions(error_message([&] { make_model(c); }), {"divisible"});
    c = small_config(ModelKind::sparse);
    c.conv_width = 4;
    check_mentions(error_message([&] { make_model(c); }), {"odd"});
}

TEST_CASE("models: sparse selector scores are -inf exactly at padded positions") {
    for (Approximator a : {Approximator::mlp, Approximator::attention}) {
        ModelConfig c = small_config(ModelKind::sparse);
        c.approximator = a;
        auto model = seeded_model(c);
        Rng rng(2);
        const auto x = random_sequence(rng, 12), y = random_sequence(rng, 30), z = random_sequence(rng, 1);
        const TokenBatch batch = make_token_batch({&x, &y, &z});
        torch::NoGradGuard no_grad;
        const auto scores = model->selector_scores(batch.tokens, batch.mask);
        REQUIRE(scores.sizes() == batch.mask.sizes());
        const auto negative_inf = torch::isinf(scores).logical_and(scores < 0);
        CHECK(torch::equal(negative_inf, batch.mask.logical_not()));
        const auto real = scores.masked_select(batch.mask);
        CHECK(real.numel() == 43);
        CHECK(torch::isfinite(real).all().item<bool>());  // logits: finite on every real base
    }
}

TEST_CASE("models: models without a selector have no selector scores") {
    for (ModelKind k : {ModelKind::full, ModelKind::joint, ModelKind::window}) {
        auto model = seeded_model(small_config(k));
        const auto s = encode("ACGTACGT", "test");
        const TokenBatch batch = make_token_batch({&s});
        CHECK_FALSE(model->selector_scores(batch.tokens, batch.mask).defined());
    }
}

TEST_CASE("models: sparse select keeps ceil of sparsity times length valid positions") {
    ModelConfig c = small_config(ModelKind::sparse);
    c.sparsity = 0.25;
    auto sparse = as_sparse(seeded_model(c));
    const std::vector<std::int64_t> lengths{10, 25, 3, 1};
    const auto mask = mask_of(lengths, 25);
    torch::manual_seed(4);
    const auto scores = torch::rand({4, 25}).masked_fill(mask.logical_not(),
                                                          -std::numeric_limits<float>::infinity());
    const auto chosen = sparse->select(scores, mask);
    const std::vector<std::int64_t> expected{3, 7, 1, 1};  // ceil(2.5), ceil(6.25), ceil(0.75), ceil(0.25)
    for (std::size_t b = 0; b < lengths.size(); ++b) CHECK(kept_positions(c, lengths[b]) == expected[b]);
    CHECK(chosen.positions.size(1) == 7);
    check_selection(chosen, scores, lengths, expected);
}

TEST_CASE("models: while training an annealed epoch, sparse select keeps more; in eval mode, the usual k") {
    ModelConfig c = small_config(ModelKind::sparse);
    c.sparsity = 0.1;
    c.keep_anneal_epochs = 2;
    auto sparse = as_sparse(seeded_model(c));
    const std::vector<std::int64_t> lengths{40, 20};
    const auto mask = mask_of(lengths, 40);
    torch::manual_seed(5);
    const auto scores = torch::rand({2, 40}).masked_fill(mask.logical_not(), -std::numeric_limits<float>::infinity());
    sparse->train();
    sparse->set_training_epoch(1);
    check_selection(sparse->select(scores, mask), scores, lengths, {20, 10});  // 5 x 4, 5 x 2
    sparse->set_training_epoch(2);
    check_selection(sparse->select(scores, mask), scores, lengths, {12, 6});   // 3 x 4, 3 x 2
    sparse->set_training_epoch(3);
    check_selection(sparse->select(scores, mask), scores, lengths, {4, 2});
    sparse->set_training_epoch(1);
    sparse->eval();
    check_selection(sparse->select(scores, mask), scores, lengths, {4, 2});
}

TEST_CASE("models: sparse mutant_outputs, reusing the sequence's stem features, equals the mutants computed in full") {
    ModelConfig c = small_model_config(ModelKind::sparse, 0.1);
    c.stem_layers = 3;   // reach 2 x (1 + 2 + 4) = 14: stretches of 57 bases
    c.value_layers = 1;  // the kept positions carry the first layer, the selector reads all three
    auto model = seeded_model(c);
    torch::NoGradGuard no_grad;
    Rng rng(3);
    EncodedSequence sequence = random_sequence(rng, 90);
    sequence[40] = Base::N;
    const TokenBatch batch = make_token_batch({&sequence});
    std::vector<std::int64_t> positions, alts;
    for (std::int64_t i = 0; i < 90; ++i) {  // every position, the ends included
        positions.push_back(i);
        alts.push_back((static_cast<std::int64_t>(sequence[i]) + 1) % 4);
    }
    const auto reused = model->mutant_outputs(batch.tokens, positions, alts);
    const auto full = model->SequenceModelImpl::mutant_outputs(batch.tokens, positions, alts);
    REQUIRE(reused.sizes() == full.sizes());
    CHECK((reused - full).abs().max().item<double>() < 1e-5);
    CHECK((full - full[0]).abs().max().item<double>() > 1e-4);  // the mutants differ: the check can fail
    c.position_bins = 4;  // the kept positions' bins are the sequence's, not the stretch's
    auto binned = seeded_model(c);
    const auto binned_reused = binned->mutant_outputs(batch.tokens, positions, alts);
    CHECK((binned_reused - binned->SequenceModelImpl::mutant_outputs(batch.tokens, positions, alts))
              .abs().max().item<double>() < 1e-5);
}

TEST_CASE("models: a sparse scan, sharing the stem between overlapping windows, equals each window run alone") {
    for (const int stem_layers : {1, 3}) {
        for (const int value_layers : {0, 1}) {
            for (const int position_bins : {1, 4}) {
                ModelConfig c = small_model_config(ModelKind::sparse, 0.1);
                c.stem_layers = stem_layers;  // reach 2 x (2^layers - 1): 2 or 14, within half a window of 40
                c.value_layers = value_layers;
                c.position_bins = position_bins;
                auto model = seeded_model(c);
                torch::NoGradGuard no_grad;
                Rng rng(4);
                EncodedSequence sequence = random_sequence(rng, 300);
                for (int i = 100; i < 110; ++i) sequence[i] = Base::N;
                const TokenBatch batch = make_token_batch({&sequence});
                const std::int64_t width = 40, step = 7, count = (300 - width) / step + 1;
                INFO("stem layers " << stem_layers << ", value layers " << value_layers << ", bins " << position_bins);
                const auto scanned = model->window_outputs(batch.tokens, width, step, count);
                const auto alone = model->SequenceModelImpl::window_outputs(batch.tokens, width, step, count);
                REQUIRE(scanned.sizes() == alone.sizes());
                REQUIRE(scanned.size(0) == count);
                CHECK((scanned - alone).abs().max().item<double>() < 1e-5);
                CHECK((alone - alone[0]).abs().max().item<double>() > 1e-4);  // windows differ: the check can fail
                // The default cuts each window out: its first one is the forward of the first 40 bases.
                const EncodedSequence first(sequence.begin(), sequence.begin() + width);
                const TokenBatch one = make_token_batch({&first});
                CHECK(std::abs(alone[0].item<double>() - model->forward(one.tokens, one.mask)[0].item<double>()) < 1e-6);
            }
        }
    }
}

TEST_CASE("models: binned_mean_max pools each stretch of a sequence on its own") {
    // d = 1, one sequence of 6 positions (the last masked, its length still 6)
    // and one of 4 with two padded entries: 3 bins.
    const auto x = torch::tensor({1.f, 2.f, 3.f, 4.f, 5.f, 6.f, 10.f, 20.f, 30.f, 40.f, 99.f, 99.f}).view({2, 6, 1});
    const auto positions = torch::arange(6, torch::kLong).repeat({2, 1});
    auto mask = torch::ones({2, 6}, torch::kBool);
    mask[0][5] = false;
    mask[1].slice(0, 4, 6).fill_(false);
    const auto lengths = torch::tensor({6L, 4L});
    const auto pooled = binned_mean_max(x, mask, positions, lengths, 3);
    REQUIRE(pooled.sizes() == torch::IntArrayRef({2, 6}));
    // Bins of 6: {0,1} {2,3} {4,5}; of 4: {0,1} {2} {3} (floor(p x 3 / 4)).
    const std::vector<float> expected = {1.5f, 2.f, 3.5f, 4.f, 5.f, 5.f, 15.f, 20.f, 30.f, 30.f, 40.f, 40.f};
    const auto got = pooled.contiguous();
    for (std::size_t i = 0; i < expected.size(); ++i)
        CHECK(got.data_ptr<float>()[i] == doctest::Approx(expected[i]));
    // The kept positions of a sparse model: a bin nothing falls into pools to 0,
    // whatever the sign of the features.
    const auto kept = torch::tensor({-3.f, -7.f}).view({1, 2, 1});
    const auto sparse = binned_mean_max(kept, torch::ones({1, 2}, torch::kBool), torch::tensor({{5L, 0L}}),
                                        torch::tensor({6L}), 3);
    const std::vector<float> sparse_expected = {-7.f, -7.f, 0.f, 0.f, -3.f, -3.f};
    for (std::size_t i = 0; i < sparse_expected.size(); ++i)
        CHECK(sparse.contiguous().data_ptr<float>()[i] == doctest::Approx(sparse_expected[i]));
    // One bin is the plain pooling; gradients reach every pooled entry.
    CHECK(torch::equal(positional_mean_max(x, mask, 1), masked_mean_max(x, mask)));
    const auto leaf = x.clone().requires_grad_(true);
    positional_mean_max(leaf, mask, 3).sum().backward();
    CHECK(leaf.grad()[0][0][0].item<float>() == doctest::Approx(0.5f));  // its bin's mean only
    CHECK(leaf.grad()[0][1][0].item<float>() == doctest::Approx(1.5f));  // mean and max
    CHECK(leaf.grad()[1][4][0].item<float>() == 0.f);                    // padding
}

TEST_CASE("models: masked_mean_max and its gradient equal LibTorch's masked mean and max") {
    // Three sequences of 7 positions and 5 features: all kept; two padded;
    // none kept (mean 0, max the fill, no gradient). Feature 4 ties at its
    // maximum: the gradient goes to the first position holding it.
    torch::manual_seed(5);
    const auto x = torch::randn({3, 7, 5});
    x.select(2, 4).fill_(2.f);
    auto mask = torch::ones({3, 7}, torch::kBool);
    mask[1][2] = false;
    mask[1][6] = false;
    mask[2].fill_(false);
    const auto weights = torch::randn({3, 10});  // a loss that weighs every pooled entry differently
    const auto leaf = x.clone().requires_grad_(true);
    const auto pooled = masked_mean_max(leaf, mask);
    (pooled * weights).sum().backward();

    const auto reference = x.clone().requires_grad_(true);
    const auto keep = mask.unsqueeze(-1);
    const auto mean = (reference * keep).sum(1) / keep.sum(1).clamp_min(1);
    const auto max = std::get<0>(reference.masked_fill(keep.logical_not(), -1e9).max(1));
    const auto expected = torch::cat({mean, max}, 1);
    (expected * weights).sum().backward();
    CHECK((pooled - expected).abs().max().item<double>() < 1e-6);
    CHECK(pooled[2].slice(0, 0, 5).abs().max().item<float>() == 0.f);
    CHECK(pooled[2][7].item<float>() == -1e9f);
    // LibTorch's max sends a tie's gradient to one of the tied positions:
    // compare the features without ties whole, the tied one by its sums.
    const auto untied = leaf.grad().slice(2, 0, 4), reference_untied = reference.grad().slice(2, 0, 4);
    CHECK((untied - reference_untied).abs().max().item<double>() < 1e-6);
    CHECK((leaf.grad().select(2, 4).sum(1) - reference.grad().select(2, 4).sum(1)).abs().max().item<double>() < 1e-6);
    const float share = weights[0][4].item<float>() / 7;
    CHECK(leaf.grad()[0][0][4].item<float>() == doctest::Approx(share + weights[0][9].item<float>()));
    CHECK(leaf.grad()[0][1][4].item<float>() == doctest::Approx(share));
    CHECK(leaf.grad()[1][2].abs().max().item<float>() == 0.f);  // padding
    CHECK(leaf.grad()[2].abs().max().item<float>() == 0.f);     // nothing kept
    // Every position kept: the unmasked form gives the same.
    const auto all = torch::ones({3, 7}, torch::kBool);
    const auto whole = x.clone().requires_grad_(true);
    (masked_mean_max(whole, all) * weights).sum().backward();
    CHECK((masked_mean_max(x, all) - torch::cat({x.mean(1), std::get<0>(x.max(1))}, 1)).abs().max().item<double>() <
          1e-6);
    CHECK(whole.grad()[0][3][0].item<float>() ==
          doctest::Approx(weights[0][0].item<float>() / 7 +
                          (std::get<1>(x[0].select(1, 0).max(0)).item<std::int64_t>() == 3 ? weights[0][5].item<float>()
                                                                                             : 0.f)));
}

TEST_CASE("models: with position bins a model tells where a motif sits, without them where it is does not count") {
    Rng rng(13);
    const EncodedSequence background = random_sequence(rng, 60);
    const EncodedSequence motif = encode("TATAAAAG", "test");
    EncodedSequence early = background;
    std::copy(motif.begin(), motif.end(), early.begin() + 10);
    // Circularly shifted copies: the same bases around the same motif, elsewhere.
    auto shifted = [](const EncodedSequence& s, std::size_t by) {
        EncodedSequence out(s.size());
        for (std::size_t i = 0; i < s.size(); ++i) out[(i + by) % s.size()] = s[i];
        return out;
    };
    const EncodedSequence early_moved = shifted(early, 30);
    ModelConfig c = small_config(ModelKind::joint);
    c.conv_width = 1;  // features of one base: a shift changes nothing but where they sit
    for (const int bins : {1, 4}) {
        INFO("bins ", bins);
        c.position_bins = bins;
        auto model = seeded_model(c);
        const auto y = outputs_of(*model, {&early, &early_moved});
        if (bins == 1)
            CHECK(std::abs(y[0] - y[1]) < 1e-5);
        else
            CHECK(std::abs(y[0] - y[1]) > 1e-4);
    }
}

TEST_CASE("models: sparse select with top-k is clamped to a short sequence's length") {
    ModelConfig c = small_config(ModelKind::sparse);
    c.top_k = 5;
    auto sparse = as_sparse(seeded_model(c));
    const std::vector<std::int64_t> lengths{10, 3, 5, 20};
    const auto mask = mask_of(lengths, 20);
    torch::manual_seed(9);
    const auto scores = torch::rand({4, 20}).masked_fill(mask.logical_not(),
                                                          -std::numeric_limits<float>::infinity());
    const auto chosen = sparse->select(scores, mask);
    CHECK(chosen.positions.size(1) == 5);
    check_selection(chosen, scores, lengths, {5, 3, 5, 5});
}

TEST_CASE("models: sparse select on real selector scores never keeps padding") {
    ModelConfig c = small_config(ModelKind::sparse);
    c.sparsity = 0.5;
    auto sparse = as_sparse(seeded_model(c));
    Rng rng(8);
    const auto a = random_sequence(rng, 4), b = random_sequence(rng, 31), d = random_sequence(rng, 9);
    const TokenBatch batch = make_token_batch({&a, &b, &d});
    torch::NoGradGuard no_grad;
    const auto scores = sparse->selector_scores(batch.tokens, batch.mask);
    const auto chosen = sparse->select(scores, batch.mask);
    check_selection(chosen, scores, {4, 31, 9}, {2, 16, 5});
}

TEST_CASE("models: a top-k larger than every sequence keeps whole sequences") {
    ModelConfig c = small_config(ModelKind::sparse);
    c.top_k = 100;
    for (Approximator a : {Approximator::mlp, Approximator::attention}) {
        c.approximator = a;
        auto model = seeded_model(c);
        Rng rng(12);
        const auto x = random_sequence(rng, 6), y = random_sequence(rng, 14);
        const auto batched = outputs_of(*model, {&x, &y});
        const auto alone = outputs_of(*model, {&x});
        CHECK(std::isfinite(batched[0]));
        CHECK(std::isfinite(batched[1]));
        CHECK(std::abs(batched[0] - alone[0]) < 1e-5);
        const TokenBatch batch = make_token_batch({&x, &y});
        torch::NoGradGuard no_grad;
        const auto chosen = as_sparse(model)->select(model->selector_scores(batch.tokens, batch.mask), batch.mask);
        CHECK(chosen.positions.size(1) == 14);
        CHECK(chosen.valid.sum().item<std::int64_t>() == 20);
    }
}

TEST_CASE("models: sparse output ignores bases far from every kept position") {
    // The stem sees stem_reach() bases either side; a base further than
    // that from every kept position, changed without changing the selection,
    // cannot change the output. The same model with every position kept does
    // see it.
    ModelConfig few = small_config(ModelKind::sparse);
    few.top_k = 2;
    few.stem_layers = 2;  // reach 2 + 4 with width 5
    ModelConfig all = few;
    all.top_k = 0;
    all.sparsity = 1.0;
    auto sparse = as_sparse(seeded_model(few));
    auto dense = seeded_model(all);
    const std::int64_t reach = stem_reach(few);
    Rng rng(13);
    const auto seq = random_sequence(rng, 40);
    torch::NoGradGuard no_grad;
    const auto kept_of = [&](const EncodedSequence& s) {
        const TokenBatch batch = make_token_batch({&s});
        const auto chosen = sparse->select(sparse->selector_scores(batch.tokens, batch.mask), batch.mask);
        std::set<std::int64_t> kept;
        for (std::int64_t j = 0; j < chosen.positions.size(1); ++j) kept.insert(chosen.positions[0][j].item<std::int64_t>());
        return kept;
    };
    const auto kept = kept_of(seq);
    REQUIRE(kept.size() == 2);
    bool tried = false;
    for (std::int64_t p = 0; p < 40 && !tried; ++p) {
        bool far = true;
        for (std::int64_t k : kept) far = far && std::abs(k - p) > reach;
        if (!far) continue;
        auto changed = seq;
        changed[p] = static_cast<Base>((static_cast<int>(seq[p]) + 1) % 4);
        if (kept_of(changed) != kept) continue;
        tried = true;
        INFO("changed position ", p);
        CHECK(std::abs(outputs_of(*sparse, {&changed})[0] - outputs_of(*sparse, {&seq})[0]) < 1e-6);
        CHECK(std::abs(outputs_of(*dense, {&changed})[0] - outputs_of(*dense, {&seq})[0]) > 1e-7);
    }
    CHECK(tried);
}

TEST_CASE("models: the window size of the window model changes its output") {
    ModelConfig narrow = small_config(ModelKind::window);
    narrow.window_size = 3;
    ModelConfig wide = narrow;
    wide.window_size = 15;
    auto a = seeded_model(narrow), b = seeded_model(wide);
    Rng rng(22);
    const auto x = random_sequence(rng, 40), y = random_sequence(rng, 9);
    const auto ya = outputs_of(*a, {&x, &y});
    const auto yb = outputs_of(*b, {&x, &y});
    CHECK(std::isfinite(ya[0]));
    CHECK(std::isfinite(yb[1]));
    CHECK(std::abs(ya[0] - yb[0]) > 1e-6);
    // A window wider than the sequence is allowed.
    ModelConfig huge = narrow;
    huge.window_size = 101;
    auto c = seeded_model(huge);
    const auto yc = outputs_of(*c, {&y});
    CHECK(std::isfinite(yc[0]));
    CHECK(std::abs(yc[0] - outputs_of(*c, {&x, &y})[1]) < 1e-5);
}

TEST_CASE("models: a window model without global tokens has none and still predicts") {
    ModelConfig with = small_config(ModelKind::window);
    with.global_tokens = 2;
    ModelConfig without = with;
    without.global_tokens = 0;
    auto a = seeded_model(with), b = seeded_model(without);
    CHECK(count_parameters(*a) - count_parameters(*b) == 2 * with.embedding_dim);
    CHECK(b->named_parameters().find("globals") == nullptr);
    Rng rng(23);
    const auto x = random_sequence(rng, 30);
    CHECK(std::isfinite(outputs_of(*b, {&x})[0]));
}

TEST_CASE("models: gradients reach the embeddings of every model") {
    for (const Variant& v : variants()) {
        INFO("model ", v.name);
        torch::manual_seed(3);
        auto model = make_model(v.config);
        model->train();
        Rng rng(30);
        const auto x = random_sequence(rng, 25), y = random_sequence(rng, 12);
        const TokenBatch batch = make_token_batch({&x, &y});
        model->forward(batch.tokens, batch.mask).sum().backward();
        const auto grad = model->embedding_parameters().at(0).grad();
        REQUIRE(grad.defined());
        CHECK(grad.abs().sum().item<float>() > 0);
        CHECK(torch::isfinite(grad).all().item<bool>());
        // The PAD row never learns.
        CHECK(grad[static_cast<int>(Base::PAD)].abs().sum().item<float>() == 0.0f);
    }
}

TEST_CASE("models: the sparse model's selector guide sees every position, the prediction only the kept ones") {
    // A base far from every kept position cannot change the prediction (see
    // above) but does change the guide, whose gradient therefore reaches the
    // selector scores of positions that top-k leaves out.
    ModelConfig c = small_config(ModelKind::sparse);
    c.top_k = 2;
    c.selector_guide = 0.5;
    auto model = as_sparse(seeded_model(c));
    Rng rng(17);
    const auto seq = random_sequence(rng, 40);
    const auto outputs_for = [&](const EncodedSequence& s) {
        torch::NoGradGuard no_grad;
        const TokenBatch batch = make_token_batch({&s});
        const auto out = model->training_outputs(batch.tokens, batch.mask);
        REQUIRE(out.size() == 2);
        CHECK(out[0].weight == 1.0);
        CHECK(out[1].weight == 0.5);
        return std::make_pair(out[0].output.item<float>(), out[1].output.item<float>());
    };
    const TokenBatch batch = make_token_batch({&seq});
    const auto chosen = model->select(model->selector_scores(batch.tokens, batch.mask), batch.mask);
    std::set<std::int64_t> kept;
    for (std::int64_t j = 0; j < 2; ++j) kept.insert(chosen.positions[0][j].item<std::int64_t>());
    const auto [prediction, guide] = outputs_for(seq);
    CHECK(prediction == doctest::Approx(outputs_of(*model, {&seq})[0]).epsilon(1e-6));
    bool tried = false;
    for (std::int64_t p = 0; p < 40 && !tried; ++p) {
        bool far = true;
        for (std::int64_t k : kept) far = far && std::abs(k - p) > stem_reach(c) * 2 + 1;
        if (!far) continue;
        auto changed = seq;
        changed[p] = static_cast<Base>((static_cast<int>(seq[p]) + 1) % 4);
        const TokenBatch b2 = make_token_batch({&changed});
        const auto chosen2 = model->select(model->selector_scores(b2.tokens, b2.mask), b2.mask);
        std::set<std::int64_t> kept2;
        for (std::int64_t j = 0; j < 2; ++j) kept2.insert(chosen2.positions[0][j].item<std::int64_t>());
        if (kept2 != kept) continue;
        tried = true;
        INFO("changed position ", p);
        const auto [prediction2, guide2] = outputs_for(changed);
        CHECK(std::abs(prediction2 - prediction) < 1e-6);
        CHECK(std::abs(guide2 - guide) > 1e-7);
    }
    CHECK(tried);

    // Training-only: without a guide weight there is one output, and the
    // guide's parameters are not counted as the model's.
    ModelConfig unguided = c;
    unguided.selector_guide = 0;
    auto plain = seeded_model(unguided);
    const TokenBatch one = make_token_batch({&seq});
    CHECK(plain->training_outputs(one.tokens, one.mask).size() == 1);
    CHECK(plain->training_only_parameters() == 0);
    std::int64_t all = 0, without = 0;
    for (const auto& p : model->parameters()) all += p.numel();
    for (const auto& p : plain->parameters()) without += p.numel();
    CHECK(model->training_only_parameters() == all - without);
    CHECK(model->training_only_parameters() > 0);
}

TEST_CASE("models: stem dropout acts while training only") {
    ModelConfig with = small_config(ModelKind::joint);
    with.dropout = 0.5;
    ModelConfig without = with;
    without.dropout = 0;
    auto dropped = seeded_model(with);
    auto plain = seeded_model(without);
    Rng rng(21);
    const auto seq = random_sequence(rng, 30);
    const TokenBatch batch = make_token_batch({&seq});
    torch::NoGradGuard no_grad;
    dropped->eval();
    plain->eval();
    CHECK(torch::equal(dropped->forward(batch.tokens, batch.mask), plain->forward(batch.tokens, batch.mask)));
    dropped->train();
    plain->train();
    const auto first = dropped->forward(batch.tokens, batch.mask);
    CHECK_FALSE(torch::equal(first, dropped->forward(batch.tokens, batch.mask)));
    CHECK(torch::equal(plain->forward(batch.tokens, batch.mask), plain->forward(batch.tokens, batch.mask)));
}

TEST_CASE("models: the stem's first layer from one-hot bases equals the convolution of the embeddings") {
    ModelConfig config = small_config(ModelKind::joint);
    torch::manual_seed(5);
    InputStem stem(config);
    Rng rng(50);
    auto with_n = random_sequence(rng, 31);
    with_n[3] = with_n[17] = Base::N;
    const auto shorter = random_sequence(rng, 12);
    const TokenBatch batch = make_token_batch({&with_n, &shorter});
    const auto keep = batch.mask.unsqueeze(-1).to(torch::kFloat);
    const auto& conv = stem->contexts[0]->as<torch::nn::Conv1d>();

    const auto folded = stem->first_context(batch.tokens, keep);
    const auto plain = conv->forward((stem->embedding(batch.tokens) * keep).transpose(1, 2)).transpose(1, 2);
    REQUIRE(folded.sizes() == plain.sizes());
    CHECK(torch::allclose(folded, plain, /*rtol=*/1e-5, /*atol=*/1e-6));
    {
        // Without gradients the same sums come from a table lookup.
        torch::NoGradGuard no_grad;
        const auto looked_up = stem->first_context(batch.tokens, keep);
        REQUIRE(looked_up.sizes() == plain.sizes());
        CHECK((looked_up - plain).abs().max().item<float>() < 1e-6f);
        // Padding reads nothing: the shorter sequence's outputs past its end are the bias alone.
        CHECK(torch::allclose(looked_up[1].slice(0, 12 + conv->weight.size(2) / 2),
                              conv->bias.expand({31 - 12 - conv->weight.size(2) / 2, -1})));
    }

    // The same gradients reach the embedding table and the weights.
    const auto gradients_of = [&](const torch::Tensor& out) {
        stem->zero_grad();
        (out * torch::linspace(-1, 1, out.numel()).view(out.sizes())).sum().backward();
        return std::vector<torch::Tensor>{stem->embedding->weight.grad().clone(), conv->weight.grad().clone(),
                                          conv->bias.grad().clone()};
    };
    const auto from_folded = gradients_of(stem->first_context(batch.tokens, keep));
    const auto from_plain =
        gradients_of(conv->forward((stem->embedding(batch.tokens) * keep).transpose(1, 2)).transpose(1, 2));
    for (std::size_t i = 0; i < from_folded.size(); ++i) {
        INFO("gradient ", i);
        CHECK(torch::allclose(from_folded[i], from_plain[i], 1e-4, 1e-5));
    }
    CHECK(from_folded[0][static_cast<int>(Base::PAD)].abs().sum().item<float>() == 0.0f);
}

TEST_CASE("models: convolutions along positions agree with and without gradients") {
    torch::manual_seed(8);
    const auto x = torch::randn({3, 5000, 32});  // rows enough for more than one thread
    // Parameters record gradients, as a model's do.
    const auto weight = (torch::randn({64, 32, 9}) * 0.1).requires_grad_();
    const auto bias = torch::randn({64}).requires_grad_();
    namespace F = torch::nn::functional;
    for (const std::int64_t dilation : {1, 4}) {
        INFO("dilation " << dilation);
        const auto options = F::Conv1dFuncOptions().bias(bias).padding(4 * dilation).dilation(dilation);
        const auto expected = F::conv1d(x.transpose(1, 2), weight, options).transpose(1, 2);
        const auto recorded = convolve_positions(x, weight, bias, dilation);  // channels-last
        torch::Tensor plain;
        {
            torch::NoGradGuard no_grad;
            plain = convolve_positions(x, weight, bias, dilation);
        }
        REQUIRE(recorded.sizes() == expected.sizes());
        CHECK(recorded.is_contiguous());
        CHECK(plain.is_contiguous());
        CHECK((recorded - expected).abs().max().item<float>() < 1e-5f);
        CHECK((plain - recorded).abs().max().item<float>() < 1e-5f);
        // PerShapeConvolutions gives the recorded form's very values without
        // gradients, on its own thread and while it lives.
        REQUIRE(!torch::equal(plain, recorded));  // the forms round differently: the checks below can fail
        torch::Tensor per_shape, after;
        {
            torch::NoGradGuard no_grad;
            {
                const PerShapeConvolutions kernels(true);
                per_shape = convolve_positions(x, weight, bias, dilation);
                const PerShapeConvolutions nested(false);
                CHECK(torch::equal(convolve_positions(x, weight, bias, dilation), plain));
            }
            after = convolve_positions(x, weight, bias, dilation);
        }
        CHECK(!per_shape.requires_grad());
        CHECK(torch::equal(per_shape, recorded.detach()));
        CHECK(torch::equal(after, plain));
    }
}

TEST_CASE("models: a stem's features with and without gradients differ by rounding only") {
    ModelConfig config = small_config(ModelKind::sparse);
    config.embedding_dim = 32;
    config.stem_layers = 3;
    torch::manual_seed(6);
    InputStem stem(config);
    Rng rng(60);
    const auto longer = random_sequence(rng, 300), shorter = random_sequence(rng, 250);
    const TokenBatch batch = make_token_batch({&longer, &shorter});
    const auto training = stem->layer_outputs(batch.tokens, batch.mask);
    std::vector<torch::Tensor> predicting;
    {
        torch::NoGradGuard no_grad;
        predicting = stem->layer_outputs(batch.tokens, batch.mask);
    }
    REQUIRE(training.size() == predicting.size());
    for (std::size_t layer = 0; layer < training.size(); ++layer) {
        INFO("layer " << layer);
        CHECK((training[layer] - predicting[layer]).abs().max().item<float>() < 1e-5f);
        // Padding stays zero either way.
        CHECK(predicting[layer][1].slice(0, 250).abs().sum().item<float>() == 0.0f);
    }
}

TEST_CASE("models: predictions without gradients are within 1e-6 of the training-time forward pass") {
    Rng rng(61);
    const auto longer = random_sequence(rng, 90), shorter = random_sequence(rng, 64);
    const TokenBatch batch = make_token_batch({&longer, &shorter});
    for (const Variant& v : variants()) {
        INFO(v.name);
        torch::manual_seed(7);
        auto model = make_model(v.config);
        model->eval();
        const auto recorded = model->forward(batch.tokens, batch.mask);
        torch::Tensor predicted;
        {
            torch::NoGradGuard no_grad;
            predicted = model->forward(batch.tokens, batch.mask);
        }
        CHECK((recorded - predicted).abs().max().item<float>() < 1e-6f);
    }
}

namespace {

// The pwm model of two consensus motifs, -35 then -10, with a spacer range.
std::shared_ptr<PwmModelImpl> sigma70_consensus_model(int spacer_min, int spacer_max) {
    ModelConfig c = small_config(ModelKind::pwm);
    for (const char* consensus : {"TTGACA", "TATAAT"})
        c.pwm.motifs.push_back({consensus, log_odds(motif_from_consensus(consensus, consensus), Background{}, 0.1)});
    c.pwm.spacer_min = spacer_min;
    c.pwm.spacer_max = spacer_max;
    return std::dynamic_pointer_cast<PwmModelImpl>(make_model(c));
}

std::vector<float> pwm_features(PwmModelImpl& model, const std::vector<const EncodedSequence*>& sequences,
                                std::size_t row) {
    torch::NoGradGuard no_grad;
    const TokenBatch batch = make_token_batch(sequences);
    const auto f = model.line_features(batch.tokens, batch.mask)[static_cast<std::int64_t>(row)].contiguous();
    return {f.data_ptr<float>(), f.data_ptr<float>() + f.numel()};
}

}  // namespace

TEST_CASE("models: the pwm model scores each motif, and the pair only within the spacer range") {
    // -35 at 5, -10 starting 17 bases after its end; the background is all C,
    // which neither motif's consensus has.
    EncodedSequence s = encode(std::string(5, 'C') + "TTGACA" + std::string(17, 'C') + "TATAAT" +
                                   std::string(10, 'C'),
                               "test");
    auto within = sigma70_consensus_model(15, 19), outside = sigma70_consensus_model(10, 12);
    const std::vector<Column> m35 = log_odds(motif_from_consensus("a", "TTGACA"), Background{}, 0.1);
    const std::vector<Column> m10 = log_odds(motif_from_consensus("b", "TATAAT"), Background{}, 0.1);
    const auto best = [](const std::vector<Column>& m) {
        double sum = 0;
        for (const Column& c : m) sum += *std::max_element(c.begin(), c.end());
        return sum;
    };
    const auto f = pwm_features(*within, {&s}, 0);
    REQUIRE(f.size() == 3);
    CHECK(f[0] == doctest::Approx(best(m35)).epsilon(1e-5));
    CHECK(f[1] == doctest::Approx(best(m10)).epsilon(1e-5));
    CHECK(f[2] == doctest::Approx(best(m35) + best(m10)).epsilon(1e-5));
    const auto g = pwm_features(*outside, {&s}, 0);
    CHECK(g[0] == doctest::Approx(f[0]));
    CHECK(g[2] < f[2] - 5);  // no consensus pair 10-12 bases apart
}

TEST_CASE("models: pwm features are the same on either strand, in flanks and next to longer sequences") {
    Rng rng(5);
    const EncodedSequence s = random_sequence(rng, 60);
    const EncodedSequence rc = reverse_complement(s);
    // Flanks of C only: neither consensus motif scores well there.
    EncodedSequence flanked = encode(std::string(40, 'C'), "test");
    flanked.insert(flanked.begin() + 20, s.begin(), s.end());
    const EncodedSequence longer = random_sequence(rng, 150);
    auto model = sigma70_consensus_model(15, 19);
    const auto alone = pwm_features(*model, {&s}, 0);
    const auto other_strand = pwm_features(*model, {&rc}, 0);
    const auto in_flanks = pwm_features(*model, {&flanked}, 0);
    const auto padded = pwm_features(*model, {&longer, &s}, 1);
    for (std::size_t i = 0; i < alone.size(); ++i) {
        CAPTURE(i);
        CHECK(other_strand[i] == doctest::Approx(alone[i]).epsilon(1e-5));
        CHECK(in_flanks[i] >= alone[i] - 1e-4f);
        CHECK(padded[i] == doctest::Approx(alone[i]).epsilon(1e-5));
    }
}

TEST_CASE("models: a pwm model needs a motif, and a sequence shorter than a motif scores its lowest") {
    CHECK_THROWS_WITH_AS(make_model(small_config(ModelKind::pwm)), doctest::Contains("at least one motif"), Error);
    auto model = sigma70_consensus_model(15, 19);
    const EncodedSequence tiny = encode("TTG", "test");
    const auto f = pwm_features(*model, {&tiny}, 0);
    REQUIRE(f.size() == 3);
    for (float v : f) CHECK(std::isfinite(v));
    CHECK(f[2] == doctest::Approx(f[0] + f[1]).epsilon(1e-5));
    CHECK(f[0] < -10);
}

TEST_CASE("models: with selector_layers the sparse selector sees only the first stem layers' reach") {
    ModelConfig c = small_config(ModelKind::sparse);
    c.stem_layers = 3;  // conv_width 5: reach 2 after one layer, 2 + 4 + 8 = 14 after three
    Rng rng(17);
    const EncodedSequence a = random_sequence(rng, 60);
    EncodedSequence b = a;
    b[30] = b[30] == Base::A ? Base::C : Base::A;
    const auto scores = [&](const ModelConfig& config) {
        torch::manual_seed(3);
        auto model = make_model(config);
        model->eval();
        torch::NoGradGuard no_grad;
        const TokenBatch batch = make_token_batch({&a, &b});
        return model->selector_scores(batch.tokens, batch.mask);
    };
    c.selector_layers = 1;
    const auto local = scores(c);
    c.selector_layers = 0;
    const auto whole = scores(c);
    bool whole_reaches_farther = false;
    for (std::int64_t p = 0; p < 60; ++p) {
        const auto distance = std::abs(p - 30);
        const double local_change = std::abs(local[0][p].item<double>() - local[1][p].item<double>());
        const double whole_change = std::abs(whole[0][p].item<double>() - whole[1][p].item<double>());
        CAPTURE(p);
        if (distance > 2) CHECK(local_change == 0);
        if (distance > 14) CHECK(whole_change == 0);
        if (distance > 2 && distance <= 14 && whole_change > 1e-6) whole_reaches_farther = true;
    }
    CHECK(whole_reaches_farther);
    c.selector_layers = 4;
    CHECK_THROWS_WITH_AS(make_model(c), doctest::Contains("more than the 3 stem layers"), Error);
}

TEST_CASE("models: with value_layers the sparse model's kept features are the first stem layers'") {
    ModelConfig c = small_config(ModelKind::sparse);
    c.stem_layers = 3;
    Rng rng(19);
    const EncodedSequence a = random_sequence(rng, 60);
    const auto run = [&](const ModelConfig& config) {
        torch::manual_seed(3);
        auto model = make_model(config);
        model->eval();
        torch::NoGradGuard no_grad;
        const TokenBatch batch = make_token_batch({&a});
        return std::pair{model->selector_scores(batch.tokens, batch.mask), model->forward(batch.tokens, batch.mask)};
    };
    const auto [whole_scores, whole_prediction] = run(c);
    c.value_layers = 1;
    const auto [scores, prediction] = run(c);
    // The same weights: the selector still reads every layer, the kept values do not.
    CHECK(torch::equal(scores, whole_scores));
    CHECK(std::abs(prediction.item<double>() - whole_prediction.item<double>()) > 1e-6);
    c.value_layers = 4;
    CHECK_THROWS_WITH_AS(make_model(c), doctest::Contains("value_layers 4 is more than the 3 stem layers"), Error);
    c.value_layers = 1;
    c.selector_layers = 2;
    CHECK_THROWS_WITH_AS(make_model(c), doctest::Contains("leave the last of the 3 stem layers unread"), Error);
    // Both set, each reads its own layers: a selector of all three layers
    // scores as the default does, the values stay the first layer's.
    c.selector_layers = 3;
    const auto [both_scores, both_prediction] = run(c);
    CHECK(torch::equal(both_scores, whole_scores));
    CHECK(torch::equal(both_prediction, prediction));
}
