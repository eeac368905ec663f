#include "gsattn/batching.hpp"

#include <algorithm>

namespace gsattn {

void for_each_batch(const std::vector<const EncodedSequence*>& sequences, int batch_size,
                    const std::function<void(const std::vector<const EncodedSequence*>&)>& each) {
    const auto size = static_cast<std::size_t>(batch_size);
    std::size_t first = 0;
    while (first < sequences.size()) {
        std::size_t last = first + 1, longest = sequences[first]->size();
        while (last < sequences.size() && last - first < size) {
            const std::size_t wider = std::max(longest, sequences[last]->size());
            if ((last - first + 1) * wider > kMostBatchPositions) break;
            longest = wider;
            ++last;
        }
        each({sequences.begin() + first, sequences.begin() + last});
        first = last;
    }
}

}  // namespace gsattn
