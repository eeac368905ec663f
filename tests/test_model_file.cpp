// The model file (docs/design.md, Files): weights and metadata round-trip
// exactly, saving is reproducible, and anything that is not a readable
// model of this format version is an Error, never a crash.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <torch/torch.h>

#include <doctest/doctest.h>

#include "gsattn/alphabet.hpp"
#include "gsattn/models/batch.hpp"
#include "gsattn/models/model_file.hpp"
#include "gsattn/models/predictor.hpp"
#include "gsattn/mutagenesis.hpp"
#include "gsattn/random.hpp"
#include "gsattn/version.hpp"
#include "model_test_util.hpp"
#include "test_util.hpp"

using namespace gsattn;
using namespace gsattn::test;

namespace {

ModelConfig small_config(ModelKind kind) { return small_model_config(kind, 0.15); }

ModelInfo info_for(const ModelConfig& config) {
    ModelInfo info;
    info.config = config;
    info.task = Task::regression;
    info.scaling = {1.25, 0.375};
    info.label_column = "expression";
    info.training_data = "/data/train.fa";
    info.training_crc32 = 0xDEADBEEFu;  // above INT32_MAX: must survive the TOML integer
    info.program_version = "ignored: the writer records its own version";
    info.train_config_toml = "epochs = 3\nbatch_size = 16\n";
    return info;
}

SequenceModel seeded_model(const ModelConfig& c, std::uint64_t seed = 5) {
    torch::manual_seed(seed);
    auto model = make_model(c);
    model->eval();
    return model;
}

std::vector<EncodedSequence> some_sequences() {
    Rng rng(42);
    std::vector<EncodedSequence> out;
    for (std::size_t length : {30, 7, 55}) {
        EncodedSequence s(length);
        for (auto& b : s) b = static_cast<Base>(rng.below(5));  // N included
        out.push_back(s);
    }
    return out;
}

std::vector<const EncodedSequence*> pointers(const std::vector<EncodedSequence>& seqs) {
    std::vector<const EncodedSequence*> out;
    for (const auto& s : seqs) out.push_back(&s);
    return out;
}

// The metadata entry of a saved model file.
std::string metadata_of(const std::string& path) {
    torch::serialize::InputArchive archive;
    archive.load_from(path);
    c10::IValue value;
    REQUIRE(archive.try_read("gsattn", value));
    REQUIRE(value.isString());
    return value.toStringRef();
}

// An archive with `network`'s weights and, unless empty, `metadata` under "gsattn".
void write_archive(const std::string& path, SequenceModelImpl& network, const std::string& metadata) {
    torch::serialize::OutputArchive archive;
    network.save(archive);
    if (!metadata.empty()) archive.write("gsattn", c10::IValue(metadata));
    archive.save_to(path);
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, "'", from, "' not in the metadata:\n", text);
    return text.replace(at, from.size(), to);
}

// The bytes of a model file holding a seeded model of `config`.
std::string model_file_bytes(const ModelConfig& config) {
    TempDir dir;
    auto model = seeded_model(config);
    const std::string path = dir.file("m.gsattn");
    save_model_file(path, *model, info_for(config));
    return read_text(path);
}

void check_not_a_model(const std::string& path, std::initializer_list<std::string_view> fragments) {
    INFO("file ", path);
    const std::string message = error_message([&] { load_model_file(path); });
    check_mentions(message, {path});
    check_mentions(message, fragments);
}

}  // namespace

TEST_CASE("model_file: save then load gives bit-identical predictions for every kind") {
    TempDir dir;
    const auto seqs = some_sequences();
    for (ModelKind kind : {ModelKind::full, ModelKind::sparse, ModelKind::joint, ModelKind::window}) {
        INFO("model ", to_string(kind));
        auto model = seeded_model(small_config(kind));
        const std::string path = dir.file(to_string(kind) + ".gsattn");
        save_model_file(path, *model, info_for(small_config(kind)));
        const LoadedModel loaded = load_model_file(path);
        REQUIRE(loaded.network != nullptr);
        CHECK(loaded.info.config.kind == kind);
        CHECK_FALSE(loaded.network->is_training());
        const auto before = predict_outputs(*model, pointers(seqs), 8);
        const auto after = predict_outputs(*loaded.network, pointers(seqs), 8);
        CHECK(before == after);
        // Every parameter and buffer is restored exactly.
        const auto a = model->named_parameters(), b = loaded.network->named_parameters();
        REQUIRE(a.size() == b.size());
        for (const auto& item : a) {
            INFO("parameter ", item.key());
            REQUIRE(b.contains(item.key()));
            CHECK(torch::equal(item.value(), b[item.key()]));
        }
    }
}

