// Phase 1: multi-head self-attention over every position. Queries are
// processed in chunks, so memory grows with chunk x L rather than L x L.
#pragma once

#include "gsattn/models/layers.hpp"
#include "gsattn/models/sequence_model.hpp"

namespace gsattn {

class FullModelImpl : public SequenceModelImpl {
public:
    explicit FullModelImpl(const ModelConfig& config);
    torch::Tensor forward(const torch::Tensor& tokens, const torch::Tensor& mask) override;

private:
    InputStem stem_{nullptr};
    torch::nn::MultiheadAttention attention_{nullptr};
    torch::nn::LayerNorm norm_{nullptr};
    RegressionHead head_{nullptr};
};

}  // namespace gsattn
