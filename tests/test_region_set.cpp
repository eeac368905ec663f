#include "gsattn/region_set.hpp"

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "test_util.hpp"

using namespace gsattn;
using namespace gsattn::test;

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
