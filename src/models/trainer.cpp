#include "gsattn/models/trainer.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "gsattn/models/batch.hpp"
#include "gsattn/error.hpp"
#include "gsattn/flanks.hpp"
#include "gsattn/models/archive_values.hpp"
#include "gsattn/models/layers.hpp"
#include "gsattn/random.hpp"

namespace gsattn {
namespace {

torch::Tensor loss_of(const torch::Tensor& output, const torch::Tensor& target, Task task) {
    if (task == Task::classification)
        return torch::nn::functional::binary_cross_entropy_with_logits(output, target);
    return torch::mse_loss(output, target);
}

std::vector<const EncodedSequence*> sequences_of(const std::vector<Example>& data,
                                                 const std::vector<std::size_t>& rows) {
    std::vector<const EncodedSequence*> out;
    out.reserve(rows.size());
    for (std::size_t r : rows) out.push_back(&data[r].bases);
    return out;
}

torch::Tensor targets_of(const std::vector<Example>& data, const std::vector<std::size_t>& rows,
                         Task task, const LabelScaling& scaling) {
    std::vector<float> values;
    for (std::size_t r : rows)
        values.push_back(static_cast<float>(task == Task::regression ? scaling.encode(data[r].label)
                                                                     : data[r].label));
    return torch::tensor(values);
}

// A copy of every parameter and buffer, to restore the best epoch's weights.
std::vector<torch::Tensor> snapshot(torch::nn::Module& model) {
    std::vector<torch::Tensor> out;
    for (const auto& p : model.parameters()) out.push_back(p.detach().clone());
    for (const auto& b : model.buffers()) out.push_back(b.detach().clone());
    return out;
}

void restore(torch::nn::Module& model, const std::vector<torch::Tensor>& saved) {
    torch::NoGradGuard no_grad;
    std::size_t i = 0;
    for (auto& p : model.parameters()) p.copy_(saved[i++]);
    for (auto& b : model.buffers()) b.copy_(saved[i++]);
}

// average <- keep x average + (1 - keep) x weights, for a snapshot's layout.
void move_average(std::vector<torch::Tensor>& average, torch::nn::Module& model, double keep) {
    torch::NoGradGuard no_grad;
    std::size_t i = 0;
    for (const auto& p : model.parameters()) average[i++].mul_(keep).add_(p.detach(), 1 - keep);
    for (const auto& b : model.buffers()) average[i++].copy_(b);
}

// A list of tensors as a nested archive under `key`, entries named by index.
void write_tensors(torch::serialize::OutputArchive& archive, const std::string& key,
                   const std::vector<torch::Tensor>& tensors) {
    auto list = archive::nested(archive);
    for (std::size_t i = 0; i < tensors.size(); ++i) list.write(std::to_string(i), tensors[i]);
    archive.write(key, list);
}

// Reads back as many tensors as `tensors` holds (a missing one is an Error).
void read_tensors(torch::serialize::InputArchive& archive, const std::string& key,
                  std::vector<torch::Tensor>& tensors) {
    auto list = archive::read_nested(archive, key);
    for (std::size_t i = 0; i < tensors.size(); ++i) tensors[i] = archive::read_tensor(list, std::to_string(i));
}

// For a loss that is not finite: the weights would predict nothing, so
// training stops there rather than saving them.
[[noreturn]] void diverged(const std::string& loss_name, double loss) {
    throw Error(fmt::format("training diverged: the {} is {}; the model is not saved (a lower learning rate, --lr, "
                            "may help)",
                            loss_name, loss));
}

double validation_loss(SequenceModelImpl& model, const std::vector<Example>& data,
                       const std::vector<std::size_t>& rows, const TrainConfig& config,
                       const LabelScaling& scaling) {
    // The same batches every epoch, whose outputs only decide which epoch is kept.
    const auto outputs = predict_outputs(model, sequences_of(data, rows), config.batch_size * 4,
                                         config.reverse_complement, true);
    std::vector<float> as_float(outputs.begin(), outputs.end());
    torch::NoGradGuard no_grad;
    return loss_of(torch::tensor(as_float), targets_of(data, rows, config.task, scaling), config.task)
        .item<double>();
}

// The line over features x [N, F] that fits y [N]: least squares
// (regression) or logistic (classification, by Newton's method), with a
// ridge of 1e-6 per sequence so that a constant feature still leaves one
// solution. -> [F + 1]: the weights, then the bias.
torch::Tensor fit_line(const torch::Tensor& x, const torch::Tensor& y, Task task) {
    const auto design = torch::cat({x, torch::ones({x.size(0), 1}, x.options())}, 1);
    const auto ridge = torch::eye(design.size(1), x.options()) * (1e-6 * static_cast<double>(x.size(0)));
    const auto solve = [](const torch::Tensor& a, const torch::Tensor& b) {
        return torch::linalg::solve(a, b.unsqueeze(1), true).squeeze(1);
    };
    if (task == Task::regression) return solve(design.t().mm(design) + ridge, design.t().mv(y));
    auto w = torch::zeros({design.size(1)}, x.options());
    for (int step = 0; step < 100; ++step) {
        const auto p = torch::sigmoid(design.mv(w));
        const auto hessian = design.t().mm(design * (p * (1 - p)).unsqueeze(1)) + ridge;
        const auto change = solve(hessian, design.t().mv(p - y) + ridge.mv(w));
        w = w - change;
        if (change.abs().max().item<double>() < 1e-9) break;
    }
    return w;
}

}  // namespace

struct TrainingSession::State {
    State(SequenceModelImpl& m, const std::vector<Example>& d, const Split& sp, const TrainConfig& c,
          const LabelScaling& sc, TrainingProgress p)
        : model(m), data(d), split(sp), config(c), scaling(sc), progress(std::move(p)),
          optimizer(parameter_groups(m, c), torch::optim::AdamWOptions(c.learning_rate).weight_decay(c.weight_decay)),
          rng(Rng::for_item(c.seed, 0x7472616eULL)),  // "tran"
          order(sp.train) {
        run.best_validation_loss = std::numeric_limits<double>::infinity();
        flanks.length = c.augment_length;
        flanks.crop = c.augment_crop;
        if (flanks.active()) flanks.composition = base_composition(sequences_of(d, sp.train));
        best = snapshot(model);
        if (c.weight_average > 0) averaged = snapshot(model);
        for (auto& group : optimizer.param_groups())
            base_rates.push_back(static_cast<torch::optim::AdamWOptions&>(group.options()).lr());
    }

