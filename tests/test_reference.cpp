// Reference: regions of an indexed FASTA through faidx.
#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "gsattn/fasta.hpp"
#include "gsattn/reference.hpp"
#include "test_util.hpp"

using namespace gsattn;
using namespace gsattn::test;

namespace {

// faidx writes ref.fa.fai next to the FASTA, so every test works on a copy
// of test-data/reference/ref.fa in a scratch directory.
struct ReferenceCopy {
    TempDir dir;
    std::string path = copy_into(dir, data_file("reference/ref.fa"));
    Reference ref{path};
};

// The whole sequence of `name` as FastaReader reads it.
std::string fasta_sequence(const std::string& path, const std::string& name) {
    FastaReader reader(path);
    while (auto record = reader.next())
        if (record->name == name) return decode(record->bases);
    return "";
}

}  // namespace

TEST_CASE("Reference: has() and length() of the two chromosomes") {
    ReferenceCopy fixture;
    const Reference& ref = fixture.ref;
    CHECK(ref.has("chr1"));
    CHECK(ref.has("chr2"));
    CHECK_FALSE(ref.has("chr3"));
    CHECK_FALSE(ref.has("first"));  // the header's description is not a name
    CHECK(ref.length("chr1") == 150);
    CHECK(ref.length("chr2") == 70);
    check_mentions(error_message([&] { ref.length("chr3"); }), {"ref.fa", "'chr3'"});
}

TEST_CASE("Reference: the index is built next to the FASTA") {
    ReferenceCopy fixture;
    CHECK(fs::exists(fixture.path + ".fai"));
}

TEST_CASE("Reference: an index older than its FASTA that no longer fits it is not used") {
    ReferenceCopy fixture;
    const std::string fai = fixture.path + ".fai";
    const std::string chr2_start = decode(Reference(fixture.path).fetch("chr2", 0, 5));
    // The records reordered after indexing: the old index would read chr2's
    // bases from where chr1 is now.
    const std::string text = read_text(fixture.path);
    const std::size_t second = text.find(">chr2");
    write_text(fixture.path, text.substr(second) + text.substr(0, second));
    const std::string stale_index = read_text(fai);
    fs::last_write_time(fai, fs::last_write_time(fixture.path) - std::chrono::seconds(1));
    CHECK(decode(Reference(fixture.path).fetch("chr2", 0, 5)) == chr2_start);
    CHECK(read_text(fai) == stale_index);  // an input: left as it was
}

TEST_CASE("Reference: an index that cannot be written beside the FASTA is built elsewhere") {
    TempDir dir;
    const std::string path = copy_into(dir, data_file("reference/ref.fa"));
    // Where the index would go, a link to nowhere: faidx can neither read
    // nor write it, as in a directory that is not writable.
    fs::create_symlink("/nonexistent/ref.fa.fai", path + ".fai");
    TempDir scratch;
    const char* tmpdir = std::getenv("TMPDIR");
    const std::string saved = tmpdir ? tmpdir : "";
    setenv("TMPDIR", scratch.path().c_str(), 1);
    const Reference ref(path);
    if (tmpdir) setenv("TMPDIR", saved.c_str(), 1);
    else unsetenv("TMPDIR");
    CHECK(decode(ref.fetch("chr1", 0, 4)) == "TCGC");
    CHECK(dir.entries() == std::vector<std::string>{"ref.fa", "ref.fa.fai"});
    CHECK(fs::is_symlink(path + ".fai"));
    CHECK(scratch.entries().empty());  // the index built there is removed once loaded
}

TEST_CASE("Reference: a byte-order mark or plain gzip is named, not 'cannot index'") {
    TempDir dir;
    const std::string text = read_text(data_file("reference/ref.fa"));
    write_text(dir.file("bom.fa"), "\xef\xbb\xbf" + text);
    check_mentions(error_message([&] { Reference ref(dir.file("bom.fa")); }), {"bom.fa:1: ", "byte-order mark"});
    write_gzip(dir.file("ref.fa.gz"), text);
    check_mentions(error_message([&] { Reference ref(dir.file("ref.fa.gz")); }),
                   {"ref.fa.gz: ", "gzip-compressed", "bgzip"});
    check_mentions(error_message([&] { Reference ref(dir.file("absent.fa")); }), {"absent.fa: cannot open"});
}

TEST_CASE("Reference: fetch on '+' returns the bases from start to end, end excluded") {
    ReferenceCopy fixture;
    const Reference& ref = fixture.ref;
    // Across the line break after base 60 of chr1.
    CHECK(decode(ref.fetch("chr1", 55, 65)) == "GTGGTCCGCA");
    // Soft-masked (lower-case) bases read as upper case.
    CHECK(decode(ref.fetch("chr2", 18, 24)) == "TACCAG");
    CHECK(ref.fetch("chr1", 5, 5).empty());
    SUBCASE("whole chromosomes equal what FastaReader reads") {
        for (const char* chrom : {"chr1", "chr2"}) {
            INFO("chrom: ", chrom);
            CHECK(decode(ref.fetch(chrom, 0, ref.length(chrom))) ==
                  fasta_sequence(fixture.path, chrom));
        }
    }
}

TEST_CASE("Reference: fetch on '-' is the reverse complement of '+'") {
    ReferenceCopy fixture;
    const Reference& ref = fixture.ref;
    CHECK(decode(ref.fetch("chr1", 55, 65, '-')) == "TGCGGACCAC");
    for (const auto& [chrom, start, end] :
         {std::tuple{"chr1", 0, 150}, std::tuple{"chr1", 59, 121}, std::tuple{"chr2", 10, 70}}) {
        // clang 14's lambdas (INFO, CAPTURE) cannot capture a structured binding.
        const std::string shown = chrom + (":" + std::to_string(start));
        INFO("region: ", shown);
        CHECK(ref.fetch(chrom, start, end, '-') == reverse_complement(ref.fetch(chrom, start, end)));
    }
}

TEST_CASE("Reference: fetch of a BedRecord uses its strand") {
    ReferenceCopy fixture;
    const Reference& ref = fixture.ref;
    CHECK(ref.fetch(BedRecord{"chr2", 3, 40, "r", 0, '-'}) == ref.fetch("chr2", 3, 40, '-'));
    CHECK(ref.fetch(BedRecord{"chr2", 3, 40, "r", 0, '.'}) == ref.fetch("chr2", 3, 40, '+'));
}

TEST_CASE("Reference: bad regions are errors") {
    ReferenceCopy fixture;
    const Reference& ref = fixture.ref;
    SUBCASE("past the end of the chromosome") {
        check_mentions(error_message([&] { ref.fetch("chr2", 60, 71); }),
                       {"ref.fa", "chr2:60-71", "past the end", "70 bp"});
    }
    SUBCASE("unknown chromosome") {
        check_mentions(error_message([&] { ref.fetch("chrZ", 0, 10); }),
                       {"ref.fa", "'chrZ'", "not in the reference"});
    }
    SUBCASE("start after end, negative start") {
        check_mentions(error_message([&] { ref.fetch("chr1", 20, 10); }), {"invalid region"});
        check_mentions(error_message([&] { ref.fetch("chr1", -1, 10); }), {"invalid region"});
    }
}

TEST_CASE("Reference: a file that is not FASTA is an error") {
    TempDir dir;
    const std::string path = dir.file("not.fa");
    write_text(path, "this is not FASTA\n");
    check_mentions(error_message([&] { Reference ref(path); }), {"not.fa", "index"});
    check_mentions(error_message([] { Reference ref("-"); }), {"random access"});
}
