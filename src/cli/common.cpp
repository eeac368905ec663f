#include "cli/common.hpp"

#include <fmt/format.h>

#include "gsattn/batch.hpp"
#include "gsattn/error.hpp"
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

void require_one_use_of_each_stream(const std::vector<NamedPath>& inputs, const std::vector<NamedPath>& outputs) {
    for (const auto& [paths, stream] : {std::pair{&inputs, "standard input"}, std::pair{&outputs, "standard output"}}) {
        const NamedPath* first = nullptr;
        for (const NamedPath& p : *paths) {
            if (p.path != "-") continue;
            if (first)
                throw CLI::ValidationError(
                    fmt::format("{} and {} cannot both use {} (-)", first->option, p.option, stream));
            first = &p;
        }
    }
}

void for_each_batch_of_shard(const std::vector<const EncodedSequence*>& sequences, int batch_size,
                             const Shard& shard, std::uint64_t& batch_number,
                             const std::function<void(std::size_t first, std::size_t last)>& each) {
    std::size_t first = 0;
    for_each_batch(sequences, batch_size, [&](const std::vector<const EncodedSequence*>& part) {
        if (shard.takes(batch_number++)) each(first, first + part.size());
        first += part.size();
    });
}

void WorkSplit::load() {
    if (!regions_path.empty()) regions = RegionSet::read(regions_path);
}

void add_work_split_options(CLI::App& command, WorkSplit& split, const std::string& items,
                            const std::string& regions_help) {
    command
        .add_option_function<std::string>(
            "--shard",
            [&split](const std::string& text) {
                try {
                    split.shard = parse_shard(text);
                } catch (const Error& e) {
                    throw CLI::ValidationError("--shard", e.what());
                }
            },
            fmt::format("Do only shard I of N: every N-th {}, starting with the I-th (1-based); the N outputs "
                        "sorted together (LC_ALL=C sort -k1,1 -k2,2n) equal one job's output",
                        items))
        ->type_name("I/N");
    command.add_option("--regions", split.regions_path, regions_help)->type_name("BED");
}

}  // namespace gsattn::cli
