// JSON output of a TOML table (metrics files), through toml++'s formatter.
// NaN, which JSON lacks, is written as null.
#pragma once

#include <string>

#include <toml++/toml.h>

namespace gsattn {

std::string to_json(const toml::table& table);

}  // namespace gsattn
