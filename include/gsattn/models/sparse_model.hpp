// sparse: learned sparse attention (docs/design.md, The sparse model). A
// token selector (d -> d/2 -> 1, sigmoid) scores every position, from the
// stem's features after selector_layers of its layers (0: all); the top k
// (k = ceil(sparsity x L), or --top-k) are kept, their features (after
// value_layers of the stem's layers, 0: all) gated by their scores
// so the selector learns from the task loss, and only they go through the
// attention or MLP approximator (concat(Q,K,V) -> bottleneck -> d). Padding
// is never kept.
#pragma once

#include "gsattn/models/banded_attention.hpp"
#include "gsattn/models/layers.hpp"
#include "gsattn/models/sequence_model.hpp"

namespace gsattn {

class SparseModelImpl : public SequenceModelImpl {
public:
    explicit SparseModelImpl(const ModelConfig& config);
    torch::Tensor forward(const torch::Tensor& tokens, const torch::Tensor& mask) override;
    torch::Tensor selector_scores(const torch::Tensor& tokens, const torch::Tensor& mask) override;
    // The prediction and, with a selector guide weight > 0, the guide: a
    // prediction from every position's features gated by its selector score.
    // Top-k passes no gradient to positions it leaves out; the guide does, so
    // the selector learns where the signal is, not only among what it kept.
    std::vector<WeightedOutput> training_outputs(const torch::Tensor& tokens, const torch::Tensor& mask) override;
    std::int64_t training_only_parameters() override;
    void set_training_epoch(int epoch) override { training_epoch_ = epoch; }
    // Reuses the sequence's stem features: a substitution changes them only
    // within stem_reach() of itself, and those are computed from the bases
    // within twice that, so each mutant's stem runs on 4 x reach + 1 bases.
    torch::Tensor window_outputs(const torch::Tensor& tokens, std::int64_t width, std::int64_t step,
                                 std::int64_t count) override;
    torch::Tensor mutant_outputs(const torch::Tensor& tokens, const std::vector<std::int64_t>& positions,
                                 const std::vector<std::int64_t>& alts) override;

    struct Selection {
        torch::Tensor positions;  // [B, K] selected positions, by descending score
        torch::Tensor valid;      // [B, K] false where a short sequence keeps fewer than K (a suffix)
        torch::Tensor scores;     // [B, K] their gates: sigmoid of the selector logit, 0..1
        torch::Tensor lengths;    // [B] int64: each sequence's bases (the mask's count)
    };
    // Top-k per sequence from selector logits ([B, L], padding at -inf).
    Selection select(const torch::Tensor& scores, const torch::Tensor& mask) const;

private:
    // What the kept positions carry and what the selector scores: the
    // stem's features after its first config().value_layers and
    // config().selector_layers layers (0: all of them).
    struct Features {
        torch::Tensor values, selector_input;
    };
    Features features(const torch::Tensor& tokens, const torch::Tensor& mask);
    torch::Tensor scores_of(const torch::Tensor& x, const torch::Tensor& mask);
    torch::Tensor predict_from(const torch::Tensor& x, const torch::Tensor& scores, const torch::Tensor& mask);
    // predict_from() once the chosen positions' features ([B, K, d], not yet gated) are gathered.
    torch::Tensor predict_from_kept(const torch::Tensor& kept_features, const Selection& chosen);

    InputStem stem_{nullptr};
    torch::nn::Sequential selector_{nullptr};
    torch::nn::Linear qkv_{nullptr};
    torch::nn::Sequential approximator_{nullptr};
    BandedSelfAttention attention_{nullptr};
    torch::nn::LayerNorm norm_{nullptr};
    RegressionHead head_{nullptr};
    RegressionHead guide_head_{nullptr};
    int training_epoch_ = 0;  // while training: the epoch, for config().keep_anneal_epochs
};

}  // namespace gsattn
