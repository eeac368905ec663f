// What a model file says about its weights: model kind and hyper-parameters,
// task and label statistics, vocabulary, program version and BLAS kernel, CRC-32 of the
// training data; and its TOML text, the file's "gsattn" entry
// (model_file.hpp). Torch-free, so that the reader of that text, which takes
// whatever a file holds, can be tested and fuzzed without LibTorch.
#pragma once

#include <cstdint>
#include <string>

#include "gsattn/dataset.hpp"
#include "gsattn/model_config.hpp"
#include "gsattn/train_config.hpp"

namespace gsattn {

// 2: the window model's global tokens read the sequence through its
// attention's own projections (format 1 had a separate attention for them).
inline constexpr int kModelFormatVersion = 2;

struct ModelInfo {
    ModelConfig config;
    Task task = Task::regression;
    LabelScaling scaling;
    std::string label_column;
    std::string training_data;        // path of the training FASTA or BED
    std::uint32_t training_crc32 = 0;
    // The median length of the training sequences: the window predict
    // --vcf centres on a variant by default. 0 in files written before it
    // was recorded.
    std::int64_t training_length = 0;
    // Trained with reverse-complement augmentation: predict the mean of both
    // strands. Files without the key predate `--no-rc` being honoured: true.
    bool both_strands = true;
    std::string program_version;
    std::string blas_kernel;          // that trained it; empty in older files
    int format_version = kModelFormatVersion;
    std::string train_config_toml;    // the training configuration, for the record
};

// The metadata as TOML text, with this program's version and format version.
std::string metadata_text(const ModelInfo& info);

// The metadata of the model file `path` read back from its text. Every value
// is checked as the command line and config files check it: a value of the
// wrong type or out of bounds is an Error naming `path` and the key; so are
// another format, a newer format version and another vocabulary.
ModelInfo parse_metadata(const std::string& path, const std::string& text);

}  // namespace gsattn
