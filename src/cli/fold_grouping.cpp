#include "cli/fold_grouping.hpp"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include "cli/common.hpp"
#include "gsattn/log.hpp"
#include "gsattn/record_groups.hpp"

namespace gsattn::cli {

void add_fold_grouping_options(CLI::App& command, FoldGroupingOptions& options, const std::string& group) {
    CLI::Option* column =
        command
            .add_option("--group-column", options.column,
                        "With --folds: keep the records with equal values (any text) in this --labels column, "
                        "by header name or number, in one fold")
            ->type_name("NAME|N")
            ->needs("--folds");
    CLI::Option* similarity =
        command
            .add_option("--group-by-similarity", options.similarity,
                        "With --folds: keep records sharing at least this fraction of their distinct 8-mers "
                        "(single linkage; 8-mers of over a tenth of the records, at most 1000, left out) "
                        "in one fold, e.g. 0.5")
            ->type_name("F")
            ->check(number_within({0, 1, true, false}))
            ->needs("--folds");
    CLI::Option* element =
        command
            .add_option("--group-by-element", options.element,
                        "With --folds: keep the records whose element NAME in --element-bed has the same "
                        "sequence in one fold, e.g. minus10 (a common element can fill most of a fold)")
            ->type_name("NAME")
            ->needs("--folds");
    CLI::Option* bed = command
                           .add_option("--element-bed", options.element_bed,
                                       "BED6 of elements within the records, for --group-by-element (and "
                                       "train's --pwm-count-elements): record name, start, end, element "
                                       "name, score, strand")
                           ->type_name("BED")
                           ->check(CLI::Validator(
                               [](const std::string& path) {
                                   return path == "-" ? std::string("standard input (-) is not read here") : "";
                               },
                               ""));
    element->needs(bed);
    column->excludes(similarity)->excludes(element);
    similarity->excludes(element);
    for (CLI::Option* option : {column, similarity, element, bed}) option->group(group);
}

FoldGrouping fold_grouping(const FoldGroupingOptions& options, const std::vector<Example>& records,
                           const std::vector<std::string>& column_values) {
    const auto start = std::chrono::steady_clock::now();
    FoldGrouping grouping;
    if (!options.column.empty()) {
        grouping.name = "column:" + options.column;
        grouping.group_of_record = groups_of_keys(column_values);
    } else if (options.similarity > 0) {
        grouping.name = fmt::format("similarity:{}", options.similarity);
        grouping.group_of_record = similarity_groups(records, options.similarity);
    } else if (!options.element.empty()) {
        grouping.name = "element:" + options.element;
        grouping.group_of_record = groups_of_keys(element_sequences(options.element_bed, options.element, records));
    } else {
        grouping.name = "random";
        grouping.groups = records.size();
        return grouping;
    }
    const std::vector<std::size_t> sizes = group_sizes(grouping.group_of_record);
    grouping.groups = sizes.size();
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    log::info("folds grouped by {}: {} groups of {} records, the largest {} records ({:.2f} s)", grouping.name,
              grouping.groups, records.size(), sizes.empty() ? 0 : *std::max_element(sizes.begin(), sizes.end()),
              took.count());
    return grouping;
}

}  // namespace gsattn::cli
