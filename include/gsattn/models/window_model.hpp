// The predefined-pattern sparse baseline (Longformer/BigBird style): each
// position attends to a local window and to a few learned global tokens,
// which in turn attend to every position. Keys per query: window + globals,
// by default ceil(sparsity x L) in all, the budget of the sparse model.
#pragma once

#include "gsattn/models/banded_attention.hpp"
#include "gsattn/models/layers.hpp"
#include "gsattn/models/sequence_model.hpp"

namespace gsattn {

class WindowModelImpl : public SequenceModelImpl {
public:
    explicit WindowModelImpl(const ModelConfig& config);
    torch::Tensor forward(const torch::Tensor& tokens, const torch::Tensor& mask) override;

private:
    InputStem stem_{nullptr};
    torch::Tensor globals_;                   // [G, d] learned global tokens
    BandedSelfAttention attention_{nullptr};  // local window + what the global tokens read
    torch::nn::LayerNorm norm_{nullptr};
    RegressionHead head_{nullptr};
};

}  // namespace gsattn
