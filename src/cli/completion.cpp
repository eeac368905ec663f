// gsattn completion: a bash completion script made from the program's own
// option list, so that it cannot fall behind the options.
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/common.hpp"

namespace gsattn::cli {
namespace {

std::string join(const std::vector<std::string>& words) {
    std::string text;
    for (const std::string& w : words) text += (text.empty() ? "" : " ") + w;
    return text;
}

// "TEXT:{full,sparse}" (CLI11's IsMember in a type name) -> "full sparse".
std::string choices_of(const CLI::Option& option) {
    const std::string type = option.get_type_name();
    const auto open = type.find('{'), close = type.find('}');
    if (open == std::string::npos || close == std::string::npos || close < open) return {};
    std::string words = type.substr(open + 1, close - open - 1);
    for (char& c : words)
        if (c == ',') c = ' ';
    return words;
}

std::vector<std::string> names_of(const CLI::Option& option) {
    std::vector<std::string> names;
    for (const std::string& s : option.get_snames()) names.push_back("-" + s);
    for (const std::string& l : option.get_lnames()) names.push_back("--" + l);
    return names;
}

// One `case` branch: the command's options, and what follows those that take a value.
std::string command_case(const CLI::App& command) {
    std::vector<std::string> options;
    std::string value_cases;
    std::vector<std::string> any_value;  // options whose value is a file or a number
    for (const CLI::Option* option : command.get_options()) {
        if (!option->nonpositional()) continue;
        const std::vector<std::string> names = names_of(*option);
        options.insert(options.end(), names.begin(), names.end());
        if (option->get_expected_max() == 0) continue;  // a flag
        const std::string choices = choices_of(*option);
        if (choices.empty())
            any_value.insert(any_value.end(), names.begin(), names.end());
        else
            value_cases += fmt::format("                {}) COMPREPLY=($(compgen -W \"{}\" -- \"$cur\")); return ;;\n",
                                       fmt::join(names, "|"), choices);
    }
    if (!any_value.empty())
        value_cases += fmt::format("                {}) return ;;\n", fmt::join(any_value, "|"));
    std::string positional;
    for (const CLI::Option* option : command.get_options())
        if (option->get_positional()) positional = choices_of(*option);
    return fmt::format("        {})\n"
                       "            options=\"{}\"\n"
                       "            words=\"{}\"\n"
                       "            case $prev in\n{}            esac ;;\n",
                       command.get_name(), join(options), positional, value_cases);
}

std::string bash_completion(const CLI::App& app) {
    std::vector<std::string> commands;
    std::string cases;
    for (const CLI::App* command : app.get_subcommands({})) {
        commands.push_back(command->get_name());
        cases += command_case(*command);
    }
    return fmt::format(
        "# bash completion for gsattn; made by 'gsattn completion bash' from gsattn's own options.\n"
        "# Install as bash-completion/completions/gsattn, or source it from ~/.bashrc.\n"
        "_gsattn() {{\n"
        "    local cur=${{COMP_WORDS[COMP_CWORD]}} prev=${{COMP_WORDS[COMP_CWORD-1]}}\n"
        "    COMPREPLY=()\n"
        "    if [[ $COMP_CWORD -eq 1 ]]; then\n"
        "        COMPREPLY=($(compgen -W \"{} --help --version\" -- \"$cur\"))\n"
        "        return\n"
        "    fi\n"
        "    local options=\"\" words=\"\"\n"
        "    case ${{COMP_WORDS[1]}} in\n"
        "{}"
        "        *) return ;;\n"
        "    esac\n"
        "    # Empty COMPREPLY: bash completes file names (complete -o default).\n"
        "    if [[ $cur == -* ]]; then\n"
        "        COMPREPLY=($(compgen -W \"$options\" -- \"$cur\"))\n"
        "    elif [[ -n $words ]]; then\n"
        "        COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
        "    fi\n"
        "}}\n"
        "complete -o default -F _gsattn gsattn\n",
        join(commands), cases);
}

}  // namespace

void register_completion(CLI::App& app) {
    auto shell = std::make_shared<std::string>();
    CLI::App* cmd = app.add_subcommand("completion", "Print a shell completion script (bash)");
    cmd->footer(
        "Prints a bash completion script made from gsattn's own option list.\n"
        "cmake --install puts it in share/bash-completion/completions/gsattn; or load it\n"
        "by hand: source <(gsattn completion bash)");
    cmd->add_option("shell", *shell, "The shell to complete for")->required()->check(CLI::IsMember({"bash"}));
    const CLI::App* program = &app;
    // The callback holds `shell` so that it outlives registration, as every command's options do.
    cmd->callback([program, shell]() { fmt::print("{}", bash_completion(*program)); });
}

}  // namespace gsattn::cli
