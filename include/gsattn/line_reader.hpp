// Line-by-line reading of plain, gzip or bgzip text through htslib's BGZF,
// with the line number kept for error messages. "-" reads standard input.
// Every text reader (FASTA, BED, labels, motifs) stands on this.
//
// A UTF-8 byte-order mark at the start of the input is skipped. A line is
// held in memory at most kMaxLineLength bytes at a time, so a binary or
// decompression-bomb input is refused before it fills the memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gsattn/hts_handles.hpp"

namespace gsattn {

// `path` (plain, gzip or bgzip; "-" = standard input) opened through BGZF;
// Error naming it when it cannot be.
BgzfHandle open_for_reading(const std::string& path);

class LineReader {
public:
    // The longest line next() accepts, and the largest piece next_piece() gives.
    static constexpr std::size_t kMaxLineLength = std::size_t{1} << 20;

    explicit LineReader(const std::string& path);

    // Next line without its "\n" or "\r\n"; false at end of file. Throws
    // Error on a read or decompression failure (e.g. truncated gzip), on a
    // line longer than kMaxLineLength and on a control character other than
    // tab (require_text()).
    bool next(std::string_view& line);
    // The next piece of a line, unchecked: the whole line, or of a line
    // longer than kMaxLineLength the next part of it (line_goes_on() then
    // says that more of the same line follows). For lines that may be
    // arbitrarily long, such as FASTA sequence lines; false at end of file.
    bool next_piece(std::string_view& piece);
    bool line_goes_on() const { return goes_on_; }
    // The next call to next() gives the line it gave last, again: a reader
    // that looked at a line to decide how to parse can hand it on.
    void repeat_line() { repeat_ = line_number_ > 0; }

    // Throws Error naming this line if `text` (of it) holds a control
    // character other than tab: text files have none, binary files many.
    void require_text(std::string_view text) const;

    const std::string& path() const { return path_; }
    std::int64_t line_number() const { return line_number_; }
    [[noreturn]] void fail(const std::string& message) const;

private:
    // Reads more input into block_; false at end of file.
    bool fill();
    // Moves the bytes of the current line up to the next '\n', or up to
    // kMaxLineLength in all, from block_ into line_; true when the line ended.
    bool take_line_bytes();

    std::string path_;
    BgzfHandle fp_;
    std::vector<char> block_;
    std::size_t block_begin_ = 0, block_end_ = 0;
    std::string line_;
    std::int64_t line_number_ = 0;
    bool goes_on_ = false;
    bool repeat_ = false;
};

}  // namespace gsattn
