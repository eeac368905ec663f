// gsattn train: train full, sparse, joint, window or pwm models; metrics JSON;
// model file; --compare for the seed study's table; --folds for k-fold CV.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "cli/common.hpp"
#include "cli/fold_grouping.hpp"
#include "cli/train_job.hpp"
#include "cli/train_options.hpp"
#include "gsattn/dataset.hpp"
#include "gsattn/error.hpp"
#include "gsattn/models/experiment.hpp"
#include "gsattn/json.hpp"
#include "gsattn/log.hpp"
#include "gsattn/models/model_file.hpp"
#include "gsattn/motif.hpp"
#include "gsattn/output_file.hpp"
#include "gsattn/pwm_config.hpp"
#include "gsattn/record_groups.hpp"

namespace gsattn::cli {
namespace {

struct TrainOptions {
    CommonOptions common;
    std::string fasta, bed, reference, labels, label_column, config;
    std::string val_fasta, test_fasta;
    std::string model = "sparse";
    std::optional<ModelKind> kind;  // --model, when given
    std::string pwm_motifs;
    std::vector<std::string> pwm_elements;  // --pwm-count-elements
    std::vector<std::string> compare;
    std::string split = "0.7,0.15,0.15";
    int folds = 0;
    double fold_validation = 0;
    FoldGroupingOptions grouping;
    SettingOverrides overrides;
    std::string resume;
};

struct Data {
    std::vector<Example> examples;
    std::vector<double> clean;  // noise-free labels when the labels file has clean_label
    std::vector<std::string> group_column;  // each record's --group-column value, when given
    // --pwm-count-elements: each element's name and its sequence in every record.
    std::vector<std::pair<std::string, std::vector<std::string>>> element_sites;
    Split split;                // set when --val-fasta/--test-fasta give it
    bool explicit_split = false;
    std::string source;
    std::uint32_t source_crc32 = 0;  // read once, stored in every model trained on it
};

// A record in two of the sets (one file given twice, or a copy of it) would
// have the validation or test metrics measured on data the model was fitted
// or chosen on.
void require_disjoint_sets(const Data& d, const TrainOptions& o) {
    const std::pair<const std::vector<std::size_t>*, NamedPath> sets[] = {
        {&d.split.train, {o.fasta.empty() ? "--bed" : "--fasta", d.source}},
        {&d.split.validation, {"--val-fasta", o.val_fasta}},
        {&d.split.test, {"--test-fasta", o.test_fasta}}};
    std::unordered_map<std::string_view, const NamedPath*> set_of;
    for (const auto& [rows, file] : sets) {
        for (const std::size_t row : *rows) {
            const std::string& name = d.examples[row].name;
            const auto [first, fresh] = set_of.try_emplace(name, &file);
            if (!fresh && first->second != &file)
                fail_at(file.path, 0,
                        fmt::format("record '{}' is also in {} {}: the validation and test sets must not share "
                                    "records with the training set or each other",
                                    name, first->second->option, first->second->path));
        }
    }
}

Data load_data(const TrainOptions& o, Task task) {
    require_sequence_source(o.fasta, o.bed, o.reference);
    if (o.val_fasta.empty() != o.test_fasta.empty())
        throw CLI::ValidationError("--val-fasta and --test-fasta go together");
    const LabelTable labels = read_labels(o.labels, o.label_column,
                                          task == Task::classification ? LabelValues::binary : LabelValues::numbers);
    Data d;
    d.source = o.fasta.empty() ? o.bed : o.fasta;
    d.examples = o.fasta.empty() ? load_bed_examples(o.bed, o.reference, labels)
                                 : load_fasta_examples(o.fasta, labels);
    if (!o.val_fasta.empty()) {
        d.explicit_split = true;
        for (std::size_t i = 0; i < d.examples.size(); ++i) d.split.train.push_back(i);
        for (const auto& [file, rows] : {std::pair{o.val_fasta, &d.split.validation},
                                         std::pair{o.test_fasta, &d.split.test}}) {
            for (Example& e : load_fasta_examples(file, labels)) {
                rows->push_back(d.examples.size());
                d.examples.push_back(std::move(e));
            }
        }
        require_disjoint_sets(d, o);
    }
    if (labels.has_column("clean_label")) {
        const LabelTable clean = read_labels(o.labels, "clean_label");
        for (const Example& e : d.examples) d.clean.push_back(clean.at(e.name));
    }
    if (!o.grouping.column.empty()) {
        const LabelTexts groups = read_label_texts(o.labels, o.grouping.column, !labels.header.empty());
        for (const Example& e : d.examples) d.group_column.push_back(groups.at(e.name));
    }
    for (const std::string& name : o.pwm_elements) {
        std::vector<std::string> sites = element_sequences(o.grouping.element_bed, name, d.examples);
        for (const std::string& site : sites)
            if (site.size() != sites.front().size())
                fail_at(o.grouping.element_bed, 0,
                        fmt::format("element '{}' is {} bases long in one record and {} in another: "
                                    "--pwm-count-elements counts one matrix of one width",
                                    name, sites.front().size(), site.size()));
        d.element_sites.emplace_back(name, std::move(sites));
    }
    d.source_crc32 = file_crc32(d.source);
    log::info("read {} labelled sequences from {}", d.examples.size(), d.source);
    return d;
}

// With --pwm-count-elements the pwm's matrices are counted on the training
// records of each split only, so that a test record's own sites never shape
// the matrices it is scored with.
ExperimentConfig settings_for_split(const ExperimentConfig& s, const Data& d, const Split& split) {
    if (d.element_sites.empty() || s.model.kind != ModelKind::pwm) return s;
    ExperimentConfig counted = s;
    counted.model.pwm.motifs.clear();
    for (const auto& [name, sites] : d.element_sites)
        counted.model.pwm.motifs.push_back(weight_matrix(motif_from_sites(name, sites, split.train)));
    return counted;
}

TrainingProgress progress_reporter(const std::string& what) {
    TrainingProgress p;
    if (log::level() == log::Level::quiet) return p;
    if (log::stderr_is_terminal()) {
        p.batch = [what](int epoch, int batch, int batches) {
            const int width = 30, filled = width * batch / batches;
            std::fprintf(stderr, "\rgsattn: %s epoch %d [%s%s] %d/%d", what.c_str(), epoch,
                         std::string(filled, '#').c_str(), std::string(width - filled, '.').c_str(), batch,
                         batches);
            std::fflush(stderr);
        };
    }
    p.start = [what](int start, int starts, const TrainingRun& run) {
        log::info("{} start {}/{}: best validation loss {:.4f} in {} epochs", what, start, starts,
                  run.best_validation_loss, run.epochs_run);
    };
    p.epoch = [what](const EpochReport& r) {
        log::clear_progress_line();
        if (log::level() >= log::Level::normal)
            log::write(fmt::format("{} epoch {}: train loss {:.4f}, validation loss {:.4f}{}", what, r.epoch,
                                   r.train_loss, r.validation_loss, r.improved ? " *" : ""));
    };
    return p;
}

std::string describe(const ExperimentResult& r) {
    std::string text = fmt::format("test Pearson r = {:.4f}, R2 = {:.4f}", r.test.regression.pearson,
                                   r.test.regression.r2);
    if (r.test.oracle_ceiling) text += fmt::format(" (oracle ceiling {:.4f})", *r.test.oracle_ceiling);
    return text;
}

ModelInfo model_info(const ExperimentConfig& s, const ExperimentResult& r, const TrainOptions& o,
                     const Data& d) {
    ModelInfo info;
    info.config = s.model;
    info.task = s.train.task;
    info.scaling = r.scaling;
    info.label_column = o.label_column.empty() ? "column 2" : o.label_column;
    info.training_data = d.source;
    info.training_crc32 = d.source_crc32;
    info.both_strands = s.train.reverse_complement;
    std::ostringstream text;
    text << to_toml(s.train);
    info.train_config_toml = text.str();
    return info;
}

// "x.gsattn" + "full" -> "x.full.gsattn"; other names get ".full" appended.
std::string with_kind(const std::string& path, const std::string& kind) {
    const std::string ext = ".gsattn";
    if (path.size() > ext.size() && path.compare(path.size() - ext.size(), ext.size(), ext) == 0)
        return path.substr(0, path.size() - ext.size()) + "." + kind + ext;
    return path + "." + kind;
}

// Experiment `index` of the command: trains the model and writes it, unless
// it was written before the run was stopped and resumed.
void train_one(TrainJob& job, std::size_t index, const ExperimentConfig& given, const TrainOptions& o, const Data& d,
               const std::string& path, ExperimentResult* keep = nullptr) {
    const Split split = d.explicit_split ? d.split
                                         : random_split(d.examples.size(), parse_split_fractions(o.split),
                                                        given.train.seed);
    const ExperimentConfig s = settings_for_split(given, d, split);
    log::info("training {} on {} sequences ({} validation, {} test)", to_string(s.model.kind),
              split.train.size(), split.validation.size(), split.test.size());
    auto [r, trained_now] =
        job.run(index, s, d.examples, split, d.clean, progress_reporter(to_string(s.model.kind)));
    if (!trained_now) {
        log::info("{}: {}; written before the run was stopped", to_string(s.model.kind), describe(r));
        if (keep) *keep = std::move(r);
        return;
    }
    OutputFile model_out(path), metrics(path + ".metrics.json");
    write_model_file(model_out, *r.model, model_info(s, r, o, d));
    metrics.write(to_json(metrics_table(s, r)));
    commit_all({&model_out, &metrics});
    log::info("{}: {}; {} epochs, {:.1f} s; wrote {} and {}.metrics.json", to_string(s.model.kind), describe(r),
              r.run.epochs_run, r.run.seconds, path, path);
    if (keep) *keep = std::move(r);
}

void cross_validate(TrainJob& job, const ExperimentConfig& s, const TrainOptions& o, const Data& d) {
    const FoldGrouping grouping = fold_grouping(o.grouping, d.examples, d.group_column);
    const auto folds = grouping.group_of_record.empty()
                           ? k_fold_splits(d.examples.size(), o.folds, s.train.seed, o.fold_validation)
                           : grouped_k_fold_splits(grouping.group_of_record, o.folds, s.train.seed, o.fold_validation);
    std::vector<double> predictions(d.examples.size()), truth, predicted, clean;
    std::vector<int> fold_of(d.examples.size());
    toml::array per_fold;
    for (std::size_t f = 0; f < folds.size(); ++f) {
        log::info("fold {}/{}: training {}", f + 1, folds.size(), to_string(s.model.kind));
        const ExperimentConfig fold_settings = settings_for_split(s, d, folds[f]);
        const ExperimentResult r =
            job.run(f, fold_settings, d.examples, folds[f], d.clean, progress_reporter(fmt::format("fold {}", f + 1)))
                .result;
        for (std::size_t i = 0; i < folds[f].test.size(); ++i) {
            predictions[folds[f].test[i]] = r.test_predictions[i];
            fold_of[folds[f].test[i]] = static_cast<int>(f + 1);
        }
        per_fold.push_back(metrics_table(fold_settings, r));
        log::info("fold {}: {}", f + 1, describe(r));
    }
    OutputFile oof(o.common.output + ".oof.tsv");
    oof.write("name\tlabel\tprediction\tfold\n");
    for (std::size_t i = 0; i < d.examples.size(); ++i) {
        oof.print("{}\t{}\t{}\t{}\n", d.examples[i].name, d.examples[i].label, predictions[i], fold_of[i]);
        truth.push_back(d.examples[i].label);
        if (!d.clean.empty()) clean.push_back(d.clean[i]);
    }
    const Evaluation pooled = evaluate(truth, predictions, s.train.task, clean);
    toml::table report{{"model", to_string(s.model.kind)},
                       {"folds", o.folds},
                       {"fold_validation", o.fold_validation},
                       {"grouping", grouping.name},
                       {"groups", static_cast<std::int64_t>(grouping.groups)},
                       {"out_of_fold", evaluation_table(pooled)},
                       {"per_fold", per_fold}};
    OutputFile metrics(o.common.output + ".metrics.json");
    metrics.write(to_json(report));
    commit_all({&oof, &metrics});
    log::info("{}-fold CV, out-of-fold Pearson r = {:.4f}; wrote {}.oof.tsv and {}.metrics.json", o.folds,
              pooled.regression.pearson, o.common.output, o.common.output);
}

// The pwm model's matrices: --pwm-motifs, else those of --config, else the
// shipped σ70 −35 and −10 pair. Read only when a pwm model is trained.
void add_pwm_motifs(ExperimentConfig& s, const TrainOptions& o) {
    if (s.model.kind != ModelKind::pwm) return;
    if (!o.pwm_motifs.empty()) {
        s.model.pwm.motifs = weight_matrices(o.pwm_motifs);
        if (s.model.pwm.motifs.empty()) fail_at(o.pwm_motifs, 0, "no motif in the file");
    } else if (s.model.pwm.motifs.empty()) {
        s.model.pwm.motifs = sigma70_matrices();
    }
}

// The settings of a model of `kind` (or of --model, --config's kind or
// sparse): that kind's defaults, --config's settings over them, then the
// command line's over both.
ExperimentConfig settings_for_kind(const TrainOptions& o, std::optional<ModelKind> kind) {
    ExperimentConfig s = o.config.empty() ? default_experiment_config(kind.value_or(ModelKind::sparse))
                                       : read_experiment_config(o.config, kind);
    if (kind) s.model.kind = *kind;
    o.overrides.apply(s);
    add_pwm_motifs(s, o);
    return s;
}

// --pwm-motifs and --pwm-count-elements only for a run that trains a pwm.
void check_pwm_options(const ExperimentConfig& s, const TrainOptions& o) {
    const bool trains_pwm = s.model.kind == ModelKind::pwm ||
                            std::find(o.compare.begin(), o.compare.end(), "pwm") != o.compare.end();
    if (!o.pwm_elements.empty() && !trains_pwm)
        throw CLI::ValidationError("--pwm-count-elements is for --model pwm (or --compare with pwm)");
    if (!o.pwm_motifs.empty() && !trains_pwm)
        throw CLI::ValidationError("--pwm-motifs is for --model pwm (or --compare with pwm)");
}

// `compared`: the settings of each kind of --compare, in its order.
void compare(TrainJob& job, const std::vector<ExperimentConfig>& compared, const TrainOptions& o, const Data& d) {
    std::vector<std::pair<std::string, ExperimentResult>> results;
    for (std::size_t i = 0; i < compared.size(); ++i) {
        const ExperimentConfig& s = compared[i];
        const std::string& kind = o.compare[i];
        ExperimentResult r;
        train_one(job, results.size(), s, o, d, with_kind(o.common.output, kind), &r);
        results.emplace_back(kind, std::move(r));
    }
    const ExperimentResult* full = nullptr;
    for (const auto& [kind, r] : results)
        if (kind == "full") full = &r;
    fmt::print("model\ttest_mse\tpearson\tr2\tparameters\tflops_per_seq\tretention\tsavings\n");
    for (const auto& [kind, r] : results) {
        const double retention = full ? r.test.regression.r2 / full->test.regression.r2 : std::nan("");
        const double savings = full ? 1 - r.flops / full->flops : std::nan("");
        fmt::print("{}\t{:.4f}\t{:.4f}\t{:.4f}\t{}\t{:.3g}\t{:.1f}%\t{:.1f}%\n", kind, r.test.regression.mse,
                   r.test.regression.pearson, r.test.regression.r2, r.parameters, r.flops, 100 * retention,
                   100 * savings);
    }
    if (!results.empty() && results.front().second.test.oracle_ceiling)
        fmt::print("# oracle ceiling (Pearson r of clean_label vs label, test set): {:.4f}\n",
                   *results.front().second.test.oracle_ceiling);
    std::fflush(stdout);
}

std::int64_t longest_sequence(const std::vector<Example>& examples) {
    std::size_t longest = 0;
    for (const Example& e : examples) longest = std::max(longest, e.bases.size());
    return static_cast<std::int64_t>(longest);
}

// Every file the command may write: checked before training, so that a path
// that cannot be written fails at once rather than after hours.
std::vector<NamedPath> train_outputs(const TrainOptions& o) {
    std::vector<NamedPath> outputs;
    const auto add = [&](const std::string& what, const std::string& path) {
        outputs.push_back({what.empty() ? "--output" : "--output's " + what, path});
    };
    const auto add_model = [&](const std::string& path) {
        add("", path);
        add("metrics", path + ".metrics.json");
    };
    if (o.folds > 0) {
        add("out-of-fold predictions", o.common.output + ".oof.tsv");
        add("metrics", o.common.output + ".metrics.json");
    } else if (!o.compare.empty()) {
        for (const std::string& kind : o.compare) add_model(with_kind(o.common.output, kind));
    } else {
        add_model(o.common.output);
    }
    add("checkpoint", o.common.output + ".ckpt");
    return outputs;
}

// `command`: what a checkpoint records to run again; `resume`: the
// checkpoint this run goes on from, or null.
void run_train(TrainOptions& o, const std::vector<std::string>& command, CheckpointFile* resume) {
    require_output(o.common, "MODEL (the model file; metrics go to MODEL.metrics.json)");
    if (o.labels.empty()) throw CLI::RequiredError("--labels");
    apply_common_options(o.common);
    if (o.folds > 0 && (!o.compare.empty() || !o.val_fasta.empty()))
        throw CLI::ValidationError("--folds cannot be combined with --compare or --val-fasta");
    if (!o.grouping.element_bed.empty() && o.grouping.element.empty() && o.pwm_elements.empty())
        throw CLI::ValidationError("--element-bed is read only for --group-by-element or --pwm-count-elements");
    std::vector<NamedPath> given{{"--fasta", o.fasta},   {"--bed", o.bed},           {"--labels", o.labels},
                                 {"--config", o.config}, {"--val-fasta", o.val_fasta}, {"--test-fasta", o.test_fasta},
                                 {"--pwm-motifs", o.pwm_motifs}, {"--element-bed", o.grouping.element_bed}};
    add_reference_inputs(given, o.reference);
    const std::vector<NamedPath> outputs = train_outputs(o);
    require_distinct_files(given, outputs);
    for (const NamedPath& output : outputs) probe_output(output.path);
    // Training reads an input more than once (the labels twice, every input
    // again for its checksum): one given as "-" is read into a temporary file.
    std::optional<StandardInputCopy> stdin_copy;
    std::string* from_stdin = nullptr;
    for (std::string* path : {&o.fasta, &o.bed, &o.labels, &o.config, &o.val_fasta, &o.test_fasta}) {
        if (*path != "-") continue;
        stdin_copy.emplace();
        *path = stdin_copy->path();
        from_stdin = path;
    }
    const ExperimentConfig settings = settings_for_kind(o, o.kind);
    check_pwm_options(settings, o);
    Data data = load_data(o, settings.train.task);
    std::vector<ExperimentConfig> compared;
    for (const std::string& kind : o.compare) compared.push_back(settings_for_kind(o, parse_model_kind(kind)));
    const std::int64_t longest = longest_sequence(data.examples);
    if (compared.empty()) check_fits_sequences(settings.model, longest);
    for (const ExperimentConfig& s : compared) check_fits_sequences(s.model, longest);
    std::vector<TrainInput> inputs{{data.source, data.source_crc32}};
    for (const std::string* path : {&o.labels, &o.config, &o.val_fasta, &o.test_fasta, &o.pwm_motifs,
                                    &o.grouping.element_bed})
        if (!path->empty()) inputs.push_back({*path, file_crc32(*path)});
    if (from_stdin) {  // the model file and checkpoint name "-", not the temporary copy
        for (TrainInput& input : inputs)
            if (input.path == *from_stdin) input.path = "-";
        if (data.source == *from_stdin) data.source = "-";
        *from_stdin = "-";
    }
    TrainJob job(command, o.common.output + ".ckpt", inputs, resume);
    if (o.folds > 0) cross_validate(job, settings, o, data);
    else if (!o.compare.empty()) compare(job, compared, o, data);
    else train_one(job, 0, settings, o, data, o.common.output);
    job.finish();
}

void add_train_options(CLI::App& cmd, TrainOptions& o);

// --resume CKPT: the checkpoint's command again, parsed as it was given,
// from the directory it ran in. -q and -v may change; nothing else.
void resume_train(const TrainOptions& given, const CLI::App& cmd) {
    for (const CLI::Option* option : cmd.get_options()) {
        if (option->count() == 0 || option->check_lname("resume") || option->check_lname("quiet") ||
            option->check_lname("verbose"))
            continue;
        throw CLI::ValidationError(fmt::format(
            "--resume takes every setting from the checkpoint; {} cannot be given with it", option->get_name()));
    }
    CheckpointFile checkpoint(given.resume);
    const CheckpointHeader& header = checkpoint.header();
    if (header.directory != std::filesystem::current_path().string())
        fail_at(checkpoint.path(), 0,
                fmt::format("this run was started in {}; resume it from there (its paths are relative to it)",
                            header.directory));
    CLI::App replay{"train"};
    TrainOptions o;
    add_train_options(replay, o);
    std::vector<std::string> args(header.command.rbegin(), header.command.rend() - 2);  // without "gsattn train"
    try {
        replay.parse(args);
    } catch (const CLI::ParseError& e) {
        fail_at(checkpoint.path(), 0, std::string("corrupt checkpoint: its command line does not parse: ") + e.what());
    }
    if (given.common.quiet || given.common.verbose) {
        o.common.quiet = given.common.quiet;
        o.common.verbose = given.common.verbose;
    }
    run_train(o, header.command, &checkpoint);
}

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
                   "Train these kinds on the same split, each with its own defaults, e.g. full,sparse,joint,window,pwm")
        ->delimiter(',')
        ->excludes("--model")
        ->check(CLI::IsMember(model_kind_names()))
        ->group(plan);
    cmd.add_option("--split", o.split, "Train, validation, test fractions")
        ->check(parsed_by(parse_split_fractions, "TRAIN,VAL,TEST"))
        ->capture_default_str()
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

}  // namespace

