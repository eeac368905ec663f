#include "gsattn/shard.hpp"

#include <charconv>

#include "gsattn/error.hpp"

namespace gsattn {
namespace {

bool parse_number(const char* first, const char* last, std::uint64_t& value) {
    if (first == last) return false;
    const auto [end, error] = std::from_chars(first, last, value);
    return error == std::errc{} && end == last;
}

}  // namespace

Shard parse_shard(const std::string& text) {
    const auto slash = text.find('/');
    Shard shard;
    std::uint64_t i = 0;
    if (slash == std::string::npos || !parse_number(text.data(), text.data() + slash, i) ||
        !parse_number(text.data() + slash + 1, text.data() + text.size(), shard.count) || shard.count == 0 ||
        i == 0 || i > shard.count)
        throw Error("shard must be I/N with 1 <= I <= N, e.g. 2/8, not '" + text + "'");
    shard.index = i - 1;
    return shard;
}

}  // namespace gsattn
