#include "cli/common.hpp"

#include <fmt/format.h>

#include "gsattn/log.hpp"
#include "gsattn/threads.hpp"

namespace gsattn::cli {

void add_common_options(CLI::App& command, CommonOptions& options, const std::string& output_help) {
    if (!output_help.empty())
        command.add_option("-o,--output", options.output, output_help)->type_name("PATH");
    command.add_option("--threads", options.threads, "Threads for computation")
        ->check(CLI::Range(1, 1024))
        ->capture_default_str();
    command.add_option("--seed", options.seed, "Random seed; the same seed gives the same output")
        ->capture_default_str();
    auto* quiet = command.add_flag("-q,--quiet", options.quiet, "Print only errors");
    command.add_flag("-v,--verbose", options.verbose, "Print more progress detail")->excludes(quiet);
}

void apply_common_options(const CommonOptions& options) {
    log::set_level(options.quiet     ? log::Level::quiet
                   : options.verbose ? log::Level::verbose
                                     : log::Level::normal);
    set_compute_threads(options.threads);
}

namespace {
std::vector<std::string> the_command_line;
}  // namespace

void remember_command_line(int argc, char** argv) { the_command_line.assign(argv, argv + argc); }

const std::vector<std::string>& command_line() { return the_command_line; }

void require_output(const CommonOptions& options, const std::string& what) {
    if (options.output.empty() || options.output == "-")
        throw CLI::RequiredError(fmt::format("-o/--output {}", what));
}

namespace {

// A number test as a CLI11 validator; `rule` completes "must be ...".
CLI::Validator number_validator(bool (*accepts)(double), const std::string& rule, const std::string& shown) {
    return CLI::Validator(
        [accepts, rule](std::string& text) -> std::string {
            double v = 0;
            if (!CLI::detail::lexical_cast(text, v) || !accepts(v)) return "must be " + rule + ", not '" + text + "'";
            return {};
        },
        shown);
}

}  // namespace

const CLI::Validator& open_unit_interval() {
    static const CLI::Validator validator =
        number_validator([](double v) { return v > 0 && v <= 1; }, "a number in (0, 1]", "(0,1]");
    return validator;
}

const CLI::Validator& positive_number() {
    static const CLI::Validator validator = number_validator([](double v) { return v > 0; }, "positive", "POSITIVE");
    return validator;
}

const CLI::Validator& non_negative_number() {
    static const CLI::Validator validator =
        number_validator([](double v) { return v >= 0; }, "0 or more", "NONNEGATIVE");
    return validator;
}

void require_sequence_source(const std::string& fasta, const std::string& bed, const std::string& reference) {
    if (fasta.empty() == bed.empty()) throw CLI::ValidationError("give --fasta or --bed (with --reference)");
    if (!bed.empty() && reference.empty()) throw CLI::ValidationError("--bed needs --reference");
}

}  // namespace gsattn::cli
