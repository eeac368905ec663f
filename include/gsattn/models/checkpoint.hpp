// What a stopped `gsattn train` leaves to go on from: the command line to run
// again, the directory it ran in (its paths are relative to it), the CRC-32 of
// each input file, the experiments it had finished (--compare kinds,
// --folds folds; results without models) and the state of the one under way.
// Written whole or not at all; a file of another kind, a corrupt file or a
// newer format version is an Error.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gsattn/models/experiment.hpp"

namespace gsattn {

inline constexpr int kCheckpointFormatVersion = 1;

struct CheckpointHeader {
    std::vector<std::string> command;  // argv of the stopped run
    std::string directory;             // its working directory
    std::vector<std::string> input_files;
    std::vector<std::uint32_t> input_crc32;
    std::vector<ExperimentResult> finished;
};

void write_checkpoint(const std::string& path, const CheckpointHeader& header, const Experiment& current);

class CheckpointFile {
public:
    explicit CheckpointFile(std::string path);  // reads the header
    const CheckpointHeader& header() const { return header_; }
    // Loads the state of the experiment under way into `current`, built with
    // the settings and data of the header's command.
    void restore(Experiment& current);
    const std::string& path() const { return path_; }

private:
    std::string path_;
    torch::serialize::InputArchive archive_;
    CheckpointHeader header_;
};

}  // namespace gsattn