TEST_CASE("model_file: the metadata round-trips") {
    TempDir dir;
    ModelConfig config = small_config(ModelKind::sparse);
    config.sparsity = 0.05;
    config.top_k = 3;
    config.approximator = Approximator::attention;
    ModelInfo info = info_for(config);
    info.task = Task::classification;
    info.both_strands = false;
    auto model = seeded_model(config);
    const std::string path = dir.file("m.gsattn");
    save_model_file(path, *model, info);
    const ModelInfo got = load_model_file(path).info;
    CHECK(got.config.kind == ModelKind::sparse);
    CHECK(got.config.sparsity == 0.05);
    CHECK(got.config.top_k == 3);
    CHECK(got.config.approximator == Approximator::attention);
    CHECK(got.config.embedding_dim == 8);
    CHECK(got.config.heads == 2);
    CHECK(got.config.conv_width == 5);
    CHECK(got.config.bottleneck == 4);
    CHECK(got.task == Task::classification);
    CHECK(got.scaling.mean == 1.25);
    CHECK(got.scaling.std == 0.375);
    CHECK(got.label_column == "expression");
    CHECK(got.training_data == "/data/train.fa");
    CHECK(got.training_crc32 == 0xDEADBEEFu);
    CHECK(got.program_version == program_version());
    // The writer records the BLAS kernel in use, as it does its version.
    CHECK(got.blas_kernel == blas_kernel());
    CHECK_FALSE(got.blas_kernel.empty());
    CHECK(got.format_version == kModelFormatVersion);
    CHECK(got.train_config_toml == info.train_config_toml);
    CHECK_FALSE(got.both_strands);
}

TEST_CASE("model_file: a sparse model written before the selector guide existed loads without one") {
    TempDir dir;
    const auto seqs = some_sequences();
    ModelConfig config = small_config(ModelKind::sparse);
    config.selector_guide = 0;
    auto model = seeded_model(config);
    const std::string path = dir.file("pre-guide.gsattn");
    save_model_file(path, *model, info_for(config));
    std::string metadata = metadata_of(path);
    const auto key = metadata.find("selector_guide");
    REQUIRE(key != std::string::npos);
    metadata.erase(key, metadata.find('\n', key) + 1 - key);
    write_archive(path, *model, metadata);
    const LoadedModel loaded = load_model_file(path);
    CHECK(loaded.info.config.selector_guide == 0);
    CHECK(predict_outputs(*loaded.network, pointers(seqs), 8) == predict_outputs(*model, pointers(seqs), 8));
}

TEST_CASE("model_file: a model trained on one strand predicts from that strand only") {
    TempDir dir;
    const auto seqs = some_sequences();
    const ModelConfig config = small_config(ModelKind::joint);
    auto model = seeded_model(config);
    const auto forward_only = predict_outputs(*model, pointers(seqs), 8, false);
    const auto both = predict_outputs(*model, pointers(seqs), 8, true);
    REQUIRE(forward_only != both);
    for (const bool both_strands : {false, true}) {
        INFO("both_strands ", both_strands);
        ModelInfo info = info_for(config);
        info.both_strands = both_strands;
        const std::string path = dir.file("m.gsattn");
        save_model_file(path, *model, info);
        Predictor predictor(load_model_file(path), 8);
        CHECK(predictor.raw_outputs(pointers(seqs)) == (both_strands ? both : forward_only));
    }
    SUBCASE("files written before the key existed predict from both strands") {
        const std::string path = dir.file("old.gsattn");
        save_model_file(path, *model, info_for(config));
        write_archive(path, *model, replaced(metadata_of(path), "both_strands = true\n", ""));
        REQUIRE(metadata_of(path).find("both_strands") == std::string::npos);
        CHECK(load_model_file(path).info.both_strands);
    }
}

