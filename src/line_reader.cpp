#include "gsattn/line_reader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "gsattn/error.hpp"
#include "gsattn/text.hpp"

namespace gsattn {
namespace {

constexpr std::size_t kBlockSize = std::size_t{64} << 10;

}  // namespace

BgzfHandle open_for_reading(const std::string& path) {
    errno = 0;
    BgzfHandle fp(bgzf_open(path.c_str(), "r"));
    if (!fp) fail_at(path, 0, std::string("cannot open: ") + (errno ? std::strerror(errno) : "not a readable file"));
    return fp;
}

LineReader::LineReader(const std::string& path)
    : path_(path), fp_(open_for_reading(path)), block_(kBlockSize) {}

bool LineReader::fill() {
    const ssize_t got = bgzf_read(fp_.get(), block_.data(), block_.size());
    if (got < 0) fail("read error (truncated or corrupt compressed file?)");
    block_begin_ = 0;
    block_end_ = static_cast<std::size_t>(got);
    return got > 0;
}

bool LineReader::take_line_bytes() {
    while (true) {
        if (block_begin_ == block_end_ && !fill()) return true;  // the end of the file ends the line
        const char* begin = block_.data() + block_begin_;
        const std::size_t available = block_end_ - block_begin_;
        const std::size_t room = kMaxLineLength - line_.size();
        // A newline right after a full piece still ends the line.
        const auto* newline =
            static_cast<const char*>(std::memchr(begin, '\n', std::min(available, room + 1)));
        if (newline) {
            line_.append(begin, newline);
            block_begin_ += static_cast<std::size_t>(newline - begin) + 1;
            return true;
        }
        if (room == 0) return false;
        const std::size_t taken = std::min(available, room);
        line_.append(begin, taken);
        block_begin_ += taken;
    }
}

bool LineReader::next_piece(std::string_view& piece) {
    if (repeat_) {
        repeat_ = false;
        piece = line_;
        return true;
    }
    const bool starts_line = !goes_on_;
    line_.clear();
    if (starts_line) ++line_number_;
    if (block_begin_ == block_end_ && !fill()) {
        if (starts_line) --line_number_;
        goes_on_ = false;
        return false;
    }
    goes_on_ = !take_line_bytes();
    // The '\r' of a "\r\n" may be all the last piece of a long line holds.
    if (!goes_on_ && !line_.empty() && line_.back() == '\r') line_.pop_back();
    if (starts_line && line_number_ == 1 && line_.compare(0, kUtf8ByteOrderMark.size(), kUtf8ByteOrderMark) == 0)
        line_.erase(0, kUtf8ByteOrderMark.size());
    piece = line_;
    return true;
}

bool LineReader::next(std::string_view& line) {
    if (!next_piece(line)) return false;
    if (goes_on_)
        fail(fmt::format("line is longer than {} bytes (is this a text file?)", kMaxLineLength));
    require_text(line);
    return true;
}

void LineReader::require_text(std::string_view text) const {
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (is_control_character(text[i]) && text[i] != '\t')
            fail(fmt::format("control character 0x{:02x} at column {} (is this a text file?)",
                             static_cast<unsigned char>(text[i]), i + 1));
    }
}

void LineReader::fail(const std::string& message) const { fail_at(path_, line_number_, message); }

}  // namespace gsattn
