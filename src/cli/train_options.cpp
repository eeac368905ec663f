#include "cli/train_options.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "gsattn/split.hpp"

namespace gsattn::cli {

void add_train_options(CLI::App& cmd, TrainOptions& o) {
    const std::string input = "Input";
    cmd.add_option("--fasta", o.fasta, "Training sequences (FASTA, plain or gzip; - for stdin)")->group(input);
    cmd.add_option("--bed", o.bed, "Training regions (BED) of --reference (- for stdin)")->group(input);
    cmd.add_option("--reference", o.reference, "Indexed reference FASTA for --bed")->group(input);
    cmd.add_option("--labels", o.labels, "Labels TSV: name, value[, more columns] (required; - for stdin)")->group(input);
    cmd.add_option("--label-column", o.label_column, "Label column by header name or number (default: 2)")
        ->group(input);
    cmd.add_option("--val-fasta", o.val_fasta,
                   "Validation sequences (instead of --split; sharing no record with --fasta; - for stdin)")
        ->group(input);
    cmd.add_option("--test-fasta", o.test_fasta,
                   "Test sequences (instead of --split; sharing no record with --fasta or --val-fasta; - for stdin)")
        ->group(input);
    cmd.add_option("--config", o.config, "TOML file with [model] and [train] settings (- for stdin)")->group(input);
    const std::string plan = "Experiment";
    // Given, it overrides the kind of --config; not given, the file's kind or sparse.
    cmd.add_option("--model", o.model, "Model kind")
        ->check(CLI::IsMember(model_kind_names()))
        ->each([&o](const std::string& kind) { o.kind = parse_model_kind(kind); })
        ->capture_default_str()
        ->group(plan);
    cmd.add_option("--compare", o.compare,
                   "Train these kinds on the same split, each with its own defaults, e.g. full,sparse,joint,window,topk,pwm")
        ->delimiter(',')
        ->excludes("--model")
        ->check(CLI::IsMember(model_kind_names()))
        ->group(plan);
    cmd.add_option_function<std::string>(
           "--split", [&o](const std::string& text) { o.split = parse_split_fractions(text); },
           "Train, validation, test fractions")
        ->check(parsed_by(parse_split_fractions, "TRAIN,VAL,TEST"))
        ->default_str(fmt::format("{}", fmt::join(o.split, ",")))
        ->group(plan);
    cmd.add_option("--folds", o.folds, "K-fold cross-validation (K >= 3) instead of one split")
        ->check(CLI::Range(3, 1000))
        ->group(plan);
    cmd.add_option("--fold-validation", o.fold_validation,
                    "With --folds: validate on this fraction of the records outside the test fold, drawn by "
                    "--seed, instead of on the next fold (0 = the next fold)")
        ->check(number_within({0, 0.95}))
        ->needs("--folds")
        ->capture_default_str()
        ->group(plan);
    cmd.add_flag("--fold-models", o.fold_models,
                 "With --folds: also write each fold's model, MODEL.foldN.gsattn with its .metrics.json, e.g. to "
                 "select positions on the records each one did not train on (fold N in MODEL.oof.tsv)")
        ->needs("--folds")
        ->group(plan);
    add_fold_grouping_options(cmd, o.grouping, plan);
    cmd.add_option("--pwm-motifs", o.pwm_motifs,
                   "pwm: JASPAR or MEME motifs to score with, in order; each consecutive pair is also scored "
                   "(default: the shipped sigma70 -35 and -10 matrices)")
        ->type_name("FILE")
        ->group("Model");
    cmd.add_option("--pwm-count-elements", o.pwm_elements,
                   "pwm: instead of --pwm-motifs, count each matrix from these elements of --element-bed "
                   "(e.g. minus35,minus10), on the training records only (each fold's, with --folds)")
        ->delimiter(',')
        ->type_name("NAME,...")
        ->excludes("--pwm-motifs")
        ->needs("--element-bed")
        ->group("Model");
    add_setting_options(cmd, o.overrides);
    add_common_options(cmd, o.common, "Model file to write (required)");
    // Given, it overrides the seed of --config.
    cmd.get_option("--seed")->each([&o](const std::string&) {
        o.overrides.add_raw([&o](ExperimentConfig& s) { s.train.seed = o.common.seed; });
    });
}

}  // namespace gsattn::cli
