#include "gsattn/models/experiment.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <memory>
#include <mutex>
#include <tuple>
#include <utility>

#include <fmt/format.h>

#include "gsattn/batching.hpp"
#include "gsattn/error.hpp"
#include "gsattn/flops.hpp"
#include "gsattn/models/archive_values.hpp"
#include "gsattn/models/batch.hpp"
#include "gsattn/models/model_file.hpp"
#include "gsattn/models/topk_model.hpp"
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

std::shared_ptr<FullModelImpl> load_teacher(const ExperimentConfig& settings) {
    const std::string& path = settings.train.teacher;
    if (settings.model.kind != ModelKind::topk)
        throw Error(fmt::format("--teacher {}: only a topk model learns from a teacher, not a {} model", path,
                                to_string(settings.model.kind)));
    LoadedModel loaded = load_model_file(path);
    auto teacher = std::dynamic_pointer_cast<FullModelImpl>(loaded.network);
    if (!teacher)
        throw Error(fmt::format("--teacher {}: a {} model; the teacher must be a full model (train --model full)",
                                path, to_string(loaded.info.config.kind)));
    if (loaded.info.task != settings.train.task)
        throw Error(fmt::format("--teacher {}: trained for {}, not {}", path, to_string(loaded.info.task),
                                to_string(settings.train.task)));
    return teacher;
}

DistillationReport compare_with_teacher(TopKModelImpl& student, const std::vector<const EncodedSequence*>& sequences,
                                        const std::vector<double>& truth, std::size_t batch_size) {
    student.eval();
    TeacherAgreement agreement;
    for_each_batch(sequences, static_cast<int>(batch_size), [&](const std::vector<const EncodedSequence*>& part) {
        const TokenBatch batch = make_token_batch(part, false);
        student.compare_with_teacher(batch.tokens, batch.mask, agreement);
    });
    DistillationReport report;
    report.top1_accuracy = agreement.top1_accuracy();
    report.topk_recall = agreement.topk_recall();
    report.candidate_recall = agreement.candidate_recall();
    report.teacher_first_weight = agreement.teacher_first_weight();
    report.teacher_second_weight = agreement.teacher_second_weight();
    report.output_relative_error = agreement.output_relative_error();
    report.head_relative_error = agreement.head_relative_error();
    report.student_pearson = pearson(truth, agreement.student);
    report.teacher_pearson = pearson(truth, agreement.teacher);
    return report;
}

}  // namespace

struct Experiment::State {
    // One init: its model and the session training it.
    struct Init {
        SequenceModel model;
        std::unique_ptr<TrainingSession> session;
        explicit operator bool() const { return session != nullptr; }
    };

    State(const ExperimentConfig& s, const std::vector<Example>& d, const Split& sp, const std::vector<double>& c,
          TrainingProgress p)
        : settings(s), data(d), split(sp), clean(c), progress(std::move(p)), inits(inits_for(s)) {
        if (split.test.size() < 2) throw Error("the test set needs at least 2 sequences");
        if (!settings.train.teacher.empty()) teacher = load_teacher(settings);
        scaling = settings.train.task == Task::regression ? LabelScaling::fit(data, split.train) : LabelScaling{};
        // An init's length is counted in sequences, not epochs: a small
        // training set needs more epochs before an init's validation loss
        // says how it will end.
        const auto train_size = static_cast<std::int64_t>(split.train.size());
        init_epochs = static_cast<int>(std::min<std::int64_t>(
            settings.train.epochs, (settings.train.init_sequences + train_size - 1) / train_size));
    }

    Init open_init(int index) const {
        TrainConfig config = settings.train;
        config.seed = init_seed(settings.train.seed, index);
        torch::manual_seed(config.seed);  // identical initial weights for the same seed
        Init init;
        init.model = make_model(settings.model);
        if (teacher) std::dynamic_pointer_cast<TopKModelImpl>(init.model)->learn_from(teacher);
        init.session = std::make_unique<TrainingSession>(*init.model, data, split, config, scaling, progress);
        return init;
    }

    const ExperimentConfig settings;
    std::shared_ptr<FullModelImpl> teacher;  // train --teacher
    const std::vector<Example>& data;
    const Split& split;
    const std::vector<double> clean;  // a copy: callers pass {} for none
    const TrainingProgress progress;
    const int inits;
    int init_epochs = 0;
    LabelScaling scaling;

