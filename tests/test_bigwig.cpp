// bigWig writing: what libBigWig reads back, and the bedGraph text it refuses.
#include <filesystem>
#include <string>

#include <doctest/doctest.h>

#include "gsattn/bigwig.hpp"
#include "test_util.hpp"

using namespace gsattn;
using namespace gsattn::test;

namespace {

std::string refusal(const std::string& text) {
    const TempDir dir;
    return error_message([&] { write_bigwig(dir.file("x.bw"), text, "out.bw"); });
}

}  // namespace

TEST_CASE("bigwig: names ending .bw or .bigWig, in any case, are bigWig outputs") {
    CHECK(is_bigwig_name("x.bw"));
    CHECK(is_bigwig_name("dir/x.BW"));
    CHECK(is_bigwig_name("x.bigWig"));
    CHECK(is_bigwig_name("x.bigwig"));
    CHECK_FALSE(is_bigwig_name("x.bedGraph"));
    CHECK_FALSE(is_bigwig_name("x.bw.gz"));
    CHECK_FALSE(is_bigwig_name("bw"));
}

TEST_CASE("bigwig: a sorted bedGraph with track and comment lines is written") {
    const TempDir dir;
    const std::string path = dir.file("x.bw");
    write_bigwig(path, "#track type=bedGraph\ntrack name=x\nbrowser hide all\nc1\t0\t10\t1.5\nc1\t10\t20\t-2\n"
                       "c2\t5\t6\t0.25\n", "out.bw");
    // A bigWig starts with its magic number, 0x888FFC26, little-endian.
    const std::string bytes = read_text(path);
    REQUIRE(bytes.size() > 64);
    CHECK(static_cast<unsigned char>(bytes[0]) == 0x26);
    CHECK(static_cast<unsigned char>(bytes[1]) == 0xFC);
    CHECK(static_cast<unsigned char>(bytes[2]) == 0x8F);
    CHECK(static_cast<unsigned char>(bytes[3]) == 0x88);
}

TEST_CASE("bigwig: text a bigWig cannot hold is an error naming the output and the line") {
    check_mentions(refusal("c1\t0\t10\t1\nc1\t5\t15\t2\n"), {"out.bw:2:", "sorted, non-overlapping"});
    check_mentions(refusal("c1\t0\t10\t1\nc2\t0\t10\t1\nc1\t20\t30\t1\n"), {"out.bw:3:", "'c1' comes back"});
    check_mentions(refusal("c1\t0\t10\n"), {"out.bw:1:", "found 3 columns"});
    check_mentions(refusal("name\tprediction\nx\t1\n"), {"out.bw:1:", "found 2 columns"});
    check_mentions(refusal("c1\t10\t10\t1\n"), {"out.bw:1:", "empty"});
    check_mentions(refusal("c1\t-1\t10\t1\n"), {"out.bw:1:", "'-1' is not a coordinate"});
    check_mentions(refusal("c1\t0\t10\tx\n"), {"out.bw:1:", "'x' is not a number"});
    check_mentions(refusal("#track only\n"), {"out.bw", "no intervals"});
}
