// One of n independent jobs that together do the work of one: shard i of n
// takes items i-1, i-1+n, i-1+2n, ... (batches of records or windows, or BED
// regions, numbered in input order). Round robin keeps the shards within one
// item of each other without knowing the total beforehand, so a stream can be
// sharded.
#pragma once

#include <cstdint>
#include <string>

namespace gsattn {

struct Shard {
    std::uint64_t index = 0;  // 0-based
    std::uint64_t count = 1;

    bool takes(std::uint64_t item) const { return item % count == index; }
};

// Parses "I/N" (1 <= I <= N); throws Error naming `text` otherwise.
Shard parse_shard(const std::string& text);

}  // namespace gsattn
