// gsattn train: Train a full, sparse, joint or window attention model.
#include "cli/common.hpp"
#include "cli/not_implemented.hpp"

namespace gsattn::cli {

void register_train(CLI::App& app) { register_not_implemented(app, "train", "Train a full, sparse, joint or window attention model"); }

}  // namespace gsattn::cli
