#include "gsattn/reference.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "gsattn/error.hpp"
#include "gsattn/line_reader.hpp"
#include "gsattn/log.hpp"
#include "gsattn/text.hpp"

namespace gsattn {
namespace {

// What faidx would only report as "cannot index": a gzip (not bgzip) file
// and a leading byte-order mark (faidx counts offsets from the first byte,
// so it cannot be skipped). Returns whether the file is bgzip-compressed.
bool check_indexable(const std::string& path) {
    const BgzfHandle fp = open_for_reading(path);
    const int compression = bgzf_compression(fp.get());
    if (compression == 1)  // htslib: 0 none, 1 gzip, 2 bgzip
        fail_at(path, 0,
                "gzip-compressed, but a reference needs random access: compress it with bgzip "
                "(zcat FILE | bgzip > FILE.gz) or not at all");
    char head[kUtf8ByteOrderMark.size()] = {};
    if (bgzf_read(fp.get(), head, sizeof head) == static_cast<ssize_t>(sizeof head) &&
        std::string_view(head, sizeof head) == kUtf8ByteOrderMark)
        fail_at(path, 1,
                "starts with a UTF-8 byte-order mark, which faidx cannot index: remove it "
                "(sed -i '1s/^\\xEF\\xBB\\xBF//' FILE)");
    return compression == 2;
}

bool older(const struct stat& a, const struct stat& b) {
    return a.st_mtim.tv_sec < b.st_mtim.tv_sec ||
           (a.st_mtim.tv_sec == b.st_mtim.tv_sec && a.st_mtim.tv_nsec < b.st_mtim.tv_nsec);
}

// The index files faidx uses for `fasta`: the .fai, and the .gzi of a bgzip file.
std::vector<std::string> index_suffixes(bool bgzip) {
    return bgzip ? std::vector<std::string>{".fai", ".gzi"} : std::vector<std::string>{".fai"};
}

// Whether an index file is older than its FASTA. faidx reads bases at the
// offsets its index holds, so an index made before the FASTA last changed
// (records reordered, a sequence edited) would read wrong bases without a
// word. An older index is not always stale, though: a copy (cp -r without
// -p) may write the index before the FASTA.
bool index_older_than_fasta(const std::string& fasta, bool bgzip) {
    struct stat data {};
    if (stat(fasta.c_str(), &data) != 0) return false;
    for (const std::string& suffix : index_suffixes(bgzip)) {
        struct stat st {};
        if (stat((fasta + suffix).c_str(), &st) == 0 && older(st, data)) return true;
    }
    return false;
}

std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Why the index `fai` cannot be made where faidx puts it, or empty when it
// exists or can be made (tried by making an empty file and removing it).
std::string cannot_write_index(const std::string& fai) {
    struct stat st {};
    if (stat(fai.c_str(), &st) == 0) return {};
    const int fd = open(fai.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0) return errno == EEXIST ? "a link to a missing file" : std::strerror(errno);
    close(fd);
    unlink(fai.c_str());
    return {};
}

// A directory removed with its contents when this goes out of scope.
struct ScratchDirectory {
    std::string path;
    ~ScratchDirectory() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
};

// An index built afresh in a temporary directory and loaded from there
// (faidx holds it in memory, so the directory goes at once), with the bytes
// of its files; a null handle when faidx cannot index the file.
struct ScratchIndex {
    FaidxHandle fai;
    std::vector<std::string> files;  // as index_suffixes()
};

ScratchIndex index_in_scratch(const std::string& fasta, bool bgzip, const std::string& why) {
    std::error_code error;
    ScratchDirectory dir{(std::filesystem::temp_directory_path(error) / "gsattn-fai.XXXXXX").string()};
    if (error || !mkdtemp(dir.path.data()))
        fail_at(fasta + ".fai", 0, fmt::format("{}, and no temporary directory can be made to index it", why));
    const std::string base = dir.path + "/index";
    ScratchIndex index;
    if (fai_build3(fasta.c_str(), (base + ".fai").c_str(), (base + ".gzi").c_str()) != 0) return index;
    for (const std::string& suffix : index_suffixes(bgzip)) index.files.push_back(file_bytes(base + suffix));
    index.fai.reset(fai_load3(fasta.c_str(), (base + ".fai").c_str(), (base + ".gzi").c_str(), 0));
    return index;
}

// The FASTA's own index when it is as new as the FASTA, or older but the
// same as one built now; otherwise one built now, with a warning.
FaidxHandle load_checked_index(const std::string& fasta, bool bgzip) {
    const auto own_index = [&] { return FaidxHandle(fai_load3(fasta.c_str(), nullptr, nullptr, FAI_CREATE)); };
    if (!index_older_than_fasta(fasta, bgzip)) return own_index();
    ScratchIndex fresh = index_in_scratch(fasta, bgzip, "the index is older than the FASTA");
    if (!fresh.fai) return nullptr;
    bool same = true;
    const std::vector<std::string> suffixes = index_suffixes(bgzip);
    for (std::size_t i = 0; i < suffixes.size(); ++i) same = same && file_bytes(fasta + suffixes[i]) == fresh.files[i];
    if (same) return own_index();
    log::warning("the index {}.fai is out of date: older than {} and different from an index of it made "
              "now, it would read the wrong bases; used a fresh index instead (delete the old one, or run "
              "'samtools faidx {}', to update it)",
              fasta, fasta, fasta);
    return std::move(fresh.fai);
}

}  // namespace

Reference::Reference(const std::string& path, SoftMasked soft_masked) : path_(path), soft_masked_(soft_masked) {
    if (path == "-") fail_at(path, 0, "a reference must be a file (faidx needs random access)");
    const bool bgzip = check_indexable(path);
    if (const std::string why = cannot_write_index(path + ".fai"); !why.empty()) {
        fai_ = std::move(index_in_scratch(path, bgzip, "cannot write the FASTA index (" + why + ")").fai);
        if (fai_)
            log::warning("cannot write the index {}.fai ({}): built it in a temporary directory instead, "
                      "again on every run; to keep an index, link the FASTA into a directory you can write "
                      "(ln -s) and give gsattn the link: the index is then made beside it",
                      path, why);
    } else if (std::filesystem::exists(path + ".fai")) {
        fai_ = load_checked_index(path, bgzip);
    } else {
        fai_.reset(fai_load3(path.c_str(), nullptr, nullptr, FAI_CREATE));
    }
    if (!fai_)
        fail_at(path, 0,
                "cannot load or build the FASTA index (is it FASTA, plain or bgzip-compressed, "
                "with lines of equal length?)");
}

bool Reference::has(const std::string& chrom) const {
    return faidx_has_seq(fai_.get(), chrom.c_str()) != 0;
}

std::vector<std::string> Reference::names() const {
    std::vector<std::string> names;
    for (int i = 0; i < faidx_nseq(fai_.get()); ++i) names.emplace_back(faidx_iseq(fai_.get(), i));
    return names;
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
                                   fmt::format("{}: region {}:{}-{}", path_, chrom, start, end), soft_masked_);
    if (strand == '-') return reverse_complement(bases);
    return bases;
}

}  // namespace gsattn
