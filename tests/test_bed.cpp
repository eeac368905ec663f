// BedReader and the BED6 / bedGraph / track-line writers.
#include <algorithm>
#include <functional>
#include <stdexcept>
#include <tuple>
#include <vector>

#include <doctest/doctest.h>

#include "gsattn/bed.hpp"
#include "gsattn/output_file.hpp"
#include "test_util.hpp"

using namespace gsattn;
using namespace gsattn::test;

namespace {

auto as_tuple(const BedRecord& r) {
    return std::make_tuple(r.chrom, r.start, r.end, r.name, r.score, r.strand);
}

bool same(const std::vector<BedRecord>& a, const std::vector<BedRecord>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](const BedRecord& x, const BedRecord& y) { return as_tuple(x) == as_tuple(y); });
}

std::vector<BedRecord> read_all(const std::string& path) {
    std::vector<BedRecord> records;
    BedReader reader(path);
    while (auto record = reader.next()) records.push_back(*record);
    return records;
}

// What test-data/bed/mixed.bed holds (see test-data/README.md).
const std::vector<BedRecord> kMixedRecords = {
    {"chr1", 10, 20, ".", 0, '.'},              // 3 columns
    {"chr1", 30, 45, "peak2", 0, '.'},          // 4 columns
    {"chr2", 0, 5, "peak3", 500, '-'},          // 6 columns
    {"chr2", 100, 160, "peak4", 12.5, '+'},     // 8 columns: thickStart/End ignored
    {"chrX", 7, 7, "empty", 0, '.'},            // empty interval, '.' score and strand
};

// The error reading bad.bed whose second line (after one valid line) is `line`.
std::string error_on_line_2(const std::string& line) {
    TempDir dir;
    const std::string path = dir.file("bad.bed");
    write_text(path, "chr1\t0\t10\n" + line + "\n");
    return error_message([&] { read_all(path); });
}

// What `write` puts into a committed file.
std::string written_text(const std::function<void(OutputFile&)>& write) {
    TempDir dir;
    const std::string path = dir.file("out.bed");
    OutputFile out(path);
    write(out);
    out.commit();
    return read_text(path);
}

}  // namespace

TEST_CASE("BED: 3-, 4-, 6- and 8-column lines, with track, browser, comment and blank lines skipped") {
    CHECK(same(read_all(data_file("bed/mixed.bed")), kMixedRecords));
}

TEST_CASE("BED: gzipped input gives the same records") {
    CHECK(same(read_all(data_file("bed/mixed.bed.gz")), kMixedRecords));
}

TEST_CASE("BED: line_number() counts every line, skipped ones included") {
    BedReader reader(data_file("bed/mixed.bed"));
    REQUIRE(reader.next().has_value());
    CHECK(reader.line_number() == 5);
}

TEST_CASE("BED: errors name file:line and what is wrong") {
    struct Case {
        const char* line;
        const char* fragment;
    };
    const Case cases[] = {
        {"chr1\t20\t10", "start 20 is greater than end 10"},
        {"chr1\t-5\t10", "start -5 is negative"},
        {"chr1\t5\t-1", "end -1 is negative"},
        {"chr1\tfive\t10", "start 'five' is not an integer"},
        {"chr1\t5\t10.5", "end '10.5' is not an integer"},
        {"chr1\t\t10", "start '' is not an integer"},
        {"chr1\t10", "at least 3"},
        {"chr1 10 20", "at least 3"},  // space-separated is not BED
        {"\t1\t2", "chromosome name is empty"},
        {"chr1\t1\t2\tx\t0\t*", "strand '*'"},
        {"chr1\t1\t2\tx\thigh\t+", "score 'high' is not a number"},
        {"chr1\t1\t2\tx\tnan\t+", "score 'nan' is not a number"},
    };
    for (const Case& c : cases) {
        INFO("line: ", c.line);
        check_mentions(error_on_line_2(c.line), {"bad.bed:2: ", c.fragment});
    }
}

