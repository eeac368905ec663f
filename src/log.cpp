#include "gsattn/log.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>

namespace gsattn::log {
namespace {
std::atomic<Level> current{Level::normal};
std::atomic<bool> progress_drawn{false};
}

void set_level(Level l) { current = l; }
Level level() { return current; }

void write(std::string_view line) {
    clear_progress_line();
    fmt::print(stderr, "gsattn: {}\n", line);
}

bool stderr_is_terminal() { return isatty(STDERR_FILENO) != 0; }

void progress(std::string_view text) {
    if (level() < Level::normal || !stderr_is_terminal()) return;
    fmt::print(stderr, "\rgsattn: {}", text);
    std::fflush(stderr);
    progress_drawn = true;
}

std::string bar(double done, double total, int width) {
    const int filled = total > 0 ? static_cast<int>(width * std::clamp(done / total, 0.0, 1.0)) : 0;
    return "[" + std::string(filled, '#') + std::string(width - filled, '.') + "]";
}

void clear_progress_line() {
    if (progress_drawn.exchange(false)) std::fputs("\r\033[K", stderr);
}

}  // namespace gsattn::log