    int next_init = 0;             // the init in its short run, or `inits` when all are done
    Init current;                  // that init
    int chosen = 0;                // the best init so far
    Init best;                     // its model, which goes on to the end
    std::vector<double> init_losses;
    double short_run_seconds = 0;  // of every init's short run
    double chosen_short_seconds = 0;
};

Experiment::Experiment(const ExperimentConfig& settings, const std::vector<Example>& data, const Split& split,
                       const std::vector<double>& clean_labels, TrainingProgress progress)
    : state_(std::make_unique<State>(settings, data, split, clean_labels, std::move(progress))) {}

Experiment::~Experiment() = default;

bool Experiment::run() {
    State& s = *state_;
    if (s.inits == 1 && !s.best) {
        s.best = s.open_init(0);
        s.next_init = 1;
    }
    for (; s.next_init < s.inits; ++s.next_init) {
        if (!s.current) s.current = s.open_init(s.next_init);
        if (!s.current.session->run_until(s.init_epochs)) return false;
        const TrainingRun& trial = s.current.session->run();
        if (s.progress.init) s.progress.init(s.next_init + 1, s.inits, trial);
        s.init_losses.push_back(trial.best_validation_loss);
        s.short_run_seconds += trial.seconds;
        if (!s.best || trial.best_validation_loss < s.init_losses[s.chosen]) {
            s.chosen = s.next_init;
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
    result.init = s.chosen;
    result.init_losses = s.init_losses;
    result.model = s.best.model;
    result.run = s.best.session->finish();
    // The time it took to get this model: every init's, and the rest of the chosen one's.
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
    if (s.teacher)
        result.distillation = compare_with_teacher(*std::dynamic_pointer_cast<TopKModelImpl>(result.model),
                                                   test_sequences, truth, static_cast<std::size_t>(train.batch_size));
    return result;
}

namespace {

// The distillation measures by their metrics-file names, in the order a
// model file saves them (the first six are the older files' six).
constexpr std::pair<const char*, double DistillationReport::*> kDistillationMeasures[] = {
    {"selector_top1_accuracy", &DistillationReport::top1_accuracy},
    {"selector_topk_recall", &DistillationReport::topk_recall},
    {"output_relative_error", &DistillationReport::output_relative_error},
    {"approximated_head_relative_error", &DistillationReport::head_relative_error},
    {"student_pearson", &DistillationReport::student_pearson},
    {"teacher_pearson", &DistillationReport::teacher_pearson},
    {"selector_candidate_recall", &DistillationReport::candidate_recall},
    {"teacher_top1_weight", &DistillationReport::teacher_first_weight},
    {"teacher_top2_weight", &DistillationReport::teacher_second_weight},
};

// The plain fields of an experiment's state, saved and loaded alike (the
// sessions and the generator are saved beside them).
const auto state_fields = [](auto& state, auto&& field) {
    field("next_init", state.next_init);
    field("chosen", state.chosen);
    field("init_losses", state.init_losses);
    field("short_run_seconds", state.short_run_seconds);
    field("chosen_short_seconds", state.chosen_short_seconds);
};

// A finished experiment's plain fields (its run and test metrics are saved
// beside them).
const auto result_fields = [](auto& result, auto&& field) {
    field("label_mean", result.scaling.mean);
    field("label_std", result.scaling.std);
    field("init", result.init);
    field("init_losses", result.init_losses);
    field("test_predictions", result.test_predictions);
    field("parameters", result.parameters);
    field("flops", result.flops);
    field("flops_length", result.flops_length);
};

}  // namespace

void Experiment::save(torch::serialize::OutputArchive& archive) const {
    const State& s = *state_;
    archive::write_fields(archive, s, state_fields);
    for (const auto& [key, init] : {std::pair{"current", &s.current}, std::pair{"best", &s.best}}) {
        if (!*init) continue;
        auto session = archive::nested(archive);
        init->session->save(session);
        archive.write(key, session);
    }
    at::Generator generator = at::detail::getDefaultCPUGenerator();  // a handle on the global one
    std::lock_guard<std::mutex> lock(generator.mutex());
    archive.write("torch_generator", generator.get_state());
}

void Experiment::load(torch::serialize::InputArchive& archive) {
    State& s = *state_;
    archive::read_fields(archive, s, state_fields);
    if (s.next_init < 0 || s.next_init > s.inits || s.chosen < 0 || s.chosen >= s.inits)
        throw Error("the saved training state has a different number of inits");
    for (const auto& [key, init, index] :
         {std::tuple{"current", &s.current, s.next_init}, std::tuple{"best", &s.best, s.chosen}}) {
        torch::serialize::InputArchive session;
        if (!archive.try_read(key, session)) continue;
        *init = s.open_init(index);
        init->session->load(session);
    }
    if (!s.best && s.next_init == s.inits) throw Error("the saved training state has no chosen init");
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
    archive::write_fields(archive, r, result_fields);
    auto run = archive::nested(archive);
    write_run(run, r.run);
    archive.write("run", run);
    const RegressionMetrics& m = r.test.regression;
    archive::write(archive, "test_n", static_cast<std::int64_t>(m.n));
    archive::write(archive, "test_regression", std::vector<double>{m.mse, m.mae, m.pearson, m.spearman, m.r2});
    if (const auto& c = r.test.classification)
        archive::write(archive, "test_classification",
                       std::vector<double>{c->auroc, c->auprc, c->at_half.sensitivity, c->at_half.specificity,
                                           c->at_half.accuracy, c->at_half.mcc});
    if (r.test.oracle_ceiling) archive::write(archive, "test_oracle_ceiling", *r.test.oracle_ceiling);
    if (const auto& d = r.distillation) {
        std::vector<double> values;
        for (const auto& [key, member] : kDistillationMeasures) values.push_back((*d).*member);
        archive::write(archive, "distillation", values);
    }
}

ExperimentResult read_result(torch::serialize::InputArchive& archive) {
    ExperimentResult r;
    archive::read_fields(archive, r, result_fields);
    auto run = archive::read_nested(archive, "run");
    r.run = read_run(run);
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
        // Checkpoints from before the threshold measures hold only the first two.
        if (c.size() != 2 && c.size() != 6) throw Error("the saved test metrics are incomplete");
        const double nan = std::nan("");
        r.test.classification = ClassificationMetrics{c[0], c[1], m.n, {nan, nan, nan, nan}};
        if (c.size() == 6) r.test.classification->at_half = {c[2], c[3], c[4], c[5]};
    }
    if (archive.try_read("test_oracle_ceiling", value))
        r.test.oracle_ceiling = archive::read_double(archive, "test_oracle_ceiling");
    if (archive.try_read("distillation", value)) {
        const auto d = archive::read_doubles(archive, "distillation");
        // Model files from before the candidate recall and the teacher's
        // weights hold the first six.
        constexpr std::size_t kMeasures = std::size(kDistillationMeasures);
        if (d.size() != 6 && d.size() != kMeasures) throw Error("the saved distillation measures are incomplete");
        DistillationReport report;
        for (std::size_t i = 0; i < kMeasures; ++i)
            report.*kDistillationMeasures[i].second = i < d.size() ? d[i] : std::nan("");
        r.distillation = report;
    }
    return r;
}

toml::table evaluation_table(const Evaluation& e) {
    const auto& m = e.regression;
    toml::table t{{"n", static_cast<std::int64_t>(m.n)}, {"mse", m.mse}, {"mae", m.mae},
                  {"pearson", m.pearson}, {"spearman", m.spearman}, {"r2", m.r2}};
    if (e.classification) {
        t.insert("auroc", e.classification->auroc);
        t.insert("auprc", e.classification->auprc);
        const ThresholdMetrics& h = e.classification->at_half;
        t.insert("sensitivity", h.sensitivity);
        t.insert("specificity", h.specificity);
        t.insert("accuracy", h.accuracy);
        t.insert("mcc", h.mcc);
    }
    if (e.oracle_ceiling) t.insert("oracle_ceiling", *e.oracle_ceiling);
    return t;
}

toml::table metrics_table(const ExperimentConfig& settings, const ExperimentResult& r) {
    toml::table t{
        {"program_version", program_version()},
        {"blas_kernel", blas_kernel()},
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
        {"init_chosen", r.init + 1},
        {"config", toml::table{{"model", to_toml(settings.model)}, {"train", to_toml(settings.train)}}},
    };
    toml::array losses;
    for (double l : r.init_losses) losses.push_back(l);
    t.insert("init_validation_losses", std::move(losses));
    if (const auto& d = r.distillation) {
        toml::table measures{{"teacher", settings.train.teacher}};
        for (const auto& [key, member] : kDistillationMeasures) measures.insert(key, (*d).*member);
        t.insert("distillation", std::move(measures));
    }
    return t;
}

}  // namespace gsattn
