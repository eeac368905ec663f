// The training settings: TrainConfig's TOML form and the [model]/[train]
// settings file read over each kind's defaults.
#include <cstdint>
#include <string>

#include <toml++/toml.h>

#include <doctest/doctest.h>

#include "config_test_util.hpp"
#include "gsattn/experiment_config.hpp"
#include "test_util.hpp"

using namespace gsattn;
using namespace gsattn::test;

TEST_CASE("experiment_config: reads the model and train sections") {
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
               "inits = 2\n"
               "init_sequences = 900\n");
    const ExperimentConfig s = read_experiment_config(path);
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
    CHECK(s.train.inits == 2);
    CHECK(s.train.init_sequences == 900);
}

TEST_CASE("experiment_config: an empty file or one section gives the defaults for the rest") {
    TempDir dir;
    const std::string empty = dir.file("empty.toml");
    write_text(empty, "");
    const ExperimentConfig d = read_experiment_config(empty);
    CHECK(d.model.kind == ModelConfig{}.kind);
    CHECK(d.train.epochs == TrainConfig{}.epochs);
    const std::string train_only = dir.file("train.toml");
    write_text(train_only, "[train]\nepochs = 5\n");
    const ExperimentConfig t = read_experiment_config(train_only);
    CHECK(t.train.epochs == 5);
    CHECK(t.train.batch_size == TrainConfig{}.batch_size);
    CHECK(t.model.embedding_dim == ModelConfig{}.embedding_dim);
}

TEST_CASE("experiment_config: each kind's defaults, under a config file's keys, but not a model file's") {
    const ExperimentConfig sparse = default_experiment_config(ModelKind::sparse);
    CHECK(sparse.model.stem_layers == 4);
    CHECK(sparse.model.conv_width == 5);
    CHECK(sparse.model.value_layers == 1);
    CHECK(sparse.train.augment_length == 300);
    CHECK(sparse.train.augment_crop == 10);
    const ExperimentConfig joint = default_experiment_config(ModelKind::joint);
    CHECK(joint.model.kind == ModelKind::joint);
    CHECK(joint.model.stem_layers == 1);
    CHECK(joint.model.conv_width == 9);
    CHECK(joint.model.value_layers == 0);
    CHECK(joint.train.augment_length == 300);
    CHECK(default_experiment_config(ModelKind::pwm).train.augment_length == 0);
    for (const std::string& kind : model_kind_names())
        CHECK_NOTHROW(validate(default_experiment_config(parse_model_kind(kind)).model));

    TempDir dir;
    const std::string path = dir.file("s.toml");
    write_text(path, "[model]\nstem_layers = 2\n[train]\nepochs = 3\n");
    const ExperimentConfig file = read_experiment_config(path);  // no kind: sparse
    CHECK(file.model.kind == ModelKind::sparse);
    CHECK(file.model.stem_layers == 2);
    CHECK(file.model.conv_width == 5);
    CHECK(file.model.value_layers == 1);
    CHECK(file.train.epochs == 3);
    CHECK(file.train.augment_length == 300);
    write_text(path, "[model]\nkind = 'pwm'\n");
    CHECK(read_experiment_config(path).train.augment_length == 0);
    // A kind given over the file's: that kind's defaults.
    const ExperimentConfig forced = read_experiment_config(path, ModelKind::sparse);
    CHECK(forced.model.stem_layers == 4);
    CHECK(forced.train.augment_length == 300);

    // A sparse model file written before value_layers existed has one
    // layer's values read from every layer, as it was trained.
    const ModelConfig old_file = model_config_from_toml(toml::parse("kind = 'sparse'\nstem_layers = 3\n"));
    CHECK(old_file.value_layers == 0);
    CHECK(old_file.conv_width == 9);
}

TEST_CASE("experiment_config: unknown keys and sections are errors with file and line") {
    TempDir dir;
    const std::string path = dir.file("bad.toml");

    write_text(path, "[model]\nkind = \"sparse\"\nsparsity_typo = 0.2\n");
    std::string message = error_message([&] { read_experiment_config(path); });
    check_mentions(message, {path + ":3:", "sparsity_typo", "[model]"});
    CHECK(message.rfind(path + ":3:", 0) == 0);  // the location comes first, once

    write_text(path, "[train]\nepochs = 3\n\nlearning_rat = 0.1\n");
    message = error_message([&] { read_experiment_config(path); });
    check_mentions(message, {path + ":4:", "learning_rat", "[train]"});
    CHECK(message.rfind(path + ":4:", 0) == 0);

    write_text(path, "[model]\nkind = \"full\"\n\n[optimizer]\nname = \"sgd\"\n");
    message = error_message([&] { read_experiment_config(path); });
    check_mentions(message, {path + ":4:", "optimizer", "[model]", "[train]"});

    write_text(path, "epochs = 3\n");  // a key outside any section
    message = error_message([&] { read_experiment_config(path); });
    check_mentions(message, {path + ":1:", "epochs"});
}

