// One training run end to end: build the model from its settings (seeded),
// train on the split, predict the test set, and measure — the unit that
// `gsattn train`, `--compare` and `--folds` repeat.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "gsattn/metrics.hpp"
#include "gsattn/experiment_config.hpp"
#include "gsattn/models/trainer.hpp"

namespace gsattn {

struct Evaluation {
    RegressionMetrics regression{};
    std::optional<ClassificationMetrics> classification;
    std::optional<double> oracle_ceiling;  // Pearson(clean_label, label) on the same rows
};

// `clean` (may be empty) holds the noise-free labels of the same rows.
Evaluation evaluate(const std::vector<double>& truth, const std::vector<double>& predicted, Task task,
                    const std::vector<double>& clean = {});

// A topk model against the full model it was distilled from (train
// --teacher), on the test set, forward strand: the study's measures.
struct DistillationReport {
    double top1_accuracy = 0;   // the teacher's arg-max key (mean over heads) is the selector's first choice
    double topk_recall = 0;     // ... is among the K chosen keys
    double candidate_recall = 0;  // ... is among the candidates the selector scores
    double teacher_first_weight = 0, teacher_second_weight = 0;  // the teacher's two largest weights, mean over queries
    double output_relative_error = 0;  // ||student - teacher|| / ||teacher|| of the final outputs
    double head_relative_error = 0;    // the same over the approximated heads' outputs (NaN: none)
    double student_pearson = 0, teacher_pearson = 0;  // of the final outputs with the labels
};

struct ExperimentResult {
    SequenceModel model;
    LabelScaling scaling;
    TrainingRun run;             // of the init trained in full
    int init = 0;                // which init that was (0-based)
    std::vector<double> init_losses;  // each init's best validation loss in its short run
    std::vector<double> test_predictions;  // in split.test order, label units
    Evaluation test;
    std::int64_t parameters = 0;
    double flops = 0;           // per sequence of the median test length
    std::int64_t flops_length = 0;
    std::optional<DistillationReport> distillation;
};

// One experiment that can stop between batches (progress.stop) and go on
// later, in this process or, through save() and load(), in another. Several
// inits each train on init_sequences sequences; the one with the lowest
// validation loss goes on to the end, the others are dropped as soon as
// they lose. Data and split must outlive it.
class Experiment {
public:
    // clean_labels: per example (same indexing as data) or empty.
    Experiment(const ExperimentConfig& settings, const std::vector<Example>& data, const Split& split,
               const std::vector<double>& clean_labels, TrainingProgress progress = {});
    ~Experiment();
    Experiment(const Experiment&) = delete;
    Experiment& operator=(const Experiment&) = delete;

    // Trains to the end; false when progress.stop ended it after a batch.
    bool run();
    // After run() returned true: the chosen init's model, evaluated on the test set.
    ExperimentResult result();

    // The whole training state (every live init's, and LibTorch's random
    // generator for dropout). load() expects an Experiment built with the
    // same settings, data and split.
    void save(torch::serialize::OutputArchive& archive) const;
    void load(torch::serialize::InputArchive& archive);

private:
    struct State;
    std::unique_ptr<State> state_;
};

// Experiment::run() and result() in one call.
ExperimentResult run_experiment(const ExperimentConfig& settings, const std::vector<Example>& data,
                                const Split& split, const std::vector<double>& clean_labels,
                                const TrainingProgress& progress = {});

// A finished experiment's result without its model (a checkpoint keeps the
// --compare kinds and --folds folds already done this way).
void write_result(torch::serialize::OutputArchive& archive, const ExperimentResult& result);
ExperimentResult read_result(torch::serialize::InputArchive& archive);

// Parameters the model predicts with (training-only parts left out).
std::int64_t count_parameters(SequenceModelImpl& model);

// The metrics file's content (docs/design.md, Files) for one run.
toml::table metrics_table(const ExperimentConfig& settings, const ExperimentResult& result);
toml::table evaluation_table(const Evaluation& evaluation);

}  // namespace gsattn
