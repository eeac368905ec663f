// full: multi-head self-attention over every position. The attention
// kernel takes 8 queries at a time, so memory grows with L, not L x L.
#pragma once

#include "gsattn/models/banded_attention.hpp"
#include "gsattn/models/layers.hpp"
#include "gsattn/models/sequence_model.hpp"

namespace gsattn {

// What a full model computed on a batch, for a student to learn from.
struct AttentionTrace {
    torch::Tensor weights;  // [B, H, L, L] each head's attention of query over key (0 at padded keys)
    torch::Tensor heads;    // [B, L, H, d/H] each head's output before the output projection
    torch::Tensor output;   // [B] as forward()
};

class FullModelImpl : public SequenceModelImpl {
public:
    explicit FullModelImpl(const ModelConfig& config);
    torch::Tensor forward(const torch::Tensor& tokens, const torch::Tensor& mask) override;
    // forward() with its attention written out as [B, H, L, L] weights
    // (memory L x L: for sequences of training length).
    AttentionTrace trace(const torch::Tensor& tokens, const torch::Tensor& mask);

    InputStem stem_{nullptr};
    BandedSelfAttention attention_{nullptr};
    torch::nn::LayerNorm norm_{nullptr};
    RegressionHead head_{nullptr};
};

}  // namespace gsattn
