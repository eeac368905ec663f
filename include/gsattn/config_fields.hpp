// The numeric settings of a configuration struct as one table, a row per
// setting: its TOML key, the member that holds it (its type and, through the
// struct's initialiser, its default), its bounds and what it does. Reading
// TOML and writing it (toml_value.hpp), validate() and the command-line
// options of `gsattn train` all go through the table, so none of them keeps
// a list of its own: a new setting is one row plus its use.
#pragma once

#include <cstdint>
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
    std::string_view help;  // what it does, for --help
    // The command-line option when it is not the key's own (--KEY, with '-'
    // for '_').
    std::string_view option = {};
};

// "--conv-width" for conv_width; the row's own option if it has one.
template <typename Config>
std::string option_name(const NumberField<Config>& field) {
    std::string name = "--" + std::string(field.option.empty() ? field.key : field.option);
    for (char& c : name)
        if (c == '_') c = '-';
    return name;
}

template <typename Config>
using NumberFields = std::vector<NumberField<Config>>;

// The field's value in `config`, whatever the member's type.
template <typename Config>
double field_value(const Config& config, const NumberField<Config>& field) {
    return std::visit([&](auto member) { return static_cast<double>(config.*member); }, field.member);
}

// An Error naming the first field out of bounds.
template <typename Config>
void check_fields(const Config& config, const NumberFields<Config>& fields) {
    for (const auto& field : fields) {
        const double value = field_value(config, field);
        if (!field.bounds.contains(value)) throw Error(out_of_bounds(std::string(field.key), value, field.bounds));
    }
}

}  // namespace gsattn