TEST_CASE("model_file: a long sequence's selector logits, scored in pieces, equal the whole sequence's") {
    TempDir dir;
    const ModelConfig config = small_config(ModelKind::sparse);
    REQUIRE(stem_reach(config) > 0);
    auto model = seeded_model(config);
    const std::string path = dir.file("m.gsattn");
    save_model_file(path, *model, info_for(config));
    Predictor predictor(load_model_file(path), 4);
    Rng rng(7);
    // Three pieces, the last one short, and a short sequence batched with them.
    EncodedSequence long_one(static_cast<std::size_t>(2 * kSelectorPieceLength + 1000)), short_one(40);
    for (auto& b : long_one) b = static_cast<Base>(rng.below(5));
    for (auto& b : short_one) b = static_cast<Base>(rng.below(5));
    const auto pieced = predictor.selector_logits({&short_one, &long_one});
    REQUIRE(pieced.size() == 2);
    REQUIRE(pieced[1].size() == long_one.size());

    torch::NoGradGuard no_grad;
    const TokenBatch whole = make_token_batch({&long_one});
    const auto expected = model->selector_scores(whole.tokens, whole.mask).contiguous();
    const float* row = expected.data_ptr<float>();
    float worst = 0;
    for (std::size_t i = 0; i < long_one.size(); ++i) worst = std::max(worst, std::abs(pieced[1][i] - row[i]));
    CHECK(worst < 1e-4f);
    // Context matters: a piece scored without its neighbours' bases differs at its edge.
    const EncodedSequence cut(long_one.begin() + kSelectorPieceLength, long_one.end());
    const auto alone = predictor.selector_logits({&cut}).front();
    CHECK(std::abs(alone[0] - pieced[1][kSelectorPieceLength]) > 1e-4f);
    const TokenBatch short_batch = make_token_batch({&short_one});
    const auto short_expected = model->selector_scores(short_batch.tokens, short_batch.mask).contiguous();
    for (std::size_t i = 0; i < short_one.size(); ++i)
        CHECK(pieced[0][i] == doctest::Approx(short_expected.data_ptr<float>()[i]).epsilon(1e-5));
}

TEST_CASE("model_file: label statistics that are not short decimals round-trip exactly") {
    TempDir dir;
    ModelInfo info = info_for(small_config(ModelKind::joint));
    info.scaling = {1.0 / 3.0, std::sqrt(2.0) * 1e-7};
    auto model = seeded_model(info.config);
    const std::string path = dir.file("m.gsattn");
    save_model_file(path, *model, info);
    const ModelInfo got = load_model_file(path).info;
    CHECK(got.scaling.mean == info.scaling.mean);
    CHECK(got.scaling.std == info.scaling.std);
}

TEST_CASE("model_file: two saves of the same model are byte-identical") {
    TempDir dir;
    auto model = seeded_model(small_config(ModelKind::window));
    const ModelInfo info = info_for(small_config(ModelKind::window));
    save_model_file(dir.file("a.gsattn"), *model, info);
    save_model_file(dir.file("b.gsattn"), *model, info);
    const std::string a = read_text(dir.file("a.gsattn")), b = read_text(dir.file("b.gsattn"));
    CHECK(a.size() > 1000);
    CHECK(a == b);
    // A different model gives a different file.
    auto other = seeded_model(small_config(ModelKind::window), 6);
    save_model_file(dir.file("c.gsattn"), *other, info);
    CHECK(read_text(dir.file("c.gsattn")) != a);
    // Nothing but the three files is left behind.
    CHECK(dir.entries() == std::vector<std::string>{"a.gsattn", "b.gsattn", "c.gsattn"});
}

