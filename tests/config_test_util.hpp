// Helpers for the tests of the configuration tables (config_fields.hpp).
#pragma once

#include <algorithm>
#include <cmath>
#include <type_traits>
#include <cstdint>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <toml++/toml.h>

#include "gsattn/config_fields.hpp"
#include "gsattn/error.hpp"

namespace gsattn::test {

// The field `key` of a table; REQUIREs that there is one.
template <typename Config>
const NumberField<Config>& field_named(const NumberFields<Config>& fields, std::string_view key) {
    const auto found =
        std::find_if(fields.begin(), fields.end(), [key](const auto& field) { return field.key == key; });
    REQUIRE_MESSAGE(found != fields.end(), "no setting named " << key);
    return *found;
}

// Values of `field` out of its bounds as TOML: NaN, infinities, just past
// each finite end (a float for a float field, an integer otherwise), past
// the range of an int, and a float where an integer belongs.
template <typename Config>
std::vector<std::string> values_out_of_bounds(const NumberField<Config>& field) {
    const bool integer = !std::holds_alternative<double Config::*>(field.member);
    std::vector<std::string> out{"nan", "inf", "-inf"};
    const double step = integer ? 1 : 1e-6;
    const auto text = [&](double v) {
        return integer ? std::to_string(static_cast<std::int64_t>(v)) : fmt::format("{:.17g}", v);
    };
    out.push_back(text(field.bounds.low_open ? field.bounds.low : field.bounds.low - step));
    if (std::isfinite(field.bounds.high))
        out.push_back(text(field.bounds.high_open ? field.bounds.high : field.bounds.high + step));
    if (std::holds_alternative<int Config::*>(field.member)) out.push_back("3000000000");  // beyond an int
    if (integer) out.push_back("1e300");  // a float, which toml++ would cast to an integer unchecked
    return out;
}

template <typename Config>
double value_of(const Config& config, const NumberField<Config>& field) {
    return std::visit([&](auto member) { return static_cast<double>(config.*member); }, field.member);
}

// `config` with `field` set to another value within its bounds that
// `validate` accepts (some settings must be odd or divide another), or
// nothing if none of a few candidates is.
template <typename Config, typename Validate>
std::optional<Config> with_other_value(const Config& config, const NumberField<Config>& field, Validate validate) {
    const double now = value_of(config, field);
    for (const double candidate : {now + 1, now + 2, now - 1, now / 2, field.bounds.low + 0.25}) {
        if (candidate == now || !field.bounds.contains(candidate)) continue;
        Config changed = config;
        std::visit([&](auto member) {
            using T = std::remove_reference_t<decltype(changed.*member)>;
            changed.*member = static_cast<T>(candidate);
        }, field.member);
        if (value_of(changed, field) == now) continue;  // an integer that rounded back
        try {
            validate(changed);
            return changed;
        } catch (const Error&) {
        }
    }
    return std::nullopt;
}

// Each setting of `fields`, changed alone from its default, written as TOML
// text and read back by `read` (toml::table -> Config): the value survives,
// and so does every other key.
template <typename Config, typename Read>
void check_each_setting_round_trips(const NumberFields<Config>& fields, Read read) {
    for (const auto& field : fields) {
        INFO(field.key);
        const auto changed = with_other_value(Config{}, field, [](const Config& c) { validate(c); });
        REQUIRE(changed);
        std::ostringstream text;
        text << to_toml(*changed);
        const Config back = read(toml::parse(text.str()));
        CHECK(value_of(back, field) == value_of(*changed, field));
        CHECK(value_of(back, field) != value_of(Config{}, field));
        CHECK(to_toml(back) == to_toml(*changed));
    }
}

}  // namespace gsattn::test
