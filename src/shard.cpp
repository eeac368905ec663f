#include "gsattn/shard.hpp"

#include <string_view>

#include "gsattn/error.hpp"
#include "gsattn/text.hpp"

namespace gsattn {

Shard parse_shard(const std::string& text) {
    const std::string_view whole(text);
    const auto slash = whole.find('/');
    // Without a slash the count is missing, whatever the index reads as.
    const auto i = parse_integer<std::uint64_t>(whole.substr(0, slash));
    const auto count =
        slash == std::string_view::npos ? std::nullopt : parse_integer<std::uint64_t>(whole.substr(slash + 1));
    if (!i || !count || *count == 0 || *i == 0 || *i > *count)
        throw Error("shard must be I/N with 1 <= I <= N, e.g. 2/8, not '" + text + "'");
    Shard shard;
    shard.index = *i - 1;
    shard.count = *count;
    return shard;
}

}  // namespace gsattn
