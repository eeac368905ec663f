// Small text helpers shared by the tab-separated readers (BED, labels).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gsattn {

// The fields of a tab-separated line, empty fields kept.
std::vector<std::string_view> split_tabs(std::string_view line);

// `text` with control characters other than tab and newline written as
// \xNN, so that an error message quoting a binary file cannot drive the
// terminal that shows it.
std::string escape_control_characters(std::string_view text);

}  // namespace gsattn
