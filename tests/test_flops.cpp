// FLOPs per sequence (how each model scales with L), the sizes derived
// from a ModelConfig, its TOML form and validation, and the training
// settings file.
#include <cmath>
#include <cstdint>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

// LibTorch (through train_settings.hpp) before doctest: glog's CHECK macro
// must not replace doctest's.
#include <fmt/format.h>
#include <toml++/toml.h>

#include "gsattn/flops.hpp"
#include "gsattn/model_config.hpp"
#include "gsattn/train_settings.hpp"

#include <doctest/doctest.h>

#include "test_util.hpp"

using namespace gsattn;
using namespace gsattn::test;

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
    for (ModelKind k : {ModelKind::full, ModelKind::sparse, ModelKind::joint, ModelKind::window, ModelKind::pwm})
        CHECK(parse_model_kind(to_string(k)) == k);
    CHECK(to_string(ModelKind::window) == "window");
    CHECK(model_kind_names() == std::vector<std::string>{"full", "sparse", "joint", "window", "pwm"});
    CHECK(parse_approximator("attention") == Approximator::attention);
    CHECK(parse_approximator("mlp") == Approximator::mlp);
    check_mentions(error_message([] { parse_model_kind("transformer"); }),
                   {"transformer", "full", "sparse", "joint", "window", "pwm"});
    check_mentions(error_message([] { parse_model_kind("Sparse"); }), {"Sparse"});
    check_mentions(error_message([] { parse_approximator("lstm"); }), {"lstm", "mlp", "attention"});
}

