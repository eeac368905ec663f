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
    const int rc = bgzf_getline(fp_.get(), '\n', buffer_.get());
    if (rc == -1) return false;
    if (rc < -1) {
        fail_at(path_, line_number_ + 1,
                "read error (truncated or corrupt compressed file?)");
    }
    ++line_number_;
    std::size_t n = buffer_.size();
    if (n > 0 && buffer_.data()[n - 1] == '\r') --n;  // CRLF files read as LF
    line = std::string_view(buffer_.data(), n);
    return true;
}

void LineReader::fail(const std::string& message) const { fail_at(path_, line_number_, message); }

}  // namespace gsattn
