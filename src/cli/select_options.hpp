// The options of gsattn select-positions, shared by its command line
// (select_positions.cpp) and its run in the LibTorch module
// (select_positions_run.cpp).
#pragma once

#include <cstdint>
#include <string>

#include "cli/common.hpp"
#include "gsattn/alphabet.hpp"

namespace gsattn::cli {

struct SelectOptions {
    CommonOptions common;
    std::string model, fasta, bed, reference, scores;
    std::string track_name = "gsattn selected";
    double sparsity = 0;
    int top_k = 0;
    bool merge = false, no_track_line = false;
    std::int64_t merge_gap = 0;
    int batch_size = 64;
    ShardSelection shards;
    SoftMasked soft_masked = SoftMasked::bases;
};

// Runs the command (in the LibTorch module), after the command line's
// callback has applied the common options (apply_common_options).
void run_select_positions(SelectOptions& o);

}  // namespace gsattn::cli
