#include "gsattn/flops.hpp"

#include <algorithm>

namespace gsattn {
namespace {

double linear(double rows, double in, double out) { return 2 * rows * in * out + rows * out; }

// Attention of `queries` over `keys` each: scores, softmax (~3 per entry), weighted values.
double attention_core(double queries, double keys, double d, double heads) {
    return 2 * queries * keys * d + 3 * queries * keys * heads + 2 * queries * keys * d;
}

// The layers as the model defines them (the study's accounting): the first
// stem convolution counts as d x d channels, though InputStem computes it
// from the one-hot bases with far fewer products.
double stem(const ModelConfig& c, double L) {
    const double d = c.embedding_dim;
    return c.stem_layers * (2 * L * d * d * c.conv_width + L * d /*bias*/ + 8 * L * d /*GELU, residual, norm*/);
}

double pooling_and_head(const ModelConfig& c, double L, double features) {
    return 2 * L * features + linear(1, 2 * features * c.position_bins, c.head_hidden) + linear(1, c.head_hidden, 1);
}

}  // namespace

double flops_per_sequence(const ModelConfig& c, std::int64_t length) {
    const double L = static_cast<double>(length), d = c.embedding_dim, h = c.heads;
    switch (c.kind) {
        case ModelKind::full:
            return stem(c, L) + linear(L, d, 3 * d) + attention_core(L, L, d, h) + linear(L, d, d) +
                   6 * L * d + pooling_and_head(c, L, d);
        case ModelKind::sparse: {
            const double k = static_cast<double>(kept_positions(c, length));
            const double selector = linear(L, d, d / 2) + L * d / 2 + linear(L, d / 2, 1) + 4 * L;
            const double top_k = L;  // one comparison per position (partial selection)
            const double gate = k * d;
            const double mixing = c.approximator == Approximator::mlp
                                      ? linear(k, d, 3 * d) + linear(k, 3 * d, c.bottleneck) +
                                            k * c.bottleneck + linear(k, c.bottleneck, d)
                                      : linear(k, d, 3 * d) + attention_core(k, k, d, h) + linear(k, d, d);
            return stem(c, L) + selector + top_k + gate + mixing + 6 * k * d + pooling_and_head(c, k, d);
        }
        case ModelKind::joint:
            return stem(c, L) + 2 * L * d * c.detectors * c.conv_width + 2 * L * c.detectors +
                   pooling_and_head(c, L, c.detectors);
        case ModelKind::window: {
            const double g = c.global_tokens;
            const double w = static_cast<double>(window_keys(c, length) | 1);
            // The global tokens' queries read every position's keys and values;
            // what they read becomes g more keys and values for every query.
            const double globals = linear(g, d, d) + attention_core(g, L, d, h) + linear(g, d, 2 * d);
            return stem(c, L) + linear(L, d, 3 * d) + globals + attention_core(L, w + g, d, h) +
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
            double approximated = 0;
            for (bool a : approximated_heads(c)) approximated += a ? 1 : 0;
            const double exact = h - approximated, head_dim = d / h;
            const double heads = attention_core(L, K, exact * head_dim, exact) + L * K * exact /*selector bias*/ +
                                 approximated * (L * K * head_dim /*gate*/ + linear(L, K * head_dim, c.approximator_hidden) +
                                                 8 * L * c.approximator_hidden /*GELU*/ +
                                                 linear(L, c.approximator_hidden, head_dim));
            return stem(c, L) + selector + linear(L, d, 3 * d) + heads + linear(L, d, d) + 6 * L * d +
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
