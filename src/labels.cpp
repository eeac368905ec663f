#include "gsattn/labels.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string_view>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "gsattn/error.hpp"
#include "gsattn/line_reader.hpp"
#include "gsattn/text.hpp"

namespace gsattn {
namespace {

// A 1-based column number written as digits, or nothing when `column` is a header name.
std::optional<int> column_number(const std::string& path, const std::string& column) {
    if (column.empty() || !std::all_of(column.begin(), column.end(),
                                       [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    const auto number = parse_integer<int>(column);
    if (!number) fail_at(path, 0, fmt::format("label column number {} is too large", column));
    if (*number < 2)
        fail_at(path, 0, fmt::format("label column {} cannot hold the values: column 1 is the "
                                     "record name, so choose column 2 or later",
                                     column));
    return number;
}

// Blank lines, and '#' comment lines above the first row: below it, a line
// starting with '#' is a row, of a record whose name starts with '#'.
bool is_skipped(std::string_view line, const LabelTable& table) {
    return line.empty() || (line.front() == '#' && table.order.empty());
}

}  // namespace

bool LabelTable::has_column(const std::string& name) const {
    return std::find(header.begin(), header.end(), name) != header.end();
}

double LabelTable::at(const std::string& name) const {
    const auto it = values.find(name);
    if (it == values.end())
        fail_at(path, 0, fmt::format("no label ({}) for record '{}'", column, name));
    return it->second;
}

LabelTable read_labels(const std::string& path, const std::string& column, LabelValues values) {
    LabelTable table;
    table.path = path;
    LineReader lines(path);
    const std::optional<int> number = column.empty() ? std::optional<int>(2)
                                                     : column_number(path, column);
    std::size_t value_index = number ? static_cast<std::size_t>(*number - 1) : 0;
    // Where each name was first seen, so a duplicate can point back to it.
    std::unordered_map<std::string, std::int64_t> first_line;
    bool first = true;

    std::string_view line;
    while (lines.next(line)) {
        if (is_skipped(line, table)) continue;
        const auto fields = split_tabs(line);
        if (first) {
            first = false;
            if (!number) {
                // Naming a column requires a header, so the first line is one.
                const auto named = std::find(fields.begin(), fields.end(), column);
                if (named == fields.end())
                    lines.fail(fmt::format("no column named '{}' in the labels header ({})",
                                           column, fmt::join(fields, ", ")));
                if (std::find(named + 1, fields.end(), column) != fields.end())
                    lines.fail(fmt::format("the labels header names column '{}' more than once",
                                           column));
                value_index = static_cast<std::size_t>(named - fields.begin());
                if (value_index == 0)
                    lines.fail(fmt::format("column '{}' holds the record names, not values",
                                           column));
            }
            if (fields.size() > value_index && (!number || !parse_number(fields[value_index]))) {
                table.header.assign(fields.begin(), fields.end());
                continue;
            }
        }
        if (fields.size() <= value_index)
            lines.fail(fmt::format("expected at least {} tab-separated columns (name ... value), "
                                   "found {}",
                                   value_index + 1, fields.size()));
        const std::string name(fields[0]);
        if (name.empty()) lines.fail("record name is empty");
        const std::string_view field = fields[value_index];
        const std::optional<double> value = parse_number(field);
        if (!value || !std::isfinite(*value))
            lines.fail(fmt::format("label '{}' for record '{}' is not a finite number", field,
                                   name));
        if (!kLabelBounds.contains(*value))
            lines.fail(fmt::format("label '{}' for record '{}' {}", field, name, kLabelBounds.rule()));
        if (values == LabelValues::binary && *value != 0 && *value != 1)
            lines.fail(fmt::format("label '{}' for record '{}' must be 0 or 1 for classification", field, name));
        const auto [seen, inserted] = first_line.emplace(name, lines.line_number());
        if (!inserted)
            lines.fail(fmt::format("duplicate record name '{}' (first on line {})", name,
                                   seen->second));
        table.values.emplace(name, *value);
        table.order.push_back(name);
    }

    if (!table.header.empty() && !table.header[value_index].empty())
        table.column = table.header[value_index];
    else
        table.column = fmt::format("column {}", value_index + 1);
    if (table.order.empty())
        fail_at(path, lines.line_number(),
                table.header.empty() ? "no label rows (the file is empty)"
                                     : "no label rows after the header");
    return table;
}

}  // namespace gsattn
