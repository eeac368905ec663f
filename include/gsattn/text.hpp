// Small text helpers shared by the tab-separated readers (BED, labels).
#pragma once

#include <string_view>
#include <vector>

namespace gsattn {

// The fields of a tab-separated line, empty fields kept.
std::vector<std::string_view> split_tabs(std::string_view line);

}  // namespace gsattn
