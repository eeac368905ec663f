// read_labels: label TSVs with and without a header, the value column chosen
// by name or number, gzip input, and errors that name file:line.
#include <cmath>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "gsattn/labels.hpp"
#include "gsattn/line_reader.hpp"
#include "test_util.hpp"

using namespace gsattn;
using namespace gsattn::test;

namespace {

// Reads `text` written to a file named `name` in a fresh directory.
LabelTable labels_from(const std::string& text, const std::string& column = "",
                       const std::string& name = "labels.tsv") {
    TempDir dir;
    const std::string path = dir.file(name);
    write_text(path, text);
    return read_labels(path, column);
}

// The error reading `text` from bad.tsv.
std::string labels_error(const std::string& text, const std::string& column = "") {
    TempDir dir;
    const std::string path = dir.file("bad.tsv");
    write_text(path, text);
    return error_message([&] { read_labels(path, column); });
}

}  // namespace

TEST_CASE("labels: a two-column file without a header") {
    const LabelTable t = labels_from("# a comment\nseq1\t1.5\nseq2\t-2\n\nseq3\t1e-3\n");
    CHECK(t.header.empty());
    CHECK(t.column == "column 2");
    CHECK(t.order == std::vector<std::string>{"seq1", "seq2", "seq3"});
    CHECK(t.values.size() == 3);
    CHECK(t.at("seq1") == 1.5);
    CHECK(t.at("seq2") == -2.0);
    CHECK(t.at("seq3") == doctest::Approx(0.001));
    CHECK_FALSE(t.has_column("seq1"));
}

TEST_CASE("labels: '#' lines are comments above the first row only, then rows of names starting with '#'") {
    const LabelTable t = labels_from("# made by hand\nname\tv\n# kept out\nA\t1\n#2\t5\n");
    CHECK(t.order == std::vector<std::string>{"A", "#2"});
    CHECK(t.at("#2") == 5.0);
}

TEST_CASE("labels: a UTF-8 byte-order mark is skipped, with or without a header") {
    const LabelTable plain = labels_from("\xef\xbb\xbfseq1\t1.5\nseq2\t2\n");
    CHECK(plain.order == std::vector<std::string>{"seq1", "seq2"});
    CHECK(plain.at("seq1") == 1.5);
    const LabelTable headed = labels_from("\xef\xbb\xbfname\tlabel\nseq1\t1.5\n", "label");
    CHECK(headed.header == std::vector<std::string>{"name", "label"});
}

TEST_CASE("labels: a binary line or one longer than LineReader::kMaxLineLength is refused as it is read") {
    check_mentions(labels_error(std::string("A\t1\nB\0\t2\n", 9)),
                   {"bad.tsv:2: ", "control character 0x00 at column 2"});
    check_mentions(labels_error("A\t1\n" + std::string(LineReader::kMaxLineLength + 1, 'x') + "\t2\n"),
                   {"bad.tsv:2: ", "longer than 1048576 bytes"});
}

TEST_CASE("labels: a header is detected and the value column is column 2 by default") {
    const LabelTable t = labels_from("# made by hand\nname\tactivity\nA\t3\nB\t4.25\n");
    CHECK(t.header == std::vector<std::string>{"name", "activity"});
    CHECK(t.column == "activity");
    CHECK(t.has_column("activity"));
    CHECK_FALSE(t.has_column("strength"));
    CHECK(t.order == std::vector<std::string>{"A", "B"});
    CHECK(t.at("A") == 3.0);
    CHECK(t.at("B") == 4.25);
}

TEST_CASE("labels: the value column chosen by header name or by number, extra columns ignored") {
    const std::string text = "id\ta\tb\tc\nx\t1\t10\t100\ny\t2\t20\t200\textra\tmore\n";
    const LabelTable by_name = labels_from(text, "b");
    CHECK(by_name.column == "b");
    CHECK(by_name.at("x") == 10.0);
    CHECK(by_name.at("y") == 20.0);

    const LabelTable by_number = labels_from(text, "4");
    CHECK(by_number.column == "c");
    CHECK(by_number.header.size() == 4);
    CHECK(by_number.at("x") == 100.0);
    CHECK(by_number.at("y") == 200.0);

    const LabelTable no_header = labels_from("x\t1\t10\nyy\t2\t20\tz\n", "3");
    CHECK(no_header.header.empty());
    CHECK(no_header.column == "column 3");
    CHECK(no_header.at("x") == 10.0);
    CHECK(no_header.at("yy") == 20.0);
}

