// The model and training options of `gsattn train`, kept as overrides that
// are applied on top of --config (command line wins over the file).
#pragma once

#include <algorithm>
#include <functional>
#include <memory>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/common.hpp"
#include "gsattn/error.hpp"
#include "gsattn/experiment_config.hpp"

namespace gsattn::cli {

using Override = std::function<void(ExperimentConfig&)>;

class SettingOverrides {
public:
    // An option that, when given, sets the field `access` picks out.
    template <typename T, typename Access>
    CLI::Option* add(CLI::App& command, const std::string& flags, const std::string& help, Access access) {
        auto* list = &overrides_;
        return command
            .add_option_function<T>(
                flags,
                [list, access](const T& value) {
                    list->push_back([access, value](ExperimentConfig& s) { access(s) = value; });
                },
                help)
            ->default_str(defaults_by_kind(access));
    }

    // An option per row of a [model] or [train] table (ExperimentConfig::model
    // or ::train), named and explained by the row, taking the values its
    // bounds do.
    template <typename Config>
    void add_fields(CLI::App& command, const NumberFields<Config>& fields, Config ExperimentConfig::*part,
                    const std::string& group) {
        for (const NumberField<Config>& field : fields)
            add_field(command, field, part)->group(group);
    }

    void add_raw(Override set) { overrides_.push_back(std::move(set)); }

    // Applies the options given, then checks that the settings fit together
    // (those of a config file were checked when it was read, so an error here
    // is the command line's: a usage error).
    void apply(ExperimentConfig& settings) const {
        for (const auto& set : overrides_) set(settings);
        try {
            validate(settings.model);
            validate(settings.train);
        } catch (const Error& e) {
            throw CLI::ValidationError(e.what());
        }
    }

private:
    // The setting's default, e.g. "9", or where kinds differ, the value of
    // most kinds last: "sparse: 4, others: 1".
    template <typename Access>
    static std::string defaults_by_kind(Access access) {
        std::vector<std::pair<std::string, std::vector<std::string>>> kinds_of_value;
        for (const std::string& kind : model_kind_names()) {
            ExperimentConfig defaults = default_experiment_config(parse_model_kind(kind));
            const std::string value = fmt::format("{}", access(defaults));
            auto same = std::find_if(kinds_of_value.begin(), kinds_of_value.end(),
                                     [&value](const auto& entry) { return entry.first == value; });
            if (same == kinds_of_value.end()) same = kinds_of_value.insert(kinds_of_value.end(), {value, {}});
            same->second.push_back(kind);
        }
        if (kinds_of_value.size() == 1) return kinds_of_value.front().first;
        std::stable_sort(kinds_of_value.begin(), kinds_of_value.end(),
                         [](const auto& a, const auto& b) { return a.second.size() < b.second.size(); });
        std::string text;
        for (std::size_t i = 0; i + 1 < kinds_of_value.size(); ++i)
            text += fmt::format("{}: {}, ", fmt::join(kinds_of_value[i].second, ", "), kinds_of_value[i].first);
        return text + "others: " + kinds_of_value.back().first;
    }

    template <typename Config>
    CLI::Option* add_field(CLI::App& command, const NumberField<Config>& field, Config ExperimentConfig::*part) {
        return std::visit(
            [&](auto member) {
                using T = std::remove_reference_t<decltype(std::declval<Config&>().*member)>;
                const auto access = [part, member](ExperimentConfig& s) -> T& { return (s.*part).*member; };
                return add<T>(command, option_name(field), std::string(field.help), access)
                    ->check(number_within(field.bounds));
            },
            field.member);
    }

    std::vector<Override> overrides_;
};

// Registers every [model] and [train] setting as an option.
void add_setting_options(CLI::App& command, SettingOverrides& overrides);

}  // namespace gsattn::cli
