#include "cli/not_implemented.hpp"

#include <fmt/format.h>

#include "gsattn/error.hpp"

namespace gsattn::cli {

void register_not_implemented(CLI::App& app, const std::string& name, const std::string& purpose) {
    CLI::App* cmd = app.add_subcommand(name, purpose + " (not implemented yet)");
    cmd->allow_extras();
    cmd->callback([name]() {
        throw Error(fmt::format("'gsattn {}' is not implemented yet in this version", name));
    });
}

}  // namespace gsattn::cli
