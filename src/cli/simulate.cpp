// gsattn simulate: synthetic sequences with planted motifs, labels, truth BED.
#include <map>
#include <memory>

#include <fmt/format.h>

#include "cli/common.hpp"
#include "gsattn/error.hpp"
#include "gsattn/log.hpp"
#include "gsattn/motif_manifest.hpp"
#include "gsattn/share.hpp"
#include "gsattn/simulate_writer.hpp"

namespace gsattn::cli {
namespace {

struct SimulateOptions {
    CommonOptions common;
    SimulationConfig config;
    std::string motifs;
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
    const double oracle = write_simulation(simulator, files, options.common.threads);
    log::info("wrote {}, {}, {}", files.fasta, files.labels, files.truth_bed);
    log::info("oracle ceiling (Pearson r of clean_label vs label, all sequences): {:.4f}", oracle);
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
        "lists every occurrence. The same seed gives byte-identical files.");
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
    add_common_options(*cmd, options->common, "Prefix of the three output files (required)");
    cmd->callback([options]() { run_simulate(*options); });
}

}  // namespace gsattn::cli