TEST_CASE("experiment_config: bad TOML and bad values are errors naming the file") {
    TempDir dir;
    const std::string path = dir.file("bad.toml");

    write_text(path, "[model]\nkind = \"sparse\n");
    check_mentions(error_message([&] { read_experiment_config(path); }), {path + ":2:"});

    write_text(path, "[model]\nkind = \"lstm\"\n");
    check_mentions(error_message([&] { read_experiment_config(path); }), {path, "lstm"});

    write_text(path, "[model]\nsparsity = 0\n");
    check_mentions(error_message([&] { read_experiment_config(path); }), {path, "sparsity"});

    write_text(path, "[train]\ntask = \"ranking\"\n");
    check_mentions(error_message([&] { read_experiment_config(path); }), {path, "ranking"});

    write_text(path, "[train]\ninit_sequences = 0\n");
    check_mentions(error_message([&] { read_experiment_config(path); }), {path, "init_sequences"});

    // A key of an earlier version is named with its new name.
    write_text(path, "[train]\nepochs = 3\nstarts = 2\n");
    check_mentions(error_message([&] { read_experiment_config(path); }),
                   {path + ":3:", "unknown key 'starts'", "it is now called 'inits'"});

    for (const std::string bad : {"1", "1.5", "-0.1"}) {
        write_text(path, "[train]\nweight_average = " + bad + "\n");
        check_mentions(error_message([&] { read_experiment_config(path); }),
                       {path + ":2:", "weight_average " + bad, "[0, 0.9999]"});
    }

    write_text(path, "[model]\nembedding_dim = 30\n\nheads = 4\n");  // together, not alone
    check_mentions(error_message([&] { read_experiment_config(path); }), {path + ":1:", "divisible"});

    write_text(path, "model = 3\n");
    check_mentions(error_message([&] { read_experiment_config(path); }), {path + ":1:", "'model' must be a section"});

    const std::string missing = dir.file("missing.toml");
    check_mentions(error_message([&] { read_experiment_config(missing); }), {missing});
}

TEST_CASE("experiment_config: every numeric key refuses NaN, infinities and values past its bounds, with file:line") {
    TempDir dir;
    const std::string path = dir.file("bad.toml");
    for (const auto& field : train_fields()) {
        for (const std::string& bad : values_out_of_bounds(field)) {
            write_text(path, "[train]\n\n" + std::string(field.key) + " = " + bad + "\n");
            INFO(field.key, " = ", bad);
            check_mentions(error_message([&] { read_experiment_config(path); }), {path + ":3:", field.key});
        }
    }
    // Rates that used to be taken: an infinite or absurd learning rate or weight decay.
    for (const std::string line : {"learning_rate = 1e30", "weight_decay = inf", "embedding_lr_mult = 1e9"}) {
        write_text(path, "[train]\n" + line + "\n");
        check_mentions(error_message([&] { read_experiment_config(path); }), {path + ":2:", line.substr(0, 10)});
    }
    // The seed takes 63 bits, the range of a TOML integer, and no sign.
    write_text(path, "[train]\nseed = -1\n");
    check_mentions(error_message([&] { read_experiment_config(path); }), {path + ":2:", "seed -1"});
    write_text(path, "[train]\nseed = 9223372036854775807\n");
    CHECK(read_experiment_config(path).train.seed == 9223372036854775807u);
    TrainConfig c;
    c.seed = 9223372036854775808u;
    check_mentions(error_message([&] { validate(c); }), {"seed 9223372036854775808"});
}

TEST_CASE("experiment_config: to_toml of the training configuration lists every key") {
    // The numeric settings one by one: "config tables" in test_model_config.cpp.
    TrainConfig c;
    c.task = Task::classification;
    c.seed = 123;
    c.reverse_complement = false;
    const toml::table t = to_toml(c);
    CHECK(t["task"].value_or(std::string()) == "classification");
    CHECK(t["seed"].value_or(std::int64_t{0}) == 123);
    CHECK(t["reverse_complement"].value_or(true) == false);
    for (const auto& field : train_fields()) CHECK(t.contains(field.key));
    CHECK(t.size() == train_fields().size() + 3);
}
