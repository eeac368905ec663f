#include "gsattn/model_file.hpp"

#include <iostream>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "gsattn/error.hpp"
#include "gsattn/models/archive_values.hpp"
#include "gsattn/version.hpp"

namespace gsattn {
namespace {

constexpr const char* kMetadataKey = "gsattn";
constexpr const char* kFormatName = "gsattn-model";
constexpr const char* kVocabulary = "ACGTN-";  // Base codes 0..5

std::string metadata_text(const ModelInfo& info) {
    toml::table t{
        {"format", kFormatName},
        {"format_version", kModelFormatVersion},
        {"program_version", program_version()},
        {"vocabulary", kVocabulary},
        {"task", to_string(info.task)},
        {"label_column", info.label_column},
        {"label_mean", info.scaling.mean},
        {"label_std", info.scaling.std},
        {"training_data", info.training_data},
        {"training_crc32", static_cast<std::int64_t>(info.training_crc32)},
        {"both_strands", info.both_strands},
        {"model", to_toml(info.model)},
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
    if (t["format"].value_or(std::string()) != kFormatName) fail_at(path, 0, "not a gsattn model file");
    ModelInfo info;
    info.format_version = t["format_version"].value_or(0);
    if (info.format_version > kModelFormatVersion)
        fail_at(path, 0, fmt::format("model format version {} is newer than this gsattn reads ({}); "
                                     "upgrade gsattn", info.format_version, kModelFormatVersion));
    if (info.format_version < 1) fail_at(path, 0, "corrupt model metadata (no format version)");
    if (t["vocabulary"].value_or(std::string()) != kVocabulary)
        fail_at(path, 0, "model uses a different nucleotide vocabulary");
    const toml::table* model = t["model"].as_table();
    if (!model) fail_at(path, 0, "corrupt model metadata (no model section)");
    try {
        info.model = model_config_from_toml(*model);
        // Files written before the selector guide existed have no guide head.
        if (!model->contains("selector_guide")) info.model.selector_guide = 0;
        info.task = parse_task(t["task"].value_or(std::string("regression")));
    } catch (const Error& e) {
        fail_at(path, 0, std::string("corrupt model metadata: ") + e.what());
    }
    if (info.format_version < 2 && info.model.kind == ModelKind::window)
        fail_at(path, 0, fmt::format("this window model was written by gsattn {} (model format {}), whose window "
                                     "model differs from this one; train it again",
                                     t["program_version"].value_or(std::string("?")), info.format_version));
    info.label_column = t["label_column"].value_or(std::string());
    info.scaling.mean = t["label_mean"].value_or(0.0);
    info.scaling.std = t["label_std"].value_or(1.0);
    info.training_data = t["training_data"].value_or(std::string());
    info.training_crc32 = static_cast<std::uint32_t>(t["training_crc32"].value_or(std::int64_t{0}));
    info.both_strands = t["both_strands"].value_or(true);
    info.program_version = t["program_version"].value_or(std::string());
    info.train_config_toml = t["train_config"].value_or(std::string());
    return info;
}

}  // namespace

void save_model_file(const std::string& path, SequenceModelImpl& network, const ModelInfo& info) {
    torch::serialize::OutputArchive archive;
    network.save(archive);
    archive.write(kMetadataKey, c10::IValue(metadata_text(info)));
    archive::save_to_file(archive, path);
}

LoadedModel load_model_file(const std::string& path) {
    torch::serialize::InputArchive archive;
    try {
        if (path == "-") {
            // LibTorch's archive reader needs to seek: standard input is read whole first.
            std::stringstream whole;
            whole << std::cin.rdbuf();
            archive.load_from(whole);
        } else {
            archive.load_from(path);
        }
    } catch (const c10::Error&) {
        fail_at(path, 0, "not a gsattn model file (cannot read it as a model archive)");
    }
    c10::IValue metadata;
    if (!archive.try_read(kMetadataKey, metadata) || !metadata.isString())
        fail_at(path, 0, "not a gsattn model file (no gsattn metadata)");
    LoadedModel loaded;
    loaded.info = parse_metadata(path, metadata.toStringRef());
    loaded.network = make_model(loaded.info.model);
    try {
        load_weights(*loaded.network, archive);
    } catch (const Error&) {
        fail_at(path, 0, "corrupt model file (weights do not match the model description)");
    }
    loaded.network->eval();
    return loaded;
}

}  // namespace gsattn
