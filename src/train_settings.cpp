#include "gsattn/train_settings.hpp"

#include <set>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "gsattn/error.hpp"
#include "gsattn/random.hpp"
#include "gsattn/toml_value.hpp"

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
        {"weight_average", c.weight_average},
        {"reverse_complement", c.reverse_complement},
        {"task", to_string(c.task)},
        {"seed", static_cast<std::int64_t>(c.seed)},
        {"starts", c.starts},
        {"start_sequences", c.start_sequences},
    };
}

std::string to_string(Task task) { return task == Task::regression ? "regression" : "classification"; }

Task parse_task(const std::string& text) {
    if (text == "regression") return Task::regression;
    if (text == "classification") return Task::classification;
    throw Error(fmt::format("unknown task '{}' (expected regression or classification)", text));
}

void validate(const TrainConfig& c) {
    if (c.epochs < 1 || c.batch_size < 1 || c.patience < 1)
        throw Error("epochs, batch_size and patience must be >= 1");
    if (!(c.learning_rate > 0) || !(c.embedding_lr_mult > 0) || !(c.weight_decay >= 0) || !(c.clip_norm >= 0))
        throw Error("learning_rate and embedding_lr_mult must be > 0, weight_decay and clip_norm >= 0");
    if (!(c.weight_average >= 0 && c.weight_average < 1))
        throw Error(fmt::format("weight_average {} must lie in [0, 1)", c.weight_average));
    if (c.starts < 0 || c.start_sequences < 1)
        throw Error("starts must be >= 0 and start_sequences >= 1");
}

int starts_for(const TrainSettings& s) {
    if (s.train.starts > 0) return s.train.starts;
    return s.model.kind == ModelKind::sparse ? 3 : 1;
}

std::uint64_t start_seed(std::uint64_t seed, int index) {
    return index == 0 ? seed : Rng::for_item(seed, 0x73746172ULL + static_cast<std::uint64_t>(index)).next();  // "star"
}

TrainSettings read_train_settings(const std::string& path) {
    const toml::table doc = read_toml_file(path);
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
            read_value(t, "epochs", c.epochs);
            read_value(t, "batch_size", c.batch_size);
            read_value(t, "learning_rate", c.learning_rate);
            read_value(t, "embedding_lr_mult", c.embedding_lr_mult);
            read_value(t, "weight_decay", c.weight_decay);
            read_value(t, "patience", c.patience);
            read_value(t, "clip_norm", c.clip_norm);
            read_value(t, "weight_average", c.weight_average);
            read_value(t, "reverse_complement", c.reverse_complement);
            std::string task = to_string(c.task);
            read_value(t, "task", task);
            c.task = parse_task(task);
            auto seed = static_cast<std::int64_t>(c.seed);
            read_value(t, "seed", seed);
            c.seed = static_cast<std::uint64_t>(seed);
            read_value(t, "starts", c.starts);
            read_value(t, "start_sequences", c.start_sequences);
            validate(c);
        }
    } catch (const TomlValueError& e) {
        fail_at(path, e.line, e.what());
    } catch (const Error& e) {
        fail_at(path, 0, e.what());
    }
    return s;
}

}  // namespace gsattn
