// full: multi-head self-attention over every position. The attention
// kernel takes 8 queries at a time, so memory grows with L, not L x L.
#pragma once

#include "gsattn/models/banded_attention.hpp"
#include "gsattn/models/layers.hpp"
#include "gsattn/models/sequence_model.hpp"

namespace gsattn {

class FullModelImpl : public SequenceModelImpl {
public:
    explicit FullModelImpl(const ModelConfig& config);
    torch::Tensor forward(const torch::Tensor& tokens, const torch::Tensor& mask) override;

private:
    InputStem stem_{nullptr};
    BandedSelfAttention attention_{nullptr};
    torch::nn::LayerNorm norm_{nullptr};
    RegressionHead head_{nullptr};
};

}  // namespace gsattn
