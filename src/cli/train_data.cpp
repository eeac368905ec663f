#include "cli/train_data.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "gsattn/error.hpp"
#include "gsattn/labels.hpp"
#include "gsattn/log.hpp"
#include "gsattn/motif.hpp"
#include "gsattn/pwm_config.hpp"
#include "gsattn/record_groups.hpp"

namespace gsattn::cli {
namespace {

// A record in two of the sets (one file given twice, or a copy of it) would
// have the validation or test metrics measured on data the model was fitted
// or chosen on.
void require_disjoint_sets(const TrainData& d, const TrainOptions& o) {
    const std::pair<const std::vector<std::size_t>*, NamedPath> sets[] = {
        {&d.split.train, {o.fasta.empty() ? "--bed" : "--fasta", d.source}},
        {&d.split.validation, {"--val-fasta", o.val_fasta}},
        {&d.split.test, {"--test-fasta", o.test_fasta}}};
    std::unordered_map<std::string_view, const NamedPath*> set_of;
    for (const auto& [rows, file] : sets) {
        for (const std::size_t row : *rows) {
            const std::string& name = d.examples[row].name;
            const auto [first, fresh] = set_of.try_emplace(name, &file);
            if (!fresh && first->second != &file)
                fail_at(file.path, 0,
                        fmt::format("record '{}' is also in {} {}: the validation and test sets must not share "
                                    "records with the training set or each other",
                                    name, first->second->option, first->second->path));
        }
    }
}

}  // namespace

TrainData load_train_data(const TrainOptions& o, Task task) {
    require_sequence_source(o.fasta, o.bed, o.reference);
    if (o.val_fasta.empty() != o.test_fasta.empty())
        throw CLI::ValidationError("--val-fasta and --test-fasta go together");
    const LabelTable labels = read_labels(o.labels, o.label_column,
                                          task == Task::classification ? LabelValues::binary : LabelValues::numbers);
    TrainData d;
    d.source = o.fasta.empty() ? o.bed : o.fasta;
    d.examples = o.fasta.empty() ? load_bed_examples(o.bed, o.reference, labels)
                                 : load_fasta_examples(o.fasta, labels);
    if (!o.val_fasta.empty()) {
        d.explicit_split = true;
        for (std::size_t i = 0; i < d.examples.size(); ++i) d.split.train.push_back(i);
        for (const auto& [file, rows] : {std::pair{o.val_fasta, &d.split.validation},
                                         std::pair{o.test_fasta, &d.split.test}}) {
            for (Example& e : load_fasta_examples(file, labels)) {
                rows->push_back(d.examples.size());
                d.examples.push_back(std::move(e));
            }
        }
        require_disjoint_sets(d, o);
    }
    if (labels.has_column("clean_label")) {
        const LabelTable clean = read_labels(o.labels, "clean_label");
        for (const Example& e : d.examples) d.clean.push_back(clean.at(e.name));
    }
    if (!o.grouping.column.empty()) {
        const LabelTexts groups = read_label_texts(o.labels, o.grouping.column, !labels.header.empty());
        for (const Example& e : d.examples) d.group_column.push_back(groups.at(e.name));
    }
    for (const std::string& name : o.pwm_elements) {
        std::vector<std::string> sites = element_sequences(o.grouping.element_bed, name, d.examples);
        for (const std::string& site : sites)
            if (site.size() != sites.front().size())
                fail_at(o.grouping.element_bed, 0,
                        fmt::format("element '{}' is {} bases long in one record and {} in another: "
                                    "--pwm-count-elements counts one matrix of one width",
                                    name, sites.front().size(), site.size()));
        d.element_sites.emplace_back(name, std::move(sites));
    }
    d.source_crc32 = file_crc32(d.source);
    log::info("read {} labelled sequences from {}", d.examples.size(), d.source);
    return d;
}

ExperimentConfig settings_for_split(const ExperimentConfig& s, const TrainData& d, const Split& split) {
    if (d.element_sites.empty() || s.model.kind != ModelKind::pwm) return s;
    ExperimentConfig counted = s;
    counted.model.pwm.motifs.clear();
    for (const auto& [name, sites] : d.element_sites)
        counted.model.pwm.motifs.push_back(weight_matrix(motif_from_sites(name, sites, split.train)));
    return counted;
}

std::int64_t longest_sequence(const std::vector<Example>& examples) {
    std::size_t longest = 0;
    for (const Example& e : examples) longest = std::max(longest, e.bases.size());
    return static_cast<std::int64_t>(longest);
}

}  // namespace gsattn::cli
