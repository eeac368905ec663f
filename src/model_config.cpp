#include "gsattn/model_config.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "gsattn/error.hpp"
#include "gsattn/toml_value.hpp"

namespace gsattn {

std::string to_string(ModelKind kind) {
    switch (kind) {
        case ModelKind::full: return "full";
        case ModelKind::sparse: return "sparse";
        case ModelKind::joint: return "joint";
        case ModelKind::window: return "window";
    }
    return "?";
}

ModelKind parse_model_kind(const std::string& text) {
    for (ModelKind k : {ModelKind::full, ModelKind::sparse, ModelKind::joint, ModelKind::window})
        if (to_string(k) == text) return k;
    throw Error(fmt::format("unknown model kind '{}' (expected full, sparse, joint or window)", text));
}

std::string to_string(Approximator a) { return a == Approximator::mlp ? "mlp" : "attention"; }

Approximator parse_approximator(const std::string& text) {
    if (text == "mlp") return Approximator::mlp;
    if (text == "attention") return Approximator::attention;
    throw Error(fmt::format("unknown approximator '{}' (expected mlp or attention)", text));
}

std::int64_t kept_positions(const ModelConfig& c, std::int64_t length) {
    const std::int64_t k = c.top_k > 0 ? c.top_k
                                       : static_cast<std::int64_t>(std::ceil(c.sparsity * length - 1e-9));
    return std::clamp<std::int64_t>(k, 1, std::max<std::int64_t>(length, 1));
}

std::int64_t stem_reach(const ModelConfig& c) {
    return static_cast<std::int64_t>(c.conv_width / 2) * ((std::int64_t{1} << c.stem_layers) - 1);
}

std::int64_t window_keys(const ModelConfig& c, std::int64_t length) {
    if (c.window_size > 0) return c.window_size;
    const auto keys = static_cast<std::int64_t>(std::ceil(c.sparsity * length - 1e-9)) - c.global_tokens;
    return std::max<std::int64_t>(keys, 3);
}

void validate(const ModelConfig& c) {
    if (c.embedding_dim < 4 || c.embedding_dim % c.heads != 0)
        throw Error(fmt::format("embedding dimension {} must be >= 4 and divisible by the {} heads",
                                c.embedding_dim, c.heads));
    if (c.stem_layers < 1 || c.stem_layers > 8)
        throw Error(fmt::format("stem layers {} must lie in 1..8", c.stem_layers));
    if (c.conv_width < 1 || c.conv_width % 2 == 0)
        throw Error(fmt::format("convolution width {} must be odd and >= 1", c.conv_width));
    if (!(c.sparsity > 0 && c.sparsity <= 1))
        throw Error(fmt::format("sparsity {} must lie in (0, 1]", c.sparsity));
    if (!(c.dropout >= 0 && c.dropout < 1))
        throw Error(fmt::format("dropout {} must lie in [0, 1)", c.dropout));
    if (!(c.selector_guide >= 0 && std::isfinite(c.selector_guide)))
        throw Error(fmt::format("selector guide weight {} must be >= 0", c.selector_guide));
    if (c.top_k < 0) throw Error(fmt::format("top-k {} must be >= 0", c.top_k));
    if (c.bottleneck < 1 || c.head_hidden < 1 || c.detectors < 1 || c.global_tokens < 0 ||
        c.window_size < 0)
        throw Error("model sizes must be positive");
}

toml::table to_toml(const ModelConfig& c) {
    return toml::table{
        {"kind", to_string(c.kind)},
        {"embedding_dim", c.embedding_dim},
        {"conv_width", c.conv_width},
        {"stem_layers", c.stem_layers},
        {"dropout", c.dropout},
        {"heads", c.heads},
        {"head_hidden", c.head_hidden},
        {"sparsity", c.sparsity},
        {"top_k", c.top_k},
        {"approximator", to_string(c.approximator)},
        {"bottleneck", c.bottleneck},
        {"selector_guide", c.selector_guide},
        {"global_tokens", c.global_tokens},
        {"window_size", c.window_size},
        {"detectors", c.detectors},
    };
}

ModelConfig model_config_from_toml(const toml::table& t) {
    ModelConfig c;
    std::string kind = to_string(c.kind), approximator = to_string(c.approximator);
    read_value(t, "kind", kind);
    read_value(t, "approximator", approximator);
    c.kind = parse_model_kind(kind);
    c.approximator = parse_approximator(approximator);
    read_value(t, "embedding_dim", c.embedding_dim);
    read_value(t, "conv_width", c.conv_width);
    read_value(t, "stem_layers", c.stem_layers);
    read_value(t, "dropout", c.dropout);
    read_value(t, "heads", c.heads);
    read_value(t, "head_hidden", c.head_hidden);
    read_value(t, "sparsity", c.sparsity);
    read_value(t, "top_k", c.top_k);
    read_value(t, "bottleneck", c.bottleneck);
    read_value(t, "selector_guide", c.selector_guide);
    read_value(t, "global_tokens", c.global_tokens);
    read_value(t, "window_size", c.window_size);
    read_value(t, "detectors", c.detectors);
    validate(c);
    return c;
}

}  // namespace gsattn
