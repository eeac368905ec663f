// Typed values from TOML tables: a key holding the wrong type is an error
// naming the key and its line, never silently the default (toml++'s
// value_or would fall back without a word).
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "gsattn/bounds.hpp"
#include "gsattn/config_fields.hpp"
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
    // Only a node of the target's own kind: toml++'s value<T>() would turn
    // true into 1 and 1 into true, and casts a float to an integer before it
    // checks the range (undefined behaviour for 1e300).
    const bool own_kind = std::is_same_v<T, bool>          ? node->is_boolean()
                          : std::is_integral_v<T>          ? node->is_integer()
                          : std::is_floating_point_v<T>    ? node->is_number()
                                                           : node->is_string();
    const auto value = own_kind ? node->value<T>() : std::nullopt;
    if (value) {
        target = *value;
        return;
    }
    const char* expected = std::is_same_v<T, bool>         ? "true or false"
                           : std::is_integral_v<T>         ? "an integer"
                           : std::is_floating_point_v<T>   ? "a number"
                                                           : "a string";
    throw TomlValueError(node->source().begin.line, fmt::format("'{}' must be {}", key, expected));
}

// Sets the number `target` from `table[key]` when the key is present: an
// integer for an integer target, within `bounds` and within the target's
// type, else a TomlValueError naming the key.
template <typename T>
void read_value(const toml::table& table, std::string_view key, const Bounds& bounds, T& target) {
    static_assert(std::is_arithmetic_v<T> && !std::is_same_v<T, bool>);
    using Read = std::conditional_t<std::is_integral_v<T>, std::int64_t, double>;
    Read value{};
    read_value(table, key, value);
    if (!table.contains(key)) return;
    const Bounds of_type{static_cast<double>(std::numeric_limits<T>::lowest()),
                         static_cast<double>(std::numeric_limits<T>::max())};
    for (const Bounds& b : {bounds, of_type})
        if (!b.contains(static_cast<double>(value)))
            throw TomlValueError(table.get(key)->source().begin.line,
                                 out_of_bounds(std::string(key), static_cast<double>(value), b));
    target = static_cast<T>(value);
}

// Sets `target` to `parse(table[key])` (a string) when the key is present;
// an Error from `parse` becomes a TomlValueError at the key's line.
template <typename T, typename Parse>
void read_parsed(const toml::table& table, std::string_view key, Parse parse, T& target) {
    std::string text;
    read_value(table, key, text);
    if (!table.contains(key)) return;
    try {
        target = parse(text);
    } catch (const Error& e) {
        throw TomlValueError(table.get(key)->source().begin.line, e.what());
    }
}

// Sets every field of `fields` present in `table`, each by read_value with
// its bounds.
template <typename Config>
void read_fields(const toml::table& table, const NumberFields<Config>& fields, Config& config) {
    for (const auto& field : fields)
        std::visit([&](auto member) { read_value(table, field.key, field.bounds, config.*member); }, field.member);
}

template <typename Config>
void write_fields(toml::table& table, const NumberFields<Config>& fields, const Config& config) {
    for (const auto& field : fields)
        std::visit([&](auto member) { table.insert(field.key, config.*member); }, field.member);
}

}  // namespace gsattn
