#include "cli/train_options.hpp"

#include "cli/common.hpp"
#include "gsattn/model_file.hpp"

namespace gsattn::cli {

void add_setting_options(CLI::App& cmd, SettingOverrides& o) {
    const std::string model = "Model";
    const std::string train = "Training";
    o.add<double>(cmd, "--sparsity", "sparse: fraction of positions kept; window: keys per query",
                  [](TrainSettings& s) -> double& { return s.model.sparsity; })
        ->check(open_unit_interval())->group(model);
    o.add<int>(cmd, "--top-k", "sparse: keep exactly K positions instead of a fraction",
               [](TrainSettings& s) -> int& { return s.model.top_k; })
        ->check(non_negative_number())->group(model);
    cmd.add_option_function<std::string>(
           "--approximator",
           [&o](const std::string& v) { o.add_raw([a = parse_approximator(v)](TrainSettings& s) { s.model.approximator = a; }); },
           "sparse: what mixes the kept positions")
        ->check(CLI::IsMember({"mlp", "attention"}))->default_str("mlp")->group(model);
    o.add<double>(cmd, "--selector-guide",
                  "sparse: weight of the training-only loss that scores a prediction from every position "
                  "gated by its selector score (0 = the selector learns only from the kept positions)",
                  [](TrainSettings& s) -> double& { return s.model.selector_guide; })
        ->check(non_negative_number())->group(model);
    o.add<int>(cmd, "--embedding-dim", "Embedding dimension d",
               [](TrainSettings& s) -> int& { return s.model.embedding_dim; })
        ->check(positive_number())->group(model);
    o.add<int>(cmd, "--stem-layers", "Convolutions in the input stem; layer l is dilated 2^l",
               [](TrainSettings& s) -> int& { return s.model.stem_layers; })
        ->check(CLI::Range(1, 8))->group(model);
    o.add<double>(cmd, "--dropout", "Dropout on the stem's convolution features while training (0 = none)",
                  [](TrainSettings& s) -> double& { return s.model.dropout; })
        ->check(CLI::Range(0.0, 0.99))->group(model);
    o.add<int>(cmd, "--conv-width", "Width of the stem's local context convolution (odd)",
               [](TrainSettings& s) -> int& { return s.model.conv_width; })
        ->check(positive_number())->group(model);
    o.add<int>(cmd, "--heads", "Attention heads", [](TrainSettings& s) -> int& { return s.model.heads; })
        ->check(positive_number())->group(model);
    o.add<int>(cmd, "--window-size", "window: local keys per query (0 = from --sparsity)",
               [](TrainSettings& s) -> int& { return s.model.window_size; })
        ->check(non_negative_number())->group(model);
    o.add<int>(cmd, "--global-tokens", "window: learned global tokens that read every position (0: none)",
               [](TrainSettings& s) -> int& { return s.model.global_tokens; })
        ->check(non_negative_number())->group(model);

    o.add<int>(cmd, "--epochs", "Most training epochs", [](TrainSettings& s) -> int& { return s.train.epochs; })
        ->check(positive_number())->group(train);
    o.add<int>(cmd, "--batch-size", "Sequences per batch",
               [](TrainSettings& s) -> int& { return s.train.batch_size; })
        ->check(positive_number())->group(train);
    o.add<double>(cmd, "--lr", "Learning rate (AdamW)",
                  [](TrainSettings& s) -> double& { return s.train.learning_rate; })
        ->check(positive_number())->group(train);
    o.add<double>(cmd, "--embedding-lr-mult", "Learning-rate multiplier of the embeddings",
                  [](TrainSettings& s) -> double& { return s.train.embedding_lr_mult; })
        ->check(positive_number())->group(train);
    o.add<double>(cmd, "--weight-decay", "Decoupled weight decay",
                  [](TrainSettings& s) -> double& { return s.train.weight_decay; })
        ->check(non_negative_number())->group(train);
    o.add<int>(cmd, "--patience", "Epochs without validation improvement before stopping",
               [](TrainSettings& s) -> int& { return s.train.patience; })
        ->check(positive_number())->group(train);
    o.add<int>(cmd, "--starts",
               "Independent starts, each trained on --start-sequences sequences; the one with the lowest "
               "validation loss goes on to the end (0 = 3 for sparse, 1 for the other models)",
               [](TrainSettings& s) -> int& { return s.train.starts; })
        ->check(non_negative_number())->group(train);
    o.add<std::int64_t>(cmd, "--start-sequences",
                        "Training sequences each start sees before the starts are compared (whole epochs, "
                        "rounded up)",
                        [](TrainSettings& s) -> std::int64_t& { return s.train.start_sequences; })
        ->check(positive_number())->group(train);
    o.add<double>(cmd, "--weight-average",
                  "Validate, keep and save an exponential moving average of the weights, which after each "
                  "step keeps this share of itself (e.g. 0.995; 0 = off: the weights as trained)",
                  [](TrainSettings& s) -> double& { return s.train.weight_average; })
        ->check(CLI::Range(0.0, 0.9999))->group(train);
    o.add<double>(cmd, "--clip-norm", "Gradient norm clipping (0 = off)",
                  [](TrainSettings& s) -> double& { return s.train.clip_norm; })
        ->check(non_negative_number())->group(train);
    cmd.add_flag_callback(
           "--no-rc", [&o]() { o.add_raw([](TrainSettings& s) { s.train.reverse_complement = false; }); },
           "Train and predict on the given strand only (no reverse-complement augmentation)")
        ->group(train);
    cmd.add_option_function<std::string>(
           "--task", [&o](const std::string& v) { o.add_raw([t = parse_task(v)](TrainSettings& s) { s.train.task = t; }); },
           "regression (any real labels, standardised) or classification (0/1 labels)")
        ->check(CLI::IsMember({"regression", "classification"}))->default_str("regression")->group(train);
}

}  // namespace gsattn::cli
