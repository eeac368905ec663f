// joint: the CNN pipeline — embeddings trained at the higher
// learning rate, convolutional motif detectors, global max (and mean)
// pooling; no attention.
#pragma once

#include "gsattn/models/layers.hpp"
#include "gsattn/models/sequence_model.hpp"

namespace gsattn {

class JointModelImpl : public SequenceModelImpl {
public:
    explicit JointModelImpl(const ModelConfig& config);
    torch::Tensor forward(const torch::Tensor& tokens, const torch::Tensor& mask) override;

private:
    InputStem stem_{nullptr};
    torch::nn::Conv1d detectors_{nullptr};
    RegressionHead head_{nullptr};
};

}  // namespace gsattn
