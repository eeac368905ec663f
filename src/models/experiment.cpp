#include "gsattn/experiment.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include "gsattn/error.hpp"
#include "gsattn/flops.hpp"
#include "gsattn/version.hpp"

namespace gsattn {

Evaluation evaluate(const std::vector<double>& truth, const std::vector<double>& predicted, Task task,
                    const std::vector<double>& clean) {
    Evaluation e;
    e.regression = regression_metrics(truth, predicted);
    if (task == Task::classification) e.classification = classification_metrics(truth, predicted);
    if (!clean.empty()) e.oracle_ceiling = pearson(clean, truth);
    return e;
}

std::int64_t count_parameters(SequenceModelImpl& model) {
    std::int64_t n = 0;
    for (const auto& p : model.parameters()) n += p.numel();
    return n - model.training_only_parameters();
}

namespace {

// Trains each start on start_sequences sequences, then the one with the
// lowest validation loss on to the end; the others are dropped. The length
// of a start is counted in sequences, not epochs: a small training set needs
// more epochs before a start's validation loss says how it will end.
void train_best_start(const TrainSettings& settings, const std::vector<Example>& data, const Split& split,
                      const TrainingProgress& progress, ExperimentResult& result) {
    const int starts = starts_for(settings);
    std::vector<SequenceModel> models;
    std::vector<std::unique_ptr<TrainingSession>> sessions;
    double start_seconds = 0;
    const auto train_size = static_cast<std::int64_t>(split.train.size());
    const int start_epochs = static_cast<int>(std::min<std::int64_t>(
        settings.train.epochs, (settings.train.start_sequences + train_size - 1) / train_size));
    for (int s = 0; s < starts; ++s) {
        TrainConfig config = settings.train;
        config.seed = start_seed(settings.train.seed, s);
        torch::manual_seed(config.seed);  // identical initial weights for the same seed
        models.push_back(make_model(settings.model));
        sessions.push_back(
            std::make_unique<TrainingSession>(*models.back(), data, split, config, result.scaling, progress));
        if (starts == 1) break;
        sessions.back()->run_until(start_epochs);
        const TrainingRun& trial = sessions.back()->run();
        if (progress.start) progress.start(s + 1, starts, trial);
        result.start_losses.push_back(trial.best_validation_loss);
        start_seconds += trial.seconds;
        if (trial.best_validation_loss < result.start_losses[result.start]) result.start = s;
    }
    TrainingSession& chosen = *sessions[result.start];
    const double chosen_start_seconds = chosen.run().seconds;
    chosen.run_until(settings.train.epochs);
    result.model = models[result.start];
    result.run = chosen.finish();
    // The time it took to get this model: every start's, and the rest of the chosen one's.
    result.run.seconds += start_seconds - chosen_start_seconds;
}

}  // namespace

ExperimentResult run_experiment(const TrainSettings& settings, const std::vector<Example>& data,
                                const Split& split, const std::vector<double>& clean_labels,
                                const TrainingProgress& progress) {
    if (split.test.size() < 2) throw Error("the test set needs at least 2 sequences");
    ExperimentResult result;
    result.scaling = settings.train.task == Task::regression ? LabelScaling::fit(data, split.train)
                                                             : LabelScaling{};
    train_best_start(settings, data, split, progress, result);

    std::vector<const EncodedSequence*> test_sequences;
    std::vector<double> truth, clean;
    std::vector<std::int64_t> lengths;
    for (std::size_t r : split.test) {
        test_sequences.push_back(&data[r].bases);
        truth.push_back(data[r].label);
        lengths.push_back(static_cast<std::int64_t>(data[r].bases.size()));
        if (!clean_labels.empty()) clean.push_back(clean_labels[r]);
    }
    result.test_predictions = to_predictions(
        predict_outputs(*result.model, test_sequences, settings.train.batch_size * 4,
                        settings.train.reverse_complement),
        settings.train.task, result.scaling);
    result.test = evaluate(truth, result.test_predictions, settings.train.task, clean);
    result.parameters = count_parameters(*result.model);
    std::nth_element(lengths.begin(), lengths.begin() + lengths.size() / 2, lengths.end());
    result.flops_length = lengths[lengths.size() / 2];
    result.flops = flops_per_sequence(settings.model, result.flops_length);
    return result;
}

toml::table evaluation_table(const Evaluation& e) {
    const auto& m = e.regression;
    toml::table t{{"n", static_cast<std::int64_t>(m.n)}, {"mse", m.mse}, {"mae", m.mae},
                  {"pearson", m.pearson}, {"spearman", m.spearman}, {"r2", m.r2}};
    if (e.classification) {
        t.insert("auroc", e.classification->auroc);
        t.insert("auprc", e.classification->auprc);
    }
    if (e.oracle_ceiling) t.insert("oracle_ceiling", *e.oracle_ceiling);
    return t;
}

toml::table metrics_table(const TrainSettings& settings, const ExperimentResult& r) {
    toml::table t{
        {"program_version", program_version()},
        {"model", to_string(settings.model.kind)},
        {"test", evaluation_table(r.test)},
        {"parameters", r.parameters},
        {"flops_per_sequence", r.flops},
        {"flops_sequence_length", r.flops_length},
        {"training_seconds", r.run.seconds},
        {"sequences_per_second", r.run.sequences_per_second},
        {"epochs_run", r.run.epochs_run},
        {"best_epoch", r.run.best_epoch},
        {"best_validation_loss", r.run.best_validation_loss},
        {"start_chosen", r.start + 1},
        {"config", toml::table{{"model", to_toml(settings.model)}, {"train", to_toml(settings.train)}}},
    };
    toml::array losses;
    for (double l : r.start_losses) losses.push_back(l);
    t.insert("start_validation_losses", std::move(losses));
    return t;
}

}  // namespace gsattn
