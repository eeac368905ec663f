#include "gsattn/toml_value.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

namespace gsattn {

toml::table read_toml_file(const std::string& path) {
    try {
        if (path == "-") return toml::parse(std::cin, path);
        // toml++ reports a missing file as a parse error without the reason.
        std::FILE* probe = std::fopen(path.c_str(), "r");
        if (!probe) fail_at(path, 0, std::string("cannot open: ") + std::strerror(errno));
        std::fclose(probe);
        return toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        fail_at(path, e.source().begin.line, std::string(e.description()));
    }
}

}  // namespace gsattn
