// FastaReader and write_fasta_record.
#include <utility>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "gsattn/fasta.hpp"
#include "gsattn/output_file.hpp"
#include "gsattn/random.hpp"
#include "test_util.hpp"

using namespace gsattn;
using namespace gsattn::test;

namespace {

using NamedText = std::pair<std::string, std::string>;  // record name, decoded bases

std::vector<NamedText> read_all(const std::string& path) {
    std::vector<NamedText> records;
    FastaReader reader(path);
    while (auto record = reader.next()) records.emplace_back(record->name, decode(record->bases));
    return records;
}

// What test-data/fasta/multi.fa holds (see test-data/README.md).
const std::vector<NamedText> kMultiRecords = {
    {"seq1", "ACGTACGTACGTAC"},
    {"seq2", "ACGTNNNNGTTTTT"},
    {"seq3", "A"},
};

// The error reading `text` as the FASTA file bad.fa gives.
std::string error_reading(const std::string& text) {
    TempDir dir;
    const std::string path = dir.file("bad.fa");
    write_text(path, text);
    return error_message([&] { read_all(path); });
}

EncodedSequence random_bases(std::uint64_t seed, std::size_t length) {
    Rng rng(seed);
    EncodedSequence seq(length);
    for (Base& b : seq) b = static_cast<Base>(rng.below(4));
    return seq;
}

}  // namespace

TEST_CASE("FASTA: multi-line records, descriptions ignored, lower case, blank lines skipped") {
    CHECK(read_all(data_file("fasta/multi.fa")) == kMultiRecords);
}

TEST_CASE("FASTA: gzip, bgzip and CRLF files give the same records as plain LF") {
    for (const char* name : {"fasta/multi.fa.gz", "fasta/multi.bgzip.fa.gz", "fasta/multi.crlf.fa"}) {
        INFO("file: ", name);
        CHECK(read_all(data_file(name)) == kMultiRecords);
    }
}

TEST_CASE("FASTA: next() keeps returning nullopt at the end") {
    FastaReader reader(data_file("fasta/multi.fa"));
    for (int i = 0; i < 3; ++i) REQUIRE(reader.next().has_value());
    CHECK_FALSE(reader.next().has_value());
    CHECK_FALSE(reader.next().has_value());
}

TEST_CASE("FASTA: errors name the file, the line and the record") {
    SUBCASE("a bad character") {
        check_mentions(error_reading(">chr1 desc\nACGT\nACXT\n"),
                       {"bad.fa:3", "record 'chr1'", "'X'", "position 7"});
    }
    SUBCASE("an empty record in the middle") {
        check_mentions(error_reading(">a\nACGT\n>b\n>c\nAC\n"),
                       {"bad.fa:3", "'b' has no sequence"});
    }
    SUBCASE("an empty record at the end") {
        check_mentions(error_reading(">a\nACGT\n>b\n\n"), {"bad.fa:3", "'b' has no sequence"});
    }
    SUBCASE("a duplicate name") {
        check_mentions(error_reading(">a\nAC\n>b x\nGG\n>a y\nGT\n"),
                       {"bad.fa:5", "duplicate", "'a'"});
    }
    SUBCASE("a header without a name") {
        check_mentions(error_reading(">a\nAC\n>\nGT\n"), {"bad.fa:3", "no name"});
        check_mentions(error_reading("> chr1\nGT\n"), {"bad.fa:1", "no name"});
    }
    SUBCASE("text before the first '>'") {
        check_mentions(error_reading("\nACGT\n>a\nAC\n"), {"bad.fa:2", "expected a FASTA header"});
    }
    SUBCASE("FASTQ") {
        check_mentions(error_reading("@r1\nACGT\n+\nIIII\n"), {"bad.fa:1", "FASTQ"});
    }
    SUBCASE("an empty file") {
        check_mentions(error_reading(""), {"bad.fa", "no FASTA records"});
        check_mentions(error_reading("\n\n"), {"bad.fa", "no FASTA records"});
    }
}

TEST_CASE("FASTA: a UTF-8 byte-order mark at the start is skipped") {
    TempDir dir;
    const std::string path = dir.file("bom.fa");
    write_text(path, "\xef\xbb\xbf>seq1\nACGT\n");
    CHECK(read_all(path) == std::vector<NamedText>{{"seq1", "ACGT"}});
}

TEST_CASE("FASTA: binary bytes are refused as they are read, and quoted escaped") {
    check_mentions(error_reading(std::string("\0>a\nACGT\n", 9)),
                   {"bad.fa:1: ", "expected a FASTA header starting with '>', found '\\x00>a'"});
    check_mentions(error_reading(">a\x01" "b\nACGT\n"), {"bad.fa:1: ", "control character 0x01 at column 3"});
    // A NUL 2.5 MiB into a sequence line: the reading stops there, and the
    // position counts every base before it.
    const std::size_t at = (std::size_t{5} << 20) / 2;
    check_mentions(error_reading(">a\nAC\n" + std::string(at, 'T') + '\0' + std::string(at, 'G') + "\n"),
                   {"bad.fa:3: record 'a'", "byte 0x00", fmt::format("position {}", at + 3)});
}

