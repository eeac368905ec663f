// The values a numeric setting may take. One Bounds per setting is checked
// wherever the value comes from (command line, config file, model file), so
// the same value gets the same answer from each.
#pragma once

#include <limits>
#include <string>

namespace gsattn {

struct Bounds {
    double low = 0;
    double high = std::numeric_limits<double>::infinity();  // infinity: no upper bound
    bool low_open = false;   // low itself excluded
    bool high_open = false;  // high itself excluded
    const char* why = "";    // why the bound, when it is not plain from the setting

    // NaN and infinities are never contained.
    bool contains(double value) const;
    // "[1, 1024]", "(0, 1]", ">= 0".
    std::string text() const;
    // "must lie in (0, 1] (WHY)", "must be a finite number >= 0".
    std::string rule() const;
};

// "NAME VALUE RULE", the message for a value outside `bounds`.
std::string out_of_bounds(const std::string& name, double value, const Bounds& bounds);

}  // namespace gsattn
