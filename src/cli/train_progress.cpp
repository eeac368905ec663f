#include "cli/train_progress.hpp"


#include <fmt/format.h>

#include "gsattn/log.hpp"

namespace gsattn::cli {

TrainingProgress progress_reporter(const std::string& what) {
    TrainingProgress p;
    if (log::level() == log::Level::quiet) return p;
    if (log::stderr_is_terminal()) {
        p.batch = [what](int epoch, int batch, int batches) {
            log::progress(fmt::format("{} epoch {} {} {}/{}", what, epoch, log::bar(batch, batches), batch, batches));
        };
    }
    p.init = [what](int init, int inits, const TrainingRun& run) {
        log::info("{} init {}/{}: best validation loss {:.4f} in {} epochs", what, init, inits,
                  run.best_validation_loss, run.epochs_run);
    };
    p.epoch = [what](const EpochReport& r) {
        if (log::level() >= log::Level::normal)
            log::write(fmt::format("{} epoch {}: train loss {:.4f}, validation loss {:.4f}{}", what, r.epoch,
                                   r.train_loss, r.validation_loss, r.improved ? " *" : ""));
    };
    return p;
}

}  // namespace gsattn::cli
