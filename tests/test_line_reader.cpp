#include "gsattn/line_reader.hpp"

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "test_util.hpp"

using namespace gsattn;
using namespace gsattn::test;

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
