#include "gsattn/flops.hpp"

#include <algorithm>

namespace gsattn {
namespace {

double linear(double rows, double in, double out) { return 2 * rows * in * out + rows * out; }

double pooling_and_head(const ModelConfig& c, double L, double features) {
    return 2 * L * features + linear(1, 2 * features * c.position_bins, c.head_hidden) + linear(1, c.head_hidden, 1);
}

}  // namespace

double attention_core_flops(double queries, double keys, double d, double heads) {
    return 2 * queries * keys * d + 3 * queries * keys * heads + 2 * queries * keys * d;
}

double stem_layer_flops(const ModelConfig& c, std::int64_t length, int in_channels) {
    const double L = static_cast<double>(length), d = c.embedding_dim;
    return 2 * L * in_channels * d * c.conv_width + L * d /*bias*/ + 8 * L * d /*GELU, residual, norm*/;
}

// The layers as the model defines them (the study's accounting): the first
// stem convolution counts as d x d channels, though InputStem computes it
// from the one-hot bases with far fewer products.
double stem_flops(const ModelConfig& c, std::int64_t length) {
    return c.stem_layers * stem_layer_flops(c, length, c.embedding_dim);
}

double approximator_flops(const ModelConfig& c, std::int64_t length) {
    const double L = static_cast<double>(length), d = c.embedding_dim, h = c.heads;
    if (c.kind == ModelKind::sparse) {
        const double k = static_cast<double>(kept_positions(c, length));
        return c.approximator == Approximator::mlp
                   ? linear(k, d, 3 * d) + linear(k, 3 * d, c.bottleneck) + k * c.bottleneck +
                         linear(k, c.bottleneck, d)
                   : linear(k, d, 3 * d) + attention_core_flops(k, k, d, h) + linear(k, d, d);
    }
    if (c.kind != ModelKind::topk) return 0;
    // Each approximated head: an MLP from the K chosen values, gated by the selector.
    const double K = static_cast<double>(std::min<std::int64_t>(c.keys_per_query, length));
    const double head_dim = d / h;
    double approximated = 0;
    for (bool a : approximated_heads(c)) approximated += a ? 1 : 0;
    return approximated * (L * K * head_dim /*gate*/ + linear(L, K * head_dim, c.approximator_hidden) +
                           8 * L * c.approximator_hidden /*GELU*/ + linear(L, c.approximator_hidden, head_dim));
}

double flops_per_sequence(const ModelConfig& c, std::int64_t length) {
    const double L = static_cast<double>(length), d = c.embedding_dim, h = c.heads;
    switch (c.kind) {
        case ModelKind::full:
            return stem_flops(c, length) + linear(L, d, 3 * d) + attention_core_flops(L, L, d, h) + linear(L, d, d) +
                   6 * L * d + pooling_and_head(c, L, d);
        case ModelKind::sparse: {
            const double k = static_cast<double>(kept_positions(c, length));
            const double selector = linear(L, d, d / 2) + L * d / 2 + linear(L, d / 2, 1) + 4 * L;
            const double top_k = L;  // one comparison per position (partial selection)
            const double gate = k * d;
            return stem_flops(c, length) + selector + top_k + gate + approximator_flops(c, length) + 6 * k * d +
                   pooling_and_head(c, k, d);
        }
        case ModelKind::joint:
            return stem_flops(c, length) + 2 * L * d * c.detectors * c.conv_width + 2 * L * c.detectors +
                   pooling_and_head(c, L, c.detectors);
        case ModelKind::window: {
            const double g = c.global_tokens;
            const double w = static_cast<double>(window_keys(c, length) | 1);
            // The global tokens' queries read every position's keys and values;
            // what they read becomes g more keys and values for every query.
            const double globals = linear(g, d, d) + attention_core_flops(g, L, d, h) + linear(g, d, 2 * d);
            return stem_flops(c, length) + linear(L, d, 3 * d) + globals + attention_core_flops(L, w + g, d, h) +
                   linear(L, d, d) + 6 * L * d + pooling_and_head(c, L, d);
        }
        case ModelKind::topk: {
            // The KeySelector scores 3K candidates per query at rank r (plus
            // its projections and the token scorer), picks K; exact heads
            // attend to the K keys, each approximated head is an MLP from the
            // K values.
            const double K = static_cast<double>(std::min<std::int64_t>(c.keys_per_query, length));
            const double r = c.selector_rank, candidates = 3 * K + 1;
            const double selector = linear(L, d, 2 * r) + linear(L, d, 1) + L /*globals*/ +
                                    L * candidates * (2 * r + 1) + L * candidates /*top-K*/;
            double exact = 0;
            for (bool a : approximated_heads(c)) exact += a ? 0 : 1;
            const double heads = attention_core_flops(L, K, exact * d / h, exact) + L * K * exact /*selector bias*/ +
                                 approximator_flops(c, length);
            return stem_flops(c, length) + selector + linear(L, d, 3 * d) + heads + linear(L, d, d) + 6 * L * d +
                   pooling_and_head(c, L, d);
        }
        case ModelKind::pwm: {
            double scan = 0;  // each window of each motif on both strands, then the pairs' spacers
            for (const WeightMatrix& m : c.pwm.motifs) scan += 2 * (2 * L * 4 * m.log_odds.size() + L);
            const double pairs = 2 * L * (c.pwm.spacer_max - c.pwm.spacer_min + 2);
            return scan + pairs * std::max<double>(c.pwm.motifs.size() - 1.0, 0) +
                   linear(1, pwm_feature_count(c.pwm), 1);
        }
    }
    return 0;
}

}  // namespace gsattn
