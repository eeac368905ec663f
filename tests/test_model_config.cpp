// ModelConfig: the sizes derived from it, its TOML form, its table of
// numeric settings and validation.
#include <algorithm>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include <doctest/doctest.h>

#include "config_test_util.hpp"
#include "gsattn/model_config.hpp"
#include "gsattn/experiment_config.hpp"
#include "test_util.hpp"

using namespace gsattn;
using namespace gsattn::test;

TEST_CASE("model_config: kept_positions while annealing: 5x in epoch 1, linearly to 1x after the annealed epochs") {
    ModelConfig c;
    c.sparsity = 0.1;
    c.keep_anneal_epochs = 4;
    CHECK(kept_positions(c, 200) == 20);     // not training
    CHECK(kept_positions(c, 200, 1) == 100);  // 5 x 20
    CHECK(kept_positions(c, 200, 2) == 80);   // 4 x 20
    CHECK(kept_positions(c, 200, 4) == 40);
    CHECK(kept_positions(c, 200, 5) == 20);
    CHECK(kept_positions(c, 30, 1) == 15);
    CHECK(kept_positions(c, 8, 1) == 5);      // ceil(5 x ceil(0.8))
    c.sparsity = 0.5;
    CHECK(kept_positions(c, 10, 1) == 10);    // never more than the sequence
    c.keep_anneal_epochs = 0;
    CHECK(kept_positions(c, 10, 1) == 5);
}

TEST_CASE("model_config: kept_positions is the ceiling of sparsity times length") {
    ModelConfig c;
    c.sparsity = 0.1;
    CHECK(kept_positions(c, 200) == 20);
    CHECK(kept_positions(c, 201) == 21);
    CHECK(kept_positions(c, 209) == 21);
    CHECK(kept_positions(c, 5) == 1);
    CHECK(kept_positions(c, 1) == 1);
    CHECK(kept_positions(c, 0) == 1);
    c.sparsity = 0.15;
    CHECK(kept_positions(c, 20) == 3);  // 0.15 x 20 is 3.0000000000000004 in binary
    CHECK(kept_positions(c, 100) == 15);
    c.sparsity = 0.07;
    CHECK(kept_positions(c, 100) == 7);  // 7.000000000000001
    c.sparsity = 1.0;
    CHECK(kept_positions(c, 7) == 7);
    c.top_k = 50;
    CHECK(kept_positions(c, 100) == 50);
    CHECK(kept_positions(c, 10) == 10);  // clamped to the sequence
    CHECK(kept_positions(c, 50) == 50);
}

TEST_CASE("model_config: stem_reach doubles with each dilated layer") {
    ModelConfig c;
    c.conv_width = 9;
    c.stem_layers = 1;
    CHECK(stem_reach(c) == 4);
    c.stem_layers = 2;
    CHECK(stem_reach(c) == 4 + 8);
    c.stem_layers = 3;
    CHECK(stem_reach(c) == 4 + 8 + 16);
    c.conv_width = 1;
    CHECK(stem_reach(c) == 0);
}

TEST_CASE("model_config: window_keys") {
    ModelConfig c;
    c.sparsity = 0.1;
    c.global_tokens = 2;
    CHECK(window_keys(c, 200) == 18);   // 20 keys in all, 2 of them global
    CHECK(window_keys(c, 10000) == 998);
    CHECK(window_keys(c, 10) == 3);     // never fewer than 3
    c.global_tokens = 0;
    c.sparsity = 0.5;
    CHECK(window_keys(c, 100) == 50);
    c.window_size = 7;
    CHECK(window_keys(c, 100) == 7);
    CHECK(window_keys(c, 5) == 7);
}

TEST_CASE("model_config: names of kinds and approximators") {
    for (ModelKind k :
         {ModelKind::full, ModelKind::sparse, ModelKind::joint, ModelKind::window, ModelKind::topk, ModelKind::pwm})
        CHECK(parse_model_kind(to_string(k)) == k);
    CHECK(to_string(ModelKind::window) == "window");
    CHECK(to_string(ModelKind::topk) == "topk");
    CHECK(model_kind_names() == std::vector<std::string>{"full", "sparse", "joint", "window", "topk", "pwm"});
    CHECK(parse_approximator("attention") == Approximator::attention);
    CHECK(parse_approximator("mlp") == Approximator::mlp);
    check_mentions(error_message([] { parse_model_kind("transformer"); }),
                   {"transformer", "full", "sparse", "joint", "window", "topk", "pwm"});
    check_mentions(error_message([] { parse_model_kind("Sparse"); }), {"Sparse"});
    check_mentions(error_message([] { parse_approximator("lstm"); }), {"lstm", "mlp", "attention"});
}

