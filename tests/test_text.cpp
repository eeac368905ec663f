// Text helpers: tab splitting and the escaping of error messages.
#include <string>

#include <doctest/doctest.h>

#include "gsattn/error.hpp"
#include "gsattn/text.hpp"

using namespace gsattn;

TEST_CASE("text: starts_with and ends_with; a name that is only the extension does not end with it") {
    CHECK(starts_with("MOTIF x", "MOTIF"));
    CHECK_FALSE(starts_with("MOT", "MOTIF"));
    CHECK(ends_with("hits.tsv", ".tsv"));
    CHECK_FALSE(ends_with(".tsv", ".tsv"));
    CHECK_FALSE(ends_with("hits.tsv.gz", ".tsv"));
}

TEST_CASE("text: split_on splits on any separator, empty fields kept") {
    CHECK(split_on("0,,12", ',') == std::vector<std::string_view>{"0", "", "12"});
    CHECK(split_on("a\tb", ',') == std::vector<std::string_view>{"a\tb"});
}

TEST_CASE("text: split_tabs keeps empty fields") {
    const auto fields = split_tabs("a\t\tb\t");
    REQUIRE(fields.size() == 4);
    CHECK(fields[0] == "a");
    CHECK(fields[1].empty());
    CHECK(fields[2] == "b");
    CHECK(fields[3].empty());
    CHECK(split_tabs("").size() == 1);
}

TEST_CASE("text: control characters are escaped, tab, newline and other text kept") {
    CHECK(escape_control_characters("PK\x03\x04 ok") == "PK\\x03\\x04 ok");
    CHECK(escape_control_characters(std::string("a\0b", 3)) == "a\\x00b");
    CHECK(escape_control_characters("\x1b[31mred\x7f") == "\\x1b[31mred\\x7f");
    CHECK(escape_control_characters("name\twith tab\nline 2") == "name\twith tab\nline 2");
    CHECK(escape_control_characters("caf\xc3\xa9") == "caf\xc3\xa9");  // UTF-8 left alone
}

TEST_CASE("Error: a message quoting a NUL keeps its text after it, escaped") {
    const Error e(std::string("found '\0>seq1' here", 19));
    CHECK(std::string(e.what()) == "found '\\x00>seq1' here");
}
