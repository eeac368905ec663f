// VcfReader and VcfWriter: htslib's VCF and BCF, errors that name the line
// or record, and outputs in the format their names ask for.
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "gsattn/output_file.hpp"
#include "gsattn/vcf.hpp"
#include "test_util.hpp"

using namespace gsattn;
using namespace gsattn::test;

namespace {

const std::string kHeader =
    "##fileformat=VCFv4.2\n"
    "##contig=<ID=chr1,length=100>\n"
    "##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n"
    "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
    "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\ts1\n";
const std::string kRecords =
    "chr1\t10\tv1\tA\tC\t50\tPASS\tDP=3\tGT\t0/1\n"
    "chr1\t5\tv2\tACG\tA,<DEL>\t.\t.\t.\tGT\t1/2\n";

// Each record as "chrom:pos:alleles".
std::vector<std::string> records_of(const std::string& path) {
    VcfReader in(path);
    std::vector<std::string> out;
    while (BcfRecordHandle r = in.next()) {
        std::string alleles;
        for (int a = 0; a < r->n_allele; ++a) alleles += std::string(a ? "," : "") + r->d.allele[a];
        out.push_back(std::string(bcf_seqname(in.header(), r.get())) + ":" + std::to_string(r->pos + 1) + ":" +
                      alleles);
    }
    return out;
}

// The htslib format of a file.
htsExactFormat format_of(const std::string& path) {
    HtsFileHandle file(hts_open(path.c_str(), "r"));
    REQUIRE(file);
    return hts_get_format(file.get())->format;
}

}  // namespace

TEST_CASE("vcf: records are read in order, alleles unpacked") {
    TempDir dir;
    write_text(dir.file("in.vcf"), kHeader + kRecords);
    CHECK(records_of(dir.file("in.vcf")) == std::vector<std::string>{"chr1:10:A,C", "chr1:5:ACG,A,<DEL>"});
}

TEST_CASE("vcf: an unreadable record is an error naming the file and its line") {
    TempDir dir;
    // htslib itself reads the first three without an error.
    const std::vector<std::pair<std::string, std::string>> bad = {
        {"chr1\tten\tv3\tA\tC\t.\t.\t.\tGT\t0/1", "POS must be a number from 1 up"},
        {"chr1\t10", "no REF allele"},
        {"chr1\t10\tv3\tA\tC\t.\t.\t.\tGT", "not a valid VCF record"},  // no sample column
        {"chr1\t10\tv3\t.\tC\t.\t.\t.\tGT\t0/1", "no REF allele"},
    };
    for (const auto& line_and_problem : bad) {
        const std::string& line = line_and_problem.first;
        INFO(line);
        write_text(dir.file("bad.vcf"), kHeader + kRecords + line + "\n");
        VcfReader in(dir.file("bad.vcf"));
        CHECK(in.next());
        CHECK(in.next());
        check_mentions(error_message([&] { in.next(); }), {"bad.vcf:8: " + line_and_problem.second});
    }
    check_mentions(error_message([&] { VcfReader(dir.file("missing.vcf")); }), {"missing.vcf", "cannot open"});
    write_text(dir.file("text.vcf"), "not a vcf\n");
    check_mentions(error_message([&] { VcfReader(dir.file("text.vcf")); }), {"text.vcf", "not a VCF or BCF file"});
}

TEST_CASE("vcf: the output's name chooses VCF text, BGZF-compressed VCF or BCF") {
    CHECK(vcf_format_for("-") == VcfFormat::text);
    CHECK(vcf_format_for("out.vcf") == VcfFormat::text);
    CHECK(vcf_format_for("out.vcf.gz") == VcfFormat::bgzf);
    CHECK(vcf_format_for("out.bcf") == VcfFormat::bcf);
    TempDir dir;
    write_text(dir.file("in.vcf"), kHeader + kRecords);
    for (const std::string name : {"out.vcf", "out.vcf.gz", "out.bcf"}) {
        INFO(name);
        VcfReader in(dir.file("in.vcf"));
        OutputFile out(dir.file(name), OutputFile::Encoding::as_written);
        VcfWriter writer(out, in.header());
        while (BcfRecordHandle r = in.next()) writer.write(r.get());
        writer.close();
        out.commit();
        CHECK(records_of(dir.file(name)) == records_of(dir.file("in.vcf")));
        const htsExactFormat expected = name == "out.bcf" ? bcf : vcf;
        CHECK(format_of(dir.file(name)) == expected);
        // BGZF (gzip with the BC extra field) for the compressed ones, as tabix and bcftools want.
        const std::string bytes = read_text(dir.file(name));
        CHECK((bytes.compare(0, 4, "\x1f\x8b\x08\x04") == 0) == (name != "out.vcf"));
    }
    // A record of a BCF file has no line: its error counts records.
    VcfReader in(dir.file("out.bcf"));
    in.next();
    check_mentions(error_message([&] { in.fail("test message"); }), {"out.bcf: record 1: test message"});
}
