// The models' hot spots against this machine's roof: the fused attention
// kernels, the input stem and the approximators, each timed on its own with
// the models' own modules (built from each kind's default ModelConfig) at
// the training shape (64 sequences of 200 bp) and a prediction shape (one of
// 10 kbp), at each thread count given. FLOPs are flops.hpp's analytic
// counts (the stem's first layer as InputStem computes it, see add_stem);
// bytes are the compulsory traffic of each hot spot's inputs, outputs and
// weights in float32 (each stem layer's input and output counted, the
// tensors inside a layer not), so the FLOPs per byte are an upper bound.
// Built and run by bench/roofline.sh; not part of the program.
//
// usage: gsattn_roofline CSV REPEATS THREADS:GFLOPS:GBS...
#include <ATen/Parallel.h>
#include <fmt/format.h>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "../src/kernels/attention_band_kernel.hpp"
#include "gsattn/alphabet.hpp"
#include "gsattn/experiment_config.hpp"
#include "gsattn/flops.hpp"
#include "gsattn/models/banded_attention.hpp"
#include "gsattn/models/gathered_attention.hpp"
#include "gsattn/models/layers.hpp"
#include "gsattn/models/sparse_model.hpp"
#include "gsattn/models/threads.hpp"
#include "gsattn/models/topk_model.hpp"

using namespace gsattn;

