// Training a model (Adam with decoupled weight decay, a higher learning rate
// for the embeddings, cosine learning-rate decay, gradient clipping, reverse-complement augmentation,
// early stopping on validation loss with the best weights kept) and
// predicting with it (the mean of both strands).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "gsattn/dataset.hpp"
#include "gsattn/models/sequence_model.hpp"
#include "gsattn/split.hpp"
#include "gsattn/train_config.hpp"

namespace gsattn {

struct EpochReport {
    int epoch = 0;
    double train_loss = 0;
    double validation_loss = 0;
    bool improved = false;
};

struct TrainingRun {
    int epochs_run = 0;
    int best_epoch = 0;
    double best_validation_loss = 0;
    double seconds = 0;
    double sequences_per_second = 0;  // training sequences (both strands counted) per second
    std::vector<EpochReport> history;
};

// The training state's TrainingRun, for checkpoints.
void write_run(torch::serialize::OutputArchive& archive, const TrainingRun& run);
TrainingRun read_run(torch::serialize::InputArchive& archive);

// Called after every batch (epoch, batch, batches), every epoch, and every
// tried init (init, inits, its short run). `stop` is asked after every
// batch: true ends training there, in a state that can be saved and resumed.
struct TrainingProgress {
    std::function<void(int, int, int)> batch;
    std::function<void(const EpochReport&)> epoch;
    std::function<void(int, int, const TrainingRun&)> init;
    std::function<bool()> stop;
};

// One model's training, epoch by epoch, so that it can stop and go on:
// several inits run a few epochs each and the best continues. The model,
// data and split must outlive the session.
class TrainingSession {
public:
    TrainingSession(SequenceModelImpl& model, const std::vector<Example>& data, const Split& split,
                    const TrainConfig& config, const LabelScaling& scaling, TrainingProgress progress = {});
    ~TrainingSession();
    TrainingSession(const TrainingSession&) = delete;
    TrainingSession& operator=(const TrainingSession&) = delete;

    // Trains until epoch `last_epoch`, the planned epochs or early stopping,
    // whichever comes first; false when progress.stop ended it earlier.
    bool run_until(int last_epoch);
    bool stopped() const;            // early stopping, or every planned epoch run
    const TrainingRun& run() const;  // so far
    // Restores the best epoch's weights and returns the run.
    TrainingRun finish();

    // Everything training goes on from, also in the middle of an epoch: the
    // model's weights, the optimizer's moments, batch order and position,
    // random state, best weights so far and history. load() expects a
    // session built with the same model kind, data, split and config.
    void save(torch::serialize::OutputArchive& archive) const;
    void load(torch::serialize::InputArchive& archive);

private:
    struct State;
    std::unique_ptr<State> state_;
};

// A whole session: every planned epoch unless early stopping ends it.
TrainingRun train_model(SequenceModelImpl& model, const std::vector<Example>& data, const Split& split,
                        const TrainConfig& config, const LabelScaling& scaling,
                        const TrainingProgress& progress = {});

// Raw model outputs (standardised value or logit), averaged over both
// strands when `both_strands`; with `per_shape_convolutions`, under
// PerShapeConvolutions (layers.hpp).
std::vector<double> predict_outputs(SequenceModelImpl& model,
                                    const std::vector<const EncodedSequence*>& sequences,
                                    int batch_size, bool both_strands = true, bool per_shape_convolutions = false);

// Outputs to label units: de-standardised (regression) or probabilities.
std::vector<double> to_predictions(const std::vector<double>& outputs, Task task,
                                   const LabelScaling& scaling);

}  // namespace gsattn
