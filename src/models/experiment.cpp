#include "gsattn/models/experiment.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <mutex>
#include <tuple>

#include "gsattn/error.hpp"
#include "gsattn/flops.hpp"
#include "gsattn/models/archive_values.hpp"
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

struct Experiment::State {
    // One start: its model and the session training it.
    struct Start {
        SequenceModel model;
        std::unique_ptr<TrainingSession> session;
        explicit operator bool() const { return session != nullptr; }
    };

    State(const ExperimentConfig& s, const std::vector<Example>& d, const Split& sp, const std::vector<double>& c,
          TrainingProgress p)
        : settings(s), data(d), split(sp), clean(c), progress(std::move(p)), starts(starts_for(s)) {
        if (split.test.size() < 2) throw Error("the test set needs at least 2 sequences");
        scaling = settings.train.task == Task::regression ? LabelScaling::fit(data, split.train) : LabelScaling{};
        // A start's length is counted in sequences, not epochs: a small
        // training set needs more epochs before a start's validation loss
        // says how it will end.
        const auto train_size = static_cast<std::int64_t>(split.train.size());
        start_epochs = static_cast<int>(std::min<std::int64_t>(
            settings.train.epochs, (settings.train.start_sequences + train_size - 1) / train_size));
    }

    Start open_start(int index) const {
        TrainConfig config = settings.train;
        config.seed = start_seed(settings.train.seed, index);
        torch::manual_seed(config.seed);  // identical initial weights for the same seed
        Start start;
        start.model = make_model(settings.model);
        start.session = std::make_unique<TrainingSession>(*start.model, data, split, config, scaling, progress);
        return start;
    }

    const ExperimentConfig settings;
    const std::vector<Example>& data;
    const Split& split;
    const std::vector<double> clean;  // a copy: callers pass {} for none
    const TrainingProgress progress;
    const int starts;
    int start_epochs = 0;
    LabelScaling scaling;

    int next_start = 0;            // the start in its short run, or `starts` when all are done
    Start current;                 // that start
    int chosen = 0;                // the best start so far
    Start best;                    // its model, which goes on to the end
    std::vector<double> start_losses;
    double short_run_seconds = 0;  // of every start's short run
    double chosen_short_seconds = 0;
};

Experiment::Experiment(const ExperimentConfig& settings, const std::vector<Example>& data, const Split& split,
                       const std::vector<double>& clean_labels, TrainingProgress progress)
    : state_(std::make_unique<State>(settings, data, split, clean_labels, std::move(progress))) {}

Experiment::~Experiment() = default;

bool Experiment::run() {
    State& s = *state_;
    if (s.starts == 1 && !s.best) {
        s.best = s.open_start(0);
        s.next_start = 1;
    }
    for (; s.next_start < s.starts; ++s.next_start) {
        if (!s.current) s.current = s.open_start(s.next_start);
        if (!s.current.session->run_until(s.start_epochs)) return false;
        const TrainingRun& trial = s.current.session->run();
        if (s.progress.start) s.progress.start(s.next_start + 1, s.starts, trial);
        s.start_losses.push_back(trial.best_validation_loss);
        s.short_run_seconds += trial.seconds;
        if (!s.best || trial.best_validation_loss < s.start_losses[s.chosen]) {
            s.chosen = s.next_start;
            s.chosen_short_seconds = trial.seconds;
            s.best = std::move(s.current);
        }
        s.current = {};
    }
    return s.best.session->run_until(s.settings.train.epochs);
}

ExperimentResult Experiment::result() {
    State& s = *state_;
    ExperimentResult result;
    result.scaling = s.scaling;
    result.start = s.chosen;
    result.start_losses = s.start_losses;
    result.model = s.best.model;
    result.run = s.best.session->finish();
    // The time it took to get this model: every start's, and the rest of the chosen one's.
    result.run.seconds += s.short_run_seconds - s.chosen_short_seconds;

    std::vector<const EncodedSequence*> test_sequences;
    std::vector<double> truth, clean;
    std::vector<std::int64_t> lengths;
    for (std::size_t r : s.split.test) {
        test_sequences.push_back(&s.data[r].bases);
        truth.push_back(s.data[r].label);
        lengths.push_back(static_cast<std::int64_t>(s.data[r].bases.size()));
        if (!s.clean.empty()) clean.push_back(s.clean[r]);
    }
    const TrainConfig& train = s.settings.train;
    result.test_predictions = to_predictions(
        predict_outputs(*result.model, test_sequences, train.batch_size * 4, train.reverse_complement),
        train.task, result.scaling);
    result.test = evaluate(truth, result.test_predictions, train.task, clean);
    result.parameters = count_parameters(*result.model);
    std::nth_element(lengths.begin(), lengths.begin() + lengths.size() / 2, lengths.end());
    result.flops_length = lengths[lengths.size() / 2];
    result.flops = flops_per_sequence(s.settings.model, result.flops_length);
    return result;
}

