#include "gsattn/shard.hpp"

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "test_util.hpp"

using namespace gsattn;
using namespace gsattn::test;

TEST_CASE("parse_shard: I/N, 1-based") {
    const Shard s = parse_shard("2/5");
    CHECK(s.index == 1);
    CHECK(s.count == 5);
    CHECK(parse_shard("1/1").index == 0);
    CHECK(parse_shard("1/1").count == 1);
    for (const std::string bad : {"0/3", "4/3", "1/0", "3", "/3", "1/", "a/3", "1/3x", "-1/3", " 1/3", "1//3"})
        CHECK_MESSAGE(error_message([&] { parse_shard(bad); }).find("shard must be I/N") != std::string::npos, bad);
}

TEST_CASE("Shard: the n shards take every item exactly once, in turn") {
    const std::uint64_t n = 3;
    std::vector<int> taken(10);
    std::vector<std::vector<std::uint64_t>> items(n);
    for (std::uint64_t i = 1; i <= n; ++i) {
        const Shard s = parse_shard(std::to_string(i) + "/" + std::to_string(n));
        for (std::uint64_t item = 0; item < taken.size(); ++item)
            if (s.takes(item)) {
                ++taken[item];
                items[i - 1].push_back(item);
            }
    }
    CHECK(taken == std::vector<int>(10, 1));
    CHECK(items[0] == std::vector<std::uint64_t>{0, 3, 6, 9});
    CHECK(items[2] == std::vector<std::uint64_t>{2, 5, 8});
}