void register_train(CLI::App& app) {
    auto o = std::make_shared<TrainOptions>();
    CLI::App* cmd = app.add_subcommand("train", "Train a full, sparse, joint or window attention model, or a pwm baseline");
    cmd->footer(
        "Writes MODEL (weights + everything needed to use them) and MODEL.metrics.json\n"
        "(test MSE, MAE, Pearson, Spearman, R2, parameters, FLOPs, time, config).\n"
        "--compare trains each kind on the same split, writes MODEL with the kind inserted\n"
        "(x.gsattn -> x.full.gsattn) and prints the comparison table on stdout.\n"
        "--folds K writes MODEL.oof.tsv (out-of-fold predictions) and MODEL.metrics.json.\n"
        "Options given on the command line override --config.\n"
        "SIGINT or SIGTERM (Ctrl-C) stops training after the current batch and saves the\n"
        "state to MODEL.ckpt; --resume MODEL.ckpt goes on from there, from the same\n"
        "directory, and reaches the same model as a run that was never stopped.");
    add_train_options(*cmd, *o);
    cmd->add_option("--resume", o->resume,
                    "Go on from CKPT, the checkpoint a stopped run wrote (MODEL.ckpt), with its settings")
        ->type_name("CKPT")
        ->group("Input");
    cmd->callback([o, cmd]() {
        if (!o->resume.empty()) resume_train(*o, *cmd);
        else run_train(*o, command_line(), nullptr);
    });
}

}  // namespace gsattn::cli
