// From a token selector's per-position logits to the positions it keeps,
// and from kept positions to merged intervals. Torch-free: the logits come
// from Predictor::selector_logits.
#pragma once

#include <cstdint>
#include <vector>

namespace gsattn {

struct KeptPosition {
    std::int64_t position = 0;  // 0-based, in the sequence as scored
    float logit = 0;
    int rank = 0;               // 1 = the highest logit
};

// The k highest logits (ties: the lower position first), in position order.
std::vector<KeptPosition> keep_top(const std::vector<float>& logits, std::int64_t k);

// The selector's score of a logit, 0..1 (the gate the sparse model applies).
double selector_probability(float logit);

struct KeptInterval {
    std::int64_t start = 0, end = 0;  // half-open
    int positions = 0;                 // kept positions inside
    float best_logit = 0;
};

// Kept positions (in position order) whose gaps are at most `gap` unkept
// bases become one interval.
std::vector<KeptInterval> merge_kept(const std::vector<KeptPosition>& kept, std::int64_t gap);

}  // namespace gsattn
