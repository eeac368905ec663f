// The numeric settings of a configuration struct as one table, a row per
// setting: its TOML key, the member that holds it and its bounds. Reading
// TOML and writing it (toml_value.hpp), validate() and the command-line
// options of `gsattn train` all go through the table, so none of them keeps
// a list of its own.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "gsattn/bounds.hpp"
#include "gsattn/error.hpp"

namespace gsattn {

template <typename Config>
struct NumberField {
    std::string_view key;
    std::variant<int Config::*, std::int64_t Config::*, double Config::*> member;
    Bounds bounds;  // the member's type may narrow them
};

template <typename Config>
using NumberFields = std::vector<NumberField<Config>>;

// An Error naming the first field out of bounds.
template <typename Config>
void check_fields(const Config& config, const NumberFields<Config>& fields) {
    for (const auto& field : fields) {
        const double value = std::visit([&](auto member) { return static_cast<double>(config.*member); }, field.member);
        if (!field.bounds.contains(value)) throw Error(out_of_bounds(std::string(field.key), value, field.bounds));
    }
}

// The field `key`; a key not in the table is a programming error.
template <typename Config>
const NumberField<Config>& field_named(const NumberFields<Config>& fields, std::string_view key) {
    for (const auto& field : fields)
        if (field.key == key) return field;
    throw std::logic_error("no setting named " + std::string(key));
}

}  // namespace gsattn
