// The labelled records `gsattn train` learns from: its FASTA or BED with
// --labels, and what else the options read of them (noise-free labels,
// --group-column, --pwm-count-elements' sites).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "cli/train_options.hpp"
#include "gsattn/dataset.hpp"
#include "gsattn/experiment_config.hpp"
#include "gsattn/split.hpp"

namespace gsattn::cli {

struct TrainData {
    std::vector<Example> examples;
    std::vector<double> clean;  // noise-free labels when the labels file has clean_label
    std::vector<std::string> group_column;  // each record's --group-column value, when given
    // --pwm-count-elements: each element's name and its sequence in every record.
    std::vector<std::pair<std::string, std::vector<std::string>>> element_sites;
    Split split;                // set when --val-fasta/--test-fasta give it
    bool explicit_split = false;
    std::string source;
    std::uint32_t source_crc32 = 0;  // read once, stored in every model trained on it
};

// Reads the records and labels `options` name; `task` decides whether labels
// must be 0/1.
TrainData load_train_data(const TrainOptions& options, Task task);

// With --pwm-count-elements the pwm's matrices are counted on the training
// records of each split only, so that a test record's own sites never shape
// the matrices it is scored with.
ExperimentConfig settings_for_split(const ExperimentConfig& settings, const TrainData& data, const Split& split);

std::int64_t longest_sequence(const std::vector<Example>& examples);

}  // namespace gsattn::cli
