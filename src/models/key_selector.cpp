#include "gsattn/models/key_selector.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace gsattn {
namespace {

constexpr float kNegativeInfinity = -std::numeric_limits<float>::infinity();

}  // namespace

torch::Tensor gather_positions(const torch::Tensor& values, const torch::Tensor& index) {
    const auto B = index.size(0), L = index.size(1), K = index.size(2), F = values.size(2), N = values.size(1);
    // index_select on one flat row index: gather with an expanded index reads
    // the index F times over, and its backward is slower.
    const auto offsets = torch::arange(B, torch::kLong).mul_(N).view({B, 1, 1});
    return values.reshape({B * N, F}).index_select(0, (index + offsets).reshape({-1})).view({B, L, K, F});
}

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
    const std::int64_t R = keys_per_query;
    const auto tokens = token(x).squeeze(-1);  // [B, L], finite on padding too (masked below)
    const auto globals_count = std::min<std::int64_t>(keys_per_query, L);
    const auto globals = std::get<1>(tokens.masked_fill(~mask, kNegativeInfinity).topk(globals_count, 1));  // [B, G]
    auto [keys, valid] = candidate_keys(mask.sum(1), globals, R, L);
    const auto a = query(x), b = key(x);  // [B, L, r]
    // The band's scores one offset at a time, against the keys shifted into
    // place (zero-padded past the ends, where the candidates are invalid):
    // no [B, L, C, r] gather of the keys' projections.
    const auto padded_b = torch::constant_pad_nd(b, {0, 0, R, R});
    const auto padded_tokens = torch::constant_pad_nd(tokens, {R, R});
    std::vector<torch::Tensor> products;
    for (std::int64_t o = 0; o <= 2 * R; ++o) products.push_back((a * padded_b.narrow(1, o, L)).sum(-1));
    const auto global_b = gather_positions(b, globals.unsqueeze(1)).squeeze(1);  // [B, G, r]
    const auto scale = 1 / std::sqrt(static_cast<double>(rank));
    const auto band_scores = torch::stack(products, 2) * scale + padded_tokens.unfold(1, 2 * R + 1, 1);  // [B, L, 2R + 1]
    const auto global_scores =
        a.bmm(global_b.transpose(1, 2)) * scale + tokens.gather(1, globals).unsqueeze(1);  // [B, L, G]
    const auto scores = torch::cat({band_scores, global_scores}, 2).masked_fill(~valid, kNegativeInfinity);
    return {keys, valid, scores, tokens};
}

KeyChoice KeySelectorImpl::choose(const CandidateScores& scored) const {
    // There are always more candidates (2K + 1 + G) than K: a query's K
    // slots exist whatever its length, and those without a valid candidate
    // come last, marked invalid.
    auto [best, where] = scored.scores.topk(keys_per_query, 2);
    return {scored.keys.gather(2, where), best, scored.valid.gather(2, where)};
}

}  // namespace gsattn