TEST_CASE("model_file: files that are not models are errors") {
    TempDir dir;
    const std::string fasta = dir.file("x.fa");
    write_text(fasta, ">seq1\nACGTACGTACGT\n>seq2\nGGGG\n");
    check_not_a_model(fasta, {"not a gsattn model file"});

    const std::string empty = dir.file("empty.gsattn");
    write_text(empty, "");
    check_not_a_model(empty, {"not a gsattn model file"});

    const std::string random_bytes = dir.file("random.gsattn");
    Rng rng(1);
    std::string bytes(4096, '\0');
    for (auto& c : bytes) c = static_cast<char>(rng.below(256));
    write_text(random_bytes, bytes);
    check_not_a_model(random_bytes, {"not a gsattn model file"});

    const std::string missing = dir.file("missing.gsattn");
    check_mentions(error_message([&] { load_model_file(missing); }), {missing});
}

TEST_CASE("model_file: a model from standard input is refused by its first bytes, before the rest is read") {
    const ModelConfig config = small_config(ModelKind::joint);
    std::istringstream in(model_file_bytes(config));
    std::streambuf* const previous = std::cin.rdbuf(in.rdbuf());
    CHECK(load_model_file("-").info.config.embedding_dim == config.embedding_dim);
    // 8 MB of zeros: 4 bytes are read, not the 8 MB.
    in.str(std::string(std::size_t{8} << 20, '\0'));
    const std::string message = error_message([] { load_model_file("-"); });
    const auto consumed = in.rdbuf()->pubseekoff(0, std::ios::cur, std::ios::in);
    std::cin.rdbuf(previous);
    check_mentions(message, {"-: not a gsattn model file", "starts as a ZIP file"});
    CHECK(consumed == 4);
}

TEST_CASE("model_file: a truncated model file is an error") {
    TempDir dir;
    const std::string bytes = model_file_bytes(small_config(ModelKind::sparse));
    for (std::size_t keep : {bytes.size() / 2, bytes.size() - 10, std::size_t{100}}) {
        INFO("first ", keep, " of ", bytes.size(), " bytes");
        const std::string cut = dir.file("cut.gsattn");
        write_text(cut, bytes.substr(0, keep));
        const std::string message = error_message([&] { load_model_file(cut); });
        check_mentions(message, {cut, "cannot read it as a model archive"});
    }
}

TEST_CASE("model_file: a torch archive without gsattn metadata is an error") {
    TempDir dir;
    // A plain module saved with torch::save.
    torch::manual_seed(1);
    torch::nn::Linear linear(4, 2);
    const std::string plain = dir.file("linear.pt");
    torch::save(linear, plain);
    check_not_a_model(plain, {"not a gsattn model file", "no gsattn metadata"});

    // A model's weights alone.
    auto model = seeded_model(small_config(ModelKind::joint));
    const std::string weights = dir.file("weights.gsattn");
    write_archive(weights, *model, "");
    check_not_a_model(weights, {"no gsattn metadata"});

    // Metadata that is not text.
    const std::string wrong_type = dir.file("wrong-type.gsattn");
    {
        torch::serialize::OutputArchive archive;
        model->save(archive);
        archive.write("gsattn", c10::IValue(int64_t{1}));
        archive.save_to(wrong_type);
    }
    check_not_a_model(wrong_type, {"no gsattn metadata"});
}

