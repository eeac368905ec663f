// gsattn simulate: synthetic sequences with planted motifs, labels, truth BED;
// or, with --embed, the records of a FASTA cropped and placed in flanks.
#include <map>
#include <memory>
#include <vector>

#include <fmt/format.h>

#include "cli/common.hpp"
#include "gsattn/embed.hpp"
#include "gsattn/error.hpp"
#include "gsattn/fasta.hpp"
#include "gsattn/flanks.hpp"
#include "gsattn/log.hpp"
#include "gsattn/motif_manifest.hpp"
#include "gsattn/output_file.hpp"
#include "gsattn/share.hpp"
#include "gsattn/simulate_writer.hpp"

namespace gsattn::cli {
namespace {

struct EmbedOptions {
    std::string fasta;
    std::string flanks = "random";
    EmbedConfig config;
};

struct SimulateOptions {
    CommonOptions common;
    SimulationConfig config;
    std::string motifs;
    EmbedOptions embed;
};

void run_simulate(const SimulateOptions& options) {
    require_output(options.common, "PREFIX (simulate writes PREFIX.fa, .labels.tsv, .motifs.bed)");
    apply_common_options(options.common);
    if (options.config.min_motifs > options.config.max_motifs)
        throw CLI::ValidationError(fmt::format("--min-motifs {} is more than --max-motifs {}",
                                               options.config.min_motifs, options.config.max_motifs));
    const std::string manifest =
        options.motifs.empty() ? share_path("motifs/default.toml") : options.motifs;
    SimulationConfig config = options.config;
    config.seed = options.common.seed;
    const Simulator simulator(config, read_manifest(manifest));
    const auto files = SimulationFiles::for_prefix(options.common.output);
    log::info("simulating {} sequences of {} bp with {} motifs from {}", config.num_sequences,
              config.length, simulator.motifs().size(), manifest);
    const double oracle = write_simulation(simulator, files);
    log::info("wrote {}, {}, {}", files.fasta, files.labels, files.truth_bed);
    log::info("oracle ceiling (Pearson r of clean_label vs label, all sequences): {:.4f}", oracle);
}

std::vector<SequenceRecord> read_records(const std::string& path) {
    std::vector<SequenceRecord> records;
    FastaReader reader(path);
    while (auto record = reader.next()) records.push_back(std::move(*record));
    if (records.empty()) fail_at(path, 0, "no records to embed");
    return records;
}

std::unique_ptr<FlankSource> flank_source(const std::string& flanks, const std::vector<SequenceRecord>& records) {
    if (flanks != "random") return std::make_unique<ReferenceFlanks>(flanks);
    std::vector<const EncodedSequence*> sequences;
    for (const SequenceRecord& r : records) sequences.push_back(&r.bases);
    return std::make_unique<RandomFlanks>(base_composition(sequences));
}

void run_embed(const SimulateOptions& options) {
    apply_common_options(options.common);
    const EmbedOptions& e = options.embed;
    std::vector<NamedPath> inputs{{"--embed", e.fasta}};
    if (e.flanks != "random")
        inputs.insert(inputs.end(), {{"--flanks", e.flanks},
                                     {"--flanks' index", e.flanks + ".fai"},
                                     {"--flanks' index", e.flanks + ".gzi"}});
    require_distinct_files(inputs, {{"-o/--output", options.common.output}});
    EmbedConfig config = e.config;
    config.seed = options.common.seed;
    // Read whole: random flanks need the composition of every record, and a
    // record that does not fit must stop the run before anything is written.
    const std::vector<SequenceRecord> records = read_records(e.fasta);
    for (const SequenceRecord& r : records) check_embeddable(r, config, e.fasta);
    const std::unique_ptr<FlankSource> flanks = flank_source(e.flanks, records);
    OutputFile out(options.common.output);
    for (const SequenceRecord& r : records) write_fasta_record(out, r.name, embed(r, config, *flanks, e.fasta));
    out.commit();
    log::info("wrote {} records of {} to {}", records.size(), e.fasta,
              out.is_stdout() ? "standard output" : out.path());
}

void add_embed_options(CLI::App& cmd, EmbedOptions& e, const std::vector<CLI::Option*>& simulation_options) {
    CLI::Option* embed =
        cmd.add_option("--embed", e.fasta,
                       "Instead of simulating, write each record of this FASTA (plain or gzip, - for stdin) "
                       "unchanged, under its own name, cropped and placed in flanks as the options below say, "
                       "to -o FILE (default: standard output)")
            ->type_name("FASTA");
    for (CLI::Option* option : simulation_options) embed->excludes(option);
    CLI::Option* length =
        cmd.add_option("--embed-length", e.config.length,
                       "Length of each --embed result (bp): the record with flanks; a longer record is an error; "
                       "0: no flanks")
            ->check(non_negative_number())
            ->capture_default_str()
            ->needs(embed);
    add_choice_option(cmd, "--placement", e.config.placement,
                      {{"start", Placement::start}, {"middle", Placement::middle}, {"end", Placement::end},
                       {"random", Placement::random}},
                      "Where each --embed record sits in its flanks: at the start, in the middle (an odd base "
                      "of flank to the right), at the end, or at an offset drawn uniformly")
        ->needs(length);
    cmd.add_option("--flanks", e.flanks,
                   "Flanks of the --embed records: 'random', bases drawn with the A, C, G and T frequencies of "
                   "all the records; or an indexed reference FASTA (plain or bgzip), one window without N "
                   "around each record")
        ->type_name("random|FILE")
        ->capture_default_str()
        ->needs(length);
    for (auto [end, bases] : {std::pair{"start", &e.config.crop_start}, std::pair{"end", &e.config.crop_end}})
        cmd.add_option(fmt::format("--crop-{}", end), *bases,
                       fmt::format("Bases removed from the {} of each --embed record before it is placed", end))
            ->check(non_negative_number())
            ->capture_default_str()
            ->needs(embed);
}

}  // namespace

void register_simulate(CLI::App& app) {
    auto options = std::make_shared<SimulateOptions>();
    SimulationConfig& c = options->config;
    CLI::App* cmd = app.add_subcommand(
        "simulate", "Synthetic sequences with planted motifs, labels and a truth BED");
    cmd->footer(
        "Writes PREFIX.fa, PREFIX.labels.tsv (name, label, clean_label, n_motifs) and\n"
        "PREFIX.motifs.bed (BED6: one line per planted motif, score = strength x 1000).\n"
        "The background is scrubbed of accidental motif occurrences, so the truth BED\n"
        "lists every occurrence. The same seed gives byte-identical files.\n"
        "With --embed FASTA, writes instead that FASTA's records in flanks, as one FASTA.");
    cmd->add_option("-n,--num-sequences", c.num_sequences, "Number of sequences")
        ->check(positive_number())
        ->capture_default_str();
    cmd->add_option("-L,--length", c.length, "Length of each sequence (bp)")
        ->check(positive_number())
        ->capture_default_str();
    cmd->add_option("--motifs", options->motifs,
                    "TOML manifest of the motifs to plant (default: the shipped motifs/default.toml; - for stdin, its matrix files relative to the working directory)")
        ->type_name("FILE");
    cmd->add_option("--min-motifs", c.min_motifs, "Fewest motif instances per sequence")
        ->check(non_negative_number())
        ->capture_default_str();
    cmd->add_option("--max-motifs", c.max_motifs, "Most motif instances per sequence")
        ->check(non_negative_number())
        ->capture_default_str();
    cmd->add_option("--noise", c.noise, "Standard deviation of the Gaussian noise added to the label")
        ->check(number_within({0, 1000, false, false, "far beyond any signal of the planted motifs"}))
        ->capture_default_str();
    cmd->add_option("--gc", c.gc, "GC content of the background, strictly between 0 and 1")
        ->check(number_within({0, 1, true, true}))
        ->capture_default_str();
    add_choice_option(*cmd, "--sample-instances", c.sampling,
                      {{"consensus", InstanceSampling::consensus}, {"pwm", InstanceSampling::pwm}},
                      "Plant each motif's consensus, or draws from its matrix that count as "
                      "occurrences");
    add_choice_option(*cmd, "--combine", c.rule,
                      {{"noisy-or", LabelRule::noisy_or}, {"sum", LabelRule::sum},
                       {"mean", LabelRule::mean}},
                      "Label from the planted strengths s: noisy-or 1-prod(1-s), sum, or mean");
    cmd->add_option("--hit-pvalue", c.hit_pvalue,
                    "PWM p-value at which a window counts as a motif occurrence (never stricter "
                    "than the consensus)")
        ->check(open_unit_interval())
        ->capture_default_str();
    // Every option so far but --help is the simulation's, and --embed excludes it.
    const std::vector<CLI::Option*> simulation_options =
        cmd->get_options([cmd](const CLI::Option* option) { return option != cmd->get_help_ptr(); });
    add_embed_options(*cmd, options->embed, simulation_options);
    add_common_options(*cmd, options->common,
                       "Prefix of the three output files (required); with --embed, the FASTA file to write "
                       "(default: standard output)");
    const CLI::Option* embed = cmd->get_option("--embed");
    cmd->callback([options, embed]() { embed->count() > 0 ? run_embed(*options) : run_simulate(*options); });
}

}  // namespace gsattn::cli