TEST_CASE("model_config: to_toml and back gives the same configuration") {
    ModelConfig c;
    c.kind = ModelKind::window;
    c.embedding_dim = 24;
    c.conv_width = 11;
    c.stem_layers = 3;
    c.heads = 3;
    c.head_hidden = 12;
    c.sparsity = 0.07;
    c.top_k = 9;
    c.approximator = Approximator::attention;
    c.bottleneck = 5;
    c.global_tokens = 4;
    c.window_size = 13;
    c.detectors = 33;
    c.selector_guide = 0.25;
    c.dropout = 0.125;
    const toml::table t = to_toml(c);
    CHECK(t["kind"].value_or(std::string()) == "window");
    // Through text, as in a model file.
    std::ostringstream text;
    text << t;
    const ModelConfig back = model_config_from_toml(toml::parse(text.str()));
    CHECK(back.kind == c.kind);
    CHECK(back.embedding_dim == c.embedding_dim);
    CHECK(back.conv_width == c.conv_width);
    CHECK(back.stem_layers == c.stem_layers);
    CHECK(back.heads == c.heads);
    CHECK(back.head_hidden == c.head_hidden);
    CHECK(back.sparsity == c.sparsity);
    CHECK(back.top_k == c.top_k);
    CHECK(back.approximator == c.approximator);
    CHECK(back.bottleneck == c.bottleneck);
    CHECK(back.global_tokens == c.global_tokens);
    CHECK(back.window_size == c.window_size);
    CHECK(back.detectors == c.detectors);
    CHECK(back.selector_guide == c.selector_guide);
    CHECK(back.dropout == c.dropout);
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

namespace {

// Values of `field` out of its bounds as TOML: NaN, infinities, just past
// each finite end (a float for a float field, an integer otherwise), past
// the range of an int, and a float where an integer belongs.
template <typename Config>
std::vector<std::string> values_out_of_bounds(const NumberField<Config>& field) {
    const bool integer = !std::holds_alternative<double Config::*>(field.member);
    std::vector<std::string> out{"nan", "inf", "-inf"};
    const double step = integer ? 1 : 1e-6;
    const auto text = [&](double v) {
        return integer ? std::to_string(static_cast<std::int64_t>(v)) : fmt::format("{:.17g}", v);
    };
    out.push_back(text(field.bounds.low_open ? field.bounds.low : field.bounds.low - step));
    if (std::isfinite(field.bounds.high))
        out.push_back(text(field.bounds.high_open ? field.bounds.high : field.bounds.high + step));
    if (std::holds_alternative<int Config::*>(field.member)) out.push_back("3000000000");  // beyond an int
    if (integer) out.push_back("1e300");  // a float, which toml++ would cast to an integer unchecked
    return out;
}

}  // namespace

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

TEST_CASE("train_settings: reads the model and train sections") {
    TempDir dir;
    const std::string path = dir.file("train.toml");
    write_text(path,
               "# a comment\n"
               "[model]\n"
               "kind = \"joint\"\n"
               "embedding_dim = 16\n"
               "heads = 2\n"
               "sparsity = 0.2\n"
               "detectors = 32\n"
               "\n"
               "[train]\n"
               "epochs = 3\n"
               "batch_size = 8\n"
               "learning_rate = 0.01\n"
               "embedding_lr_mult = 2.5\n"
               "weight_decay = 0.0\n"
               "patience = 2\n"
               "clip_norm = 0.5\n"
               "weight_average = 0.99\n"
               "reverse_complement = false\n"
               "task = \"classification\"\n"
               "seed = 42\n"
               "starts = 2\n"
               "start_sequences = 900\n");
    const TrainSettings s = read_train_settings(path);
    CHECK(s.model.kind == ModelKind::joint);
    CHECK(s.model.embedding_dim == 16);
    CHECK(s.model.heads == 2);
    CHECK(s.model.sparsity == 0.2);
    CHECK(s.model.detectors == 32);
    CHECK(s.model.conv_width == ModelConfig{}.conv_width);
    CHECK(s.train.epochs == 3);
    CHECK(s.train.batch_size == 8);
    CHECK(s.train.learning_rate == 0.01);
    CHECK(s.train.embedding_lr_mult == 2.5);
    CHECK(s.train.weight_decay == 0.0);
    CHECK(s.train.patience == 2);
    CHECK(s.train.clip_norm == 0.5);
    CHECK(s.train.weight_average == 0.99);
    CHECK_FALSE(s.train.reverse_complement);
    CHECK(s.train.task == Task::classification);
    CHECK(s.train.seed == 42);
    CHECK(s.train.starts == 2);
    CHECK(s.train.start_sequences == 900);
}

TEST_CASE("train_settings: an empty file or one section gives the defaults for the rest") {
    TempDir dir;
    const std::string empty = dir.file("empty.toml");
    write_text(empty, "");
    const TrainSettings d = read_train_settings(empty);
    CHECK(d.model.kind == ModelConfig{}.kind);
    CHECK(d.train.epochs == TrainConfig{}.epochs);
    const std::string train_only = dir.file("train.toml");
    write_text(train_only, "[train]\nepochs = 5\n");
    const TrainSettings t = read_train_settings(train_only);
    CHECK(t.train.epochs == 5);
    CHECK(t.train.batch_size == TrainConfig{}.batch_size);
    CHECK(t.model.embedding_dim == ModelConfig{}.embedding_dim);
}

TEST_CASE("train_settings: each kind's defaults, under a config file's keys, but not a model file's") {
    const TrainSettings sparse = default_train_settings(ModelKind::sparse);
    CHECK(sparse.model.stem_layers == 4);
    CHECK(sparse.model.conv_width == 5);
    CHECK(sparse.model.value_layers == 1);
    CHECK(sparse.train.augment_length == 300);
    CHECK(sparse.train.augment_crop == 10);
    const TrainSettings joint = default_train_settings(ModelKind::joint);
    CHECK(joint.model.kind == ModelKind::joint);
    CHECK(joint.model.stem_layers == 1);
    CHECK(joint.model.conv_width == 9);
    CHECK(joint.model.value_layers == 0);
    CHECK(joint.train.augment_length == 300);
    CHECK(default_train_settings(ModelKind::pwm).train.augment_length == 0);
    for (const std::string& kind : model_kind_names())
        CHECK_NOTHROW(validate(default_train_settings(parse_model_kind(kind)).model));

    TempDir dir;
    const std::string path = dir.file("s.toml");
    write_text(path, "[model]\nstem_layers = 2\n[train]\nepochs = 3\n");
    const TrainSettings file = read_train_settings(path);  // no kind: sparse
    CHECK(file.model.kind == ModelKind::sparse);
    CHECK(file.model.stem_layers == 2);
    CHECK(file.model.conv_width == 5);
    CHECK(file.model.value_layers == 1);
    CHECK(file.train.epochs == 3);
    CHECK(file.train.augment_length == 300);
    write_text(path, "[model]\nkind = 'pwm'\n");
    CHECK(read_train_settings(path).train.augment_length == 0);
    // A kind given over the file's: that kind's defaults.
    const TrainSettings forced = read_train_settings(path, ModelKind::sparse);
    CHECK(forced.model.stem_layers == 4);
    CHECK(forced.train.augment_length == 300);

    // A sparse model file written before value_layers existed has one
    // layer's values read from every layer, as it was trained.
    const ModelConfig old_file = model_config_from_toml(toml::parse("kind = 'sparse'\nstem_layers = 3\n"));
    CHECK(old_file.value_layers == 0);
    CHECK(old_file.conv_width == 9);
}

TEST_CASE("train_settings: unknown keys and sections are errors with file and line") {
    TempDir dir;
    const std::string path = dir.file("bad.toml");

    write_text(path, "[model]\nkind = \"sparse\"\nsparsity_typo = 0.2\n");
    std::string message = error_message([&] { read_train_settings(path); });
    check_mentions(message, {path + ":3:", "sparsity_typo", "[model]"});
    CHECK(message.rfind(path + ":3:", 0) == 0);  // the location comes first, once

    write_text(path, "[train]\nepochs = 3\n\nlearning_rat = 0.1\n");
    message = error_message([&] { read_train_settings(path); });
    check_mentions(message, {path + ":4:", "learning_rat", "[train]"});
    CHECK(message.rfind(path + ":4:", 0) == 0);

    write_text(path, "[model]\nkind = \"full\"\n\n[optimizer]\nname = \"sgd\"\n");
    message = error_message([&] { read_train_settings(path); });
    check_mentions(message, {path + ":4:", "optimizer", "[model]", "[train]"});

    write_text(path, "epochs = 3\n");  // a key outside any section
    message = error_message([&] { read_train_settings(path); });
    check_mentions(message, {path + ":1:", "epochs"});
}

TEST_CASE("train_settings: bad TOML and bad values are errors naming the file") {
    TempDir dir;
    const std::string path = dir.file("bad.toml");

    write_text(path, "[model]\nkind = \"sparse\n");
    check_mentions(error_message([&] { read_train_settings(path); }), {path + ":2:"});

    write_text(path, "[model]\nkind = \"lstm\"\n");
    check_mentions(error_message([&] { read_train_settings(path); }), {path, "lstm"});

    write_text(path, "[model]\nsparsity = 0\n");
    check_mentions(error_message([&] { read_train_settings(path); }), {path, "sparsity"});

    write_text(path, "[train]\ntask = \"ranking\"\n");
    check_mentions(error_message([&] { read_train_settings(path); }), {path, "ranking"});

    write_text(path, "[train]\nstart_sequences = 0\n");
    check_mentions(error_message([&] { read_train_settings(path); }), {path, "start_sequences"});

    for (const std::string bad : {"1", "1.5", "-0.1"}) {
        write_text(path, "[train]\nweight_average = " + bad + "\n");
        check_mentions(error_message([&] { read_train_settings(path); }),
                       {path + ":2:", "weight_average " + bad, "[0, 0.9999]"});
    }

    write_text(path, "[model]\nembedding_dim = 30\n\nheads = 4\n");  // together, not alone
    check_mentions(error_message([&] { read_train_settings(path); }), {path + ":1:", "divisible"});

    write_text(path, "model = 3\n");
    check_mentions(error_message([&] { read_train_settings(path); }), {path + ":1:", "'model' must be a section"});

    const std::string missing = dir.file("missing.toml");
    check_mentions(error_message([&] { read_train_settings(missing); }), {missing});
}

TEST_CASE("train_settings: every numeric key refuses NaN, infinities and values past its bounds, with file:line") {
    TempDir dir;
    const std::string path = dir.file("bad.toml");
    for (const auto& field : train_fields()) {
        for (const std::string& bad : values_out_of_bounds(field)) {
            write_text(path, "[train]\n\n" + std::string(field.key) + " = " + bad + "\n");
            INFO(field.key, " = ", bad);
            check_mentions(error_message([&] { read_train_settings(path); }), {path + ":3:", field.key});
        }
    }
    // Rates that used to be taken: an infinite or absurd learning rate or weight decay.
    for (const std::string line : {"learning_rate = 1e30", "weight_decay = inf", "embedding_lr_mult = 1e9"}) {
        write_text(path, "[train]\n" + line + "\n");
        check_mentions(error_message([&] { read_train_settings(path); }), {path + ":2:", line.substr(0, 10)});
    }
    // The seed takes 63 bits, the range of a TOML integer, and no sign.
    write_text(path, "[train]\nseed = -1\n");
    check_mentions(error_message([&] { read_train_settings(path); }), {path + ":2:", "seed -1"});
    write_text(path, "[train]\nseed = 9223372036854775807\n");
    CHECK(read_train_settings(path).train.seed == 9223372036854775807u);
    TrainConfig c;
    c.seed = 9223372036854775808u;
    check_mentions(error_message([&] { validate(c); }), {"seed 9223372036854775808"});
}

TEST_CASE("train_settings: to_toml of the training configuration lists every key") {
    TrainConfig c;
    c.epochs = 7;
    c.task = Task::classification;
    c.seed = 123;
    c.starts = 4;
    c.start_sequences = 5000;
    c.weight_average = 0.75;
    c.augment_length = 300;
    c.augment_crop = 10;
    const toml::table t = to_toml(c);
    CHECK(t["epochs"].value_or(0) == 7);
    CHECK(t["task"].value_or(std::string()) == "classification");
    CHECK(t["seed"].value_or(std::int64_t{0}) == 123);
    CHECK(t["starts"].value_or(0) == 4);
    CHECK(t["start_sequences"].value_or(std::int64_t{0}) == 5000);
    CHECK(t["weight_average"].value_or(0.0) == 0.75);
    CHECK(t["augment_length"].value_or(0) == 300);
    CHECK(t["augment_crop"].value_or(0) == 10);
    CHECK(t.size() == 15);
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
