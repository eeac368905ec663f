#include "gsattn/experiment_config.hpp"

#include <limits>
#include <string_view>
#include <utility>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "gsattn/error.hpp"
#include "gsattn/random.hpp"
#include "gsattn/toml_value.hpp"

namespace gsattn {
namespace {

// Keys of earlier versions, with the names they have now.
constexpr std::pair<std::string_view, std::string_view> kRenamedKeys[] = {
    {"starts", "inits"}, {"start_sequences", "init_sequences"}};

void reject_unknown_keys(const std::string& path, const toml::table& section, const toml::table& known,
                         const std::string& name) {
    for (const auto& [key, node] : section) {
        if (known.contains(key.str())) continue;
        std::string message = fmt::format("unknown key '{}' in [{}]", key.str(), name);
        for (const auto& [old_name, new_name] : kRenamedKeys)
            if (key.str() == old_name) message += fmt::format(": it is now called '{}'", new_name);
        fail_at(path, node.source().begin.line, message);
    }
}

// Reads `section` with `read`. An error of one value names its line; of
// values that do not fit together, the section's.
template <typename Read>
void read_section(const std::string& path, const toml::table& section, Read read) {
    try {
        read(section);
    } catch (const TomlValueError& e) {
        fail_at(path, e.line, e.what());
    } catch (const Error& e) {
        fail_at(path, section.source().begin.line, e.what());
    }
}

}  // namespace

const NumberFields<TrainConfig>& train_fields() {
    using C = TrainConfig;
    static const NumberFields<TrainConfig> fields{
        {"epochs", &C::epochs, {1}, "Most training epochs"},
        {"batch_size", &C::batch_size, {1, 65536, false, false, "a batch is held in memory at once"},
         "Sequences per batch"},
        {"learning_rate", &C::learning_rate,
         {0, 1, true, false, "AdamW moves each weight by up to about the learning rate at every step"},
         "Learning rate (AdamW)", "lr"},
        {"embedding_lr_mult", &C::embedding_lr_mult,
         {0, 100, true, false, "the embeddings learn at the learning rate times this"},
         "Learning-rate multiplier of the embeddings"},
        {"weight_decay", &C::weight_decay,
         {0, 1, false, false, "each step takes learning_rate x weight_decay of every weight away"},
         "Decoupled weight decay"},
        {"patience", &C::patience, {1}, "Epochs without validation improvement before stopping"},
        {"clip_norm", &C::clip_norm, {0}, "Gradient norm clipping (0 = off)"},
        {"weight_average", &C::weight_average, {0, 0.9999},
         "Validate, keep and save an exponential moving average of the weights, which after each step keeps "
         "this share of itself (e.g. 0.995; 0 = off: the weights as trained)"},
        {"inits", &C::inits, {0, 100, false, false, "each init trains a model of its own"},
         "Independent initialisations (weights and batch order), each trained on --init-sequences sequences; "
         "the one with the lowest validation loss goes on to the end (0 = 3 for sparse, 1 for the other models)"},
        {"init_sequences", &C::init_sequences, {1},
         "Training sequences each init sees before the inits are compared (whole epochs, rounded up)"},
        {"augment_length", &C::augment_length,
         {0, 100000, false, false, "every training sequence would be drawn out to this length"},
         "Place each training sequence, in every batch, at a random offset in random flanks (the training "
         "set's base composition) to a random length up to this (0 = no flanks)"},
        {"augment_crop", &C::augment_crop, {0, 1000, false, false, "bases cut from each end of a training sequence"},
         "Cut a random 0 to this many bases from each end of each training sequence, in every batch"},
    };
    return fields;
}

toml::table to_toml(const TrainConfig& c) {
    toml::table t{
        {"reverse_complement", c.reverse_complement},
        {"task", to_string(c.task)},
        {"seed", static_cast<std::int64_t>(c.seed)},
    };
    write_fields(t, train_fields(), c);
    if (!c.teacher.empty()) t.insert("teacher", c.teacher);
    return t;
}

TrainConfig train_config_from_toml(const toml::table& t, const TrainConfig& base) {
    TrainConfig c = base;
    read_fields(t, train_fields(), c);
    read_value(t, "reverse_complement", c.reverse_complement);
    read_parsed(t, "task", parse_task, c.task);
    read_value(t, "teacher", c.teacher);
    auto seed = static_cast<std::int64_t>(c.seed);
    read_value(t, "seed", Bounds{0}, seed);
    c.seed = static_cast<std::uint64_t>(seed);
    return c;
}

std::string to_string(Task task) { return task == Task::regression ? "regression" : "classification"; }

Task parse_task(const std::string& text) {
    if (text == "regression") return Task::regression;
    if (text == "classification") return Task::classification;
    throw Error(fmt::format("unknown task '{}' (expected regression or classification)", text));
}

void validate(const TrainConfig& c) {
    check_fields(c, train_fields());
    if (c.seed > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        throw Error(fmt::format("seed {} must be at most {} (a TOML integer)", c.seed,
                                std::numeric_limits<std::int64_t>::max()));
}

ExperimentConfig default_experiment_config(ModelKind kind) {
    ExperimentConfig s;
    s.model.kind = kind;
    if (kind != ModelKind::pwm) {
        s.train.augment_length = 300;
        s.train.augment_crop = 10;
    }
    if (kind == ModelKind::sparse) {
        s.model.stem_layers = 4;
        s.model.conv_width = 5;
        s.model.value_layers = 1;
    }
    return s;
}

int inits_for(const ExperimentConfig& s) {
    if (s.train.inits > 0) return s.train.inits;
    return s.model.kind == ModelKind::sparse ? 3 : 1;
}

std::uint64_t init_seed(std::uint64_t seed, int index) {
    return index == 0 ? seed : Rng::for_item(seed, 0x73746172ULL + static_cast<std::uint64_t>(index)).next();  // "star"
}

ExperimentConfig read_experiment_config(const std::string& path, std::optional<ModelKind> kind) {
    const toml::table doc = read_toml_file(path);
    for (const auto& [key, node] : doc) {
        if (key.str() != "model" && key.str() != "train")
            fail_at(path, node.source().begin.line,
                    fmt::format("unknown section '{}' (expected [model] and [train])", key.str()));
        if (!node.is_table())
            fail_at(path, node.source().begin.line, fmt::format("'{}' must be a section, [{}]", key.str(), key.str()));
    }
    const toml::table* model = doc["model"].as_table();
    if (!kind && model)
        read_section(path, *model, [&kind](const toml::table& t) {
            ModelKind given = ModelKind::sparse;
            read_parsed(t, "kind", parse_model_kind, given);
            kind = given;
        });
    ExperimentConfig s = default_experiment_config(kind.value_or(ModelKind::sparse));
    if (model) {
        ModelConfig every_key;  // the pwm kind's table too
        every_key.kind = ModelKind::pwm;
        toml::table known = to_toml(every_key);
        known.insert("approximate_heads", every_key.approximate_heads);  // written for topk only
        reject_unknown_keys(path, *model, known, "model");
        read_section(path, *model, [&s](const toml::table& t) { s.model = model_config_from_toml(t, s.model); });
    }
    if (const toml::table* train = doc["train"].as_table()) {
        toml::table known = to_toml(s.train);
        known.insert("teacher", "");  // written only when there is one
        reject_unknown_keys(path, *train, known, "train");
        read_section(path, *train, [&s](const toml::table& t) { s.train = train_config_from_toml(t, s.train); });
    }
    return s;
}

}  // namespace gsattn