    // The embeddings learn faster (docs/design.md, Training).
    static std::vector<torch::optim::OptimizerParamGroup> parameter_groups(SequenceModelImpl& model,
                                                                           const TrainConfig& config) {
        std::vector<torch::Tensor> embeddings = model.embedding_parameters(), others;
        for (const auto& p : model.parameters()) {
            bool is_embedding = false;
            for (const auto& e : embeddings) is_embedding |= p.is_same(e);
            if (!is_embedding) others.push_back(p);
        }
        using torch::optim::AdamWOptions;
        std::vector<torch::optim::OptimizerParamGroup> groups;
        groups.emplace_back(others, std::make_unique<AdamWOptions>(
                                        AdamWOptions(config.learning_rate).weight_decay(config.weight_decay)));
        if (!embeddings.empty())
            groups.emplace_back(embeddings, std::make_unique<AdamWOptions>(
                                                AdamWOptions(config.learning_rate * config.embedding_lr_mult)
                                                    .weight_decay(0)));
        return groups;
    }

    void set_learning_rate(int epoch);
    void begin_epoch(int epoch);
    void train_batch(int epoch, int b, int batches);
    void end_epoch(int epoch);
    void fit_closed_form(int epoch, torch::nn::Linear& line);
    // Trains epoch `epoch` from where it stands; false when progress.stop
    // ended it after a batch.
    bool train_epoch(int epoch);
    int batches() const {
        return static_cast<int>((order.size() + config.batch_size - 1) / config.batch_size);
    }

