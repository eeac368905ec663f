// Everything `gsattn train` can be told, and reading it from a TOML file:
//
//   [model]                 # ModelConfig keys: kind, embedding_dim, sparsity, ...
//   kind = "sparse"
//   sparsity = 0.1
//   [train]                 # TrainConfig keys: epochs, batch_size, learning_rate, ...
//   epochs = 40
//
// Command-line options override the file. Unknown keys are errors.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <toml++/toml.h>

#include "gsattn/model_config.hpp"
#include "gsattn/train_config.hpp"

namespace gsattn {

struct ExperimentConfig {
    ModelConfig model;
    TrainConfig train;
};

// What `gsattn train --model KIND` trains unless told otherwise: the
// initialisers of ModelConfig and TrainConfig, except that every learned
// kind trains with flank augmentation to 300 bp and crops of up to 10 bp,
// and the sparse model's stem has 4 layers of width 5 whose first layer
// alone gives the kept positions' values; on La Fleur's promoters these
// predict as well in any flanks as in the library's own frame and keep both
// sigma70 boxes (docs/robustness.md).
ExperimentConfig default_experiment_config(ModelKind kind);

// The file's settings over the defaults of `kind`, or when that is not
// given, of the file's kind (sparse when it names none).
ExperimentConfig read_experiment_config(const std::string& path, std::optional<ModelKind> kind = {});

// Inits tried before training in full: train.inits, or when that is 0, 3
// for the sparse model (whose selector can settle on the wrong positions
// and not come back; a few epochs tell) and 1 for the others.
int inits_for(const ExperimentConfig& settings);
// The seed of init `index` (0-based); init 0 uses the seed itself.
std::uint64_t init_seed(std::uint64_t seed, int index);
toml::table to_toml(const TrainConfig& config);
// The keys of `table` over `base`. Throws TomlValueError naming the key, as
// model_config_from_toml does.
TrainConfig train_config_from_toml(const toml::table& table, const TrainConfig& base = {});

}  // namespace gsattn