namespace {

constexpr double kFloat = 4, kIndex = 8;  // bytes
// The attention kernels' backward passes compute the logits again from the
// saved log-sum-exp: five query x key x dim products (logits, dp, dq, dK,
// dV) against the forward's two. Other backward passes are counted as 2x
// their forward (gradients of the inputs and of the weights).
constexpr double kAttentionBackward = 2.5, kBackward = 2.0;

struct Shape {
    std::int64_t batch, length;
};
const Shape kTraining{64, 200}, kPrediction{1, 10000};

std::string shape_name(Shape s) { return fmt::format("{} × {}", s.batch, s.length); }

// Three significant digits, without an exponent.
std::string digits(double x) { return x >= 100 ? fmt::format("{:.0f}", x) : fmt::format("{:.3g}", x); }

struct Spot {
    std::string name, shape, pass;
    double flops = 0, bytes = 0;
    std::function<void()> prepare;  // untimed, before each run: the forward pass of a backward
    std::function<void()> run;
};

struct Roof {
    int threads;
    double gflops, gb_per_s;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Seconds per run: after two warm-up runs, the best of `repeats` batches of
// runs, each batch about 50 ms, so that spots of microseconds are timed over
// many calls.
double time_spot(const Spot& spot, int repeats) {
    const auto once = [&spot] {
        if (spot.prepare) spot.prepare();
        const auto start = std::chrono::steady_clock::now();
        spot.run();
        return seconds_since(start);
    };
    once();
    const int runs = std::clamp(static_cast<int>(0.05 / once()), 1, 2000);
    double best = std::numeric_limits<double>::infinity();
    for (int r = 0; r < repeats; ++r) {
        double total = 0;
        for (int i = 0; i < runs; ++i) total += once();
        best = std::min(best, total / runs);
    }
    return best;
}

double parameter_count(torch::nn::Module& module) {
    double n = 0;
    for (const auto& p : module.parameters()) n += static_cast<double>(p.numel());
    return n;
}

// The training shape gets a backward pass; its forward records gradients.
bool training(Shape s) { return s.batch == kTraining.batch && s.length == kTraining.length; }

struct Cost {
    double flops, bytes;
};

// `forward` as the models run it: at the training shape with gradients
// recorded, then its backward pass with respect to `inputs`, timed on its
// own after a forward pass made before each run (the gradients returned,
// not accumulated); at the prediction shape without gradients.
void add_passes(std::vector<Spot>& spots, const std::string& name, Shape s, std::function<torch::Tensor()> forward,
                std::vector<torch::Tensor> inputs, Cost forward_cost, Cost backward_cost) {
    const bool train = training(s);
    spots.push_back({name, shape_name(s), "forward", forward_cost.flops, forward_cost.bytes, nullptr, [=] {
                         torch::AutoGradMode mode(train);
                         forward();
                     }});
    if (!train) return;
    const auto out = std::make_shared<torch::Tensor>(), grad = std::make_shared<torch::Tensor>();
    spots.push_back({name, shape_name(s), "backward", backward_cost.flops, backward_cost.bytes,
                     [=] {
                         *out = forward();
                         if (!grad->defined()) *grad = torch::randn_like(*out);
                     },
                     [=] { torch::autograd::grad({*out}, inputs, {*grad}); }});
}

// The fused attention op (models/banded_attention.hpp) on random q, k, v of
// d = 32 (4 heads of 8), each query seeing `keys` keys: a band of `radius`
// either side of it within the sequence, and `shared` keys every query sees.
void add_attention(std::vector<Spot>& spots, const std::string& model, Shape s, std::int64_t radius,
                   std::int64_t shared, double keys) {
    const ModelConfig c = default_experiment_config(ModelKind::full).model;
    const std::int64_t B = s.batch, L = s.length, d = c.embedding_dim, heads = c.heads;
    AttentionRowShape row;
    row.queries = L;
    row.keys = L + shared;
    row.length = L;
    row.radius = radius;
    row.shared = shared;
    const std::string name = fmt::format("attention, {} ({} kernel)", model, is_narrow_band(row) ? "band" : "block");
    const auto q = torch::randn({B, L, d}).requires_grad_(training(s));
    const auto k = torch::randn({B, L + shared, d}).requires_grad_(training(s));
    const auto v = torch::randn({B, L + shared, d}).requires_grad_(training(s));
    const AttentionSpan span{torch::full({B}, L, torch::kLong), torch::full({B}, radius, torch::kLong), shared};
    const double flops = static_cast<double>(B) * attention_core_flops(L, keys, d, heads);
    const double rows = static_cast<double>(B * (2 * L + 2 * (L + shared))) * d;  // q, out; k, v
    const double log_sum_exp = static_cast<double>(B * heads * L);
    // Backward reads q, k, v, out, dO and the log-sum-exp, and writes dq, dk, dv.
    add_passes(spots, name, s, [=] { return banded_attention(q, k, v, span, heads); }, {q, k, v},
               {flops, (rows + log_sum_exp) * kFloat},
               {kAttentionBackward * flops, (2 * rows + static_cast<double>(B * L * d) + log_sum_exp) * kFloat});
}

// The topk model's exact heads through its differentiable gathered
// attention (models/gathered_attention.hpp): its KeySelector (random
// weights) chooses each query's keys from random features; the bias is the
// selector's scores, whose gradient the backward pass returns too.
void add_gathered_attention(std::vector<Spot>& spots, Shape s) {
    const ModelConfig c = default_experiment_config(ModelKind::topk).model;
    const std::int64_t B = s.batch, L = s.length, d = c.embedding_dim, K = c.keys_per_query;
    TopKModelImpl model(c);
    KeyChoice choice;
    {
        torch::NoGradGuard no_grad;
        choice = model.selector_(torch::randn({B, L, d}), torch::ones({B, L}, torch::kBool));
    }
    const auto keys = choice.keys.contiguous();
    const auto bias = choice.scores.masked_fill(~choice.valid, -1e9).contiguous().requires_grad_(training(s));
    const auto q = torch::randn({B, L, d}).requires_grad_(training(s));
    const auto k = torch::randn({B, L, d}).requires_grad_(training(s));
    const auto v = torch::randn({B, L, d}).requires_grad_(training(s));
    const std::vector<bool> approximated = approximated_heads(c);
    std::vector<bool> exact;
    for (bool a : approximated) exact.push_back(!a);
    const double exact_heads = static_cast<double>(std::count(exact.begin(), exact.end(), true));
    const double dim = static_cast<double>(d / c.heads);
    const double flops = static_cast<double>(B) * attention_core_flops(L, K, exact_heads * dim, exact_heads);
    const double rows = static_cast<double>(B * L) * d, choices = static_cast<double>(B * L * K);
    // Forward reads q, k, v, the keys and the bias and writes out; backward
    // also reads out and dO and writes dq, dk, dv and the bias's gradient.
    add_passes(spots, fmt::format("attention, topk ({:g} exact heads, K {}; gathered kernel)", exact_heads, K), s,
               [=] { return gathered_attention(q, k, v, keys, bias, exact); }, {q, k, v, bias},
               {flops, 4 * rows * kFloat + choices * (kIndex + kFloat)},
               {kAttentionBackward * flops, 8 * rows * kFloat + choices * (kIndex + 2 * kFloat)});
}

// InputStem of `kind`'s default config on random bases. FLOPs as it
// computes them: its first layer convolves the one-hot bases (kAlphabetSize
// channels, where flops_per_sequence counts d) and has no input gradient.
void add_stem(std::vector<Spot>& spots, ModelKind kind, const std::string& users, Shape s) {
    const ModelConfig c = default_experiment_config(kind).model;
    const std::int64_t B = s.batch, L = s.length, d = c.embedding_dim;
    const auto stem = std::make_shared<InputStemImpl>(c);
    const auto tokens = torch::randint(0, 4, {B, L}, torch::kLong);
    const auto mask = torch::ones({B, L}, torch::kBool);
    const std::string name = fmt::format("stem, {} layer{} of width {} ({})", c.stem_layers,
                                         c.stem_layers > 1 ? "s" : "", c.conv_width, users);
    const double first = B * stem_layer_flops(c, L, kAlphabetSize);
    const double later = B * (c.stem_layers - 1) * stem_layer_flops(c, L, c.embedding_dim);
    const double features = static_cast<double>(B * L * d) * c.stem_layers * kFloat;  // per layer boundary
    const double weights = parameter_count(*stem) * kFloat;
    // Backward, per layer: reads dO and the saved input, writes dI; reads the weights, writes their gradients.
    add_passes(spots, name, s, [=] { return stem->forward(tokens, mask); }, stem->parameters(),
               {first + later, static_cast<double>(B * L) * (kIndex + 1) + 2 * features + weights},
               {first + kBackward * later, 3 * features + 2 * weights});
}

// The sparse model's MLP approximator (its Q, K, V projection, then
// 3d -> bottleneck -> d) on the kept positions' features.
void add_sparse_approximator(std::vector<Spot>& spots, Shape s) {
    const ModelConfig c = default_experiment_config(ModelKind::sparse).model;
    const std::int64_t B = s.batch, L = s.length, d = c.embedding_dim, kept = kept_positions(c, L);
    SparseModelImpl model(c);
    const auto children = model.named_children();  // the approximator's parts are private
    const std::shared_ptr<torch::nn::Module> qkv = children["qkv"], mlp = children["approximator"];
    const auto x = torch::randn({B, kept, d}).requires_grad_(training(s));
    std::vector<torch::Tensor> inputs = qkv->parameters();
    for (const auto& p : mlp->parameters()) inputs.push_back(p);
    inputs.push_back(x);
    const double flops = static_cast<double>(B) * approximator_flops(c, L);
    const double features = static_cast<double>(B * kept * d) * kFloat;
    const double weights = (parameter_count(*qkv) + parameter_count(*mlp)) * kFloat;
    add_passes(
        spots, fmt::format("approximator, sparse MLP (kept {} %)", 100 * c.sparsity), s,
        [=] { return mlp->as<torch::nn::Sequential>()->forward(qkv->as<torch::nn::Linear>()->forward(x)); }, inputs,
        {flops, 2 * features + weights}, {kBackward * flops, 3 * features + 2 * weights});
}

// The topk model's approximated heads: each an MLP from its K chosen values
// (given here, as the model gathers them), gated by the selector's sigmoid.
void add_topk_approximator(std::vector<Spot>& spots, Shape s) {
    const ModelConfig c = default_experiment_config(ModelKind::topk).model;
    const std::int64_t B = s.batch, L = s.length, K = c.keys_per_query, head_dim = c.embedding_dim / c.heads;
    const auto model = std::make_shared<TopKModelImpl>(c);
    const auto values = torch::randn({B, L, K, head_dim}).requires_grad_(training(s));
    const auto gate = torch::rand({B, L, K, 1}).requires_grad_(training(s));
    std::vector<torch::Tensor> inputs = model->approximators_->parameters();
    inputs.push_back(values);
    inputs.push_back(gate);
    const double approximated = static_cast<double>(model->approximators_->size());
    const double flops = static_cast<double>(B) * approximator_flops(c, L);
    const double rows = static_cast<double>(B * L);
    const double weights = parameter_count(*model->approximators_) * kFloat;
    // Reads the values and gates, writes each head's output; backward reads
    // those and writes the values' and gates' gradients.
    const double in = rows * K * (approximated * head_dim + 1) * kFloat, out = rows * approximated * head_dim * kFloat;
    add_passes(
        spots, fmt::format("approximator, topk head MLP ({:g} head{})", approximated, approximated > 1 ? "s" : ""), s,
        [=] {
            std::vector<torch::Tensor> heads;
            for (const auto& approximator : *model->approximators_)
                heads.push_back(approximator->as<torch::nn::Sequential>()->forward(
                    (values * gate).reshape({B, L, K * head_dim})));
            return torch::stack(heads, 2);
        },
        inputs, {flops, in + out + weights}, {kBackward * flops, 2 * in + out + 2 * weights});
}

std::vector<Spot> hot_spots() {
    std::vector<Spot> spots;
    for (Shape s : {kTraining, kPrediction}) {
        add_attention(spots, "full", s, s.length, 0, static_cast<double>(s.length));
        const ModelConfig window = default_experiment_config(ModelKind::window).model;
        const std::int64_t keys = window_keys(window, s.length) | 1;
        add_attention(spots, fmt::format("window, {} + {} global keys", keys, window.global_tokens), s, keys / 2,
                      window.global_tokens, static_cast<double>(keys + window.global_tokens));
        add_gathered_attention(spots, s);
        add_stem(spots, ModelKind::full, "full, window, topk", s);
        add_stem(spots, ModelKind::sparse, "sparse", s);
        add_sparse_approximator(spots, s);
        add_topk_approximator(spots, s);
    }
    return spots;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: %s CSV REPEATS THREADS:GFLOPS:GBS...\n", argv[0]);
        return 2;
    }
    const int repeats = std::stoi(argv[2]);
    std::vector<Roof> roofs;
    for (int a = 3; a < argc; ++a) {
        Roof r{};
        if (std::sscanf(argv[a], "%d:%lf:%lf", &r.threads, &r.gflops, &r.gb_per_s) != 3) {
            std::fprintf(stderr, "not THREADS:GFLOPS:GBS: %s\n", argv[a]);
            return 2;
        }
        roofs.push_back(r);
    }
    torch::manual_seed(1);
    const std::vector<Spot> spots = hot_spots();
    std::vector<std::vector<double>> seconds(spots.size());
    for (const Roof& roof : roofs) {
        set_compute_threads(roof.threads);
        for (std::size_t i = 0; i < spots.size(); ++i) {
            seconds[i].push_back(time_spot(spots[i], repeats));
            std::fprintf(stderr, "\r%zu / %zu at %d thread(s)   ", i + 1, spots.size(), roof.threads);
        }
    }
    std::fprintf(stderr, "\n");

