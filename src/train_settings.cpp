#include "gsattn/train_settings.hpp"

#include <set>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "gsattn/error.hpp"
#include "gsattn/model_file.hpp"
#include "gsattn/random.hpp"

namespace gsattn {
namespace {

void reject_unknown_keys(const std::string& path, const toml::table& section, const toml::table& known,
                         const std::string& name) {
    for (const auto& [key, node] : section)
        if (!known.contains(key.str()))
            fail_at(path, node.source().begin.line,
                    fmt::format("unknown key '{}' in [{}]", key.str(), name));
}

}  // namespace

toml::table to_toml(const TrainConfig& c) {
    return toml::table{
        {"epochs", c.epochs},
        {"batch_size", c.batch_size},
        {"learning_rate", c.learning_rate},
        {"embedding_lr_mult", c.embedding_lr_mult},
        {"weight_decay", c.weight_decay},
        {"patience", c.patience},
        {"clip_norm", c.clip_norm},
        {"reverse_complement", c.reverse_complement},
        {"task", to_string(c.task)},
        {"seed", static_cast<std::int64_t>(c.seed)},
        {"starts", c.starts},
        {"start_sequences", c.start_sequences},
    };
}

int starts_for(const TrainSettings& s) {
    if (s.train.starts > 0) return s.train.starts;
    return s.model.kind == ModelKind::sparse ? 3 : 1;
}

std::uint64_t start_seed(std::uint64_t seed, int index) {
    return index == 0 ? seed : Rng::for_item(seed, 0x73746172ULL + static_cast<std::uint64_t>(index)).next();  // "star"
}

TrainSettings read_train_settings(const std::string& path) {
    toml::table doc;
    try {
        doc = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        fail_at(path, e.source().begin.line, std::string(e.description()));
    }
    TrainSettings s;
    for (const auto& [key, node] : doc)
        if (key.str() != "model" && key.str() != "train")
            fail_at(path, node.source().begin.line,
                    fmt::format("unknown section '{}' (expected [model] and [train])", key.str()));
    // Outside the try below: these errors already carry file:line.
    if (const toml::table* model = doc["model"].as_table())
        reject_unknown_keys(path, *model, to_toml(s.model), "model");
    if (const toml::table* train = doc["train"].as_table())
        reject_unknown_keys(path, *train, to_toml(s.train), "train");
    try {
        if (const toml::table* model = doc["model"].as_table()) s.model = model_config_from_toml(*model);
        if (const toml::table* train = doc["train"].as_table()) {
            TrainConfig& c = s.train;
            const toml::table& t = *train;
            c.epochs = t["epochs"].value_or(c.epochs);
            c.batch_size = t["batch_size"].value_or(c.batch_size);
            c.learning_rate = t["learning_rate"].value_or(c.learning_rate);
            c.embedding_lr_mult = t["embedding_lr_mult"].value_or(c.embedding_lr_mult);
            c.weight_decay = t["weight_decay"].value_or(c.weight_decay);
            c.patience = t["patience"].value_or(c.patience);
            c.clip_norm = t["clip_norm"].value_or(c.clip_norm);
            c.reverse_complement = t["reverse_complement"].value_or(c.reverse_complement);
            c.task = parse_task(t["task"].value_or(to_string(c.task)));
            c.seed = static_cast<std::uint64_t>(t["seed"].value_or(static_cast<std::int64_t>(c.seed)));
            c.starts = t["starts"].value_or(c.starts);
            c.start_sequences = t["start_sequences"].value_or(c.start_sequences);
            if (c.starts < 0 || c.start_sequences < 1)
                throw Error("starts must be >= 0 and start_sequences >= 1");
        }
    } catch (const Error& e) {
        fail_at(path, 0, e.what());
    }
    return s;
}

}  // namespace gsattn