TEST_CASE("FASTA: a header longer than LineReader::kMaxLineLength is an error, a sequence line is not") {
    check_mentions(error_reading(">" + std::string(LineReader::kMaxLineLength, 'n') + "\nACGT\n"),
                   {"bad.fa:1: ", "FASTA header is longer than 1048576 bytes"});
    TempDir dir;
    const std::string path = dir.file("long.fa");
    // Lines of 3 pieces, and of exactly one piece with its "\r\n" after it.
    const std::string first = decode(random_bases(7, 3 * LineReader::kMaxLineLength + 5));
    const std::string second = decode(random_bases(8, LineReader::kMaxLineLength));
    write_text(path, ">one\r\n" + first + "\r\n>two\r\n" + second + "\r\n" + second + "\r\n");
    CHECK(read_all(path) == std::vector<NamedText>{{"one", first}, {"two", second + second}});
}

TEST_CASE("FASTA: a truncated gzip file is a read error, not a short file") {
    check_mentions(error_message([] { read_all(data_file("fasta/truncated.fa.gz")); }),
                   {"truncated.fa.gz", "read error"});
}

TEST_CASE("FASTA: a missing file is an error naming it") {
    check_mentions(error_message([] { FastaReader reader("/nonexistent/none.fa"); }),
                   {"/nonexistent/none.fa", "cannot open"});
}

TEST_CASE("for_each_fasta_chunk passes every record once, in order, in chunks of at most n") {
    TempDir dir;
    const std::string path = dir.file("five.fa");
    write_text(path, ">a\nAC\n>b\nG\n>c\nTT\n>d\nA\n>e\nC\n");
    std::vector<std::size_t> sizes;
    std::string names;
    for_each_fasta_chunk(path, 2, 100, [&](const std::vector<SequenceRecord>& records) {
        sizes.push_back(records.size());
        for (const auto& r : records) names += r.name;
    });
    CHECK(sizes == std::vector<std::size_t>{2, 2, 1});
    CHECK(names == "abcde");

    write_text(path, ">a\nAC\n>b\nG\n");
    sizes.clear();
    for_each_fasta_chunk(path, 2, 100, [&](const std::vector<SequenceRecord>& records) { sizes.push_back(records.size()); });
    CHECK(sizes == std::vector<std::size_t>{2});  // no empty chunk after a full one
}

TEST_CASE("for_each_fasta_chunk ends a chunk once it holds the most bases") {
    TempDir dir;
    const std::string path = dir.file("lengths.fa");
    write_text(path, ">a\nACG\n>b\nGT\n>c\nTTTTTTT\n>d\nA\n>e\nC\n");
    std::vector<std::string> chunks;
    for_each_fasta_chunk(path, 10, 5, [&](const std::vector<SequenceRecord>& records) {
        chunks.emplace_back();
        for (const auto& r : records) chunks.back() += r.name;
    });
    // a+b reach 5 bases; c alone exceeds it; d+e end the file.
    CHECK(chunks == std::vector<std::string>{"ab", "c", "de"});
}

TEST_CASE("write_fasta_record writes lines of 60 bases that read back identically") {
    TempDir dir;
    const std::string path = dir.file("out.fa");
    const std::vector<std::pair<std::string, EncodedSequence>> records = {
        {"long", random_bases(1, 150)},  // 60 + 60 + 30
        {"exact", random_bases(2, 120)},  // two full lines, no empty third line
        {"short", encode("ACGTN", "test")},
    };
    {
        OutputFile out(path);
        for (const auto& [name, bases] : records) write_fasta_record(out, name, bases);
        out.commit();
    }

    std::vector<std::size_t> line_lengths;
    for (const std::string& line : split_lines(read_text(path)))
        if (line.front() != '>') line_lengths.push_back(line.size());
    CHECK(line_lengths == std::vector<std::size_t>{60, 60, 30, 60, 60, 5});

    std::vector<NamedText> expected;
    for (const auto& [name, bases] : records) expected.emplace_back(name, decode(bases));
    CHECK(read_all(path) == expected);
}

TEST_CASE("write_fasta_record honours another line width") {
    TempDir dir;
    const std::string path = dir.file("out.fa");
    {
        OutputFile out(path);
        write_fasta_record(out, "r", encode("ACGTACGTAC", "test"), 4);
        out.commit();
    }
    CHECK(read_text(path) == ">r\nACGT\nACGT\nAC\n");
}
