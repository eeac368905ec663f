// Messages for the user on standard error; data never goes through here.
#pragma once

#include <string>
#include <string_view>

#include <fmt/format.h>

namespace gsattn::log {

enum class Level { quiet = 0, normal = 1, verbose = 2 };

void set_level(Level level);
Level level();
void write(std::string_view line);  // one line to stderr, "gsattn: " prefixed, after clearing the progress line
// Whether stderr is a terminal, where a progress bar redraws one line.
bool stderr_is_terminal();
// Redraws that line with "gsattn: " and `text`: on a terminal, unless -q.
void progress(std::string_view text);
// A bar of `width` characters for `done` of `total`: "[####......]".
std::string bar(double done, double total, int width = 30);
// Erases that line, if one is drawn; write() does so before its line.
void clear_progress_line();

template <typename... Args>
void info(fmt::format_string<Args...> format, Args&&... args) {
    if (level() >= Level::normal) write(fmt::format(format, std::forward<Args>(args)...));
}
// Shown at every level, -q included (as samtools does): something about the
// result the user should know. Prefixed "warning: " to tell it from info.
template <typename... Args>
void warning(fmt::format_string<Args...> format, Args&&... args) {
    write("warning: " + fmt::format(format, std::forward<Args>(args)...));
}
template <typename... Args>
void debug(fmt::format_string<Args...> format, Args&&... args) {
    if (level() >= Level::verbose) write(fmt::format(format, std::forward<Args>(args)...));
}

}  // namespace gsattn::log
