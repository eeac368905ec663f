// The three ways `gsattn train` trains: one model, --compare's models of
// several kinds on one split, and --folds' cross-validation.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "cli/train_data.hpp"
#include "cli/train_job.hpp"
#include "cli/train_options.hpp"

namespace gsattn::cli {

// What every experiment of one command shares.
struct TrainContext {
    TrainJob& job;
    const TrainOptions& options;
    const TrainData& data;
};

// Experiment `index` of the command: trains the model of `settings` and
// writes it to `path` with its metrics, unless it was written before the run
// was stopped and resumed. `keep`, when given, receives the result.
void train_one(const TrainContext& context, std::size_t index, const ExperimentConfig& settings,
               const std::string& path, ExperimentResult* keep = nullptr);

// --compare: `compared` holds the settings of each kind of --compare, in its
// order; prints the comparison table on standard output.
void compare(const TrainContext& context, const std::vector<ExperimentConfig>& compared);

// --folds: writes OUTPUT.oof.tsv and OUTPUT.metrics.json, and with
// --fold-models each fold's model at fold_model_path.
void cross_validate(const TrainContext& context, const ExperimentConfig& settings);

// "x.gsattn" + "full" -> "x.full.gsattn"; other names get ".full" appended.
std::string with_kind(const std::string& path, const std::string& kind);
// Fold N's model of --folds --fold-models: "cv" -> "cv.foldN.gsattn",
// "cv.gsattn" -> "cv.foldN.gsattn".
std::string fold_model_path(const std::string& output, std::size_t fold);

}  // namespace gsattn::cli