    SequenceModelImpl& model;
    const std::vector<Example>& data;
    const Split& split;
    const TrainConfig config;
    const LabelScaling scaling;
    const TrainingProgress progress;
    torch::optim::AdamW optimizer;
    Rng rng;
    std::vector<std::size_t> order;
    std::vector<double> base_rates;
    std::vector<torch::Tensor> best;
    std::vector<torch::Tensor> averaged;  // with config.weight_average > 0
    FlankAugmentation flanks;  // of the training batches
    TrainingRun run;
    double sequences_seen = 0;
    int stale = 0;
    bool stopped = false;
    // The epoch under way (0 between epochs), its next batch and loss so far.
    int epoch_in_progress = 0;
    int next_batch = 0;
    double loss_sum = 0;
};

void TrainingSession::State::set_learning_rate(int epoch) {
    using torch::optim::AdamWOptions;
    // Cosine decay to 5 % of the base rate over the planned epochs.
    const double progress_fraction = config.epochs > 1 ? (epoch - 1.0) / (config.epochs - 1.0) : 0.0;
    const double factor = 0.05 + 0.95 * 0.5 * (1 + std::cos(M_PI * progress_fraction));
    for (std::size_t g = 0; g < optimizer.param_groups().size(); ++g)
        static_cast<AdamWOptions&>(optimizer.param_groups()[g].options()).lr(base_rates[g] * factor);
}

void TrainingSession::State::begin_epoch(int epoch) {
    set_learning_rate(epoch);
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
    epoch_in_progress = epoch;
    next_batch = 0;
    loss_sum = 0;
}

void TrainingSession::State::train_batch(int epoch, int b, int batches) {
    const std::size_t first = static_cast<std::size_t>(b) * config.batch_size;
    const std::vector<std::size_t> rows(order.begin() + first,
                                        order.begin() + std::min(order.size(), first + config.batch_size));
    // Each batch on a random strand: the model sees both orientations.
    const bool flip = config.reverse_complement && rng.coin();
    std::vector<const EncodedSequence*> sequences = sequences_of(data, rows);
    std::vector<EncodedSequence> in_flanks;
    if (flanks.active()) {
        in_flanks.reserve(sequences.size());
        for (const EncodedSequence*& s : sequences) s = &in_flanks.emplace_back(augmented(*s, flanks, rng));
    }
    const TokenBatch batch = make_token_batch(sequences, flip);
    optimizer.zero_grad();
    const auto targets = targets_of(data, rows, config.task, scaling);
    const auto outputs = model.training_outputs(batch.tokens, batch.mask);
    auto loss = loss_of(outputs.front().output, targets, config.task);
    torch::Tensor total = loss;
    for (std::size_t o = 1; o < outputs.size(); ++o)
        total = total + outputs[o].weight * (outputs[o].is_loss ? outputs[o].output
                                                                : loss_of(outputs[o].output, targets, config.task));
    if (const double value = total.item<double>(); !std::isfinite(value))
        diverged(fmt::format("training loss of epoch {}, batch {}", epoch, b + 1), value);
    total.backward();
    if (config.clip_norm > 0) torch::nn::utils::clip_grad_norm_(model.parameters(), config.clip_norm);
    optimizer.step();
    if (!averaged.empty()) move_average(averaged, model, config.weight_average);
    loss_sum += loss.item<double>() * static_cast<double>(rows.size());
    sequences_seen += static_cast<double>(rows.size());
    if (progress.batch) progress.batch(epoch, b + 1, batches);
}

void TrainingSession::State::end_epoch(int epoch) {
    model.eval();
    // The average is validated and kept; training goes on from the weights as trained.
    std::vector<torch::Tensor> trained;
    if (!averaged.empty()) {
        trained = snapshot(model);
        restore(model, averaged);
    }
    EpochReport report;
    report.epoch = epoch;
    report.train_loss = loss_sum / static_cast<double>(order.size());
    report.validation_loss = validation_loss(model, data, split.validation, config, scaling);
    if (!std::isfinite(report.validation_loss))
        diverged(fmt::format("validation loss of epoch {}", epoch), report.validation_loss);
    report.improved = report.validation_loss < run.best_validation_loss;
    if (report.improved) {
        run.best_validation_loss = report.validation_loss;
        run.best_epoch = epoch;
        best = snapshot(model);
        stale = 0;
    } else {
        ++stale;
    }
    if (!averaged.empty()) restore(model, trained);
    run.history.push_back(report);
    run.epochs_run = epoch;
    epoch_in_progress = 0;
    if (progress.epoch) progress.epoch(report);
    stopped = stale >= config.patience || epoch >= config.epochs;
}

// One epoch of a model fitted in closed form: the line from every training
// sequence at once; training ends there.
void TrainingSession::State::fit_closed_form(int epoch, torch::nn::Linear& line) {
    torch::NoGradGuard no_grad;
    model.eval();
    std::vector<torch::Tensor> features;
    for_each_batch(sequences_of(data, split.train), config.batch_size * 4,
                   [&](const std::vector<const EncodedSequence*>& batch) {
                       const TokenBatch tokens = make_token_batch(batch);
                       features.push_back(model.line_features(tokens.tokens, tokens.mask).to(torch::kDouble));
                   });
    const auto x = torch::cat(features), y = targets_of(data, split.train, config.task, scaling).to(torch::kDouble);
    const auto w = fit_line(x, y, config.task);
    line->weight.copy_(w.slice(0, 0, x.size(1)).unsqueeze(0));
    line->bias.copy_(w.slice(0, x.size(1)));
    const auto fitted = x.mm(w.slice(0, 0, x.size(1)).unsqueeze(1)).squeeze(1) + w[x.size(1)];
    loss_sum = loss_of(fitted, y, config.task).item<double>() * static_cast<double>(order.size());
    sequences_seen += static_cast<double>(order.size());
    if (!averaged.empty()) averaged = snapshot(model);  // nothing to average: one fit
    end_epoch(epoch);
    stopped = true;
}

bool TrainingSession::State::train_epoch(int epoch) {
    if (torch::nn::Linear line = model.closed_form_line()) {
        fit_closed_form(epoch, line);
        return true;
    }
    if (epoch_in_progress != epoch) begin_epoch(epoch);
    model.set_training_epoch(epoch);
    model.train();
    const int n = batches();
    while (next_batch < n) {
        train_batch(epoch, next_batch, n);
        ++next_batch;
        if (progress.stop && progress.stop()) return false;
    }
    end_epoch(epoch);
    return true;
}

TrainingSession::TrainingSession(SequenceModelImpl& model, const std::vector<Example>& data, const Split& split,
                                 const TrainConfig& config, const LabelScaling& scaling, TrainingProgress progress) {
    if (split.train.empty()) throw Error("no training sequences");
    if (split.validation.empty()) throw Error("no validation sequences (needed for early stopping)");
    state_ = std::make_unique<State>(model, data, split, config, scaling, std::move(progress));
}

TrainingSession::~TrainingSession() = default;

bool TrainingSession::run_until(int last_epoch) {
    State& s = *state_;
    const auto start = std::chrono::steady_clock::now();
    bool finished = true;
    while (finished && !s.stopped && s.run.epochs_run < last_epoch) finished = s.train_epoch(s.run.epochs_run + 1);
    s.run.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    s.run.sequences_per_second = s.run.seconds > 0 ? s.sequences_seen / s.run.seconds : 0;
    return finished;
}

bool TrainingSession::stopped() const { return state_->stopped; }

const TrainingRun& TrainingSession::run() const { return state_->run; }

TrainingRun TrainingSession::finish() {
    restore(state_->model, state_->best);
    state_->model.eval();
    state_->stopped = true;
    return state_->run;
}

namespace {

// The plain fields of a training state and of a run, saved and loaded alike
// (the tensors, the order and the history are saved beside them).
const auto session_fields = [](auto& state, auto&& field) {
    field("sequences_seen", state.sequences_seen);
    field("stale", state.stale);
    field("stopped", state.stopped);
    field("epoch_in_progress", state.epoch_in_progress);
    field("next_batch", state.next_batch);
    field("loss_sum", state.loss_sum);
};

const auto run_fields = [](auto& run, auto&& field) {
    field("epochs_run", run.epochs_run);
    field("best_epoch", run.best_epoch);
    field("best_validation_loss", run.best_validation_loss);
    field("seconds", run.seconds);
    field("sequences_per_second", run.sequences_per_second);
};

}  // namespace

void TrainingSession::save(torch::serialize::OutputArchive& archive) const {
    const State& s = *state_;
    auto weights = archive::nested(archive);
    s.model.save(weights);
    archive.write("model", weights);
    auto optimizer = archive::nested(archive);
    s.optimizer.save(optimizer);
    archive.write("optimizer", optimizer);
    write_tensors(archive, "best", s.best);
    if (!s.averaged.empty()) write_tensors(archive, "averaged", s.averaged);
    auto run = archive::nested(archive);
    write_run(run, s.run);
    archive.write("run", run);
    std::vector<std::int64_t> rng_state, order(s.order.begin(), s.order.end());
    for (std::uint64_t word : s.rng.state()) rng_state.push_back(static_cast<std::int64_t>(word));
    archive::write(archive, "rng", rng_state);
    archive::write(archive, "order", order);
    archive::write_fields(archive, s, session_fields);
}

void TrainingSession::load(torch::serialize::InputArchive& archive) {
    State& s = *state_;
    auto weights = archive::read_nested(archive, "model");
    load_weights(s.model, weights);
    auto optimizer = archive::read_nested(archive, "optimizer");
    s.optimizer.load(optimizer);
    read_tensors(archive, "best", s.best);
    if (!s.averaged.empty()) read_tensors(archive, "averaged", s.averaged);
    auto run = archive::read_nested(archive, "run");
    s.run = read_run(run);
    const auto rng_state = archive::read_ints(archive, "rng");
    const auto order = archive::read_ints(archive, "order");
    if (rng_state.size() != 4 || order.size() != s.order.size())
        throw Error("the saved training state does not fit this training set");
    Rng::State state;
    for (std::size_t i = 0; i < 4; ++i) state[i] = static_cast<std::uint64_t>(rng_state[i]);
    s.rng = Rng::from_state(state);
    for (std::size_t i = 0; i < order.size(); ++i) {
        if (order[i] < 0 || static_cast<std::size_t>(order[i]) >= s.data.size())
            throw Error("the saved training state does not fit this training set");
        s.order[i] = static_cast<std::size_t>(order[i]);
    }
    archive::read_fields(archive, s, session_fields);
    if (s.epoch_in_progress > 0) s.set_learning_rate(s.epoch_in_progress);
}

void write_run(torch::serialize::OutputArchive& archive, const TrainingRun& run) {
    archive::write_fields(archive, run, run_fields);
    std::vector<double> train_loss, validation_loss;
    std::vector<std::int64_t> improved;
    for (const EpochReport& r : run.history) {
        train_loss.push_back(r.train_loss);
        validation_loss.push_back(r.validation_loss);
        improved.push_back(r.improved);
    }
    archive::write(archive, "train_loss", train_loss);
    archive::write(archive, "validation_loss", validation_loss);
    archive::write(archive, "improved", improved);
}

TrainingRun read_run(torch::serialize::InputArchive& archive) {
    TrainingRun run;
    archive::read_fields(archive, run, run_fields);
    const auto train_loss = archive::read_doubles(archive, "train_loss");
    const auto validation_loss = archive::read_doubles(archive, "validation_loss");
    const auto improved = archive::read_ints(archive, "improved");
    if (validation_loss.size() != train_loss.size() || improved.size() != train_loss.size())
        throw Error("the saved training history is incomplete");
    for (std::size_t i = 0; i < train_loss.size(); ++i)
        run.history.push_back({static_cast<int>(i + 1), train_loss[i], validation_loss[i], improved[i] != 0});
    return run;
}

TrainingRun train_model(SequenceModelImpl& model, const std::vector<Example>& data, const Split& split,
                        const TrainConfig& config, const LabelScaling& scaling,
                        const TrainingProgress& progress) {
    TrainingSession session(model, data, split, config, scaling, progress);
    session.run_until(config.epochs);
    return session.finish();
}

std::vector<double> predict_outputs(SequenceModelImpl& model,
                                    const std::vector<const EncodedSequence*>& sequences,
                                    int batch_size, bool both_strands, bool per_shape_convolutions) {
    torch::NoGradGuard no_grad;
    const PerShapeConvolutions kernels(per_shape_convolutions);
    model.eval();
    std::vector<double> out;
    out.reserve(sequences.size());
    for_each_batch(sequences, batch_size, [&](const std::vector<const EncodedSequence*>& part) {
        const TokenBatch forward = make_token_batch(part, false);
        torch::Tensor y;
        if (both_strands) {
            // The strands' forward passes go to the threads whole, each run
            // as it would be alone: one hand-over to the second thread per
            // batch, rather than one per operation, each of which can wait
            // for a sleeping thread to wake (docs/performance.md).
            const TokenBatch reverse = make_token_batch(part, true);
            torch::Tensor strands[2];
            at::parallel_for(0, 2, 1, [&](std::int64_t begin, std::int64_t end) {
                torch::NoGradGuard no_grad_here;  // grad mode and the kernels' choice are per thread
                const PerShapeConvolutions kernels_here(per_shape_convolutions);
                for (std::int64_t s = begin; s < end; ++s) {
                    const TokenBatch& batch = s == 0 ? forward : reverse;
                    strands[s] = model.forward(batch.tokens, batch.mask);
                }
            });
            y = (strands[0] + strands[1]) / 2;
        } else {
            y = model.forward(forward.tokens, forward.mask);
        }
        const auto values = y.to(torch::kDouble).contiguous();
        out.insert(out.end(), values.data_ptr<double>(), values.data_ptr<double>() + values.numel());
    });
    return out;
}

std::vector<double> to_predictions(const std::vector<double>& outputs, Task task,
                                   const LabelScaling& scaling) {
    std::vector<double> out;
    out.reserve(outputs.size());
    for (double y : outputs)
        out.push_back(task == Task::regression ? scaling.decode(y) : 1.0 / (1.0 + std::exp(-y)));
    return out;
}

}  // namespace gsattn