TEST_CASE("model_config: to_toml and back gives the same configuration") {
    // The numeric settings one by one: "config tables" below.
    ModelConfig c;
    c.kind = ModelKind::window;
    c.approximator = Approximator::attention;
    c.embedding_dim = 24;
    c.heads = 3;
    const toml::table t = to_toml(c);
    CHECK(t["kind"].value_or(std::string()) == "window");
    CHECK(t["approximator"].value_or(std::string()) == "attention");
    // Through text, as in a model file.
    std::ostringstream text;
    text << t;
    const ModelConfig back = model_config_from_toml(toml::parse(text.str()));
    CHECK(back.kind == c.kind);
    CHECK(back.approximator == c.approximator);
    CHECK(back.embedding_dim == 24);
    CHECK(to_toml(back) == t);
}

TEST_CASE("model_config: missing keys take the defaults") {
    const ModelConfig back = model_config_from_toml(toml::parse("kind = 'joint'\nsparsity = 0.2\n"));
    const ModelConfig defaults;
    CHECK(back.kind == ModelKind::joint);
    CHECK(back.sparsity == 0.2);
    CHECK(back.embedding_dim == defaults.embedding_dim);
    CHECK(back.conv_width == defaults.conv_width);
    CHECK(back.detectors == defaults.detectors);
    CHECK(model_config_from_toml(toml::table{}).kind == defaults.kind);
}

TEST_CASE("model_config: from_toml rejects unknown kinds and invalid values") {
    check_mentions(error_message([] { model_config_from_toml(toml::parse("kind = 'rnn'")); }), {"rnn"});
    check_mentions(error_message([] { model_config_from_toml(toml::parse("approximator = 'conv'")); }),
                   {"conv"});
    check_mentions(error_message([] { model_config_from_toml(toml::parse("sparsity = 1.5")); }),
                   {"sparsity", "1.5"});
    check_mentions(error_message([] { model_config_from_toml(toml::parse("conv_width = 8")); }),
                   {"conv_width 8", "odd"});
}

TEST_CASE("model_config: validate") {
    const ModelConfig good;
    CHECK_NOTHROW(validate(good));

    ModelConfig c = good;
    c.conv_width = 8;
    check_mentions(error_message([&] { validate(c); }), {"8", "odd"});
    c.conv_width = 1;
    CHECK_NOTHROW(validate(c));

    c = good;
    c.selector_guide = -0.5;
    check_mentions(error_message([&] { validate(c); }), {"guide", "-0.5"});
    c.selector_guide = 0;
    CHECK_NOTHROW(validate(c));

    c = good;
    c.dropout = 1;
    check_mentions(error_message([&] { validate(c); }), {"dropout 1", "[0, 0.99]"});
    c.dropout = -0.1;
    check_mentions(error_message([&] { validate(c); }), {"dropout -0.1"});
    c.dropout = 0.5;
    CHECK_NOTHROW(validate(c));

    c = good;
    c.stem_layers = 0;
    check_mentions(error_message([&] { validate(c); }), {"stem_layers 0"});
    c.stem_layers = 9;
    check_mentions(error_message([&] { validate(c); }), {"stem_layers 9"});
    c.stem_layers = 8;
    CHECK_NOTHROW(validate(c));

    c = good;
    c.embedding_dim = 30;  // 4 heads
    check_mentions(error_message([&] { validate(c); }), {"30", "divisible", "4 heads"});
    c.heads = 3;
    CHECK_NOTHROW(validate(c));

    c = good;
    c.sparsity = 0;
    check_mentions(error_message([&] { validate(c); }), {"sparsity"});
    c.sparsity = 1.0001;
    check_mentions(error_message([&] { validate(c); }), {"sparsity"});
    c.sparsity = -0.1;
    check_mentions(error_message([&] { validate(c); }), {"sparsity"});
    c.sparsity = std::nan("");
    check_mentions(error_message([&] { validate(c); }), {"sparsity"});
    c.sparsity = 1.0;
    CHECK_NOTHROW(validate(c));

    c = good;
    c.top_k = -1;
    check_mentions(error_message([&] { validate(c); }), {"top_k -1"});
    c = good;
    c.detectors = 0;
    check_mentions(error_message([&] { validate(c); }), {"detectors 0", "[1, 1024]"});

    // heads = 0 divided by zero (SIGFPE) and heads = -4 divided 32 evenly.
    for (const int heads : {0, -4}) {
        c = good;
        c.heads = heads;
        check_mentions(error_message([&] { validate(c); }), {"heads " + std::to_string(heads), "[1, 1024]"});
    }
}

TEST_CASE("model_config: sizes have upper bounds that say why") {
    ModelConfig c;
    c.conv_width = 100001;
    check_mentions(error_message([&] { validate(c); }), {"conv_width 100001", "[1, 1001]", "motifs"});
    c = ModelConfig{};
    c.global_tokens = 100000;
    check_mentions(error_message([&] { validate(c); }), {"global_tokens 100000", "[0, 1024]", "every position"});
    c = ModelConfig{};
    c.embedding_dim = 2048;
    check_mentions(error_message([&] { validate(c); }), {"embedding_dim 2048", "[4, 1024]"});
    c.embedding_dim = 1024;
    c.head_hidden = c.bottleneck = c.detectors = 1024;
    CHECK_NOTHROW(validate(c));
}

