// The TOML manifest of motifs the simulator plants (share/motifs/default.toml):
//
//   [[motif]]
//   name = "TATA_box"              # BED name; no white space
//   consensus = "TATAAA"           # A/C/G/T only
//   matrix = "MA0108.3.TBP.jaspar" # optional; relative to the manifest
//   id = "MA0108.3"                # optional; picks one motif of a multi-motif file
//   strength = 0.8                 # contribution to the label
//
// The matrix may be longer than the consensus: the planted profile is the
// window of the matrix (either strand) that best matches the consensus.
// Without a matrix the profile is the consensus itself.
#pragma once

#include <string>
#include <vector>

#include "gsattn/motif.hpp"

namespace gsattn {

struct PlantedMotif {
    std::string name;
    std::string consensus;
    double strength = 0;
    Motif profile;  // exactly consensus.size() columns, oriented like the consensus
    Motif matrix;   // the whole matrix the profile was cut from (the profile when none is given); named `name`
};

std::vector<PlantedMotif> read_manifest(const std::string& path);

// The window of `matrix` (either strand) that best matches `consensus`:
// the one with the highest summed frequency of the consensus bases.
Motif align_profile(const Motif& matrix, const std::string& consensus);

}  // namespace gsattn
