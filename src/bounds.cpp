#include "gsattn/bounds.hpp"

#include <cmath>

#include <fmt/format.h>

namespace gsattn {

bool Bounds::contains(double value) const {
    if (!std::isfinite(value)) return false;
    const bool above_low = low_open ? value > low : value >= low;
    const bool below_high = high_open ? value < high : value <= high;
    return above_low && below_high;
}

std::string Bounds::text() const {
    if (std::isinf(high)) return fmt::format("{} {}", low_open ? ">" : ">=", low);
    return fmt::format("{}{}, {}{}", low_open ? '(' : '[', low, high, high_open ? ')' : ']');
}

std::string Bounds::rule() const {
    std::string rule = std::isinf(high) ? "must be a finite number " + text() : "must lie in " + text();
    if (*why) rule += fmt::format(" ({})", why);
    return rule;
}

std::string out_of_bounds(const std::string& name, double value, const Bounds& bounds) {
    return fmt::format("{} {} {}", name, value, bounds.rule());
}

}  // namespace gsattn
