// Predictions from a loaded model: for whole sequences, or for windows
// along a long sequence (bedGraph), produced one batch of windows at a
// time so that a chromosome never becomes one tensor.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "gsattn/models/model_file.hpp"
#include "gsattn/mutagenesis.hpp"

namespace gsattn {

inline constexpr std::int64_t kSelectorPieceLength = std::int64_t{1} << 16;

class Predictor {
public:
    // Progress of long work, for a progress bar: bases done of the total.
    using BasesDone = std::function<void(std::int64_t done, std::int64_t total)>;

    explicit Predictor(LoadedModel model, int batch_size = 64);

    // In label units (regression) or probabilities (classification).
    std::vector<double> predict(const std::vector<const EncodedSequence*>& sequences);
    std::vector<double> raw_outputs(const std::vector<const EncodedSequence*>& sequences);
    double to_label_units(double raw_output) const;

    struct Window {
        std::int64_t start = 0, end = 0;  // the interval the value is reported on
        double value = 0;
    };
    // Windows of `width` every `step` bases; each value is reported on the
    // step-wide interval at its window's centre, so intervals never overlap.
    // A sequence shorter than `width` is one window. Windows are computed in
    // batches of batch_size, numbered on from `batch_number` (which is
    // advanced past this sequence's batches). `wanted` is asked about every
    // window with its batch's number and the start of the interval it would
    // be reported on; a batch is computed when any of its windows is wanted,
    // and only wanted windows are emitted. A batch is computed whole however
    // few of its windows are wanted, so a window's value is the same bit for
    // bit in a filtered run (a shard, a set of regions) as in a full one.
    // `batch_done`, if given, hears the end of each computed batch's last
    // window (the bases done) and the sequence's length.
    using WindowFilter = std::function<bool(std::uint64_t batch, std::int64_t reported_start)>;
    void predict_windows(const EncodedSequence& sequence, std::int64_t width, std::int64_t step,
                         std::uint64_t& batch_number, const WindowFilter& wanted,
                         const std::function<void(const Window&)>& emit,
                         const BasesDone& batch_done = {});

    // In-silico mutagenesis: for each of `substitutions` (of `sequence`),
    // the prediction of the mutant minus that of the sequence (label units),
    // on both strands when the model predicts so. The mutants go batch_size
    // at a time through SequenceModelImpl::mutant_outputs(), which reuses the
    // sequence's features where the model allows.
    std::vector<double> mutation_effects(const EncodedSequence& sequence, const std::vector<Substitution>& substitutions);

    // The token selector's logit at every position of each sequence, on the
    // strand given. Sequences longer than kSelectorPieceLength are scored
    // piece by piece (same logits, bounded memory). An Error for models
    // without a token selector.
    // `progress`, if given, hears the bases scored after each batch.
    std::vector<std::vector<float>> selector_logits(const std::vector<const EncodedSequence*>& sequences,
                                                    const BasesDone& progress = {});

    const LoadedModel& model() const { return model_; }

private:
    // Raw outputs of `count` windows of `width` starting at first, first +
    // step, ... of `sequence`, by SequenceModelImpl::window_outputs().
    std::vector<double> scan_outputs(const EncodedSequence& sequence, std::int64_t first, std::int64_t width,
                                     std::int64_t step, std::int64_t count);

    LoadedModel model_;
    int batch_size_;
};

}  // namespace gsattn
