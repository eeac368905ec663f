// Cutting a list of sequences into the batches a model computes together,
// within a memory budget. Torch-free: a command that only counts batches
// (the shards of predict and select-positions) needs no LibTorch.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "gsattn/alphabet.hpp"

namespace gsattn {

// Padded positions one batch may hold: batches of long sequences get fewer
// sequences, so a batch's tensors stay within a few hundred MB whatever L is.
inline constexpr std::size_t kMostBatchPositions = std::size_t{1} << 18;

// Calls `each` on consecutive slices of at most `batch_size` sequences, in
// order, each holding at most kMostBatchPositions padded positions (count x
// longest) unless it is a single sequence.
void for_each_batch(const std::vector<const EncodedSequence*>& sequences, int batch_size,
                    const std::function<void(const std::vector<const EncodedSequence*>&)>& each);

}  // namespace gsattn