TEST_CASE("BED: only header lines before the first record are skipped, whatever the sequences are named") {
    TempDir dir;
    const std::string path = dir.file("names.bed");
    write_text(path,
               "\xef\xbb\xbf# made by hand\ntrack name=x\nbrowser hide all\ntrack\n"
               "track1\t0\t5\nbrowser_seq\t1\t2\n#3\t2\t4\ntrack\t3\t9\n");
    CHECK(same(read_all(path), {{"track1", 0, 5, ".", 0, '.'},
                                {"browser_seq", 1, 2, ".", 0, '.'},
                                {"#3", 2, 4, ".", 0, '.'},
                                {"track", 3, 9, ".", 0, '.'}}));
    // A second track line is not skipped: the file holds one track.
    check_mentions(error_on_line_2("track name=second"), {"bad.bed:2: ", "header line", "after the first record"});
    check_mentions(error_on_line_2("# a comment"), {"bad.bed:2: ", "header line", "after the first record"});
}

TEST_CASE("BED: a binary line is refused as it is read") {
    check_mentions(error_on_line_2(std::string("chr1\t1\0\t2", 9)), {"bad.bed:2: ", "control character 0x00"});
}

TEST_CASE("write_bed6 writes the six columns tab-separated") {
    CHECK(written_text([](OutputFile& out) {
              write_bed6(out, {"chr1", 5, 17, "TATA_box", 800, '-'});
              write_bed6(out, {"seq2", 0, 1, "x", 12.5, '+'});
          }) == "chr1\t5\t17\tTATA_box\t800\t-\nseq2\t0\t1\tx\t12.5\t+\n");
}

TEST_CASE("write_bedgraph writes chrom, start, end and value") {
    CHECK(written_text([](OutputFile& out) {
              write_bedgraph(out, "chr2", 0, 10, 0.25);
              write_bedgraph(out, "chr2", 10, 11, 3);
          }) == "chr2\t0\t10\t0.25\nchr2\t10\t11\t3\n");
}

TEST_CASE("write_track_line writes an IGV track line behind a '#', which tabix skips") {
    CHECK(written_text([](OutputFile& out) {
              write_track_line(out, "bedGraph", "attn", "selected positions", false);
          }) == "#track type=bedGraph name=\"attn\" description=\"selected positions\"\n");
    CHECK(written_text([](OutputFile& out) {
              write_track_line(out, "bed", "sites", "planted", true);
          }) == "#track type=bed name=\"sites\" description=\"planted\" useScore=1\n");
}

TEST_CASE("write_track_line refuses a name or description that would break the line") {
    CHECK(fits_track_line("gsattn selected, run 2 (seed=3)"));
    for (const char* text : {"a\"b", "a\nchr1\t1\t2", "tab\there", "\x1b[31m"}) {
        INFO("text: ", text);
        CHECK_FALSE(fits_track_line(text));
        CHECK_THROWS_AS(written_text([&](OutputFile& out) { write_track_line(out, "bed", text, "d", false); }),
                        std::invalid_argument);
    }
}

TEST_CASE("BED6 round trip: written records read back equal, track line skipped") {
    TempDir dir;
    const std::string path = dir.file("round.bed");
    const std::vector<BedRecord> records = {
        {"seq000001", 3, 9, "TATA_box", 800, '+'},
        {"seq000001", 40, 45, "CAAT_box", 600, '-'},
        {"chrM", 0, 16569, "whole", 0.125, '.'},
    };
    {
        OutputFile out(path);
        write_track_line(out, "bed", "truth", "planted sites", true);
        for (const BedRecord& r : records) write_bed6(out, r);
        out.commit();
    }
    CHECK(same(read_all(path), records));
}

TEST_CASE("bed_score_from_logit: 1000 x the sigmoid of the logit, rounded") {
    CHECK(bed_score_from_logit(0.0) == 500);
    CHECK(bed_score_from_logit(2.0) == 881);
    CHECK(bed_score_from_logit(-40.0) == 0);
    CHECK(bed_score_from_logit(40.0) == 1000);
}
