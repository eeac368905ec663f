// The experiments of one `gsattn train` command, stoppable and resumable. On
// SIGINT or SIGTERM training stops after the current batch, the state goes to
// a checkpoint, and the program ends as the signal would have; `gsattn train
// --resume CKPT` runs the same command again from there and reaches the same
// models as a run that was never stopped.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gsattn/models/checkpoint.hpp"
#include "gsattn/stop_signal.hpp"

namespace gsattn::cli {

// An input file and its CRC-32: a resumed run checks that it did not change.
struct TrainInput {
    std::string path;
    std::uint32_t crc32 = 0;
};

class TrainJob {
public:
    // `command`: the argv the checkpoint records; `resume`: the checkpoint
    // this run goes on from, or null.
    TrainJob(std::vector<std::string> command, std::string checkpoint_path, const std::vector<TrainInput>& inputs,
             CheckpointFile* resume);

    struct Outcome {
        ExperimentResult result;
        bool trained_now = false;  // false: finished before the stop (no model kept)
    };
    // Experiment `index` of the command, counted in the order the command
    // runs them. Does not return when a stop signal ends training.
    Outcome run(std::size_t index, const ExperimentConfig& settings, const std::vector<Example>& data,
                const Split& split, const std::vector<double>& clean, TrainingProgress progress);

    // After the command's outputs are written: removes the checkpoint resumed from.
    void finish();

private:
    StopSignal stop_;
    CheckpointHeader header_;
    std::string checkpoint_path_;
    CheckpointFile* resume_;     // until its experiment is restored
    std::string resumed_from_;
};

}  // namespace gsattn::cli
