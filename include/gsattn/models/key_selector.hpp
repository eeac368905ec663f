// The topk model's KeySelector: every query picks its own K keys.
//
// Scoring every key for every query would be quadratic in the length again,
// so each query scores only a candidate set of 2K + 1 + K keys: the local
// band of K positions either side of it, and the K positions of the whole
// sequence that a token scorer ranks highest (the global candidates; one
// that already lies in the band is not offered twice). A candidate's score
// is a low-rank product of the query's and the key's projections (rank r)
// plus the key's token score, so the cost is O(L x 3K x r), linear in L.
// The K best-scoring valid candidates are the query's keys. Padding, and
// band positions past either end, are never candidates.
#pragma once

#include <torch/torch.h>

namespace gsattn {

struct KeyChoice {
    torch::Tensor keys;    // [B, L, K] int64 positions of the chosen keys, best first
    torch::Tensor scores;  // [B, L, K] their selector logits (differentiable), -inf where invalid
    torch::Tensor valid;   // [B, L, K] bool: false only where a query has fewer than K candidates
};

// Rows of `values` [B, N, F] at `index` [B, L, K] (positions of each
// batch row) -> [B, L, K, F].
torch::Tensor gather_positions(const torch::Tensor& values, const torch::Tensor& index);

// The candidate keys of each of `length` queries: [B, L, C] int64 positions
// (C = 2 radius + 1 + G) and [B, L, C] bool validity (false for padded
// queries too). globals: [B, G] int64 positions (the token scorer's best);
// lengths: [B] real bases.
std::pair<torch::Tensor, torch::Tensor> candidate_keys(const torch::Tensor& lengths, const torch::Tensor& globals,
                                                       std::int64_t radius, std::int64_t length);

// Every candidate's score, before the choice.
struct CandidateScores {
    torch::Tensor keys;    // [B, L, C] int64 candidate positions
    torch::Tensor valid;   // [B, L, C] bool
    torch::Tensor scores;  // [B, L, C] logits, -inf where invalid
    torch::Tensor tokens;  // [B, L] the token scorer's logits (finite on padding too)
};

struct KeySelectorImpl : torch::nn::Module {
    KeySelectorImpl(int dim, int rank, int keys_per_query);
    // x: [B, L, d] features; mask: [B, L] true on real bases.
    KeyChoice forward(const torch::Tensor& x, const torch::Tensor& mask) { return choose(candidates(x, mask)); }
    CandidateScores candidates(const torch::Tensor& x, const torch::Tensor& mask);
    // The K best-scoring candidates of every query.
    KeyChoice choose(const CandidateScores& scored) const;

    torch::nn::Linear query{nullptr}, key{nullptr}, token{nullptr};
    int rank = 8;
    int keys_per_query = 16;
};
TORCH_MODULE(KeySelector);

}  // namespace gsattn
