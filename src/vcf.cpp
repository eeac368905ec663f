#include "gsattn/vcf.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>
#include <htslib/hfile.h>

#include "gsattn/error.hpp"
#include "gsattn/output_file.hpp"
#include "gsattn/text.hpp"

namespace gsattn {

VcfReader::VcfReader(const std::string& path) : path_(path) {
    file_.reset(hts_open(path.c_str(), "r"));
    if (!file_) fail_at(path, 0, fmt::format("cannot open: {}", errno ? std::strerror(errno) : "unknown error"));
    const htsExactFormat format = hts_get_format(file_.get())->format;
    if (format != vcf && format != bcf) fail_at(path, 0, "not a VCF or BCF file");
    header_.reset(bcf_hdr_read(file_.get()));
    if (!header_) fail_at(path, 0, "cannot read the VCF header");
}

BcfRecordHandle VcfReader::next() {
    BcfRecordHandle record(bcf_init());
    const int status = bcf_read(file_.get(), header_.get(), record.get());
    if (status == -1) return nullptr;
    ++records_;
    // A contig or INFO/FORMAT tag the header does not define is a warning
    // of htslib's, which then defines it; the caller decides about contigs.
    if (status < -1 || (record->errcode & ~(BCF_ERR_CTG_UNDEF | BCF_ERR_TAG_UNDEF)))
        fail("not a valid VCF record");
    if (bcf_unpack(record.get(), BCF_UN_INFO) != 0) fail("not a valid VCF record");
    // htslib reads some broken lines without an error: a POS that is no
    // number reads as 0, a line cut short after POS has no alleles.
    if (record->pos < 0) fail("POS must be a number from 1 up");
    if (record->n_allele < 1 || record->d.allele[0][0] == '.') fail("no REF allele");
    return record;
}

void VcfReader::fail(const std::string& message) const {
    // htslib counts the lines of VCF text (header lines included), not of BCF.
    if (hts_get_format(file_.get())->format == vcf) fail_at(path_, file_->lineno, message);
    fail_at(path_, 0, fmt::format("record {}: {}", records_, message));
}

VcfFormat vcf_format_for(const std::string& path) {
    if (path == "-") return VcfFormat::text;
    if (ends_with(path, ".bcf")) return VcfFormat::bcf;
    if (ends_with(path, ".gz")) return VcfFormat::bgzf;
    return VcfFormat::text;
}

VcfWriter::VcfWriter(OutputFile& out, const bcf_hdr_t* header) : out_(out), header_(header) {
    const char* mode = "w";
    switch (vcf_format_for(out.path())) {
        case VcfFormat::text: mode = "w"; break;
        case VcfFormat::bgzf: mode = "wz"; break;
        case VcfFormat::bcf: mode = "wb"; break;
    }
    // htslib writes to its own descriptor on the output's file, closed with it.
    const int fd = fcntl(out.descriptor(), F_DUPFD_CLOEXEC, 0);
    if (fd < 0) fail_at(out.path(), 0, fmt::format("cannot open output: {}", std::strerror(errno)));
    hFILE* handle = hdopen(fd, "w");
    if (!handle) {
        ::close(fd);
        fail_at(out.path(), 0, "cannot open output");
    }
    file_.reset(hts_hopen(handle, out.path().c_str(), mode));
    if (!file_) {
        hclose_abruptly(handle);
        fail_at(out.path(), 0, "cannot open output");
    }
    if (bcf_hdr_write(file_.get(), const_cast<bcf_hdr_t*>(header_)) != 0) fail();
}

void VcfWriter::write(bcf1_t* record) {
    if (bcf_write(file_.get(), const_cast<bcf_hdr_t*>(header_), record) != 0) fail();
}

void VcfWriter::close() {
    if (!file_) return;
    errno = 0;
    const int status = hts_close(file_.release());
    if (status != 0) fail();
}

void VcfWriter::fail() const {
    fail_at(out_.path(), 0, fmt::format("write failed: {}", errno ? std::strerror(errno) : "I/O error"));
}

}  // namespace gsattn
