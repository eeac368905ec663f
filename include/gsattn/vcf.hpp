// VCF and BCF files through htslib: a reader whose errors name the line (VCF)
// or record (BCF) they are about, and a writer into an OutputFile, so that
// the output appears whole or not at all like every other output.
#pragma once

#include <cstdint>
#include <string>

#include "gsattn/hts_handles.hpp"

namespace gsattn {

class OutputFile;

class VcfReader {
public:
    // VCF (plain, gzip or BGZF) or BCF; "-" is standard input.
    explicit VcfReader(const std::string& path);

    // The header; records read after a change to it are read with the change.
    bcf_hdr_t* header() const { return header_.get(); }
    // The next record with its alleles and INFO unpacked; null at the end.
    // A record htslib cannot read is an Error naming the file and line.
    BcfRecordHandle next();
    // An Error about the record last read: "in.vcf:12: message" for VCF
    // text, "in.bcf: record 3: message" for BCF.
    [[noreturn]] void fail(const std::string& message) const;

private:
    std::string path_;
    HtsFileHandle file_;
    BcfHeaderHandle header_;
    std::int64_t records_ = 0;
};

// The format an output's name asks for: BCF for ".bcf", BGZF-compressed VCF
// for ".gz" (which tabix -p vcf indexes), VCF text otherwise and for "-".
enum class VcfFormat { text, bgzf, bcf };
VcfFormat vcf_format_for(const std::string& path);

class VcfWriter {
public:
    // Writes `header` to `out` (opened with OutputFile::Encoding::as_written)
    // in vcf_format_for(out.path()).
    VcfWriter(OutputFile& out, const bcf_hdr_t* header);
    void write(bcf1_t* record);
    // Flushes and closes; an Error naming the output when a write failed.
    // The caller then commits `out`.
    void close();

private:
    [[noreturn]] void fail() const;
    OutputFile& out_;
    const bcf_hdr_t* header_;
    HtsFileHandle file_;
};

}  // namespace gsattn
