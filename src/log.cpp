#include "gsattn/log.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdio>

namespace gsattn::log {
namespace {
std::atomic<Level> current{Level::normal};
}

void set_level(Level l) { current = l; }
Level level() { return current; }

void write(std::string_view line) { fmt::print(stderr, "gsattn: {}\n", line); }

bool stderr_is_terminal() { return isatty(STDERR_FILENO) != 0; }

void clear_progress_line() {
    if (stderr_is_terminal()) std::fputs("\r\033[K", stderr);
}

}  // namespace gsattn::log
