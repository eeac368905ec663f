// The LibTorch module's one exported symbol: the table of its commands,
// each with LibTorch's errors turned into the exceptions main() reports.
#include <stdexcept>
#include <string>
#include <utility>

#include <c10/util/Exception.h>

#include "cli/torch_commands.hpp"
#include "gsattn/error.hpp"
#include "gsattn/models/threads.hpp"

namespace gsattn::cli {
namespace {

// LibTorch's what() carries a stack trace; its message is enough.
template <typename Run>
void with_torch_errors(Run&& run) {
    try {
        std::forward<Run>(run)();
    } catch (const c10::Error& e) {
        const std::string message = e.what_without_backtrace();
        if (message.find("can't allocate memory") != std::string::npos)
            throw Error("out of memory (" + message + ")");
        throw std::runtime_error("LibTorch: " + message);
    }
}

void train(TrainOptions& o, const CLI::App& command) { with_torch_errors([&] { run_train_command(o, command); }); }
void predict(PredictOptions& o) { with_torch_errors([&] { run_predict(o); }); }
void select_positions(SelectOptions& o) { with_torch_errors([&] { run_select_positions(o); }); }

constexpr TorchCommands kCommands{train, predict, select_positions, set_compute_threads};

}  // namespace
}  // namespace gsattn::cli

extern "C" __attribute__((visibility("default"))) const gsattn::cli::TorchCommands* gsattn_torch_commands() {
    return &gsattn::cli::kCommands;
}
