// Turning encoded sequences into padded token tensors for the models.
#pragma once

#include <functional>
#include <vector>

#include <torch/torch.h>

#include "gsattn/alphabet.hpp"

namespace gsattn {

struct TokenBatch {
    torch::Tensor tokens;  // [B, L] int64 Base codes, PAD after each sequence's end
    torch::Tensor mask;    // [B, L] bool, true on real bases
};

// Pads to the longest sequence. With `reverse_complement`, each sequence is
// reverse-complemented first (padding stays at the end).
TokenBatch make_token_batch(const std::vector<const EncodedSequence*>& sequences,
                            bool reverse_complement = false);

// Padded positions one batch may hold: batches of long sequences get fewer
// sequences, so a batch's tensors stay within a few hundred MB whatever L is.
inline constexpr std::size_t kMostBatchPositions = std::size_t{1} << 18;

// Calls `each` on consecutive slices of at most `batch_size` sequences, in
// order, each holding at most kMostBatchPositions padded positions (count x
// longest) unless it is a single sequence.
void for_each_batch(const std::vector<const EncodedSequence*>& sequences, int batch_size,
                    const std::function<void(const std::vector<const EncodedSequence*>&)>& each);

}  // namespace gsattn
