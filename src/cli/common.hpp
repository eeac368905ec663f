// Options every subcommand shares (docs/design.md, Conventions), and how
// subcommands register.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "gsattn/alphabet.hpp"
#include "gsattn/bounds.hpp"
#include "gsattn/region_set.hpp"
#include "gsattn/shard.hpp"

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
// A progress bar over bases, "WHAT [###...] done/total Mbp, rate, time left",
// drawn on a terminal each time the returned function hears of progress.
std::function<void(std::int64_t done, std::int64_t total)> bases_progress(std::string what);

// --mask-lowercase: soft-masked (lower-case) bases read as N (predict, select-positions).
void add_mask_lowercase_option(CLI::App& command, SoftMasked& soft_masked);
// Log level and thread count; call first in every subcommand's callback.
void apply_common_options(const CommonOptions& options);
// What apply_common_options calls with --threads besides setting the
// thread count of our own loops: the LibTorch module's setting of
// LibTorch's threads, once it is loaded (torch_commands.hpp). Called at
// once with the current count.
void set_compute_threads_hook(void (*hook)(int threads));

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

// An option and the file it names, for checks across options.
struct NamedPath {
    std::string option;
    std::string path;
};
// Checks, before any work, that the command's files can be used together: a
// usage error when more than one input reads standard input ("-"), more than
// one output writes standard output, an output is one of the inputs, or two
// outputs are one file (which would destroy the input, or one output the
// other). Files are compared as the system sees them (device and inode, links
// followed), so ./x, x, hard and symbolic links to it all match; outputs
// that do not exist yet by their absolute paths. Devices, FIFOs and the like
// (/dev/null twice) are not compared. Empty paths (options not given) are
// skipped.
void require_distinct_files(const std::vector<NamedPath>& inputs, const std::vector<NamedPath>& outputs);

// The inputs of a command that reads a model and sequences (predict,
// select-positions): the reference's index files (.fai, .gzi) among them.
void add_reference_inputs(std::vector<NamedPath>& inputs, const std::string& reference);
std::vector<NamedPath> sequence_inputs(const std::string& model, const std::string& fasta, const std::string& bed,
                                       const std::string& reference, const std::string& regions);

// How a command's work is cut into independent jobs: --shard I/N and
// --regions BED (predict, select-positions).
struct ShardSelection {
    Shard shard;
    std::string regions_path;
    std::optional<RegionSet> regions;  // read by load()

    void load();
    // Notes a sequence of the input, whether this job's shard takes it or not.
    void note_sequence(const std::string& chrom) const {
        if (regions && regions->names(chrom)) regions_name_an_input_ = true;
    }
    // After every sequence was noted: an error (Error, naming the regions
    // file) when no region is on a sequence of the input, which would leave
    // the output empty without a word; a warning when the file has no regions.
    void require_regions_on_input() const;
    bool in_regions(const std::string& chrom, std::int64_t position) const {
        return !regions || regions->contains(chrom, position);
    }
    bool touches_regions(const std::string& chrom, Interval interval) const {
        return !regions || regions->overlaps(chrom, interval);
    }

private:
    mutable bool regions_name_an_input_ = false;  // bookkeeping of note_sequence, not an option
};
// The ranges [first, last) of `sequences` that a Predictor batches together
// (gsattn::for_each_batch), numbered on from `batch_number`, for the batches
// `shard` takes. Computing each range as one call gives every sequence the
// same batch, and so the same value bit for bit, in every shard of a run.
void for_each_batch_of_shard(const std::vector<const EncodedSequence*>& sequences, int batch_size,
                             const Shard& shard, std::uint64_t& batch_number,
                             const std::function<void(std::size_t first, std::size_t last)>& each);

// Adds --shard (help names what one item is) and --regions.
void add_shard_selection_options(CLI::App& command, ShardSelection& shards, const std::string& items,
                                 const std::string& regions_help);

// FASTA records, and bases, a subcommand holds at once when it streams a file.
inline constexpr std::size_t kFastaRecordsPerChunk = 4096;
inline constexpr std::size_t kFastaBasesPerChunk = std::size_t{16} << 20;

// These validators take finite numbers only: never NaN or an infinity.
// Accepts numbers in (0, 1] (fractions of a sequence).
const CLI::Validator& open_unit_interval();
// CLI11's PositiveNumber and NonNegativeNumber, with messages that name the
// rule ("must be positive, not '0'") instead of a range up to 1.8e308.
const CLI::Validator& positive_number();
const CLI::Validator& non_negative_number();
// Accepts the numbers `bounds` contains; the message gives the bounds and why.
CLI::Validator number_within(const Bounds& bounds);
// Accepts the text `parse` takes without an Error (whose message it gives).
CLI::Validator parsed_by(std::function<void(const std::string&)> parse, const std::string& name);

// One per file in src/cli/.
void register_simulate(CLI::App& app);
void register_train(CLI::App& app);
void register_predict(CLI::App& app);
void register_select_positions(CLI::App& app);
void register_enrich(CLI::App& app);
void register_completion(CLI::App& app);

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
