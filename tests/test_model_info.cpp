// The model file's metadata text (model_info.hpp): it round-trips, and
// every value read back is checked as the command line and config files
// check it, whatever the file holds.
#include <cstdint>
#include <string>

#include <doctest/doctest.h>

#include "gsattn/model_info.hpp"
#include "gsattn/version.hpp"
#include "test_util.hpp"

using namespace gsattn;
using namespace gsattn::test;

namespace {

ModelInfo some_info() {
    ModelInfo info;
    info.config.kind = ModelKind::joint;
    info.config.embedding_dim = 8;
    info.config.heads = 2;
    info.task = Task::regression;
    info.scaling = {1.25, 0.375};
    info.label_column = "expression";
    info.training_data = "/data/train.fa";
    info.training_crc32 = 0xDEADBEEFu;
    info.training_length = 251;
    info.both_strands = false;
    info.train_config_toml = "epochs = 3\n";
    return info;
}

// The metadata of some_info() with the first `from` replaced by `to`.
std::string edited(const std::string& from, const std::string& to) {
    std::string text = metadata_text(some_info());
    const auto at = text.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, "'", from, "' not in the metadata:\n", text);
    return text.replace(at, from.size(), to);
}

std::string metadata_error(const std::string& text) {
    return error_message([&] { parse_metadata("m.gsattn", text); });
}

}  // namespace

TEST_CASE("model_info: the metadata round-trips") {
    const ModelInfo got = parse_metadata("m.gsattn", metadata_text(some_info()));
    CHECK(got.config.kind == ModelKind::joint);
    CHECK(got.config.embedding_dim == 8);
    CHECK(got.config.heads == 2);
    CHECK(got.scaling.mean == 1.25);
    CHECK(got.scaling.std == 0.375);
    CHECK(got.label_column == "expression");
    CHECK(got.training_data == "/data/train.fa");
    CHECK(got.training_crc32 == 0xDEADBEEFu);
    CHECK(got.training_length == 251);
    CHECK_FALSE(got.both_strands);
    CHECK(got.program_version == program_version());
    // The writer records the BLAS kernel in use, as it does its version.
    CHECK(got.blas_kernel == blas_kernel());
    CHECK_FALSE(got.blas_kernel.empty());
    CHECK(got.format_version == kModelFormatVersion);
    CHECK(got.train_config_toml == "epochs = 3\n");
}

TEST_CASE("model_info: model settings out of bounds are errors naming the key, never a crash") {
    // heads = 0 divided the embedding dimension by zero (SIGFPE).
    check_mentions(metadata_error(edited("heads = 2", "heads = 0")),
                   {"m.gsattn", "corrupt model metadata", "heads 0 must lie in [1, 1024]"});
    check_mentions(metadata_error(edited("heads = 2", "heads = -4")), {"heads -4"});
    check_mentions(metadata_error(edited("heads = 2", "heads = 3")), {"embedding_dim 8", "divisible", "3 heads"});
    check_mentions(metadata_error(edited("heads = 2", "heads = 4000000000")), {"heads 4000000000"});
    check_mentions(metadata_error(edited("conv_width = 9", "conv_width = 100001")), {"conv_width 100001"});
    check_mentions(metadata_error(edited("global_tokens = 2", "global_tokens = 100000")),
                   {"global_tokens 100000", "[0, 1024]"});
    check_mentions(metadata_error(edited("sparsity = 0.10000000000000001", "sparsity = nan")), {"sparsity nan"});
    check_mentions(metadata_error(edited("dropout = 0.0", "dropout = inf")), {"dropout inf"});
    check_mentions(metadata_error(edited("kind = 'joint'", "kind = 'lstm'")), {"lstm"});
}

TEST_CASE("model_info: a value of the wrong type is an error, not the default") {
    check_mentions(metadata_error(edited("heads = 2", "heads = '2'")), {"'heads' must be an integer"});
    check_mentions(metadata_error(edited("heads = 2", "heads = true")), {"'heads' must be an integer"});
    // A float where an integer belongs, even one toml++ would cast out of range.
    check_mentions(metadata_error(edited("heads = 2", "heads = 2.0")), {"'heads' must be an integer"});
    check_mentions(metadata_error(edited("format_version = 2", "format_version = 2.3e56")),
                   {"'format_version' must be an integer"});
    check_mentions(metadata_error(edited("label_std = 0.375", "label_std = true")), {"'label_std' must be a number"});
    check_mentions(metadata_error(edited("label_std = 0.375", "label_std = '0.375'")),
                   {"'label_std' must be a number"});
    check_mentions(metadata_error(edited("both_strands = false", "both_strands = 0")),
                   {"'both_strands' must be true or false"});
    check_mentions(metadata_error(edited("task = 'regression'", "task = 1")), {"'task' must be a string"});
    check_mentions(metadata_error(edited("task = 'regression'", "task = 'ranking'")), {"ranking"});
    check_mentions(metadata_error(edited("label_column = 'expression'", "label_column = 2")),
                   {"'label_column' must be a string"});
    check_mentions(metadata_error(edited("format_version = 2", "format_version = '2'")),
                   {"'format_version' must be an integer"});
    check_mentions(metadata_error(edited("[model]", "[other]")), {"corrupt model metadata", "no model section"});
}

TEST_CASE("model_info: label statistics that would give infinite, constant or inverted predictions are errors") {
    for (const std::string bad : {"0.0", "-0.375", "nan", "inf", "1e300"}) {
        INFO("label_std = ", bad);
        check_mentions(metadata_error(edited("label_std = 0.375", "label_std = " + bad)),
                       {"m.gsattn", "label_std", "(0, 1e+100]"});
    }
    for (const std::string bad : {"nan", "inf", "-inf", "1e300"}) {
        INFO("label_mean = ", bad);
        check_mentions(metadata_error(edited("label_mean = 1.25", "label_mean = " + bad)),
                       {"label_mean", "[-1e+100, 1e+100]"});
    }
}

TEST_CASE("model_info: the training length is a count, and files without it read as 0") {
    check_mentions(metadata_error(edited("training_length = 251", "training_length = -1")),
                   {"training_length -1", ">= 0"});
    CHECK(parse_metadata("m", edited("training_length = 251\n", "")).training_length == 0);
}

TEST_CASE("model_info: the training CRC-32 must fit 32 bits, and the format and its version are checked") {
    check_mentions(metadata_error(edited("training_crc32 = 3735928559", "training_crc32 = -1")),
                   {"training_crc32 -1", "[0, 4294967295]"});
    check_mentions(metadata_error(edited("training_crc32 = 3735928559", "training_crc32 = 4294967296")),
                   {"training_crc32 4294967296"});
    CHECK(parse_metadata("m", edited("training_crc32 = 3735928559", "training_crc32 = 4294967295")).training_crc32 ==
          4294967295u);
    check_mentions(metadata_error(edited("format = 'gsattn-model'", "format = 1")), {"not a gsattn model file"});
    check_mentions(metadata_error(edited("format_version = 2", "format_version = 99")), {"newer", "upgrade"});
    check_mentions(metadata_error(edited("format_version = 2", "format_version = 0")),
                   {"format_version 0", "corrupt"});
    check_mentions(metadata_error(edited("vocabulary = 'ACGTN-'", "vocabulary = 5")), {"vocabulary"});
}
