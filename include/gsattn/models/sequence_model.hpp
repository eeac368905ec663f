// The interface every model offers, and the factory that builds one from a
// ModelConfig. tokens: [B, L] int64 Base codes; mask: [B, L] bool, true on
// real bases (false on padding).
#pragma once

#include <memory>

#include <torch/torch.h>

#include "gsattn/model_config.hpp"

namespace gsattn {

class SequenceModelImpl : public torch::nn::Module {
public:
    explicit SequenceModelImpl(ModelConfig config) : config_(std::move(config)) {}

    // -> [B]: the standardised prediction (regression) or logit (classification).
    virtual torch::Tensor forward(const torch::Tensor& tokens, const torch::Tensor& mask) = 0;

    // What a training step's loss is computed on, each output with its
    // weight: the prediction (weight 1), and for models that have one, an
    // auxiliary output that guides a part the prediction alone trains poorly.
    // An output may instead be a loss of its own (is_loss: a scalar added
    // with its weight as it is), e.g. a distillation loss.
    struct WeightedOutput {
        torch::Tensor output;  // [B], like forward(); a scalar when is_loss
        double weight;
        bool is_loss = false;
    };
    virtual std::vector<WeightedOutput> training_outputs(const torch::Tensor& tokens, const torch::Tensor& mask) {
        return {{forward(tokens, mask), 1.0}};
    }

    // In-silico mutagenesis: the outputs ([M], like forward()) of M copies of
    // one sequence, `tokens` [1, L] without padding, copy m with token
    // alts[m] at position positions[m]. This computes each mutant in full;
    // a model whose stem features are all the rest reads (sparse) reuses the
    // sequence's and recomputes only the window a substitution reaches.
    virtual torch::Tensor mutant_outputs(const torch::Tensor& tokens, const std::vector<std::int64_t>& positions,
                                         const std::vector<std::int64_t>& alts);

    // A scan: the outputs ([count], like forward()) of the windows of
    // `width` bases starting at 0, step, ..., (count - 1) x step of tokens
    // ([1, L], no padding), each as if it were a sequence of its own. By
    // default each window is cut out and run; a model whose stem can be
    // shared between overlapping windows (sparse) computes it once.
    virtual torch::Tensor window_outputs(const torch::Tensor& tokens, std::int64_t width, std::int64_t step,
                                         std::int64_t count);

    // The training epoch the next training_outputs() calls belong to
    // (1-based), for models whose training follows a schedule.
    virtual void set_training_epoch(int /*epoch*/) {}

    // Parameters of parts only training_outputs() uses; not part of the
    // model's size.
    virtual std::int64_t training_only_parameters() { return 0; }

    // Per-position importance the model selects by (a logit: higher is kept
    // first), [B, L] with padding at -inf; undefined without a token selector.
    virtual torch::Tensor selector_scores(const torch::Tensor& /*tokens*/, const torch::Tensor& /*mask*/) {
        return {};
    }

    // A model that is a line over fixed features (the pwm baseline) is
    // fitted in closed form rather than by gradient steps: its line (an empty
    // holder for every other model) and the features the line reads, [B, F].
    virtual torch::nn::Linear closed_form_line() { return nullptr; }
    virtual torch::Tensor line_features(const torch::Tensor& /*tokens*/, const torch::Tensor& /*mask*/) {
        return {};
    }

    // The parameters trained with the higher learning rate (the embeddings).
    std::vector<torch::Tensor> embedding_parameters();

    const ModelConfig& config() const { return config_; }

private:
    ModelConfig config_;
};

using SequenceModel = std::shared_ptr<SequenceModelImpl>;

SequenceModel make_model(const ModelConfig& config);

// Module::load with the check it lacks: it replaces each tensor by the stored
// one whatever its shape. An Error when a tensor is missing or of another
// shape than the model's.
void load_weights(SequenceModelImpl& model, torch::serialize::InputArchive& archive);

}  // namespace gsattn
