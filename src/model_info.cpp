#include "gsattn/model_info.hpp"

#include <limits>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "gsattn/error.hpp"
#include "gsattn/labels.hpp"
#include "gsattn/toml_value.hpp"
#include "gsattn/version.hpp"

namespace gsattn {
namespace {

constexpr const char* kFormatName = "gsattn-model";
constexpr const char* kVocabulary = "ACGTN-";  // Base codes 0..5

// The standard deviation of labels within kLabelBounds is at most their bound.
constexpr Bounds kLabelSpread{0, kLabelBounds.high, true, false, kLabelBounds.why};

// The values after the format checks; Errors name the key, not yet the file.
void read_values(const toml::table& t, ModelInfo& info) {
    const toml::table* model = t["model"].as_table();
    if (!model) throw Error("no model section");
    info.config = model_config_from_toml(*model);
    // Files written before the selector guide existed have no guide head.
    if (!model->contains("selector_guide")) info.config.selector_guide = 0;
    read_parsed(t, "task", parse_task, info.task);
    read_value(t, "label_column", info.label_column);
    read_value(t, "label_mean", kLabelBounds, info.scaling.mean);
    read_value(t, "label_std", kLabelSpread, info.scaling.std);
    read_value(t, "training_data", info.training_data);
    read_value(t, "training_crc32", Bounds{0, std::numeric_limits<std::uint32_t>::max()}, info.training_crc32);
    read_value(t, "training_length", Bounds{}, info.training_length);
    read_value(t, "both_strands", info.both_strands);
    read_value(t, "program_version", info.program_version);
    read_value(t, "blas_kernel", info.blas_kernel);
    read_value(t, "train_config", info.train_config_toml);
}

}  // namespace

std::string metadata_text(const ModelInfo& info) {
    toml::table t{
        {"format", kFormatName},
        {"format_version", kModelFormatVersion},
        {"program_version", program_version()},
        {"blas_kernel", blas_kernel()},
        {"vocabulary", kVocabulary},
        {"task", to_string(info.task)},
        {"label_column", info.label_column},
        {"label_mean", info.scaling.mean},
        {"label_std", info.scaling.std},
        {"training_data", info.training_data},
        {"training_crc32", static_cast<std::int64_t>(info.training_crc32)},
        {"training_length", info.training_length},
        {"both_strands", info.both_strands},
        {"model", to_toml(info.config)},
        {"train_config", info.train_config_toml},
    };
    std::ostringstream out;
    out << t;
    return out.str();
}

ModelInfo parse_metadata(const std::string& path, const std::string& text) {
    toml::table t;
    try {
        t = toml::parse(text);
    } catch (const toml::parse_error&) {
        fail_at(path, 0, "corrupt model metadata");
    }
    const auto* format = t.get_as<std::string>("format");
    if (!format || format->get() != kFormatName) fail_at(path, 0, "not a gsattn model file");
    ModelInfo info;
    info.format_version = 0;
    try {
        read_value(t, "format_version", Bounds{1, std::numeric_limits<int>::max()}, info.format_version);
    } catch (const Error& e) {
        fail_at(path, 0, std::string("corrupt model metadata: ") + e.what());
    }
    if (info.format_version > kModelFormatVersion)
        fail_at(path, 0, fmt::format("model format version {} is newer than this gsattn reads ({}); "
                                     "upgrade gsattn", info.format_version, kModelFormatVersion));
    if (info.format_version < 1) fail_at(path, 0, "corrupt model metadata (no format version)");
    const auto* vocabulary = t.get_as<std::string>("vocabulary");
    if (!vocabulary || vocabulary->get() != kVocabulary)
        fail_at(path, 0, "model uses a different nucleotide vocabulary");
    try {
        read_values(t, info);
    } catch (const Error& e) {
        fail_at(path, 0, std::string("corrupt model metadata: ") + e.what());
    }
    if (info.format_version < 2 && info.config.kind == ModelKind::window)
        fail_at(path, 0, fmt::format("this window model was written by gsattn {} (model format {}), whose window "
                                     "model differs from this one; train it again",
                                     info.program_version.empty() ? "?" : info.program_version,
                                     info.format_version));
    return info;
}

}  // namespace gsattn
