// gsattn select-positions: BED track of the positions the token selector keeps.
#include "cli/common.hpp"
#include "cli/not_implemented.hpp"

namespace gsattn::cli {

void register_select_positions(CLI::App& app) { register_not_implemented(app, "select-positions", "BED track of the positions the token selector keeps"); }

}  // namespace gsattn::cli
