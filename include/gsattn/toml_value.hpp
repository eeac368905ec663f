// Typed values from TOML tables: a key holding the wrong type is an error
// naming the key and its line, never silently the default (toml++'s
// value_or would fall back without a word).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "gsattn/error.hpp"

namespace gsattn {

class TomlValueError : public Error {
public:
    TomlValueError(std::int64_t line, const std::string& message) : Error(message), line(line) {}
    std::int64_t line;  // in the TOML document
};

// A whole TOML document ("-" = standard input); errors name file:line.
toml::table read_toml_file(const std::string& path);

// Sets `target` from `table[key]` when the key is present.
template <typename T>
void read_value(const toml::table& table, std::string_view key, T& target) {
    const toml::node* node = table.get(key);
    if (!node) return;
    if (const auto value = node->value<T>()) {
        target = *value;
        return;
    }
    const char* expected = std::is_same_v<T, bool>         ? "true or false"
                           : std::is_integral_v<T>         ? "an integer"
                           : std::is_floating_point_v<T>   ? "a number"
                                                           : "a string";
    throw TomlValueError(node->source().begin.line, fmt::format("'{}' must be {}", key, expected));
}

}  // namespace gsattn
