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

#include <string>

#include "gsattn/model_config.hpp"
#include "gsattn/trainer.hpp"

namespace gsattn {

struct TrainSettings {
    ModelConfig model;
    TrainConfig train;
};

TrainSettings read_train_settings(const std::string& path);
toml::table to_toml(const TrainConfig& config);

}  // namespace gsattn
