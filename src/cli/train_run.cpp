// gsattn train, the run: train full, sparse, joint, window, topk or pwm
// models; metrics JSON; model file; --compare for the seed study's table;
// --folds for k-fold CV. Part of the LibTorch module. The data it reads is
// in train_data.cpp, its three modes in train_modes.cpp, its options in
// train_options.cpp and its command line in train.cpp.

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>

#include "cli/common.hpp"
#include "cli/train_data.hpp"
#include "cli/train_job.hpp"
#include "cli/train_modes.hpp"
#include "cli/train_options.hpp"
#include "gsattn/error.hpp"
#include "gsattn/log.hpp"
#include "gsattn/motif.hpp"
#include "gsattn/output_file.hpp"
#include "gsattn/pwm_config.hpp"

namespace gsattn::cli {
namespace {

// Flanks and crops move a sequence's bases between bins, and the reverse
// strand puts them in the mirrored bins: allowed, but rarely what is meant.
void warn_if_bins_blurred(const ExperimentConfig& s) {
    if (s.model.position_bins == 1 || s.model.kind == ModelKind::pwm) return;
    if (s.train.augment_length > 0 || s.train.augment_crop > 0)
        log::warning("{}: --position-bins {} with flank augmentation (--augment-length {}, --augment-crop {}) moves "
                     "each sequence's bases between bins; for aligned sequences use --augment-length 0 "
                     "--augment-crop 0",
                     to_string(s.model.kind), s.model.position_bins, s.train.augment_length, s.train.augment_crop);
    if (s.train.reverse_complement)
        log::warning("{}: --position-bins {} with both strands: the reverse strand's bins are mirrored; for "
                     "stranded, aligned sequences (e.g. around a TSS) use --no-rc",
                     to_string(s.model.kind), s.model.position_bins);
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
        if (o.fold_models)
            for (int fold = 1; fold <= o.folds; ++fold) add_model(fold_model_path(o.common.output, fold));
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
    TrainData data = load_train_data(o, settings.train.task);
    std::vector<ExperimentConfig> compared;
    for (const std::string& kind : o.compare) compared.push_back(settings_for_kind(o, parse_model_kind(kind)));
    const std::int64_t longest = longest_sequence(data.examples);
    for (const ExperimentConfig& s : compared.empty() ? std::vector<ExperimentConfig>{settings} : compared) {
        check_fits_sequences(s.model, longest);
        warn_if_bins_blurred(s);
    }
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
    const TrainContext context{job, o, data};
    if (o.folds > 0) cross_validate(context, settings);
    else if (!o.compare.empty()) compare(context, compared);
    else train_one(context, 0, settings, o.common.output);
    job.finish();
}

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

}  // namespace

void run_train_command(TrainOptions& o, const CLI::App& command) {
    if (!o.resume.empty()) resume_train(o, command);
    else run_train(o, command_line(), nullptr);
}

}  // namespace gsattn::cli
