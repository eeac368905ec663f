#include "gsattn/line_reader.hpp"

#include <cerrno>
#include <cstring>

#include "gsattn/error.hpp"

namespace gsattn {

LineReader::LineReader(const std::string& path) : path_(path) {
    errno = 0;
    fp_.reset(bgzf_open(path.c_str(), "r"));
    if (!fp_) {
        fail_at(path, 0, std::string("cannot open: ") +
                             (errno ? std::strerror(errno) : "not a readable file"));
    }
}

bool LineReader::next(std::string_view& line) {
    if (repeat_) {
        repeat_ = false;
        line = std::string_view(buffer_.data(), buffer_.size());
        return true;
    }
    const int rc = bgzf_getline(fp_.get(), '\n', buffer_.get());
    if (rc == -1) return false;
    if (rc < -1) {
        fail_at(path_, line_number_ + 1,
                "read error (truncated or corrupt compressed file?)");
    }
    ++line_number_;
    // bgzf_getline already drops the '\r' of a CRLF line ending.
    line = std::string_view(buffer_.data(), buffer_.size());
    return true;
}

void LineReader::fail(const std::string& message) const { fail_at(path_, line_number_, message); }

}  // namespace gsattn
