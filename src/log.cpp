#include "gsattn/log.hpp"

#include <atomic>
#include <cstdio>

namespace gsattn::log {
namespace {
std::atomic<Level> current{Level::normal};
}

void set_level(Level l) { current = l; }
Level level() { return current; }

void write(std::string_view line) { fmt::print(stderr, "gsattn: {}\n", line); }

}  // namespace gsattn::log