TEST_CASE("model_config: check_fits_sequences refuses what the training sequences cannot use") {
    ModelConfig c;  // conv_width 9, one stem layer: reaches 4 bases
    CHECK_NOTHROW(check_fits_sequences(c, 60));
    CHECK_NOTHROW(check_fits_sequences(c, 5));
    check_mentions(error_message([&] { check_fits_sequences(c, 4); }),
                   {"reaches 4 bases", "longest training sequence (4 bp)"});
    c.conv_width = 201;
    check_mentions(error_message([&] { check_fits_sequences(c, 60); }), {"--conv-width 201", "reaches 100 bases"});
    c = ModelConfig{};
    c.stem_layers = 5;  // 4 x (2^5 - 1) = 124
    CHECK_NOTHROW(check_fits_sequences(c, 125));
    check_mentions(error_message([&] { check_fits_sequences(c, 124); }), {"--stem-layers 5", "reaches 124"});

    c = ModelConfig{};
    c.top_k = 60;
    check_mentions(error_message([&] { check_fits_sequences(c, 60); }), {"--top-k 60 keeps every base"});
    c.top_k = 59;
    CHECK_NOTHROW(check_fits_sequences(c, 60));

    c = ModelConfig{};
    c.window_size = 119;  // from every base of 60, 119 keys reach both ends
    check_mentions(error_message([&] { check_fits_sequences(c, 60); }), {"--window-size 119", "full attention"});
    c.window_size = 118;
    CHECK_NOTHROW(check_fits_sequences(c, 60));

    c = ModelConfig{};
    c.global_tokens = 60;
    check_mentions(error_message([&] { check_fits_sequences(c, 60); }), {"--global-tokens 60"});
    c.global_tokens = 59;
    CHECK_NOTHROW(check_fits_sequences(c, 60));
}

TEST_CASE("model_config: every numeric key refuses NaN, infinities and values past its bounds, naming the key") {
    for (const auto& field : model_fields()) {
        for (const std::string& bad : values_out_of_bounds(field)) {
            const std::string text = std::string(field.key) + " = " + bad;
            INFO(text);
            check_mentions(error_message([&] { model_config_from_toml(toml::parse(text)); }), {field.key});
        }
    }
}

TEST_CASE("config tables: every key is written, and the defaults lie within the bounds") {
    const toml::table model = to_toml(ModelConfig{});
    for (const auto& field : model_fields()) CHECK(model.contains(field.key));
    const toml::table train = to_toml(TrainConfig{});
    for (const auto& field : train_fields()) CHECK(train.contains(field.key));
    CHECK_NOTHROW(validate(ModelConfig{}));
    CHECK_NOTHROW(validate(TrainConfig{}));
}


TEST_CASE("config tables: each numeric setting, changed alone, goes through TOML text and back") {
    check_each_setting_round_trips(model_fields(), [](const toml::table& t) { return model_config_from_toml(t); });
    check_each_setting_round_trips(train_fields(), [](const toml::table& t) { return train_config_from_toml(t); });
}

TEST_CASE("config tables: every row names its option and says what it does, each option once") {
    std::vector<std::string> options;
    const auto check_row = [&options](const auto& field) {
        INFO(field.key);
        CHECK(field.help.size() > 10);
        CHECK(option_name(field).rfind("--", 0) == 0);
        CHECK(option_name(field).find('_') == std::string::npos);
        options.push_back(option_name(field));
    };
    for (const auto& field : model_fields()) check_row(field);
    for (const auto& field : train_fields()) check_row(field);
    CHECK(option_name(field_named(model_fields(), "conv_width")) == "--conv-width");
    CHECK(option_name(field_named(train_fields(), "learning_rate")) == "--lr");
    std::sort(options.begin(), options.end());
    CHECK(std::adjacent_find(options.begin(), options.end()) == options.end());
}

TEST_CASE("model_config: approximate_heads names heads, all or none, and round-trips through TOML for topk") {
    ModelConfig c;
    c.kind = ModelKind::topk;
    c.heads = 4;
    c.approximate_heads = "0";
    CHECK(approximated_heads(c) == std::vector<bool>{true, false, false, false});
    c.approximate_heads = "3,1";
    CHECK(approximated_heads(c) == std::vector<bool>{false, true, false, true});
    c.approximate_heads = "all";
    CHECK(approximated_heads(c) == std::vector<bool>{true, true, true, true});
    c.approximate_heads = "none";
    CHECK(approximated_heads(c) == std::vector<bool>{false, false, false, false});
    for (const char* bad : {"4", "-1", "0,,1", "x", ""}) {
        INFO("approximate_heads '", bad, "'");
        c.approximate_heads = bad;
        CHECK_THROWS_AS(validate(c), Error);
    }
    c.approximate_heads = "1,2";
    c.keys_per_query = 24;
    const ModelConfig back = model_config_from_toml(to_toml(c));
    CHECK(back.approximate_heads == "1,2");
    CHECK(back.keys_per_query == 24);
    ModelConfig full;
    full.kind = ModelKind::full;
    CHECK_FALSE(to_toml(full).contains("approximate_heads"));  // only topk models carry it
}
