// Small text helpers shared by the readers (BED, labels, motifs) and the
// options that take numbers.
#pragma once

#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace gsattn {

// What some editors put at the start of a UTF-8 text file; the text readers
// skip it (LineReader).
inline constexpr std::string_view kUtf8ByteOrderMark = "\xef\xbb\xbf";

// An ASCII control character (below 0x20, or DEL), tab and newline included.
constexpr bool is_control_character(char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
}

inline bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

// True only when `text` is longer than `suffix` and ends with it (a file
// name that is nothing but the extension does not count).
inline bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() > suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// The fields of `text` between `separator`s, empty fields kept.
std::vector<std::string_view> split_on(std::string_view text, char separator);
// The fields of a tab-separated line, empty fields kept.
inline std::vector<std::string_view> split_tabs(std::string_view line) { return split_on(line, '\t'); }

// `text` with control characters other than tab and newline written as
// \xNN, so that an error message quoting a binary file cannot drive the
// terminal that shows it.
std::string escape_control_characters(std::string_view text);

// The whole field as a number (strtod's syntax; NaN and inf included: callers
// decide which numbers they take), or nothing when it is empty or has
// anything after the number.
std::optional<double> parse_number(std::string_view field);

// The whole field as a decimal integer of type Integer, or nothing when it
// is empty, has anything else, or is out of the type's range.
template <typename Integer>
std::optional<Integer> parse_integer(std::string_view field) {
    Integer value{};
    const char* last = field.data() + field.size();
    const auto [end, error] = std::from_chars(field.data(), last, value);
    if (field.empty() || error != std::errc{} || end != last) return std::nullopt;
    return value;
}

}  // namespace gsattn
