// gsattn select-positions: its options and command line. The run needs
// LibTorch and is in the module (select_positions_run.cpp), loaded when the
// command runs.
#include <memory>

#include "cli/common.hpp"
#include "cli/select_options.hpp"
#include "cli/torch_commands.hpp"
#include "gsattn/bed.hpp"

namespace gsattn::cli {
namespace {

// A name for the track line: it is written between quotes on one line.
CLI::Validator track_line_text() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            if (fits_track_line(text)) return {};
            return "must hold no '\"', tab, newline or other control character (it is written as "
                   "name=\"...\" on the track line)";
        },
        "TEXT");
}

}  // namespace

void register_select_positions(CLI::App& app) {
    auto o = std::make_shared<SelectOptions>();
    CLI::App* cmd = app.add_subcommand("select-positions", "BED track of the positions the token selector keeps");
    cmd->footer(
        "Output: BED6 with an IGV track line (useScore=1), sorted by sequence name\n"
        "and start, 0-based half-open. One line per kept position (name = its rank in\n"
        "its sequence, 1 = highest score) or, with --merge, per run of kept positions\n"
        "(name = positions merged, score = the best of them). Score = the selector's\n"
        "score (the gate the sparse model applies, 0..1) x 1000. Positions are those\n"
        "the selector keeps on the strand given (the FASTA record as written, or the\n"
        "BED region's strand); with --bed, coordinates are genomic and a minus-strand\n"
        "region's positions are mapped back onto the forward strand. Only models with\n"
        "a selector have positions to select: sparse (its token selector) and topk,\n"
        "whose positions are the keys its queries chose most often (score = about the\n"
        "share of the sequence's queries that chose it).\n"
        "To split the work into jobs, give each job --shard I/N or its own --regions\n"
        "and --no-track-line; the jobs' outputs, concatenated and sorted with\n"
        "LC_ALL=C sort -k1,1 -k2,2n, are the one-job output byte for byte.");
    cmd->add_option("-m,--model", o->model, "Model file from gsattn train, or a shipped model's name (a sparse or topk model; "
                    "- for stdin)")
        ->required();
    cmd->add_option("--fasta", o->fasta, "Sequences (FASTA, plain or gzip; - for stdin)");
    cmd->add_option("--bed", o->bed, "Regions of --reference (BED; strand-aware; - for stdin)");
    cmd->add_option("--reference", o->reference, "Indexed reference FASTA for --bed");
    auto* top_k = cmd->add_option("--top-k", o->top_k, "Keep K positions per sequence (default: the model's)")
                      ->check(positive_number());
    cmd->add_option("--sparsity", o->sparsity, "Keep this fraction of each sequence (default: the model's)")
        ->check(open_unit_interval())
        ->excludes(top_k);
    auto* merge = cmd->add_flag("--merge", o->merge, "One line per run of kept positions");
    cmd->add_option("--merge-gap", o->merge_gap, "With --merge: join runs at most N unkept bases apart")
        ->check(non_negative_number())
        ->needs(merge)
        ->capture_default_str();
    cmd->add_option("--track-name", o->track_name, "Name of the IGV track (no '\"', tab or newline)")
        ->check(track_line_text())
        ->capture_default_str();
    cmd->add_flag("--no-track-line", o->no_track_line,
                  "Write no IGV track line (for outputs that are concatenated, e.g. shards)");
    cmd->add_option("--scores", o->scores,
                    "Also write every position's selector score (0..1) as bedGraph (- for stdout)");
    add_shard_selection_options(*cmd, o->shards, "batch of --batch-size records (--fasta), or region (--bed)",
                           "Only the positions (with --merge, runs) that start inside these regions (BED; - for "
                           "stdin); sequences that overlap none are not scored");
    cmd->add_option("--batch-size", o->batch_size, "Sequences per batch")->check(positive_number())
        ->capture_default_str();
    add_mask_lowercase_option(*cmd, o->soft_masked);
    add_common_options(*cmd, o->common, "Output BED file (- for stdout)");
    cmd->callback([o]() {
        apply_common_options(o->common);  // before LibTorch loads, so that -v reports it
        torch_commands().select_positions(*o);
    });
}

}  // namespace gsattn::cli
