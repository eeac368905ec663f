#include "gsattn/models/key_selector.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace gsattn {
namespace {

constexpr float kNegativeInfinity = -std::numeric_limits<float>::infinity();

// Rows of `values` [B, L, F] at `index` [B, L, C] of each batch row -> [B, L, C, F].
torch::Tensor gather_rows(const torch::Tensor& values, const torch::Tensor& index) {
    const auto B = index.size(0), L = index.size(1), C = index.size(2), F = values.size(2);
    const auto flat = index.reshape({B, L * C, 1}).expand({B, L * C, F});
    return values.gather(1, flat).view({B, L, C, F});
}

}  // namespace

std::pair<torch::Tensor, torch::Tensor> candidate_keys(const torch::Tensor& lengths, const torch::Tensor& globals,
                                                       std::int64_t radius, std::int64_t length) {
    const auto B = globals.size(0);
    const auto query = torch::arange(length, torch::kLong).view({1, length, 1});
    const auto length_of = lengths.to(torch::kLong).view({B, 1, 1});
    const auto band = query + torch::arange(-radius, radius + 1, torch::kLong).view({1, 1, 2 * radius + 1});
    const auto band_valid = (band >= 0) & (band < length_of);
    const auto global = globals.view({B, 1, -1}).expand({B, length, globals.size(1)});
    const auto global_valid = (global < length_of) & ((global - query).abs() > radius);
    auto keys = torch::cat({band.clamp(0, std::max<std::int64_t>(length - 1, 0)).expand({B, length, -1}), global}, 2);
    auto valid = torch::cat({band_valid.expand({B, length, -1}), global_valid}, 2);
    return {keys, valid & (query < length_of)};
}

KeySelectorImpl::KeySelectorImpl(int dim, int rank_, int keys) : rank(rank_), keys_per_query(keys) {
    query = register_module("query", torch::nn::Linear(dim, rank));
    key = register_module("key", torch::nn::Linear(dim, rank));
    token = register_module("token", torch::nn::Linear(dim, 1));
}

CandidateScores KeySelectorImpl::candidates(const torch::Tensor& x, const torch::Tensor& mask) {
    const auto L = x.size(1);
    const auto tokens = token(x);  // [B, L, 1], finite everywhere so that gathered padding has no -inf
    const auto globals_count = std::min<std::int64_t>(keys_per_query, L);
    const auto globals =
        std::get<1>(tokens.squeeze(-1).masked_fill(~mask, kNegativeInfinity).topk(globals_count, 1));  // [B, G]
    auto [keys, valid] = candidate_keys(mask.sum(1), globals, keys_per_query, L);
    const auto a = query(x).unsqueeze(2);          // [B, L, 1, r]
    const auto b = gather_rows(key(x), keys);      // [B, L, C, r]
    const auto t = gather_rows(tokens, keys).squeeze(-1);  // [B, L, C]
    const auto scores =
        ((a * b).sum(-1) / std::sqrt(static_cast<double>(rank)) + t).masked_fill(~valid, kNegativeInfinity);
    return {keys, valid, scores, tokens.squeeze(-1)};
}

KeyChoice KeySelectorImpl::choose(const CandidateScores& scored) const {
    // There are always more candidates (2K + 1 + G) than K: a query's K
    // slots exist whatever its length, and those without a valid candidate
    // come last, marked invalid.
    auto [best, where] = scored.scores.topk(keys_per_query, 2);
    return {scored.keys.gather(2, where), best, scored.valid.gather(2, where)};
}

}  // namespace gsattn