TEST_CASE("labels: the simulate format, label and clean_label columns") {
    const std::string text =
        "name\tlabel\tclean_label\tn_motifs\n"
        "seq000001\t1.250000\t1.000000\t2\n"
        "seq000002\t-0.500000\t-0.250000\t0\n";
    const LabelTable label = labels_from(text);
    CHECK(label.column == "label");
    CHECK(label.header == std::vector<std::string>{"name", "label", "clean_label", "n_motifs"});
    CHECK(label.at("seq000001") == 1.25);
    CHECK(label.at("seq000002") == -0.5);
    const LabelTable clean = labels_from(text, "clean_label");
    CHECK(clean.at("seq000001") == 1.0);
    CHECK(clean.at("seq000002") == -0.25);
    CHECK(labels_from(text, "n_motifs").at("seq000001") == 2.0);
}

TEST_CASE("labels: CRLF line endings") {
    const LabelTable t = labels_from("name\tvalue\r\nA\t1.5\r\nB\t2\r\n");
    CHECK(t.header == std::vector<std::string>{"name", "value"});
    CHECK(t.column == "value");
    CHECK(t.at("A") == 1.5);
    CHECK(t.at("B") == 2.0);
}

TEST_CASE("labels: test-data/lafleur300.labels.tsv, strength is minus log_tx") {
    const std::string path = data_file("lafleur300.labels.tsv");
    const LabelTable strength = read_labels(path, "strength");
    const LabelTable log_tx = read_labels(path, "log_tx");
    CHECK(strength.header == std::vector<std::string>{"name", "strength", "log_tx", "high_quality",
                                                      "calculator_prediction"});
    CHECK(strength.path == path);
    CHECK(strength.column == "strength");
    CHECK(log_tx.column == "log_tx");
    REQUIRE(strength.order.size() == 300);
    CHECK(strength.order.front() == "LF00000");
    CHECK(strength.at("LF00000") == doctest::Approx(3.386326274).epsilon(1e-12));
    CHECK(read_labels(path).at("LF00000") == strength.at("LF00000"));  // column 2 by default
    CHECK(read_labels(path, "3").column == "log_tx");
    REQUIRE(log_tx.order == strength.order);
    for (const std::string& name : strength.order) {
        INFO("record ", name);
        CHECK(strength.at(name) == -log_tx.at(name));
    }
}

TEST_CASE("labels: gzip input reads like plain text") {
    TempDir dir;
    const std::string path = dir.file("labels.tsv.gz");
    write_gzip(path, "name\tlabel\nr1\t0.5\nr2\t-7\n");
    const LabelTable t = read_labels(path);
    CHECK(t.column == "label");
    CHECK(t.order == std::vector<std::string>{"r1", "r2"});
    CHECK(t.at("r1") == 0.5);
    CHECK(t.at("r2") == -7.0);
}

TEST_CASE("labels: bad values and rows are errors naming file:line") {
    struct Case {
        const char* text;
        const char* location;
        const char* fragment;
    };
    const Case cases[] = {
        {"name\tv\nA\t1\nB\tnan\n", "bad.tsv:3: ", "label 'nan' for record 'B' is not a finite number"},
        {"name\tv\nA\tNaN\n", "bad.tsv:2: ", "'NaN' for record 'A' is not a finite number"},
        {"A\tnan\n", "bad.tsv:1: ", "'nan' for record 'A' is not a finite number"},
        {"name\tv\nA\t1\nB\tinf\n", "bad.tsv:3: ", "'inf' for record 'B' is not a finite number"},
        {"name\tv\nA\t-Infinity\n", "bad.tsv:2: ", "'-Infinity' for record 'A' is not a finite"},
        {"name\tv\nA\t1e999\n", "bad.tsv:2: ", "'1e999' for record 'A' is not a finite number"},
        {"name\tv\nA\t1\nB\thigh\n", "bad.tsv:3: ", "'high' for record 'B' is not a finite number"},
        {"name\tv\nA\t1\nB\t\n", "bad.tsv:3: ", "'' for record 'B' is not a finite number"},
        {"name\tv\nA\t1.5x\n", "bad.tsv:2: ", "'1.5x' for record 'A'"},
        {"name\tv\nA\t1\nB\t2\nA\t3\n", "bad.tsv:4: ", "duplicate record name 'A' (first on line 2)"},
        {"name\tv\nA\t1\nB\n", "bad.tsv:3: ", "expected at least 2 tab-separated columns"},
        {"A\t1\nB 2\n", "bad.tsv:2: ", "found 1"},
        {"name\tv\n\t4\n", "bad.tsv:2: ", "record name is empty"},
    };
    for (const Case& c : cases) {
        INFO("text: ", c.text);
        check_mentions(labels_error(c.text), {c.location, c.fragment});
    }
}

TEST_CASE("labels: too few columns for a chosen column number") {
    check_mentions(labels_error("id\ta\tb\nx\t1\t2\ny\t3\n", "3"),
                   {"bad.tsv:3: ", "expected at least 3 tab-separated columns", "found 2"});
    check_mentions(labels_error("x\t1\n", "3"), {"bad.tsv:1: ", "at least 3", "found 2"});
}

