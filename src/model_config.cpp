#include "gsattn/model_config.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "gsattn/error.hpp"
#include "gsattn/text.hpp"
#include "gsattn/toml_value.hpp"

namespace gsattn {

std::string to_string(ModelKind kind) {
    switch (kind) {
        case ModelKind::full: return "full";
        case ModelKind::sparse: return "sparse";
        case ModelKind::joint: return "joint";
        case ModelKind::window: return "window";
        case ModelKind::pwm: return "pwm";
        case ModelKind::topk: return "topk";
    }
    return "?";
}

ModelKind parse_model_kind(const std::string& text) {
    for (ModelKind k :
         {ModelKind::full, ModelKind::sparse, ModelKind::joint, ModelKind::window, ModelKind::topk, ModelKind::pwm})
        if (to_string(k) == text) return k;
    throw Error(fmt::format("unknown model kind '{}' (expected full, sparse, joint, window, topk or pwm)", text));
}

const std::vector<std::string>& model_kind_names() {
    static const std::vector<std::string> names{"full", "sparse", "joint", "window", "topk", "pwm"};
    return names;
}

std::string to_string(Approximator a) { return a == Approximator::mlp ? "mlp" : "attention"; }

Approximator parse_approximator(const std::string& text) {
    if (text == "mlp") return Approximator::mlp;
    if (text == "attention") return Approximator::attention;
    throw Error(fmt::format("unknown approximator '{}' (expected mlp or attention)", text));
}

std::int64_t kept_positions(const ModelConfig& c, std::int64_t length, int epoch) {
    std::int64_t k = c.top_k > 0 ? c.top_k : static_cast<std::int64_t>(std::ceil(c.sparsity * length - 1e-9));
    if (epoch > 0 && epoch <= c.keep_anneal_epochs) {
        // From 5x the kept fraction in epoch 1, linearly, to 1x after the last annealed epoch.
        const double scale = 5.0 - 4.0 * (epoch - 1) / static_cast<double>(c.keep_anneal_epochs);
        k = static_cast<std::int64_t>(std::ceil(scale * static_cast<double>(k) - 1e-9));
    }
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

std::vector<bool> approximated_heads(const ModelConfig& c) {
    const std::string& text = c.approximate_heads;
    if (text == "all" || text == "none") return std::vector<bool>(static_cast<std::size_t>(c.heads), text == "all");
    std::vector<bool> out(static_cast<std::size_t>(c.heads), false);
    for (std::string_view item : split_on(text, ',')) {
        const auto parsed = parse_integer<int>(item);
        if (!parsed || *parsed < 0)
            throw Error(fmt::format("approximate_heads '{}': expected head numbers from 0 separated by commas, "
                                    "'all' or 'none'",
                                    text));
        const int head = *parsed;
        if (head >= c.heads)
            throw Error(fmt::format("approximate_heads '{}': head {} is not one of the {} heads (0 to {})", text,
                                    head, c.heads, c.heads - 1));
        out[static_cast<std::size_t>(head)] = true;
    }
    return out;
}

namespace {

// Sizes of layers: a model of DNA needs far less, and the cost grows with
// the square of most of them.
constexpr Bounds kLayerSize{1, 1024, false, false, "larger layers are beyond what training on a CPU can afford"};

}  // namespace

const NumberFields<ModelConfig>& model_fields() {
    using C = ModelConfig;
    static const NumberFields<ModelConfig> fields{
        {"embedding_dim", &C::embedding_dim, {4, kLayerSize.high, false, false, kLayerSize.why},
         "Embedding dimension d"},
        {"conv_width", &C::conv_width,
         {1, 1001, false, false, "motifs span tens of bases, and the stem's cost grows with its width"},
         "Width of the stem's local context convolution (odd; its reach must stay within the longest "
         "training sequence)"},
        {"stem_layers", &C::stem_layers, {1, 8}, "Convolutions in the input stem; layer l is dilated 2^l"},
        {"dropout", &C::dropout, {0, 0.99}, "Dropout on the stem's convolution features while training (0 = none)"},
        {"heads", &C::heads, {1, kLayerSize.high, false, false, "they divide the embedding dimension"},
         "Attention heads (a divisor of --embedding-dim)"},
        {"head_hidden", &C::head_hidden, kLayerSize, "Hidden units of the prediction head (pooled features -> N -> 1)"},
        {"sparsity", &C::sparsity, {0, 1, true}, "sparse: fraction of positions kept; window: keys per query"},
        {"top_k", &C::top_k, {0}, "sparse: keep exactly K positions instead of a fraction"},
        {"bottleneck", &C::bottleneck, kLayerSize, "sparse: width of the MLP approximator's bottleneck"},
        {"selector_guide", &C::selector_guide,
         {0, 1000, false, false, "a weight of the loss; more would drown the prediction's own loss"},
         "sparse: weight of the training-only loss that scores a prediction from every position gated by its "
         "selector score (0 = the selector learns only from the kept positions)"},
        {"keep_anneal_epochs", &C::keep_anneal_epochs, {0, 1000},
         "sparse: while training, keep 5x the positions in epoch 1, falling linearly to 1x after this many "
         "epochs, so that every motif is kept (and its score learned) before the selector must choose "
         "(0 = off)"},
        {"selector_layers", &C::selector_layers, {0, 8, false, false, "the stem has at most 8 layers"},
         "sparse: stem layers the selector scores from (0 = all): fewer keep its view local, so each box is kept "
         "for what it is, while the kept features still see the whole stem's reach"},
        {"value_layers", &C::value_layers, {0, 8, false, false, "the stem has at most 8 layers"},
         "sparse: stem layers whose features the kept positions carry (0 = all): fewer keep them local, so the "
         "prediction needs the boxes themselves kept, while the selector sees the whole stem's reach"},
        {"global_tokens", &C::global_tokens, {0, 1024, false, false, "each one reads every position"},
         "window: learned global tokens that read every position (0: none)"},
        {"window_size", &C::window_size, {0}, "window: local keys per query (0 = from --sparsity)"},
        {"detectors", &C::detectors, kLayerSize, "joint: convolutional motif detectors"},
        {"position_bins", &C::position_bins, {1, 64, false, false, "each bin needs bases of its own to pool"},
         "Pool the features of each of N equal stretches of a sequence separately, so that the prediction "
         "knows where a feature sits (e.g. a TATA box 30 bp before a TSS at a fixed place); 1 = over the whole "
         "sequence, where only what is there counts. N > 1 is for sequences aligned as the training ones are "
         "(train with --no-rc and --augment-length 0 --augment-crop 0)"},
        {"keys_per_query", &C::keys_per_query, {1, 1024, false, false, "each query scores 3 x K candidates"},
         "topk: keys each query attends to, chosen by its KeySelector among the K positions either side and the "
         "K the token scorer ranks highest in the sequence"},
        {"selector_rank", &C::selector_rank, kLayerSize, "topk: rank of the KeySelector's query-key scores"},
        {"approximator_hidden", &C::approximator_hidden, kLayerSize,
         "topk: hidden units of each HeadApproximator (K chosen values -> N -> head)"},
    };
    return fields;
}

void validate(const ModelConfig& c) {
    check_fields(c, model_fields());
    if (c.conv_width % 2 == 0)
        throw Error(fmt::format("conv_width {} must be odd (the convolution is centred on each base)", c.conv_width));
    if (c.embedding_dim % c.heads != 0)
        throw Error(fmt::format("embedding_dim {} must be divisible by the {} heads", c.embedding_dim, c.heads));
    for (const auto& [name, layers] : {std::pair{"selector_layers", c.selector_layers},
                                       std::pair{"value_layers", c.value_layers}})
        if (layers > c.stem_layers)
            throw Error(fmt::format("{} {} is more than the {} stem layers", name, layers, c.stem_layers));
    if (c.selector_layers > 0 && c.value_layers > 0 && std::max(c.selector_layers, c.value_layers) < c.stem_layers)
        throw Error(fmt::format("selector_layers {} and value_layers {} leave the last of the {} stem layers unread "
                                "(stem_layers {} is enough)",
                                c.selector_layers, c.value_layers, c.stem_layers,
                                std::max(c.selector_layers, c.value_layers)));
    if (c.kind == ModelKind::pwm) validate(c.pwm);
    if (c.kind == ModelKind::topk) approximated_heads(c);
}

void check_fits_sequences(const ModelConfig& c, std::int64_t longest) {
    if (c.top_k >= longest)
        throw Error(fmt::format("--top-k {} keeps every base of the longest training sequence ({} bp); "
                                "a sparse model must keep fewer",
                                c.top_k, longest));
    if (stem_reach(c) >= longest)
        throw Error(fmt::format("the stem (--conv-width {}, --stem-layers {}) reaches {} bases either side of a "
                                "base, not less than the longest training sequence ({} bp): its farthest weights "
                                "would only ever read padding",
                                c.conv_width, c.stem_layers, stem_reach(c), longest));
    if (c.window_size >= 2 * longest - 1)
        throw Error(fmt::format("--window-size {} reaches every base of the longest training sequence ({} bp) from "
                                "every base: that is full attention (--model full)",
                                c.window_size, longest));
    if (c.position_bins > longest)
        throw Error(fmt::format("--position-bins {} is more than the bases of the longest training sequence ({} bp): "
                                "a bin would hold no base",
                                c.position_bins, longest));
    if (c.kind == ModelKind::topk && c.keys_per_query >= longest)
        throw Error(fmt::format("--keys-per-query {} is not fewer than the bases of the longest training sequence "
                                "({} bp): every query would attend to every key, which is full attention "
                                "(--model full)",
                                c.keys_per_query, longest));
    if (c.global_tokens >= longest)
        throw Error(fmt::format("--global-tokens {} is not fewer than the bases of the longest training "
                                "sequence ({} bp): a global token summarises many positions",
                                c.global_tokens, longest));
}

toml::table to_toml(const ModelConfig& c) {
    toml::table t{{"kind", to_string(c.kind)}, {"approximator", to_string(c.approximator)}};
    write_fields(t, model_fields(), c);
    if (c.kind == ModelKind::pwm) t.insert("pwm", to_toml(c.pwm));
    if (c.kind == ModelKind::topk) t.insert("approximate_heads", c.approximate_heads);
    return t;
}

ModelConfig model_config_from_toml(const toml::table& t, const ModelConfig& base) {
    ModelConfig c = base;
    read_parsed(t, "kind", parse_model_kind, c.kind);
    read_parsed(t, "approximator", parse_approximator, c.approximator);
    read_value(t, "approximate_heads", c.approximate_heads);
    read_fields(t, model_fields(), c);
    if (const toml::node* pwm = t.get("pwm")) {
        const toml::table* table = pwm->as_table();
        if (!table) throw TomlValueError(pwm->source().begin.line, "'pwm' must be a table");
        c.pwm = pwm_config_from_toml(*table);
    }
    validate(c);
    return c;
}

}  // namespace gsattn
