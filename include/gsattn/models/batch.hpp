// Turning encoded sequences into padded token tensors for the models.
#pragma once

#include <vector>

#include <torch/torch.h>

#include "gsattn/alphabet.hpp"
#include "gsattn/batching.hpp"

namespace gsattn {

struct TokenBatch {
    torch::Tensor tokens;  // [B, L] int64 Base codes, PAD after each sequence's end
    torch::Tensor mask;    // [B, L] bool, true on real bases
};

// Pads to the longest sequence. With `reverse_complement`, each sequence is
// reverse-complemented first (padding stays at the end).
TokenBatch make_token_batch(const std::vector<const EncodedSequence*>& sequences,
                            bool reverse_complement = false);

}  // namespace gsattn
