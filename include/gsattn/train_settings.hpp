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
#include <string>

#include <toml++/toml.h>

#include "gsattn/model_config.hpp"
#include "gsattn/train_config.hpp"

namespace gsattn {

struct TrainSettings {
    ModelConfig model;
    TrainConfig train;
};

TrainSettings read_train_settings(const std::string& path);

// Starts tried before training in full: train.starts, or when that is 0, 3
// for the sparse model (whose selector can settle on the wrong positions
// and not come back; a few epochs tell) and 1 for the others.
int starts_for(const TrainSettings& settings);
// The seed of start `index` (0-based); start 0 uses the seed itself.
std::uint64_t start_seed(std::uint64_t seed, int index);
toml::table to_toml(const TrainConfig& config);
// Throws TomlValueError naming the key, as model_config_from_toml does.
TrainConfig train_config_from_toml(const toml::table& table);

}  // namespace gsattn
