// for_each_batch: the batches a model computes together.
#include <cstddef>
#include <vector>

#include <doctest/doctest.h>

#include "gsattn/batching.hpp"

using namespace gsattn;

TEST_CASE("for_each_batch: keeps a batch's padded positions within the budget") {
    const EncodedSequence short_seq(100, Base::A), long_seq(kMostBatchPositions / 2 + 1, Base::C);
    const std::vector<const EncodedSequence*> sequences{&short_seq, &short_seq, &short_seq, &long_seq,
                                                        &long_seq,  &short_seq, &short_seq};
    std::vector<std::size_t> sizes;
    std::size_t seen = 0;
    for_each_batch(sequences, 2, [&](const std::vector<const EncodedSequence*>& part) {
        sizes.push_back(part.size());
        for (const auto* s : part) CHECK(s == sequences[seen++]);
    });
    // 2 short; 1 short (with a long one it would hold 2 x long > budget); each long alone; 2 short.
    CHECK(sizes == std::vector<std::size_t>{2, 1, 1, 1, 2});
    CHECK(seen == sequences.size());
}