TEST_CASE("model_file: bad metadata is an error") {
    TempDir dir;
    const ModelConfig config = small_config(ModelKind::joint);
    auto model = seeded_model(config);
    const std::string good = dir.file("good.gsattn");
    save_model_file(good, *model, info_for(config));
    const std::string metadata = metadata_of(good);

    SUBCASE("a newer format version") {
        const std::string newer = dir.file("newer.gsattn");
        write_archive(newer, *model, replaced(metadata, "format_version = 2", "format_version = 99"));
        check_not_a_model(newer, {"format version 99", "newer", "upgrade"});
    }
    SUBCASE("format 1 is read except for the window model, which has changed since") {
        const std::string old_joint = dir.file("old-joint.gsattn");
        write_archive(old_joint, *model, replaced(metadata, "format_version = 2", "format_version = 1"));
        CHECK(load_model_file(old_joint).info.format_version == 1);
        const ModelConfig window_config = small_config(ModelKind::window);
        auto window = seeded_model(window_config);
        const std::string window_file = dir.file("window.gsattn");
        save_model_file(window_file, *window, info_for(window_config));
        const std::string old_window = dir.file("old-window.gsattn");
        write_archive(old_window, *window,
                      replaced(metadata_of(window_file), "format_version = 2", "format_version = 1"));
        check_not_a_model(old_window, {"window model", "model format 1", "train it again"});
        CHECK(load_model_file(window_file).info.format_version == 2);
    }
    SUBCASE("another format name") {
        const std::string other = dir.file("other.gsattn");
        write_archive(other, *model, replaced(metadata, "gsattn-model", "other-model"));
        check_not_a_model(other, {"not a gsattn model file"});
    }
    SUBCASE("metadata that is not TOML") {
        const std::string garbage = dir.file("garbage.gsattn");
        write_archive(garbage, *model, "this is [not toml");
        check_not_a_model(garbage, {"corrupt model metadata"});
    }
    SUBCASE("another vocabulary") {
        const std::string vocabulary = dir.file("vocabulary.gsattn");
        write_archive(vocabulary, *model, replaced(metadata, "ACGTN-", "ACGU"));
        check_not_a_model(vocabulary, {"vocabulary"});
    }
    SUBCASE("an unknown model kind") {
        const std::string kind = dir.file("kind.gsattn");
        write_archive(kind, *model, replaced(metadata, "kind = 'joint'", "kind = 'lstm'"));
        check_not_a_model(kind, {"lstm"});
    }
    SUBCASE("weights that do not match the description") {
        ModelConfig bigger = config;
        bigger.embedding_dim = 16;
        ModelInfo info = info_for(bigger);
        auto big = seeded_model(bigger);
        const std::string big_path = dir.file("big.gsattn");
        save_model_file(big_path, *big, info);
        // Metadata of the 16-dimensional model with the 8-dimensional weights.
        const std::string mismatch = dir.file("mismatch.gsattn");
        write_archive(mismatch, *model, metadata_of(big_path));
        check_not_a_model(mismatch, {"corrupt model file"});
    }
}

TEST_CASE("model_file: saving never leaves a partial file behind") {
    TempDir dir;
    auto model = seeded_model(small_config(ModelKind::joint));
    const std::string path = dir.file("no-such-dir/m.gsattn");
    CHECK_THROWS_AS(save_model_file(path, *model, info_for(small_config(ModelKind::joint))), Error);
    CHECK(dir.entries().empty());
}

TEST_CASE("model_file: task names") {
    CHECK(to_string(Task::regression) == "regression");
    CHECK(to_string(Task::classification) == "classification");
    CHECK(parse_task("classification") == Task::classification);
    CHECK(parse_task("regression") == Task::regression);
    check_mentions(error_message([] { parse_task("ranking"); }), {"ranking", "regression", "classification"});
}

TEST_CASE("Predictor::mutation_effects: each effect is the prediction of the mutated sequence minus the sequence's") {
    TempDir dir;
    const std::string path = dir.file("m.gsattn");
    for (const ModelKind kind : {ModelKind::sparse, ModelKind::joint}) {
        INFO("kind ", to_string(kind));
        const ModelConfig config = small_config(kind);
        auto model = seeded_model(config);
        save_model_file(path, *model, info_for(config));
        // A batch of 5 holds 4 mutants and the sequence: many batches.
        Predictor predictor(load_model_file(path), 5);
        const EncodedSequence sequence = some_sequences().front();
        const auto acgt = std::count_if(sequence.begin(), sequence.end(), is_acgt);
        REQUIRE(acgt < static_cast<std::int64_t>(sequence.size()));  // N's have no substitutions
        const std::vector<Substitution> all = substitutions(sequence);
        REQUIRE(all.size() == static_cast<std::size_t>(3 * acgt));
        const std::vector<double> effects = predictor.mutation_effects(sequence, all);
        REQUIRE(effects.size() == all.size());
        const double reference = predictor.predict({&sequence}).front();
        double largest = 0;
        for (std::size_t s = 0; s < all.size(); ++s) {
            const EncodedSequence mutant = mutated(sequence, all[s]);
            CHECK(effects[s] == doctest::Approx(predictor.predict({&mutant}).front() - reference).epsilon(1e-5));
            largest = std::max(largest, std::abs(effects[s]));
        }
        CHECK(largest > 0);  // the model responds to some substitution
    }
}
