#include "gsattn/models/batch.hpp"

#include <algorithm>

namespace gsattn {

TokenBatch make_token_batch(const std::vector<const EncodedSequence*>& sequences,
                            bool reverse_complement) {
    std::size_t longest = 1;
    for (const EncodedSequence* s : sequences) longest = std::max(longest, s->size());
    const auto rows = static_cast<int64_t>(sequences.size());
    const auto cols = static_cast<int64_t>(longest);
    auto tokens = torch::full({rows, cols}, static_cast<int64_t>(Base::PAD), torch::kLong);
    auto mask = torch::zeros({rows, cols}, torch::kBool);
    auto t = tokens.accessor<int64_t, 2>();
    auto m = mask.accessor<bool, 2>();
    for (int64_t b = 0; b < rows; ++b) {
        const EncodedSequence& seq = *sequences[b];
        const auto n = static_cast<int64_t>(seq.size());
        for (int64_t i = 0; i < n; ++i) {
            const Base base = reverse_complement ? complement(seq[n - 1 - i]) : seq[i];
            t[b][i] = static_cast<int64_t>(base);
            m[b][i] = true;
        }
    }
    return {tokens, mask};
}

}  // namespace gsattn
