// Writes a simulation as PREFIX.fa, PREFIX.labels.tsv and PREFIX.motifs.bed.
// Sequences are made in blocks on thread_count() threads (parallel.hpp) and
// written in order, so the bytes depend only on the configuration and seed.
// The three files appear together only when all were written successfully.
#pragma once

#include <string>

#include "gsattn/simulate.hpp"

namespace gsattn {

struct SimulationFiles {
    std::string fasta, labels, truth_bed;
    static SimulationFiles for_prefix(const std::string& prefix);
};

// Returns the Pearson r between clean_label and label over all sequences
// (the oracle ceiling for this data).
double write_simulation(const Simulator& simulator, const SimulationFiles& files);

}  // namespace gsattn
