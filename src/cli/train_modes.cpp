#include "cli/train_modes.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "cli/fold_grouping.hpp"
#include "cli/train_progress.hpp"
#include "gsattn/json.hpp"
#include "gsattn/log.hpp"
#include "gsattn/metrics.hpp"
#include "gsattn/models/model_file.hpp"
#include "gsattn/output_file.hpp"
#include "gsattn/text.hpp"

namespace gsattn::cli {
namespace {

std::string describe(const Evaluation& e, const char* set) {
    if (const auto& c = e.classification)
        return fmt::format("{} AUROC = {:.4f}, AUPRC = {:.4f}, MCC at 0.5 = {:.4f}", set, c->auroc, c->auprc,
                           c->at_half.mcc);
    std::string text =
        fmt::format("{} Pearson r = {:.4f}, R2 = {:.4f}", set, e.regression.pearson, e.regression.r2);
    if (e.oracle_ceiling) text += fmt::format(" (oracle ceiling {:.4f})", *e.oracle_ceiling);
    return text;
}

std::string describe(const ExperimentResult& r) { return describe(r.test, "test"); }

ModelInfo model_info(const ExperimentConfig& s, const ExperimentResult& r, const TrainOptions& o,
                     const TrainData& d) {
    ModelInfo info;
    info.config = s.model;
    info.task = s.train.task;
    info.scaling = r.scaling;
    info.label_column = o.label_column.empty() ? "column 2" : o.label_column;
    info.training_data = d.source;
    info.training_crc32 = d.source_crc32;
    info.training_length = median_length(d.examples);
    info.both_strands = s.train.reverse_complement;
    std::ostringstream text;
    text << to_toml(s.train);
    info.train_config_toml = text.str();
    return info;
}

void write_model(const TrainContext& context, const ExperimentConfig& s, const ExperimentResult& r,
                 const std::string& path) {
    OutputFile model_out(path), metrics(path + ".metrics.json");
    write_model_file(model_out, *r.model, model_info(s, r, context.options, context.data));
    metrics.write(to_json(metrics_table(s, r)));
    commit_all({&model_out, &metrics});
}

}  // namespace

std::string fold_model_path(const std::string& output, std::size_t fold) {
    return with_kind(ends_with(output, ".gsattn") ? output : output + ".gsattn", fmt::format("fold{}", fold));
}

std::string with_kind(const std::string& path, const std::string& kind) {
    const std::string ext = ".gsattn";
    if (ends_with(path, ext)) return path.substr(0, path.size() - ext.size()) + "." + kind + ext;
    return path + "." + kind;
}

void train_one(const TrainContext& context, std::size_t index, const ExperimentConfig& given,
               const std::string& path, ExperimentResult* keep) {
    const TrainData& d = context.data;
    const Split split =
        d.explicit_split ? d.split : random_split(d.examples.size(), context.options.split, given.train.seed);
    const ExperimentConfig s = settings_for_split(given, d, split);
    log::info("training {} on {} sequences ({} validation, {} test)", to_string(s.model.kind),
              split.train.size(), split.validation.size(), split.test.size());
    auto [r, trained_now] =
        context.job.run(index, s, d.examples, split, d.clean, progress_reporter(to_string(s.model.kind)));
    if (!trained_now) {
        log::info("{}: {}; written before the run was stopped", to_string(s.model.kind), describe(r));
        if (keep) *keep = std::move(r);
        return;
    }
    write_model(context, s, r, path);
    log::info("{}: {}; {} epochs, {:.1f} s; wrote {} and {}.metrics.json", to_string(s.model.kind), describe(r),
              r.run.epochs_run, r.run.seconds, path, path);
    if (const auto& t = r.distillation)
        log::info("against the teacher (test set, given strand): selector top-1 accuracy {:.3f}, top-K recall {:.3f} "
                  "(the candidates hold the teacher's arg-max key for {:.3f}; its weight {:.3f}, the second's {:.3f}); "
                  "relative error of the outputs {:.3f}, of the approximated heads {:.3f}; Pearson r {:.4f} "
                  "(teacher {:.4f})",
                  t->top1_accuracy, t->topk_recall, t->candidate_recall, t->teacher_first_weight,
                  t->teacher_second_weight, t->output_relative_error, t->head_relative_error, t->student_pearson,
                  t->teacher_pearson);
    if (keep) *keep = std::move(r);
}

void compare(const TrainContext& context, const std::vector<ExperimentConfig>& compared) {
    std::vector<std::pair<std::string, ExperimentResult>> results;
    for (std::size_t i = 0; i < compared.size(); ++i) {
        const ExperimentConfig& s = compared[i];
        const std::string& kind = context.options.compare[i];
        ExperimentResult r;
        train_one(context, results.size(), s, with_kind(context.options.common.output, kind), &r);
        results.emplace_back(kind, std::move(r));
    }
    const ExperimentResult* full = nullptr;
    for (const auto& [kind, r] : results)
        if (kind == "full") full = &r;
    // Retention is of R2 for regression, of AUROC for classification.
    const bool classification = !results.empty() && results.front().second.test.classification;
    const auto retained = [&](const ExperimentResult& r) {
        return classification ? r.test.classification->auroc : r.test.regression.r2;
    };
    fmt::print(classification ? "model\tauroc\tauprc\tmcc\tparameters\tflops_per_seq\tretention\tsavings\n"
                              : "model\ttest_mse\tpearson\tr2\tparameters\tflops_per_seq\tretention\tsavings\n");
    for (const auto& [kind, r] : results) {
        const double retention = full ? retained(r) / retained(*full) : std::nan("");
        const double savings = full ? 1 - r.flops / full->flops : std::nan("");
        const auto& c = r.test.classification;
        const auto& m = r.test.regression;
        fmt::print("{}\t{:.4f}\t{:.4f}\t{:.4f}\t{}\t{:.3g}\t{:.1f}%\t{:.1f}%\n", kind,
                   classification ? c->auroc : m.mse, classification ? c->auprc : m.pearson,
                   classification ? c->at_half.mcc : m.r2, r.parameters, r.flops, 100 * retention, 100 * savings);
    }
    if (!results.empty() && results.front().second.test.oracle_ceiling)
        fmt::print("# oracle ceiling (Pearson r of clean_label vs label, test set): {:.4f}\n",
                   *results.front().second.test.oracle_ceiling);
    std::fflush(stdout);
}

void cross_validate(const TrainContext& context, const ExperimentConfig& s) {
    const TrainOptions& o = context.options;
    const TrainData& d = context.data;
    const FoldGrouping grouping = fold_grouping(o.grouping, d.examples, d.group_column);
    const auto folds = grouping.group_of_record.empty()
                           ? k_fold_splits(d.examples.size(), o.folds, s.train.seed, o.fold_validation)
                           : grouped_k_fold_splits(grouping.group_of_record, o.folds, s.train.seed, o.fold_validation);
    std::vector<double> predictions(d.examples.size()), truth, clean;
    std::vector<int> fold_of(d.examples.size());
    toml::array per_fold;
    for (std::size_t f = 0; f < folds.size(); ++f) {
        log::info("fold {}/{}: training {}", f + 1, folds.size(), to_string(s.model.kind));
        const ExperimentConfig fold_settings = settings_for_split(s, d, folds[f]);
        const auto [r, trained_now] = context.job.run(f, fold_settings, d.examples, folds[f], d.clean,
                                                      progress_reporter(fmt::format("fold {}", f + 1)));
        // A fold finished before a stop wrote its model then.
        if (o.fold_models && trained_now)
            write_model(context, fold_settings, r, fold_model_path(o.common.output, f + 1));
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
    log::info("{}-fold CV, {}; wrote {}.oof.tsv and {}.metrics.json", o.folds, describe(pooled, "out-of-fold"),
              o.common.output, o.common.output);
}

}  // namespace gsattn::cli
