// The model and training options of `gsattn train`, kept as overrides that
// are applied on top of --config (command line wins over the file).
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "gsattn/train_settings.hpp"

namespace gsattn::cli {

using Override = std::function<void(TrainSettings&)>;

class SettingOverrides {
public:
    // An option that, when given, sets the field `access` picks out.
    template <typename T, typename Access>
    CLI::Option* add(CLI::App& command, const std::string& flags, const std::string& help, Access access) {
        TrainSettings defaults;
        auto* list = &overrides_;
        return command
            .add_option_function<T>(
                flags,
                [list, access](const T& value) {
                    list->push_back([access, value](TrainSettings& s) { access(s) = value; });
                },
                help)
            ->default_str(fmt::format("{}", access(defaults)));
    }

    void add_raw(Override set) { overrides_.push_back(std::move(set)); }

    void apply(TrainSettings& settings) const {
        for (const auto& set : overrides_) set(settings);
    }

private:
    std::vector<Override> overrides_;
};

// Registers every [model] and [train] setting as an option.
void add_setting_options(CLI::App& command, SettingOverrides& overrides);

}  // namespace gsattn::cli
