// The model file: one file with the weights and everything needed to use
// them — model kind and hyper-parameters, task and label statistics,
// vocabulary, program version, CRC-32 of the training FASTA. It is a
// LibTorch archive whose "gsattn" entry holds that metadata as TOML text.
// A file of another kind, a corrupt file or a newer format version is an
// Error, never a crash.
#pragma once

#include <string>

#include "gsattn/models/sequence_model.hpp"
#include "gsattn/trainer.hpp"

namespace gsattn {

// 2: the window model's global tokens read the sequence through its
// attention's own projections (format 1 had a separate attention for them).
inline constexpr int kModelFormatVersion = 2;

struct ModelInfo {
    ModelConfig model;
    Task task = Task::regression;
    LabelScaling scaling;
    std::string label_column;
    std::string training_data;        // path of the training FASTA or BED
    std::uint32_t training_crc32 = 0;
    // Trained with reverse-complement augmentation: predict the mean of both
    // strands. Files without the key predate `--no-rc` being honoured: true.
    bool both_strands = true;
    std::string program_version;
    int format_version = kModelFormatVersion;
    std::string train_config_toml;    // the training configuration, for the record
};

struct LoadedModel {
    ModelInfo info;
    SequenceModel network;
};

// Written whole or not at all (temporary file + rename).
void save_model_file(const std::string& path, SequenceModelImpl& network, const ModelInfo& info);
LoadedModel load_model_file(const std::string& path);

}  // namespace gsattn
