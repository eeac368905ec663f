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
bool is_skipped(std::string_view line, const std::vector<std::string>& rows_so_far) {
    return line.empty() || (line.front() == '#' && rows_so_far.empty());
}

// The header name of column `index` (0-based), or "column N".
std::string column_title(const std::vector<std::string>& header, std::size_t index) {
    if (index < header.size() && !header[index].empty()) return header[index];
    return fmt::format("column {}", index + 1);
}

// Reads the data rows of the labels TSV `path` under the value column chosen
// by `column` (see read_labels) into `table` (a LabelTable or LabelTexts):
// sets its path, header, column and order, and hands each row's name and
// value field to take(name, field, lines), which checks and stores the value.
// A column given by number has a header when is_header(the first line's
// value field) says so; a named one always has.
template <typename Table, typename IsHeader, typename Take>
void read_rows(Table& table, const std::string& path, const std::string& column, IsHeader is_header,
               Take take) {
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
        if (is_skipped(line, table.order)) continue;
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
            const bool header = fields.size() > value_index && (!number || is_header(fields[value_index]));
            if (header) table.header.assign(fields.begin(), fields.end());
            table.column = column_title(table.header, value_index);
            if (header) continue;
        }
        if (fields.size() <= value_index)
            lines.fail(fmt::format("expected at least {} tab-separated columns (name ... value), "
                                   "found {}",
                                   value_index + 1, fields.size()));
        const std::string name(fields[0]);
        if (name.empty()) lines.fail("record name is empty");
        take(name, fields[value_index], lines);
        const auto [seen, inserted] = first_line.emplace(name, lines.line_number());
        if (!inserted)
            lines.fail(fmt::format("duplicate record name '{}' (first on line {})", name,
                                   seen->second));
        table.order.push_back(name);
    }
    if (table.order.empty())
        fail_at(path, lines.line_number(),
                table.header.empty() ? "no label rows (the file is empty)"
                                     : "no label rows after the header");
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

const std::string& LabelTexts::at(const std::string& name) const {
    const auto it = values.find(name);
    if (it == values.end())
        fail_at(path, 0, fmt::format("no {} for record '{}'", column, name));
    return it->second;
}

LabelTable read_labels(const std::string& path, const std::string& column, LabelValues values) {
    LabelTable table;
    const auto is_header = [](std::string_view field) { return !parse_number(field); };
    read_rows(table, path, column, is_header, [&](const std::string& name, std::string_view field,
                                                  const LineReader& lines) {
        const std::optional<double> value = parse_number(field);
        if (!value || !std::isfinite(*value))
            lines.fail(fmt::format("label '{}' for record '{}' is not a finite number", field, name));
        if (!kLabelBounds.contains(*value))
            lines.fail(fmt::format("label '{}' for record '{}' {}", field, name, kLabelBounds.rule()));
        if (values == LabelValues::binary && *value != 0 && *value != 1)
            lines.fail(fmt::format("label '{}' for record '{}' must be 0 or 1 for classification", field, name));
        table.values.emplace(name, *value);
    });
    return table;
}

LabelTexts read_label_texts(const std::string& path, const std::string& column, bool has_header) {
    LabelTexts table;
    const auto is_header = [has_header](std::string_view) { return has_header; };
    read_rows(table, path, column, is_header, [&](const std::string& name, std::string_view field,
                                                  const LineReader& lines) {
        if (field.empty()) lines.fail(fmt::format("the {} of record '{}' is empty", table.column, name));
        table.values.emplace(name, field);
    });
    return table;
}

}  // namespace gsattn
