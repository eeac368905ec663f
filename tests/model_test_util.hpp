// Shared by the LibTorch unit tests: a model configuration small enough for
// tests to build and train in milliseconds.
#pragma once

#include "gsattn/model_config.hpp"

namespace gsattn::test {

inline ModelConfig small_model_config(ModelKind kind, double sparsity = 0.2) {
    ModelConfig c;
    c.kind = kind;
    c.embedding_dim = 8;
    c.heads = 2;
    c.conv_width = 5;
    c.head_hidden = 8;
    c.detectors = 8;
    c.bottleneck = 4;
    c.sparsity = sparsity;
    c.keys_per_query = 4;
    c.selector_rank = 4;
    c.approximator_hidden = 8;
    return c;
}

}  // namespace gsattn::test