void Experiment::save(torch::serialize::OutputArchive& archive) const {
    const State& s = *state_;
    archive::write(archive, "next_start", std::int64_t{s.next_start});
    archive::write(archive, "chosen", std::int64_t{s.chosen});
    archive::write(archive, "start_losses", s.start_losses);
    archive::write(archive, "short_run_seconds", s.short_run_seconds);
    archive::write(archive, "chosen_short_seconds", s.chosen_short_seconds);
    for (const auto& [key, start] : {std::pair{"current", &s.current}, std::pair{"best", &s.best}}) {
        if (!*start) continue;
        auto session = archive::nested(archive);
        start->session->save(session);
        archive.write(key, session);
    }
    at::Generator generator = at::detail::getDefaultCPUGenerator();  // a handle on the global one
    std::lock_guard<std::mutex> lock(generator.mutex());
    archive.write("torch_generator", generator.get_state());
}

void Experiment::load(torch::serialize::InputArchive& archive) {
    State& s = *state_;
    s.next_start = static_cast<int>(archive::read_int(archive, "next_start"));
    s.chosen = static_cast<int>(archive::read_int(archive, "chosen"));
    s.start_losses = archive::read_doubles(archive, "start_losses");
    s.short_run_seconds = archive::read_double(archive, "short_run_seconds");
    s.chosen_short_seconds = archive::read_double(archive, "chosen_short_seconds");
    if (s.next_start < 0 || s.next_start > s.starts || s.chosen < 0 || s.chosen >= s.starts)
        throw Error("the saved training state has a different number of starts");
    for (const auto& [key, start, index] :
         {std::tuple{"current", &s.current, s.next_start}, std::tuple{"best", &s.best, s.chosen}}) {
        torch::serialize::InputArchive session;
        if (!archive.try_read(key, session)) continue;
        *start = s.open_start(index);
        start->session->load(session);
    }
    if (!s.best && s.next_start == s.starts) throw Error("the saved training state has no chosen start");
    at::Generator generator = at::detail::getDefaultCPUGenerator();  // a handle on the global one
    std::lock_guard<std::mutex> lock(generator.mutex());
    generator.set_state(archive::read_tensor(archive, "torch_generator"));
}

ExperimentResult run_experiment(const ExperimentConfig& settings, const std::vector<Example>& data,
                                const Split& split, const std::vector<double>& clean_labels,
                                const TrainingProgress& progress) {
    Experiment experiment(settings, data, split, clean_labels, progress);
    if (!experiment.run()) throw Error("training was stopped before it finished");
    return experiment.result();
}

void write_result(torch::serialize::OutputArchive& archive, const ExperimentResult& r) {
    archive::write(archive, "label_mean", r.scaling.mean);
    archive::write(archive, "label_std", r.scaling.std);
    auto run = archive::nested(archive);
    write_run(run, r.run);
    archive.write("run", run);
    archive::write(archive, "start", std::int64_t{r.start});
    archive::write(archive, "start_losses", r.start_losses);
    archive::write(archive, "test_predictions", r.test_predictions);
    archive::write(archive, "parameters", r.parameters);
    archive::write(archive, "flops", r.flops);
    archive::write(archive, "flops_length", r.flops_length);
    const RegressionMetrics& m = r.test.regression;
    archive::write(archive, "test_n", static_cast<std::int64_t>(m.n));
    archive::write(archive, "test_regression", std::vector<double>{m.mse, m.mae, m.pearson, m.spearman, m.r2});
    if (r.test.classification)
        archive::write(archive, "test_classification",
                       std::vector<double>{r.test.classification->auroc, r.test.classification->auprc});
    if (r.test.oracle_ceiling) archive::write(archive, "test_oracle_ceiling", *r.test.oracle_ceiling);
}

ExperimentResult read_result(torch::serialize::InputArchive& archive) {
    ExperimentResult r;
    r.scaling.mean = archive::read_double(archive, "label_mean");
    r.scaling.std = archive::read_double(archive, "label_std");
    auto run = archive::read_nested(archive, "run");
    r.run = read_run(run);
    r.start = static_cast<int>(archive::read_int(archive, "start"));
    r.start_losses = archive::read_doubles(archive, "start_losses");
    r.test_predictions = archive::read_doubles(archive, "test_predictions");
    r.parameters = archive::read_int(archive, "parameters");
    r.flops = archive::read_double(archive, "flops");
    r.flops_length = archive::read_int(archive, "flops_length");
    RegressionMetrics& m = r.test.regression;
    m.n = static_cast<std::size_t>(archive::read_int(archive, "test_n"));
    const auto regression = archive::read_doubles(archive, "test_regression");
    if (regression.size() != 5) throw Error("the saved test metrics are incomplete");
    m.mse = regression[0];
    m.mae = regression[1];
    m.pearson = regression[2];
    m.spearman = regression[3];
    m.r2 = regression[4];
    c10::IValue value;
    if (archive.try_read("test_classification", value)) {
        const auto c = archive::read_doubles(archive, "test_classification");
        if (c.size() != 2) throw Error("the saved test metrics are incomplete");
        r.test.classification = ClassificationMetrics{c[0], c[1], m.n};
    }
    if (archive.try_read("test_oracle_ceiling", value))
        r.test.oracle_ceiling = archive::read_double(archive, "test_oracle_ceiling");
    return r;
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

toml::table metrics_table(const ExperimentConfig& settings, const ExperimentResult& r) {
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
