// Label tables: one number per record name, read from a TSV such as the
// `*.labels.tsv` that `gsattn simulate` writes or a measured-activity table.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "gsattn/bounds.hpp"

namespace gsattn {

// A label table: record name -> value, read from a TSV (plain or gzip, "-" = stdin).
// Column 1 is the record name. The value column is chosen by `column`: empty = column 2;
// a header name (e.g. "strength"); or a 1-based number ("3"). A header line is detected when
// the chosen value field of the first non-blank, non-'#' line is not a number (naming a column
// requires a header). '#' comment lines are skipped above the first row only; a UTF-8
// byte-order mark is skipped. Extra columns are ignored. Errors (gsattn::Error, with file:line): fewer
// columns than needed, a value that is not a finite number (NaN, inf, text), a duplicate name,
// an unknown column name, no data rows.
struct LabelTable {
    std::string path;
    std::string column;                       // the header name of the value column, or "column N"
    std::vector<std::string> header;          // empty when the file has none
    std::unordered_map<std::string, double> values;
    std::vector<std::string> order;           // names in file order

    bool has_column(const std::string& name) const;  // is `name` in the header
    // The value for `name`; throws Error naming the labels file and the record if absent.
    double at(const std::string& name) const;
};

// Labels beyond these would overflow the sums of squares that training and
// its metrics compute of them.
inline constexpr Bounds kLabelBounds{-1e100, 1e100, false, false, "larger ones overflow the statistics of training"};

// What a label column may hold: any number within kLabelBounds, or for
// classification 0 or 1 only; another value is an Error naming its line.
enum class LabelValues { numbers, binary };

LabelTable read_labels(const std::string& path, const std::string& column = "",
                       LabelValues values = LabelValues::numbers);

// A column of a labels TSV read as text, e.g. each record's group: record
// name -> the field, any non-empty text. The column is chosen as read_labels
// chooses its value column, with the same errors; the first line is a header
// when `column` is a name, or else when `has_header` says so (whether
// read_labels found one in the same file: text cannot tell a header apart).
struct LabelTexts {
    std::string path;
    std::string column;  // the header name of the column, or "column N"
    std::vector<std::string> header;
    std::unordered_map<std::string, std::string> values;
    std::vector<std::string> order;

    // The text for `name`; throws Error naming the labels file and the record if absent.
    const std::string& at(const std::string& name) const;
};

LabelTexts read_label_texts(const std::string& path, const std::string& column, bool has_header);

}  // namespace gsattn
