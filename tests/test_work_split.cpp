// Shards (--shard I/N) and region sets (--regions): how work is cut into
// independent jobs.
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "gsattn/line_reader.hpp"
#include "gsattn/region_set.hpp"
#include "gsattn/shard.hpp"
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

TEST_CASE("RegionSet: half-open regions, merged when they overlap or touch") {
    RegionSet set;
    set.add("chr1", {100, 200});
    set.add("chr1", {150, 250});
    set.add("chr1", {250, 300});
    set.add("chr1", {500, 510});
    set.add("chr2", {0, 10});
    set.add("chr2", {20, 20});  // empty: ignored
    set.index();
    CHECK_FALSE(set.contains("chr1", 99));
    CHECK(set.contains("chr1", 100));
    CHECK(set.contains("chr1", 299));
    CHECK_FALSE(set.contains("chr1", 300));
    CHECK(set.contains("chr1", 509));
    CHECK_FALSE(set.contains("chr1", 510));
    CHECK_FALSE(set.contains("chr2", 20));
    CHECK_FALSE(set.contains("chr3", 5));
    CHECK(set.overlaps("chr1", {290, 400}));
    CHECK_FALSE(set.overlaps("chr1", {300, 500}));
    CHECK(set.overlaps("chr1", {300, 501}));
    CHECK_FALSE(set.overlaps("chr1", {0, 100}));
    CHECK_FALSE(set.overlaps("chrX", {0, 1000}));
}

TEST_CASE("RegionSet::read: a BED file; errors name file and line") {
    TempDir dir;
    const std::string path = dir.file("regions.bed");
    write_text(path, "track name=x\nchr1\t10\t20\n\nchr2\t5\t6\tname\n");
    const RegionSet set = RegionSet::read(path);
    CHECK(set.contains("chr1", 10));
    CHECK(set.contains("chr2", 5));
    CHECK_FALSE(set.contains("chr2", 6));
    write_text(path, "chr1\t10\t20\nchr1\tx\t30\n");
    CHECK(error_message([&] { RegionSet::read(path); }).find(path + ":2") != std::string::npos);
}

TEST_CASE("LineReader::repeat_line gives the last line again, with its number") {
    TempDir dir;
    const std::string path = dir.file("lines.txt");
    write_text(path, "first\nsecond\nthird\n");
    LineReader lines(path);
    std::string_view line;
    lines.repeat_line();  // before any line: nothing to repeat
    REQUIRE(lines.next(line));
    CHECK(line == "first");
    REQUIRE(lines.next(line));
    lines.repeat_line();
    REQUIRE(lines.next(line));
    CHECK(line == "second");
    CHECK(lines.line_number() == 2);
    REQUIRE(lines.next(line));
    CHECK(line == "third");
    CHECK_FALSE(lines.next(line));
}
