// Building blocks every model shares: the input stem (embedding + local
// context, so that order within a motif is visible), masked pooling, and
// the regression head.
#pragma once

#include <torch/torch.h>

#include "gsattn/model_config.hpp"

namespace gsattn {

// A convolution along the positions of x, [B, L, in] -> [B, L, out]
// (contiguous), zero-padded to keep L: weight [out, in, width] (odd width),
// bias [out]. While gradients are recorded it runs on the channels-last
// layout, [B, L, in] seen as an image of height 1, which oneDNN convolves
// forward and backward without the transposed copies a [B, in, L] conv1d
// needs, and which leaves the output contiguous for what follows (on a
// transposed view, GELU and ReLU and their gradients take a strided path
// several times slower). Without gradients it is one matrix product per tap
// on [B, L, in] as it lies: oneDNN builds its kernels for every new input
// shape (8-60 ms for 2 x 10 kbp, channels-last the slowest), and prediction
// meets new lengths all the time. The two differ by rounding
// (docs/performance.md, Profiling).
torch::Tensor convolve_positions(const torch::Tensor& x, const torch::Tensor& weight, const torch::Tensor& bias,
                                 std::int64_t dilation);

// While one is alive, convolve_positions on its thread takes oneDNN's
// channels-last form with or without gradients: about 1.6 times as fast as
// the products per tap once its kernel is built for a shape, so worth it
// for loops over few shapes whose outputs are not reported sequence by
// sequence (training's validation pass), whose values may then differ from
// the per-tap form's in the last bits.
class PerShapeConvolutions {
public:
    explicit PerShapeConvolutions(bool enabled);
    ~PerShapeConvolutions();
    PerShapeConvolutions(const PerShapeConvolutions&) = delete;
    PerShapeConvolutions& operator=(const PerShapeConvolutions&) = delete;

private:
    bool before_;
};

// Embedding, then `layers` residual convolutions of width conv_width, layer
// l dilated 2^l, so that features see stem_reach() bases either side.
// tokens: [B, L] int64 codes of Base; mask: [B, L] bool, true on real bases.
struct InputStemImpl : torch::nn::Module {
    explicit InputStemImpl(const ModelConfig& config);
    // -> [B, L, d] after every layer; padded positions are zero.
    torch::Tensor forward(const torch::Tensor& tokens, const torch::Tensor& mask);
    // The features after each layer, first to last: element n - 1 has seen
    // the first n layers.
    std::vector<torch::Tensor> layer_outputs(const torch::Tensor& tokens, const torch::Tensor& mask);
    // Layer 0's convolution of the embeddings, [B, L, d]; keep: [B, L, 1].
    // With gradients it convolves the masked one-hot bases, [B, L, V]: pass
    // them if they are at hand (undefined: made here).
    torch::Tensor first_context(const torch::Tensor& tokens, const torch::Tensor& keep,
                                const torch::Tensor& bases = {});

    // Windows of `width` bases starting at 0, step, ..., (count - 1) x step
    // of tokens ([1, L], no padding), whose layer_outputs() over the whole
    // are `whole`. A window's features equal the whole's except within the
    // reach of its ends, where the window has its own zero padding: after
    // layer l (0-based), its first and last (conv_width / 2) x (2^(l+1) - 1)
    // positions. Those are computed here layer by layer, each from the
    // window's own features of the layer before at its ends and the whole's
    // further in: [count, that many, d] per layer, first to last. Needs
    // 2 x stem_reach <= width, so that a window's two ends never meet.
    struct WindowEdges {
        std::vector<torch::Tensor> left, right;
    };
    WindowEdges window_edges(const torch::Tensor& tokens, const std::vector<torch::Tensor>& whole,
                             std::int64_t width, std::int64_t step, std::int64_t count);

    // Layer `layer`'s normalisation of x + features, [B, L, d].
    torch::Tensor residual_norm(std::size_t layer, const torch::Tensor& x, torch::Tensor features);

    torch::nn::Embedding embedding{nullptr};
    torch::nn::ModuleList contexts{nullptr};  // Conv1d per layer
    torch::nn::ModuleList norms{nullptr};     // LayerNorm per layer
    double dropout = 0;
};
TORCH_MODULE(InputStem);

// Mean and max over the positions where mask is true, concatenated.
// x: [B, N, d], mask: [B, N] -> [B, 2d]
torch::Tensor masked_mean_max(const torch::Tensor& x, const torch::Tensor& mask);

// masked_mean_max per bin: each sequence's `lengths` bases cut into `bins`
// equal stretches, entry n of row b falling into bin
// floor(positions[b][n] x bins / lengths[b]). A bin with no entry pools to 0.
// x: [B, N, d]; mask, positions: [B, N] (int64 positions); lengths: [B]
// -> [B, 2d x bins], bin by bin (mean, max). bins = 1 is masked_mean_max.
torch::Tensor binned_mean_max(const torch::Tensor& x, const torch::Tensor& mask, const torch::Tensor& positions,
                              const torch::Tensor& lengths, int bins);
// The rows of `count` windows of `length` along x's first dimension, every
// `step` from `offset` on, as a view: x [L, ...] -> [count, ..., length].
torch::Tensor strided_windows(const torch::Tensor& x, std::int64_t offset, std::int64_t length, std::int64_t step,
                              std::int64_t count);

// binned_mean_max over a whole sequence (x's entries are positions 0..N-1).
torch::Tensor positional_mean_max(const torch::Tensor& x, const torch::Tensor& mask, int bins);

// [B, in] -> [B]: in -> hidden -> 1 with a GELU between.
struct RegressionHeadImpl : torch::nn::Module {
    RegressionHeadImpl(int in_features, int hidden);
    torch::Tensor forward(const torch::Tensor& x);

    torch::nn::Linear hidden{nullptr}, out{nullptr};
};
TORCH_MODULE(RegressionHead);

}  // namespace gsattn
