#include "cli/setting_overrides.hpp"

#include "cli/common.hpp"
#include "gsattn/model_config.hpp"
#include "gsattn/pwm_config.hpp"
#include "gsattn/train_config.hpp"

namespace gsattn::cli {

void add_setting_options(CLI::App& cmd, SettingOverrides& o) {
    const std::string model = "Model";
    const std::string train = "Training";
    o.add_fields(cmd, model_fields(), &ExperimentConfig::model, model);
    cmd.add_option_function<std::string>(
           "--approximator",
           [&o](const std::string& v) { o.add_raw([a = parse_approximator(v)](ExperimentConfig& s) { s.model.approximator = a; }); },
           "sparse: what mixes the kept positions")
        ->check(CLI::IsMember({"mlp", "attention"}))->default_str("mlp")->group(model);
    cmd.add_option_function<std::string>(
           "--approximate-heads",
           [&o](const std::string& v) { o.add_raw([v](ExperimentConfig& s) { s.model.approximate_heads = v; }); },
           "topk: the heads a HeadApproximator (an MLP from the K chosen values) computes instead of exact "
           "attention over the K keys: head numbers from 0 separated by commas, all or none")
        ->type_name("LIST")
        ->default_str("0")
        ->group(model);
    cmd.add_option_function<std::string>(
           "--spacer",
           [&o](const std::string& v) {
               o.add_raw([range = parse_spacer(v)](ExperimentConfig& s) {
                   std::tie(s.model.pwm.spacer_min, s.model.pwm.spacer_max) = range;
               });
           },
           "pwm: bases between the end of one motif and the start of the next in a pair, MIN-MAX")
        ->type_name("MIN-MAX")
        ->check(parsed_by(parse_spacer, "MIN-MAX"))
        ->default_str("15-19")
        ->group(model);

    o.add_fields(cmd, train_fields(), &ExperimentConfig::train, train);
    cmd.add_flag_callback(
           "--no-rc", [&o]() { o.add_raw([](ExperimentConfig& s) { s.train.reverse_complement = false; }); },
           "Train and predict on the given strand only (no reverse-complement augmentation)")
        ->group(train);
    cmd.add_option_function<std::string>(
           "--teacher", [&o](const std::string& v) { o.add_raw([v](ExperimentConfig& s) { s.train.teacher = v; }); },
           "topk: distil from this trained full model of the same stem, heads and head: the student starts from "
           "its weights, its KeySelector learns the teacher's attention and its HeadApproximators the teacher's "
           "heads, besides the task; the metrics file reports how close it came")
        ->type_name("FILE")
        ->group(train);
    cmd.add_option_function<std::string>(
           "--task", [&o](const std::string& v) { o.add_raw([t = parse_task(v)](ExperimentConfig& s) { s.train.task = t; }); },
           "regression (any real labels, standardised) or classification (0/1 labels)")
        ->check(CLI::IsMember({"regression", "classification"}))->default_str("regression")->group(train);
}

}  // namespace gsattn::cli
