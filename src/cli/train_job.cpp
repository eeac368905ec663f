#include "cli/train_job.hpp"

#include <cstdio>
#include <filesystem>

#include <fmt/format.h>

#include "gsattn/error.hpp"
#include "gsattn/log.hpp"

namespace gsattn::cli {

TrainJob::TrainJob(std::vector<std::string> command, std::string checkpoint_path,
                   const std::vector<TrainInput>& inputs, CheckpointFile* resume)
    : checkpoint_path_(std::move(checkpoint_path)), resume_(resume) {
    header_.command = std::move(command);
    header_.directory = std::filesystem::current_path().string();
    for (const TrainInput& input : inputs) {
        header_.input_files.push_back(input.path);
        header_.input_crc32.push_back(input.crc32);
    }
    if (resume_) {
        const std::vector<std::uint32_t>& saved = resume_->header().input_crc32;
        for (std::size_t i = 0; i < inputs.size(); ++i)
            if (i >= saved.size() || saved[i] != inputs[i].crc32)
                fail_at(inputs[i].path, 0,
                        fmt::format("changed since {} was written; the run cannot go on", resume_->path()));
        header_.finished = resume_->header().finished;
        resumed_from_ = resume_->path();
    }
}

TrainJob::Outcome TrainJob::run(std::size_t index, const ExperimentConfig& settings, const std::vector<Example>& data,
                                const Split& split, const std::vector<double>& clean,
                                TrainingProgress progress) {
    if (index < header_.finished.size()) return {header_.finished[index], false};
    progress.stop = [this] { return stop_.requested(); };
    Experiment experiment(settings, data, split, clean, std::move(progress));
    if (resume_) {
        resume_->restore(experiment);
        log::info("going on from {}", resume_->path());
        resume_ = nullptr;  // the next experiment starts afresh
    }
    if (!experiment.run()) {
        write_checkpoint(checkpoint_path_, header_, experiment);
        log::clear_progress_line();
        fmt::print(stderr, "gsattn: {}: stopped after the current batch; saved the training state to {}\n"
                           "gsattn: to go on: gsattn train --resume {}\n",
                   stop_.signal_name(), checkpoint_path_, checkpoint_path_);
        stop_.end_program();
    }
    Outcome outcome{experiment.result(), true};
    header_.finished.push_back(outcome.result);
    header_.finished.back().model = nullptr;  // a checkpoint keeps results, not models
    return outcome;
}

void TrainJob::finish() {
    if (resumed_from_.empty()) return;
    std::remove(resumed_from_.c_str());
    log::info("removed {}: the run it held has finished", resumed_from_);
}

}  // namespace gsattn::cli
