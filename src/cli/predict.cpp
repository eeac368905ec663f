// gsattn predict: its options and command line. The run needs LibTorch and
// is in the module (predict_run.cpp), loaded when the command runs.
#include <memory>

#include "cli/common.hpp"
#include "cli/predict_options.hpp"
#include "cli/torch_commands.hpp"
#include "gsattn/output_file.hpp"
#include "gsattn/shipped_models.hpp"

namespace gsattn::cli {
namespace {

// --list-models: name, title and file of each shipped model, as TSV.
void list_models(const PredictOptions& o) {
    OutputFile out(o.common.output);
    out.set_header("name\tdescription\tfile\tcard\n");
    for (const ShippedModel& m : shipped_models()) out.print("{}\t{}\t{}\t{}\n", m.name, m.title, m.path, m.card);
    commit_all({&out});
}

}  // namespace

void register_predict(CLI::App& app) {
    auto o = std::make_shared<PredictOptions>();
    CLI::App* cmd = app.add_subcommand("predict", "Predict regulatory strength for sequences, regions or windows");
    cmd->footer(
        "Output: with --fasta, TSV 'name<TAB>prediction'; with --bed, BED6 whose score\n"
        "(column 5) is the model output mapped to 0-1000 and a 7th column with the\n"
        "prediction; with --window/--step, a bedGraph sorted by sequence name, each\n"
        "window's value on the step-wide interval at its centre. Predictions are the\n"
        "mean of both strands, in label units (probabilities for classification).\n"
        "To split a genome scan into jobs, give each job --shard I/N or its own --regions;\n"
        "the jobs' outputs, concatenated and sorted with LC_ALL=C sort -k1,1 -k2,2n,\n"
        "are the one-job output byte for byte. With --vcf, the output is the input VCF\n"
        "with INFO fields added (see --vcf); shards of a VCF are batches of records,\n"
        "gathered with bcftools concat --naive and bcftools sort.");
    cmd->add_option("-m,--model", o->model,
                    "Model file from gsattn train, or a shipped model's name (--list-models; - for stdin)");
    cmd->add_flag("--list-models", o->list_models,
                  "List the shipped models (name, description, model file, model card) and exit");
    cmd->add_option("--fasta", o->fasta, "Sequences (FASTA, plain or gzip; - for stdin)");
    cmd->add_option("--bed", o->bed, "Regions of --reference (BED; strand-aware; - for stdin)");
    cmd->add_option("--reference", o->reference, "Indexed reference FASTA for --bed and --vcf");
    cmd->add_option("--window", o->window,
                    "Predict windows of this many bp along each record (with --step); with --vcf, the width of "
                    "each variant's window (default: the median length of the model's training sequences)")
        ->check(positive_number());
    cmd->add_option("--step", o->step, "Distance between window starts (bp)")->check(positive_number());
    cmd->add_option("--max-n", o->max_n,
                    "With --window: leave out windows whose share of N (assembly gaps; soft-masked bases with "
                    "--mask-lowercase) is above this; they are not computed and not written, so a track shows "
                    "a gap there")
        ->check(CLI::Range(0.0, 1.0))
        ->capture_default_str();
    add_mask_lowercase_option(*cmd, o->soft_masked);
    cmd->add_option("--batch-size", o->batch_size,
                    "Sequences per batch, VCF records per batch with --vcf, or with --window windows per batch "
                    "(one pass of the scan)")
        ->check(positive_number())
        ->default_str(fmt::format("{}; {} with --window", kSequenceBatch, kWindowBatch));
    add_shard_selection_options(*cmd, o->shards,
                                "batch of --batch-size records (--fasta, --vcf) or windows (--window), or region "
                                "(--bed)",
                                "Only the windows (--window) or --bed regions whose output interval starts inside "
                                "these regions, or the --vcf records whose POS is inside them (BED; - for stdin)");
    const std::string ism = "In-silico mutagenesis";
    cmd->add_option("--ism", o->ism,
                    "Predict every single-base substitution of each sequence and write one value per base "
                    "(--ism-stat) as a bedGraph: record name and offset with --fasta, reference coordinates "
                    "with --bed; with --window, each base's effect on the window whose value is reported on it "
                    "(the step-wide interval at the window's centre; bases no window reports have none)")
        ->type_name("BEDGRAPH")
        ->group(ism);
    cmd->add_option_function<std::string>(
           "--ism-stat", [o](const std::string& text) { o->ism_stat = parse_ism_stat(text); },
           "The value of a base: mean = the mean of (mutant - sequence) over its three substitutions, "
           "negative where the base raises the prediction; maxabs = the largest |mutant - sequence|")
        ->check(CLI::IsMember({"mean", "maxabs"}))
        ->default_str("mean")
        ->group(ism);
    cmd->add_option("--ism-matrix", o->ism_matrix,
                    "Write each substitution's effect (mutant - sequence, label units) as TSV: name, 1-based "
                    "position (in the record with --window), ref, A, C, G, T (0 under the reference base)")
        ->type_name("TSV")
        ->group(ism);
    const std::string variants = "Variant effects";
    cmd->add_option("--vcf", o->vcf,
                    "Variants of --reference (VCF, gzip/BGZF VCF or BCF; - for stdin): predict the reference "
                    "window centred on each variant (--window) and the same window with each ALT allele in place "
                    "of REF (filled or cut on the right to the same width), and write the VCF with INFO "
                    "GSATTN_REF, GSATTN_ALT, GSATTN_DIFF (alt - ref) and, for classification models, "
                    "GSATTN_LOGODDS_DIFF added to --output: BCF for *.bcf, BGZF (tabix -p vcf) for *.gz, VCF text "
                    "otherwise. Symbolic, breakend and * ALT alleles, and windows that would pass a chromosome "
                    "end, get no score and a flag (GSATTN_SKIPPED_ALT, GSATTN_NEAR_END)")
        ->type_name("VCF")
        ->group(variants);
    cmd->add_option("--vcf-summary", o->vcf_summary,
                    "With --vcf, also write one row per record and ALT allele, in the input's order: chrom, pos, "
                    "id, ref, alt, ref_score, alt_score, diff, log_odds_diff (classification models only), status "
                    "(scored, symbolic, near_end, ref_mismatch); '.' where there is no score")
        ->type_name("TSV")
        ->group(variants);
    cmd->add_flag("--skip-ref-mismatch", o->skip_ref_mismatch,
                  "With --vcf, flag a record whose REF does not match the reference (GSATTN_REF_MISMATCH) and go "
                  "on, instead of stopping with an error naming it")
        ->group(variants);
    add_common_options(*cmd, o->common, "Output file (- for stdout)");
    cmd->callback([o]() {
        apply_common_options(o->common);  // before LibTorch loads, so that -v reports it
        if (o->list_models) return list_models(*o);  // needs no LibTorch
        torch_commands().predict(*o);
    });
}

}  // namespace gsattn::cli
