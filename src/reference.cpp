#include "gsattn/reference.hpp"

#include <cstdlib>
#include <memory>

#include <fmt/format.h>

#include "gsattn/error.hpp"

namespace gsattn {

Reference::Reference(const std::string& path) : path_(path) {
    if (path == "-") fail_at(path, 0, "a reference must be a file (faidx needs random access)");
    fai_.reset(fai_load3(path.c_str(), nullptr, nullptr, FAI_CREATE));
    if (!fai_)
        fail_at(path, 0,
                "cannot load or build the FASTA index (is it FASTA, plain or bgzip-compressed, "
                "with lines of equal length?)");
}

bool Reference::has(const std::string& chrom) const {
    return faidx_has_seq(fai_.get(), chrom.c_str()) != 0;
}

std::int64_t Reference::length(const std::string& chrom) const {
    if (!has(chrom)) fail_at(path_, 0, fmt::format("sequence '{}' is not in the reference", chrom));
    // htslib 1.16 has no 64-bit variant; int covers sequences up to 2 Gbp.
    return faidx_seq_len(fai_.get(), chrom.c_str());
}

EncodedSequence Reference::fetch(const std::string& chrom, std::int64_t start, std::int64_t end,
                                 char strand) const {
    const std::int64_t chrom_length = length(chrom);
    if (start < 0 || end < start)
        fail_at(path_, 0, fmt::format("invalid region {}:{}-{}", chrom, start, end));
    if (end > chrom_length)
        fail_at(path_, 0,
                fmt::format("region {}:{}-{} runs past the end of '{}' ({} bp)", chrom, start, end,
                            chrom, chrom_length));
    if (start == end) return {};
    hts_pos_t fetched = 0;
    std::unique_ptr<char, decltype(&std::free)> text(
        faidx_fetch_seq64(fai_.get(), chrom.c_str(), start, end - 1, &fetched), &std::free);
    if (!text || fetched != end - start)
        fail_at(path_, 0, fmt::format("cannot read region {}:{}-{}", chrom, start, end));
    EncodedSequence bases = encode(std::string_view(text.get(), static_cast<std::size_t>(fetched)),
                                   fmt::format("{}: region {}:{}-{}", path_, chrom, start, end));
    if (strand == '-') return reverse_complement(bases);
    return bases;
}

}  // namespace gsattn
