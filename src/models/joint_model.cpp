#include "gsattn/models/joint_model.hpp"

namespace gsattn {

JointModelImpl::JointModelImpl(const ModelConfig& c) : SequenceModelImpl(c) {
    stem_ = register_module("stem", InputStem(c));
    detectors_ = register_module(
        "detectors", torch::nn::Conv1d(torch::nn::Conv1dOptions(c.embedding_dim, c.detectors, c.conv_width)
                                           .padding(c.conv_width / 2)));
    head_ = register_module("head", RegressionHead(2 * c.detectors * c.position_bins, c.head_hidden));
}

torch::Tensor JointModelImpl::forward(const torch::Tensor& tokens, const torch::Tensor& mask) {
    const auto x = stem_(tokens, mask);                                        // [B, L, d]
    const auto hits = torch::relu(convolve_positions(x, detectors_->weight, detectors_->bias, 1));  // [B, L, F]
    return head_(positional_mean_max(hits, mask, config().position_bins));
}

}  // namespace gsattn
