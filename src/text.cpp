#include "gsattn/text.hpp"

#include <cstdlib>

#include <fmt/format.h>

namespace gsattn {

std::vector<std::string_view> split_on(std::string_view text, char separator) {
    std::vector<std::string_view> fields;
    std::size_t begin = 0;
    while (true) {
        const std::size_t end = text.find(separator, begin);
        fields.push_back(text.substr(begin, end == std::string_view::npos ? end : end - begin));
        if (end == std::string_view::npos) return fields;
        begin = end + 1;
    }
}

std::string escape_control_characters(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        if (is_control_character(c) && c != '\t' && c != '\n')
            out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
        else out += c;
    }
    return out;
}

std::optional<double> parse_number(std::string_view field) {
    if (field.empty()) return std::nullopt;
    const std::string text(field);
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size()) return std::nullopt;
    return value;
}

}  // namespace gsattn
