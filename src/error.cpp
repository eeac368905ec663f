#include "gsattn/error.hpp"

#include <fmt/format.h>

#include "gsattn/text.hpp"

namespace gsattn {

Error::Error(const std::string& message) : std::runtime_error(escape_control_characters(message)) {}

void fail_at(const std::string& file, std::int64_t line, const std::string& message) {
    if (line > 0) throw Error(fmt::format("{}:{}: {}", file, line, message));
    throw Error(fmt::format("{}: {}", file, message));
}

}  // namespace gsattn
