#include "gsattn/json.hpp"

#include <sstream>

namespace gsattn {

std::string to_json(const toml::table& table) {
    std::ostringstream out;
    out << toml::json_formatter{table};
    std::string text = out.str();
    // toml++ writes non-finite floats as bare nan/inf, which JSON lacks.
    for (const char* bad : {"-nan", "nan", "-inf", "inf"}) {
        const std::string token = std::string(": ") + bad;
        for (auto at = text.find(token); at != std::string::npos; at = text.find(token, at))
            text.replace(at + 2, std::string(bad).size(), "null");
    }
    text.push_back('\n');
    return text;
}

}  // namespace gsattn