TEST_CASE("labels: an unknown column name or an unusable column is an error") {
    check_mentions(labels_error("name\tlabel\nA\t1\n", "strength"),
                   {"bad.tsv:1: ", "no column named 'strength'"});
    // Naming a column needs a header: a data line first is not one.
    check_mentions(labels_error("A\t1\nB\t2\n", "label"), {"bad.tsv:1: ", "'label'"});
    check_mentions(labels_error("name\tlabel\nA\t1\n", "name"),
                   {"bad.tsv:1: ", "'name' holds the record names"});
    check_mentions(labels_error("name\tv\tv\nA\t1\t2\n", "v"),
                   {"bad.tsv:1: ", "'v' more than once"});
    check_mentions(labels_error("A\t1\n", "1"), {"bad.tsv", "column 1 is the record name"});
    check_mentions(labels_error("A\t1\n", "0"), {"bad.tsv", "column 0"});
}

TEST_CASE("labels: no data rows is an error") {
    check_mentions(labels_error(""), {"bad.tsv: ", "no label rows"});
    check_mentions(labels_error("\n# only a comment\n\n"), {"bad.tsv", "no label rows"});
    check_mentions(labels_error("name\tlabel\n"), {"bad.tsv:1: ", "no label rows after the header"});
}

TEST_CASE("labels: a missing file is an error naming it") {
    TempDir dir;
    const std::string path = dir.file("absent.tsv");
    check_mentions(error_message([&] { read_labels(path); }), {"absent.tsv", "cannot open"});
}

TEST_CASE("labels: at() on a missing name names the file and the record") {
    TempDir dir;
    const std::string path = dir.file("known.tsv");
    write_text(path, "name\tlabel\nA\t1\n");
    const LabelTable t = read_labels(path);
    CHECK(t.at("A") == 1.0);
    check_mentions(error_message([&] { t.at("seq999"); }), {"known.tsv", "'seq999'", "label"});
}

TEST_CASE("labels: labels beyond 1e100, whose squares would overflow training's statistics, are errors") {
    const LabelTable t = labels_from("a\t1e100\nb\t-1e100\nc\t0\n");
    CHECK(t.values.at("a") == 1e100);
    CHECK(t.values.at("b") == -1e100);
    check_mentions(labels_error("a\t1\nb\t1e300\n"), {"bad.tsv:2:", "'1e300'", "'b'", "[-1e+100, 1e+100]"});
    check_mentions(labels_error("a\t-1.5e101\nb\t1\n"), {"bad.tsv:1:", "'-1.5e101'"});
}

TEST_CASE("labels: classification labels must be 0 or 1") {
    TempDir dir;
    const std::string path = dir.file("classes.tsv");
    write_text(path, "name\tclass\na\t0\nb\t1.0\nc\t1\n");
    const LabelTable t = read_labels(path, "", LabelValues::binary);
    CHECK(t.values.at("a") == 0);
    CHECK(t.values.at("b") == 1);
    for (const std::string bad : {"5", "-3", "0.5", "2"}) {
        write_text(path, "name\tclass\na\t0\nb\t" + bad + "\nc\t1\n");
        check_mentions(error_message([&] { read_labels(path, "", LabelValues::binary); }),
                       {path + ":3:", "'" + bad + "'", "'b'", "0 or 1"});
        CHECK_NOTHROW(read_labels(path));  // any number for regression
    }
}

TEST_CASE("label texts: a column of any text, by name or by number, with the labels' header") {
    TempDir dir;
    const std::string path = dir.file("groups.tsv");
    write_text(path, "name\tvalue\tscaffold\nA\t1\tpJ23\nB\t2\t7\nC\t3\tpJ23 b\n");
    const LabelTexts by_name = read_label_texts(path, "scaffold", false);
    CHECK(by_name.column == "scaffold");
    CHECK(by_name.order == std::vector<std::string>{"A", "B", "C"});
    CHECK(by_name.at("A") == "pJ23");
    CHECK(by_name.at("B") == "7");
    CHECK(by_name.at("C") == "pJ23 b");
    const LabelTexts by_number = read_label_texts(path, "3", true);
    CHECK(by_number.values == by_name.values);
    check_mentions(error_message([&] { by_name.at("D"); }), {"groups.tsv", "no scaffold for record 'D'"});

    write_text(path, "A\t1\tx\nB\t2\ty\n");
    const LabelTexts headless = read_label_texts(path, "3", false);
    CHECK(headless.column == "column 3");
    CHECK(headless.at("A") == "x");
    check_mentions(error_message([&] { read_label_texts(path, "scaffold", false); }),
                   {"groups.tsv:1", "no column named 'scaffold'"});

    write_text(path, "name\tvalue\tscaffold\nA\t1\t\n");
    check_mentions(error_message([&] { read_label_texts(path, "scaffold", true); }),
                   {"groups.tsv:2", "the scaffold of record 'A' is empty"});
}
