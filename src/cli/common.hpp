// Options every subcommand shares (DESIGN §2), and how subcommands register.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace gsattn::cli {

struct CommonOptions {
    std::string output = "-";
    int threads = 1;
    std::uint64_t seed = 1;
    bool quiet = false;
    bool verbose = false;
};

// Adds --threads, --seed, -q/--quiet, -v/--verbose, and -o/--output with
// `output_help` unless that is empty.
void add_common_options(CLI::App& command, CommonOptions& options, const std::string& output_help);
// Log level and thread count; call first in every subcommand's callback.
void apply_common_options(const CommonOptions& options);

// The command line as given (main's argv), for `train` to record in a
// checkpoint what to run again.
void remember_command_line(int argc, char** argv);
const std::vector<std::string>& command_line();

// A usage error (exit 2) when -o was not given. Checked in the callback rather
// than with CLI11's required(), which would hide an unknown-option error.
void require_output(const CommonOptions& options, const std::string& what);

// Sequences come from --fasta, or from --bed regions of --reference: exactly
// one of the two. A usage error otherwise.
void require_sequence_source(const std::string& fasta, const std::string& bed, const std::string& reference);

// FASTA records, and bases, a subcommand holds at once when it streams a file.
inline constexpr std::size_t kFastaRecordsPerChunk = 4096;
inline constexpr std::size_t kFastaBasesPerChunk = std::size_t{16} << 20;

// Accepts numbers in (0, 1] (fractions of a sequence).
const CLI::Validator& open_unit_interval();
// CLI11's PositiveNumber and NonNegativeNumber, with messages that name the
// rule ("must be positive, not '0'") instead of a range up to 1.8e308.
const CLI::Validator& positive_number();
const CLI::Validator& non_negative_number();

// One per file in src/cli/.
void register_simulate(CLI::App& app);
void register_train(CLI::App& app);
void register_predict(CLI::App& app);
void register_select_positions(CLI::App& app);
void register_enrich(CLI::App& app);

}  // namespace gsattn::cli

namespace gsattn::cli {

// An option taking one of a few words, shown in --help as {a,b,c} with the
// current value as default; `choices` keeps the order given.
template <typename T>
CLI::Option* add_choice_option(CLI::App& command, const std::string& name, T& target,
                               std::vector<std::pair<std::string, T>> choices,
                               const std::string& help) {
    std::string current;
    for (const auto& [word, value] : choices) {
        if (value == target) current = word;
    }
    return command
        .add_option_function<std::string>(
            name,
            [&target, choices](const std::string& word) {
                for (const auto& [w, value] : choices)
                    if (w == word) target = value;
            },
            help)
        ->check(CLI::IsMember([&choices] {
            std::vector<std::string> words;
            for (const auto& c : choices) words.push_back(c.first);
            return words;
        }()))
        ->default_str(current);
}

}  // namespace gsattn::cli
