// The model file: one file with the weights and everything needed to use
// them (ModelInfo, model_info.hpp). It is a LibTorch archive, a ZIP file,
// whose "gsattn" entry holds that metadata as TOML text.
// A file of another kind, a corrupt file or a newer format version is an
// Error, never a crash.
#pragma once

#include <string>

#include "gsattn/model_info.hpp"
#include "gsattn/models/sequence_model.hpp"
#include "gsattn/models/trainer.hpp"

namespace gsattn {

class OutputFile;

struct LoadedModel {
    ModelInfo info;
    SequenceModel network;
};

// Written whole or not at all (temporary file + rename).
void save_model_file(const std::string& path, SequenceModelImpl& network, const ModelInfo& info);
// Writes the model file into `out`, which the caller commits (with others).
void write_model_file(OutputFile& out, SequenceModelImpl& network, const ModelInfo& info);
LoadedModel load_model_file(const std::string& path);

}  // namespace gsattn