    std::FILE* csv = std::fopen(argv[1], "w");
    if (!csv) {
        std::perror(argv[1]);
        return 1;
    }
    fmt::print(csv, "hot_spot,shape,pass,threads,gflop,seconds,gflop_per_s,gflop_per_s_per_thread,percent_of_peak,"
                    "megabytes,flop_per_byte,balance_flop_per_byte,bound,percent_of_roof\n");
    fmt::print("| hot spot | B × L | pass | threads | GFLOP | ms | GFLOP/s | per thread | % of peak | MB | FLOP/byte "
               "| bound | % of roof |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (std::size_t i = 0; i < spots.size(); ++i) {
        const Spot& s = spots[i];
        for (std::size_t r = 0; r < roofs.size(); ++r) {
            const Roof& roof = roofs[r];
            const double t = seconds[i][r], rate = s.flops / t / 1e9, intensity = s.flops / s.bytes;
            const double balance = roof.gflops / roof.gb_per_s;
            // The roofline: the lower of the FMA peak and what the bandwidth feeds at this intensity.
            const double attainable = std::min(roof.gflops, intensity * roof.gb_per_s);
            const bool memory = intensity < balance;
            const char* bound = memory ? "memory" : "compute";
            fmt::print(csv, "\"{}\",\"{}\",{},{},{:.6g},{:.6g},{:.4g},{:.4g},{:.3g},{:.4g},{:.4g},{:.3g},{},{:.3g}\n",
                       s.name, s.shape, s.pass, roof.threads, s.flops / 1e9, t, rate, rate / roof.threads,
                       100 * rate / roof.gflops, s.bytes / 1e6, intensity, balance, bound, 100 * rate / attainable);
            fmt::print("| {} | {} | {} | {} | {} | {} | {:.1f} | {:.1f} | {:.1f} | {} | {} | {} ({} {:.1f}) "
                       "| {:.0f} |\n",
                       s.name, s.shape, s.pass, roof.threads, digits(s.flops / 1e9), digits(1e3 * t), rate,
                       rate / roof.threads, 100 * rate / roof.gflops, digits(s.bytes / 1e6), digits(intensity), bound,
                       memory ? "<" : "≥", balance, 100 * rate / attainable);
        }
    }
    std::fclose(csv);
}
