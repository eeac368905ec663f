// The one exception type for user errors (bad input, unreadable files).
// Thrown by the library, caught once in main, printed, exit status 1.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace gsattn {

// The message is stored with its control characters escaped (\xNN, see
// escape_control_characters): what() is a C string, so a NUL quoted from a
// binary input would otherwise end the message there.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message);
};

// "FILE:LINE: MESSAGE", the form compilers and samtools use; line 0 = whole file.
[[noreturn]] void fail_at(const std::string& file, std::int64_t line, const std::string& message);

}  // namespace gsattn
