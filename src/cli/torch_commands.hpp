// The commands that need LibTorch (train, predict and select-positions) run
// in a module of their own, gsattn-torch.so, loaded when one of them runs.
// Debian's LibTorch brings some 280 shared libraries whose loading and
// initialisers take about half a second; simulate, enrich, completion,
// --help and --version start without them.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/predict_options.hpp"
#include "cli/select_options.hpp"
#include "cli/train_options.hpp"

namespace gsattn::cli {

// The module's entry points. Each turns LibTorch's own errors into the
// exceptions main() reports.
struct TorchCommands {
    void (*train)(TrainOptions& options, const CLI::App& command);
    void (*predict)(PredictOptions& options);
    void (*select_positions)(SelectOptions& options);
    // --threads for LibTorch and OpenBLAS (apply_common_options calls it).
    void (*set_threads)(int threads);
};

// The module's commands, loaded on first use: from beside the executable
// (the build tree), else from the install tree's library directory. An
// Error names the places tried when it cannot be loaded.
const TorchCommands& torch_commands();

}  // namespace gsattn::cli

// The one symbol the module exports.
extern "C" const gsattn::cli::TorchCommands* gsattn_torch_commands();
