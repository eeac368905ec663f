// What `gsattn train` reports while it trains: a progress bar over each
// epoch's batches on a terminal, a line per epoch and per start.
#pragma once

#include <string>

#include "gsattn/models/trainer.hpp"

namespace gsattn::cli {

// `what` names the run in each line, e.g. "sparse" or "fold 2".
TrainingProgress progress_reporter(const std::string& what);

}  // namespace gsattn::cli
