#include "cli/common.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <limits>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "gsattn/batching.hpp"
#include "gsattn/error.hpp"
#include "gsattn/log.hpp"
#include "gsattn/output_file.hpp"
#include "gsattn/text.hpp"
#include "gsattn/parallel.hpp"

namespace gsattn::cli {
namespace {

// Seeds are recorded as TOML integers (metrics, checkpoints): 63 bits.
std::string check_seed(std::string& text) {
    const auto seed = parse_integer<std::int64_t>(text);
    if (!seed || *seed < 0)
        return fmt::format("must be an integer from 0 to {}, not '{}'", std::numeric_limits<std::int64_t>::max(), text);
    return {};
}

}  // namespace

std::function<void(std::int64_t, std::int64_t)> bases_progress(std::string what) {
    return [what = std::move(what), started = std::chrono::steady_clock::now()](std::int64_t done, std::int64_t total) {
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const double rate = static_cast<double>(done) / seconds;
        log::progress(fmt::format("{} {} {:.2f}/{:.2f} Mbp, {:.2f} Mbp/s, {:.0f} s left", what, log::bar(done, total),
                                  done / 1e6, total / 1e6, rate / 1e6, (total - done) / rate));
    };
}

void add_mask_lowercase_option(CLI::App& command, SoftMasked& soft_masked) {
    command.add_flag_callback(
        "--mask-lowercase", [&soft_masked]() { soft_masked = SoftMasked::unknown; },
        "Read soft-masked (lower-case) bases as N, like an assembly gap (default: they are ordinary bases)");
}

void add_common_options(CLI::App& command, CommonOptions& options, const std::string& output_help) {
    if (!output_help.empty())
        command.add_option("-o,--output", options.output, output_help)->type_name("PATH");
    command.add_option("--threads", options.threads, "Threads for computation")
        ->check(CLI::Range(1, 1024))
        ->capture_default_str();
    command.add_option("--seed", options.seed, "Random seed; the same seed gives the same output")
        ->check(CLI::Validator(check_seed, "[0, 2^63-1]"))
        ->capture_default_str();
    auto* quiet = command.add_flag("-q,--quiet", options.quiet, "Print only errors and warnings");
    command.add_flag("-v,--verbose", options.verbose, "Print more progress detail")->excludes(quiet);
}

namespace {
void (*compute_threads_hook)(int) = nullptr;
}  // namespace

void apply_common_options(const CommonOptions& options) {
    log::set_level(options.quiet     ? log::Level::quiet
                   : options.verbose ? log::Level::verbose
                                     : log::Level::normal);
    set_thread_count(options.threads);
    if (compute_threads_hook) compute_threads_hook(options.threads);
}

void set_compute_threads_hook(void (*hook)(int threads)) {
    compute_threads_hook = hook;
    if (hook) hook(thread_count());
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

// A number test as a CLI11 validator, which refuses NaN and infinities
// whatever `accepts` says; `rule` is "must be ...".
CLI::Validator number_validator(std::function<bool(double)> accepts, const std::string& rule,
                                const std::string& shown) {
    return CLI::Validator(
        [accepts, rule](std::string& text) -> std::string {
            double v = 0;
            if (!CLI::detail::lexical_cast(text, v) || !std::isfinite(v) || !accepts(v))
                return rule + ", not '" + text + "'";
            return {};
        },
        shown);
}

}  // namespace

CLI::Validator number_within(const Bounds& bounds) {
    return number_validator([bounds](double v) { return bounds.contains(v); }, bounds.rule(), bounds.text());
}

CLI::Validator parsed_by(std::function<void(const std::string&)> parse, const std::string& name) {
    return CLI::Validator(
        [parse = std::move(parse)](std::string& text) -> std::string {
            try {
                parse(text);
            } catch (const Error& e) {
                return e.what();
            }
            return {};
        },
        name);
}

const CLI::Validator& open_unit_interval() {
    static const CLI::Validator validator =
        number_validator([](double v) { return v > 0 && v <= 1; }, "must be a number in (0, 1]", "(0,1]");
    return validator;
}

const CLI::Validator& positive_number() {
    static const CLI::Validator validator =
        number_validator([](double v) { return v > 0; }, "must be positive", "POSITIVE");
    return validator;
}

const CLI::Validator& non_negative_number() {
    static const CLI::Validator validator =
        number_validator([](double v) { return v >= 0; }, "must be 0 or more", "NONNEGATIVE");
    return validator;
}

void require_sequence_source(const std::string& fasta, const std::string& bed, const std::string& reference) {
    if (fasta.empty() == bed.empty()) throw CLI::ValidationError("give --fasta or --bed (with --reference)");
    if (!bed.empty() && reference.empty()) throw CLI::ValidationError("--bed needs --reference");
}

namespace {

// What identifies the file at `path` for require_distinct_files: a regular
// file's device and inode; for an output that does not exist yet, its
// absolute path with the links of its directories resolved; nothing for
// streams, "-" and inputs that do not exist (their readers say so).
std::optional<std::string> file_identity(const std::string& path, bool is_output) {
    std::string file = path;
    if (is_output) {
        const OutputTarget target = resolve_output(path);
        if (target.kind != OutputTarget::Kind::file) return std::nullopt;
        file = target.path;
    } else if (path == "-") {
        return std::nullopt;
    }
    struct stat st {};
    if (stat(file.c_str(), &st) == 0)
        return S_ISREG(st.st_mode) ? std::optional(fmt::format("{}:{}", st.st_dev, st.st_ino)) : std::nullopt;
    if (!is_output) return std::nullopt;
    std::error_code ec;
    return std::filesystem::weakly_canonical(std::filesystem::absolute(file, ec), ec).string();
}

}  // namespace

void require_distinct_files(const std::vector<NamedPath>& inputs, const std::vector<NamedPath>& outputs) {
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
    struct Seen {
        const NamedPath* file;
        std::string id;
        bool is_output;
    };
    std::vector<Seen> seen;  // inputs first, then outputs
    for (const auto& [paths, is_output] : {std::pair{&inputs, false}, std::pair{&outputs, true}}) {
        for (const NamedPath& p : *paths) {
            if (p.path.empty()) continue;
            const std::optional<std::string> id = file_identity(p.path, is_output);
            if (!id) continue;
            for (const Seen& other : seen)
                if (is_output && other.id == *id)
                    throw CLI::ValidationError(fmt::format(
                        "{} {} and {} {} are the same file: writing {} would destroy {}", other.file->option,
                        other.file->path, p.option, p.path, p.option,
                        other.is_output ? "the other output" : "the input"));
            seen.push_back({&p, *id, is_output});
        }
    }
}

std::vector<NamedPath> sequence_inputs(const std::string& model, const std::string& fasta, const std::string& bed,
                                       const std::string& reference, const std::string& regions) {
    std::vector<NamedPath> inputs{{"--model", model}, {"--fasta", fasta}, {"--bed", bed}, {"--regions", regions}};
    add_reference_inputs(inputs, reference);
    return inputs;
}

void add_reference_inputs(std::vector<NamedPath>& inputs, const std::string& reference) {
    if (reference.empty()) return;
    inputs.push_back({"--reference", reference});
    for (const char* index : {".fai", ".gzi"}) inputs.push_back({"--reference's index", reference + index});
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

void ShardSelection::load() {
    if (!regions_path.empty()) regions = RegionSet::read(regions_path);
}

void ShardSelection::require_regions_on_input() const {
    if (!regions || regions_name_an_input_) return;
    if (regions->empty()) {
        log::warning("{} holds no regions, so nothing is written", regions_path);
        return;
    }
    std::vector<std::string> names = regions->sequence_names();
    const std::size_t shown = std::min<std::size_t>(names.size(), 3);
    fail_at(regions_path, 0,
            fmt::format("no region is on a sequence of the input (the regions are on {}{}): are the names "
                        "spelled as in the input?",
                        fmt::join(names.begin(), names.begin() + shown, ", "), names.size() > shown ? ", ..." : ""));
}

void add_shard_selection_options(CLI::App& command, ShardSelection& shards, const std::string& items,
                                 const std::string& regions_help) {
    command
        .add_option_function<std::string>(
            "--shard",
            [&shards](const std::string& text) {
                try {
                    shards.shard = parse_shard(text);
                } catch (const Error& e) {
                    throw CLI::ValidationError("--shard", e.what());
                }
            },
            fmt::format("Do only shard I of N: every N-th {}, starting with the I-th (1-based); the N outputs "
                        "sorted together (LC_ALL=C sort -k1,1 -k2,2n) equal one job's output",
                        items))
        ->type_name("I/N");
    command.add_option("--regions", shards.regions_path,
                       regions_help + "; an error when no region is on a sequence of the input")
        ->type_name("BED");
}

}  // namespace gsattn::cli
