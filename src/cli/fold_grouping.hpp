// gsattn train --folds: which records must share a fold. --group-column,
// --group-by-similarity and --element-bed with --group-by-element each group
// the records, so that no test fold shares a group with its training set;
// without them every record is a group of its own ("random").
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "gsattn/dataset.hpp"

namespace gsattn::cli {

struct FoldGroupingOptions {
    std::string column;                // --group-column: a --labels column
    double similarity = 0;             // --group-by-similarity; 0: not given
    std::string element_bed, element;  // --element-bed, --group-by-element
};

// Adds the options to `command` in its option group `group`; --folds must
// have been added before (they need it). At most one grouping is accepted.
// --element-bed alone is accepted here: the command checks that something
// reads it.
void add_fold_grouping_options(CLI::App& command, FoldGroupingOptions& options, const std::string& group);

struct FoldGrouping {
    std::string name;                          // "random", "column:NAME", "similarity:F", "element:NAME"
    std::vector<std::size_t> group_of_record;  // empty for "random"
    std::size_t groups = 0;
};

// The grouping `options` ask for of `records`; `column_values` holds each
// record's --group-column value when that was given. Logs the number of
// groups and the largest group's size.
FoldGrouping fold_grouping(const FoldGroupingOptions& options, const std::vector<Example>& records,
                           const std::vector<std::string>& column_values);

}  // namespace gsattn::cli
