// gsattn enrich: Motif enrichment among selected positions.
#include "cli/common.hpp"
#include "cli/not_implemented.hpp"

namespace gsattn::cli {

void register_enrich(CLI::App& app) { register_not_implemented(app, "enrich", "Motif enrichment among selected positions"); }

}  // namespace gsattn::cli
