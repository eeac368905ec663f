// The command line of `gsattn train`.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/common.hpp"
#include "cli/fold_grouping.hpp"
#include "cli/setting_overrides.hpp"
#include "gsattn/model_config.hpp"

namespace gsattn::cli {

struct TrainOptions {
    CommonOptions common;
    std::string fasta, bed, reference, labels, label_column, config;
    std::string val_fasta, test_fasta;
    std::string model = "sparse";
    std::optional<ModelKind> kind;  // --model, when given
    std::string pwm_motifs;
    std::vector<std::string> pwm_elements;  // --pwm-count-elements
    std::vector<std::string> compare;
    std::array<double, 3> split{0.7, 0.15, 0.15};  // --split
    int folds = 0;
    double fold_validation = 0;
    bool fold_models = false;  // --fold-models: write each fold's model too
    FoldGroupingOptions grouping;
    SettingOverrides overrides;
    std::string resume;
};

// Every option but --resume, which only the command itself takes (a
// checkpoint's command line is parsed with these).
void add_train_options(CLI::App& command, TrainOptions& options);

// Runs the command, or with --resume goes on from its checkpoint (in the
// LibTorch module); `command` is the parsed subcommand.
void run_train_command(TrainOptions& options, const CLI::App& command);

}  // namespace gsattn::cli
