// Line-by-line reading of plain, gzip or bgzip text through htslib's BGZF,
// with the line number kept for error messages. "-" reads standard input.
// Every text reader (FASTA, BED, labels, motifs) stands on this.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "gsattn/hts_handles.hpp"

namespace gsattn {

class LineReader {
public:
    explicit LineReader(const std::string& path);

    // Next line without its "\n" or "\r\n"; false at end of file.
    // Throws Error on a read or decompression failure (e.g. truncated gzip).
    bool next(std::string_view& line);
    // The next call to next() gives the line it gave last, again: a reader
    // that looked at a line to decide how to parse can hand it on.
    void repeat_line() { repeat_ = line_number_ > 0; }

    const std::string& path() const { return path_; }
    std::int64_t line_number() const { return line_number_; }
    [[noreturn]] void fail(const std::string& message) const;

private:
    std::string path_;
    BgzfHandle fp_;
    KString buffer_;
    std::int64_t line_number_ = 0;
    bool repeat_ = false;
};

}  // namespace gsattn
