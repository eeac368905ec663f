// Registration of a subcommand whose issue has not landed yet: it is listed
// in --help and says so when run, with exit status 1.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace gsattn::cli {

void register_not_implemented(CLI::App& app, const std::string& name, const std::string& purpose);

}  // namespace gsattn::cli
