// topk: multi-head attention in which every query attends only to the K
// keys its KeySelector chose (key_selector.hpp). Heads not named by
// approximate_heads take an exact softmax over those K keys, the selector's
// logit added to each key's, so the selector learns from the task; each
// approximated head is a HeadApproximator, an MLP from the concatenated K
// chosen values (each scaled by the sigmoid of its selector logit) to the
// head's output. Stem, pooling and head as the other kinds.
#pragma once

#include <vector>

#include "gsattn/models/distillation.hpp"
#include "gsattn/models/full_model.hpp"
#include "gsattn/models/key_selector.hpp"
#include "gsattn/models/layers.hpp"
#include "gsattn/models/sequence_model.hpp"

namespace gsattn {

class TopKModelImpl : public SequenceModelImpl {
public:
    explicit TopKModelImpl(const ModelConfig& config);
    torch::Tensor forward(const torch::Tensor& tokens, const torch::Tensor& mask) override;
    // How often each key was chosen, as the log-odds of (queries that chose
    // it + 1/2) / (queries + 1), so that its sigmoid is about the share of
    // the sequence's queries that attend to it; -inf on padding.
    torch::Tensor selector_scores(const torch::Tensor& tokens, const torch::Tensor& mask) override;

    // The attention's output per head before the output projection,
    // [B, L, H, d/H], from the stem's features x [B, L, d] and the keys chosen.
    torch::Tensor head_outputs(const torch::Tensor& x, const KeyChoice& choice);

    // Distillation: copies the teacher's stem, attention projections, norm
    // and head into this model (an Error when their shapes differ), after
    // which training_outputs() adds distillation_losses() against it. The
    // teacher is not part of this model: not trained, not saved.
    void learn_from(std::shared_ptr<FullModelImpl> teacher);
    std::vector<WeightedOutput> training_outputs(const torch::Tensor& tokens, const torch::Tensor& mask) override;
    // Adds a batch to the measures against the teacher (no gradients).
    void compare_with_teacher(const torch::Tensor& tokens, const torch::Tensor& mask, TeacherAgreement& agreement);

    InputStem stem_{nullptr};
    KeySelector selector_{nullptr};
    torch::nn::Linear qkv_{nullptr}, project_{nullptr};
    torch::nn::ModuleList approximators_{nullptr};  // one MLP per approximated head, in head order
    torch::nn::LayerNorm norm_{nullptr};
    RegressionHead head_{nullptr};
    std::vector<bool> approximated_;  // per head

private:
    struct Pass {
        CandidateScores candidates;
        KeyChoice choice;
        torch::Tensor heads;   // [B, L, H, dh]
        torch::Tensor output;  // [B]
    };
    Pass run(const torch::Tensor& tokens, const torch::Tensor& mask);
    // head_outputs() of the queries [B, Q, d] over keys and values [B, L, d]
    // of the whole sequences, choice: [B, Q, K].
    torch::Tensor attend(const torch::Tensor& queries, const torch::Tensor& keys, const torch::Tensor& values,
                         const KeyChoice& choice);
    torch::Tensor approximated_of(const torch::Tensor& heads) const;  // [B, L, A, dh]
    std::shared_ptr<FullModelImpl> teacher_;
};

}  // namespace gsattn
