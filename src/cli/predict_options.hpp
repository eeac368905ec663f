// The options of gsattn predict, shared by its command line (predict.cpp)
// and its run in the LibTorch module (predict_run.cpp).
#pragma once

#include <cstdint>
#include <string>

#include "cli/common.hpp"
#include "gsattn/alphabet.hpp"
#include "gsattn/mutagenesis.hpp"

namespace gsattn::cli {

// Default batch sizes. A batch of windows is one pass of a scan, which shares
// the stem between overlapping windows (SequenceModelImpl::window_outputs),
// so the more windows the less is computed twice.
inline constexpr int kSequenceBatch = 64;
inline constexpr int kWindowBatch = 4096;

struct PredictOptions {
    CommonOptions common;
    std::string model, fasta, bed, reference;
    std::string vcf, vcf_summary;  // --vcf, --vcf-summary: variant effects
    bool skip_ref_mismatch = false;
    std::int64_t window = 0, step = 0;
    double max_n = 0.1;
    int batch_size = 0;  // 0: kSequenceBatch, or kWindowBatch with --window
    ShardSelection shards;
    std::string ism, ism_matrix;  // --ism, --ism-matrix: in-silico mutagenesis outputs
    IsmStat ism_stat = IsmStat::mean;
    bool list_models = false;
    SoftMasked soft_masked = SoftMasked::bases;
};

// Runs the command (in the LibTorch module), after the command line's
// callback has applied the common options (apply_common_options).
void run_predict(PredictOptions& o);

}  // namespace gsattn::cli
