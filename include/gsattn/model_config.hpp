// What defines a model: its kind and hyper-parameters (docs/design.md,
// Models). Stored in model files and metrics, so it converts to and from a
// TOML table.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gsattn/config_fields.hpp"
#include "gsattn/pwm_config.hpp"  // and the declaration of toml::table

namespace gsattn {

enum class ModelKind { full, sparse, joint, window, pwm, topk };
enum class Approximator { mlp, attention };

// The initialisers are what a model file without the key means (files
// written before the key existed); what `gsattn train` builds unless told
// otherwise is default_experiment_config() (experiment_config.hpp).
struct ModelConfig {
    ModelKind kind = ModelKind::sparse;
    int embedding_dim = 32;   // d
    int conv_width = 9;       // local context of the input stem
    int stem_layers = 1;      // stem convolutions; layer l is dilated 2^l
    double dropout = 0;       // stem: dropout on each convolution's features while training
    int heads = 4;
    int head_hidden = 16;     // regression head d -> 16 -> 1
    double sparsity = 0.1;    // sparse: fraction of positions kept; window: keys per query
    int top_k = 0;            // sparse: a fixed k instead of the fraction (0 = use sparsity)
    Approximator approximator = Approximator::mlp;
    int bottleneck = 8;       // MLP approximator: concat(Q,K,V) -> 8 -> d
    double selector_guide = 1.0;  // sparse: weight of the training-only loss that reaches every position's selector score
    int keep_anneal_epochs = 0;  // sparse: epochs over which the kept fraction falls from 5x sparsity while training (0 = off)
    int selector_layers = 0;  // sparse: stem layers the selector reads (0 = all); fewer keep its view local
    int value_layers = 0;     // sparse: stem layers whose features the kept positions carry (0 = all)
    int global_tokens = 2;    // window model
    int window_size = 0;      // window model: local keys per query (0 = from sparsity)
    int detectors = 64;       // joint model: convolutional motif detectors
    int position_bins = 1;    // pooling per stretch of the sequence (1 = over the whole: position-blind)
    int keys_per_query = 16;  // topk: keys each query attends to
    int selector_rank = 8;    // topk: rank of the KeySelector's query-key scores
    int approximator_hidden = 32;  // topk: hidden units of each HeadApproximator
    std::string approximate_heads = "0";  // topk: heads a HeadApproximator computes ("0,2", "all" or "none")
    PwmConfig pwm;          // pwm model: its matrices and spacer (in TOML only for that kind)
};

std::string to_string(ModelKind kind);
ModelKind parse_model_kind(const std::string& text);  // throws Error
// Every kind's name, in the order --help lists them.
const std::vector<std::string>& model_kind_names();
std::string to_string(Approximator a);
Approximator parse_approximator(const std::string& text);

// The number of positions the sparse model keeps of a sequence of `length`;
// while training epoch `epoch` (1-based; 0 = not training), more in the
// first keep_anneal_epochs epochs (see model_fields()).
std::int64_t kept_positions(const ModelConfig& config, std::int64_t length, int epoch = 0);
// Bases either side of a position that the stem's features depend on.
std::int64_t stem_reach(const ModelConfig& config);
// Per head of a topk model: whether a HeadApproximator computes it (from
// approximate_heads). Throws Error on a malformed list or a head >= heads.
std::vector<bool> approximated_heads(const ModelConfig& config);
// Local keys per query of the window model for a sequence of `length`.
std::int64_t window_keys(const ModelConfig& config, std::int64_t length);

// The numeric settings and their bounds (config_fields.hpp).
const NumberFields<ModelConfig>& model_fields();

toml::table to_toml(const ModelConfig& config);
// The keys of `table` over `base`: a key it lacks keeps base's value.
// Throws TomlValueError (a wrong type, a value out of bounds, naming the key)
// or Error (settings that do not fit together).
ModelConfig model_config_from_toml(const toml::table& table, const ModelConfig& base = {});
void validate(const ModelConfig& config);  // throws Error
// An Error when the model cannot make sense of training sequences of at most
// `longest` bases: a top-k, window or number of global tokens that covers
// every base, or a stem that reaches past both ends.
void check_fits_sequences(const ModelConfig& config, std::int64_t longest);

}  // namespace gsattn
