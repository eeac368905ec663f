#include "cli/train_options.hpp"

#include "cli/common.hpp"
#include "gsattn/model_file.hpp"

namespace gsattn::cli {

void add_setting_options(CLI::App& cmd, SettingOverrides& o) {
    const std::string model = "Model";
    const std::string train = "Training";
    o.add_model(cmd, "--sparsity", "sparsity", "sparse: fraction of positions kept; window: keys per query")
        ->group(model);
    o.add_model(cmd, "--top-k", "top_k", "sparse: keep exactly K positions instead of a fraction")->group(model);
    cmd.add_option_function<std::string>(
           "--approximator",
           [&o](const std::string& v) { o.add_raw([a = parse_approximator(v)](TrainSettings& s) { s.model.approximator = a; }); },
           "sparse: what mixes the kept positions")
        ->check(CLI::IsMember({"mlp", "attention"}))->default_str("mlp")->group(model);
    o.add_model(cmd, "--selector-guide", "selector_guide",
                "sparse: weight of the training-only loss that scores a prediction from every position "
                "gated by its selector score (0 = the selector learns only from the kept positions)")
        ->group(model);
    cmd.add_option_function<std::string>(
           "--spacer",
           [&o](const std::string& v) {
               o.add_raw([range = parse_spacer(v)](TrainSettings& s) {
                   std::tie(s.model.pwm.spacer_min, s.model.pwm.spacer_max) = range;
               });
           },
           "pwm: bases between the end of one motif and the start of the next in a pair, MIN-MAX")
        ->type_name("MIN-MAX")
        ->check(parsed_by(parse_spacer, "MIN-MAX"))
        ->default_str("15-19")
        ->group(model);
    o.add_model(cmd, "--selector-layers", "selector_layers",
                "sparse: stem layers the selector scores from (0 = all): fewer keep its view local, so each "
                "box is kept for what it is, while the kept features still see the whole stem's reach")
        ->group(model);
    o.add_model(cmd, "--value-layers", "value_layers",
                "sparse: stem layers whose features the kept positions carry (0 = all): fewer keep them local, "
                "so the prediction needs the boxes themselves kept, while the selector sees the whole stem's "
                "reach")
        ->group(model);
    o.add_model(cmd, "--embedding-dim", "embedding_dim", "Embedding dimension d")->group(model);
    o.add_model(cmd, "--stem-layers", "stem_layers", "Convolutions in the input stem; layer l is dilated 2^l")
        ->group(model);
    o.add_model(cmd, "--dropout", "dropout", "Dropout on the stem's convolution features while training (0 = none)")
        ->group(model);
    o.add_model(cmd, "--conv-width", "conv_width",
                "Width of the stem's local context convolution (odd; its reach must stay within the longest "
                "training sequence)")
        ->group(model);
    o.add_model(cmd, "--heads", "heads", "Attention heads (a divisor of --embedding-dim)")->group(model);
    o.add_model(cmd, "--window-size", "window_size", "window: local keys per query (0 = from --sparsity)")
        ->group(model);
    o.add_model(cmd, "--global-tokens", "global_tokens",
                "window: learned global tokens that read every position (0: none)")
        ->group(model);

    o.add_train(cmd, "--epochs", "epochs", "Most training epochs")->group(train);
    o.add_train(cmd, "--batch-size", "batch_size", "Sequences per batch")->group(train);
    o.add_train(cmd, "--lr", "learning_rate", "Learning rate (AdamW)")->group(train);
    o.add_train(cmd, "--embedding-lr-mult", "embedding_lr_mult", "Learning-rate multiplier of the embeddings")
        ->group(train);
    o.add_train(cmd, "--weight-decay", "weight_decay", "Decoupled weight decay")->group(train);
    o.add_train(cmd, "--patience", "patience", "Epochs without validation improvement before stopping")
        ->group(train);
    o.add_train(cmd, "--starts", "starts",
                "Independent starts, each trained on --start-sequences sequences; the one with the lowest "
                "validation loss goes on to the end (0 = 3 for sparse, 1 for the other models)")
        ->group(train);
    o.add_train(cmd, "--start-sequences", "start_sequences",
                "Training sequences each start sees before the starts are compared (whole epochs, rounded up)")
        ->group(train);
    o.add_train(cmd, "--weight-average", "weight_average",
                "Validate, keep and save an exponential moving average of the weights, which after each "
                "step keeps this share of itself (e.g. 0.995; 0 = off: the weights as trained)")
        ->group(train);
    o.add_train(cmd, "--augment-length", "augment_length",
                "Place each training sequence, in every batch, at a random offset in random flanks (the "
                "training set's base composition) to a random length up to this (0 = no flanks)")
        ->group(train);
    o.add_train(cmd, "--augment-crop", "augment_crop",
                "Cut a random 0 to this many bases from each end of each training sequence, in every batch")
        ->group(train);
    o.add_train(cmd, "--clip-norm", "clip_norm", "Gradient norm clipping (0 = off)")->group(train);
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
