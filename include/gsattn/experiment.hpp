// One training run end to end: build the model from its settings (seeded),
// train on the split, predict the test set, and measure — the unit that
// `gsattn train`, `--compare` and `--folds` repeat.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "gsattn/metrics.hpp"
#include "gsattn/train_settings.hpp"
#include "gsattn/trainer.hpp"

namespace gsattn {

struct Evaluation {
    RegressionMetrics regression{};
    std::optional<ClassificationMetrics> classification;
    std::optional<double> oracle_ceiling;  // Pearson(clean_label, label) on the same rows
};

// `clean` (may be empty) holds the noise-free labels of the same rows.
Evaluation evaluate(const std::vector<double>& truth, const std::vector<double>& predicted, Task task,
                    const std::vector<double>& clean = {});

struct ExperimentResult {
    SequenceModel model;
    LabelScaling scaling;
    TrainingRun run;             // of the start trained in full
    int start = 0;               // which start that was (0-based)
    std::vector<double> start_losses;  // each start's best validation loss in its short run
    std::vector<double> test_predictions;  // in split.test order, label units
    Evaluation test;
    std::int64_t parameters = 0;
    double flops = 0;           // per sequence of the median test length
    std::int64_t flops_length = 0;
};

// clean_labels: per example (same indexing as data) or empty.
ExperimentResult run_experiment(const TrainSettings& settings, const std::vector<Example>& data,
                                const Split& split, const std::vector<double>& clean_labels,
                                const TrainingProgress& progress = {});

// Parameters the model predicts with (training-only parts left out).
std::int64_t count_parameters(SequenceModelImpl& model);

// The metrics file's content (DESIGN §2) for one run.
toml::table metrics_table(const TrainSettings& settings, const ExperimentResult& result);
toml::table evaluation_table(const Evaluation& evaluation);

}  // namespace gsattn
