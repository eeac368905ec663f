// gsattn train: its command line. Training needs LibTorch and runs in the
// module (train_run.cpp), loaded when the command runs; the options are in
// train_options.cpp.
#include <memory>

#include "cli/common.hpp"
#include "cli/torch_commands.hpp"
#include "cli/train_options.hpp"

namespace gsattn::cli {

void register_train(CLI::App& app) {
    auto o = std::make_shared<TrainOptions>();
    CLI::App* cmd = app.add_subcommand("train", "Train a full, sparse, joint, window or topk attention model, or a pwm baseline");
    cmd->footer(
        "Writes MODEL (weights + everything needed to use them) and MODEL.metrics.json\n"
        "(test MSE, MAE, Pearson, Spearman, R2 -- for classification also AUROC, AUPRC and\n"
        "sensitivity, specificity, accuracy and MCC at 0.5 -- parameters, FLOPs, time, config).\n"
        "--compare trains each kind on the same split, writes MODEL with the kind inserted\n"
        "(x.gsattn -> x.full.gsattn) and prints the comparison table on stdout.\n"
        "--folds K writes MODEL.oof.tsv (out-of-fold predictions) and MODEL.metrics.json\n"
        "(and with --fold-models each fold's model, MODEL.foldN.gsattn).\n"
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
        apply_common_options(o->common);  // before LibTorch loads, so that -v reports it
        torch_commands().train(*o, *cmd);
    });
}

}  // namespace gsattn::cli
