// How a model is trained (the [train] keys of a config file): torch-free,
// so that reading a config needs no LibTorch.
#pragma once

#include <cstdint>
#include <string>

#include "gsattn/config_fields.hpp"

namespace gsattn {

enum class Task { regression, classification };

// The initialisers are what a file without the key means; what `gsattn
// train` uses unless told otherwise is default_experiment_config()
// (experiment_config.hpp), which adds flank augmentation for the learned kinds.
struct TrainConfig {
    int epochs = 40;
    int batch_size = 64;
    double learning_rate = 2e-3;
    double embedding_lr_mult = 5;
    double weight_decay = 1e-4;
    int patience = 6;            // epochs without validation improvement before stopping
    double clip_norm = 1.0;      // 0 = no clipping
    // Exponential moving average of the weights: after each step the average
    // keeps this share of itself, and the average is what is validated, kept
    // and saved. 0 = off: the weights as trained.
    double weight_average = 0;
    // Each training sequence, in every batch, cropped by up to augment_crop
    // bases at each end and placed in random flanks (the training set's base
    // composition) to a length up to augment_length (0 = no flanks).
    int augment_length = 0;
    int augment_crop = 0;
    bool reverse_complement = true;
    Task task = Task::regression;
    std::uint64_t seed = 1;
    // Independent initialisations ("inits": initial weights and batch
    // order), each trained on init_sequences training sequences (whole
    // epochs, rounded up); the one with the lowest validation loss goes on to
    // the end. 0 = the model kind's default (inits_for()).
    int inits = 0;
    std::int64_t init_sequences = 40000;
    // topk: a trained full model file whose attention the KeySelector and
    // HeadApproximators learn (distillation); empty = none.
    std::string teacher;
};

// The numeric settings and their bounds (config_fields.hpp); the seed, which
// needs all 64 bits, is not among them.
const NumberFields<TrainConfig>& train_fields();

// An Error naming the first value out of bounds, as validate(ModelConfig)
// does for the model.
void validate(const TrainConfig& config);

std::string to_string(Task task);
Task parse_task(const std::string& text);

}  // namespace gsattn
