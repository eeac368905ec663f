// gsattn predict: Predict regulatory strength for sequences, regions or windows.
#include "cli/common.hpp"
#include "cli/not_implemented.hpp"

namespace gsattn::cli {

void register_predict(CLI::App& app) { register_not_implemented(app, "predict", "Predict regulatory strength for sequences, regions or windows"); }

}  // namespace gsattn::cli
