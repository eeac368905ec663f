// The position-weight-matrix baseline: a sequence's features are the best
// log-odds score of each motif on either strand and the best score of each
// consecutive pair of motifs on one strand with a spacer in range (the σ70
// −35 and −10 boxes 15–19 bases apart by default); a linear model of them
// is the prediction. Only the line is trained, in closed form (see
// TrainingSession). Every feature is a maximum over positions, so flanks
// change it only where they score higher.
#pragma once

#include "gsattn/models/sequence_model.hpp"

namespace gsattn {

class PwmModelImpl : public SequenceModelImpl {
public:
    explicit PwmModelImpl(const ModelConfig& config);
    torch::Tensor forward(const torch::Tensor& tokens, const torch::Tensor& mask) override;
    // [B, pwm_feature_count()]: the scores the line is fitted to, in bits.
    torch::Tensor line_features(const torch::Tensor& tokens, const torch::Tensor& mask) override;
    torch::nn::Linear closed_form_line() override { return line_; }

private:
    // One motif's matrices as convolution weights [1, 4, W], for each strand.
    struct Strands {
        torch::Tensor forward, reverse;
        std::int64_t width = 0;
        double lowest = 0;  // the lowest score a window can get: a sequence without a window scores this
    };
    std::vector<Strands> motifs_;
    torch::nn::Linear line_{nullptr};
};

}  // namespace gsattn
