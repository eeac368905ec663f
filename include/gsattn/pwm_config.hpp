// What the position-weight-matrix baseline (--model pwm) scores a sequence
// with: the matrices themselves (so that a model file needs no motif file)
// and the spacer between consecutive motifs of a pair. Torch-free: reading a
// model's description needs no LibTorch.
#pragma once

#include <string>
#include <vector>

#include "gsattn/motif.hpp"

namespace toml {
inline namespace v3 {
class table;
}
}  // namespace toml

namespace gsattn {

struct WeightMatrix {
    std::string name;
    std::vector<Column> log_odds;  // bits per position, A C G T
    bool operator==(const WeightMatrix& other) const { return name == other.name && log_odds == other.log_odds; }
};

struct PwmConfig {
    // Each motif is a feature (its best score on either strand), and each
    // motif with the next one a pair (the best sum of the two, the second
    // starting spacer_min..spacer_max bases after the first ends, on one strand).
    std::vector<WeightMatrix> motifs;
    int spacer_min = 15;
    int spacer_max = 19;
    bool operator==(const PwmConfig& other) const {
        return motifs == other.motifs && spacer_min == other.spacer_min && spacer_max == other.spacer_max;
    }
};

// A count matrix as log2-odds against a uniform background (pseudocount
// 0.1, as FIMO), named by its name or else its id.
WeightMatrix weight_matrix(const Motif& motif);
// The matrices of a JASPAR or MEME file, so, in file order.
std::vector<WeightMatrix> weight_matrices(const std::string& motif_file);
// The shipped σ70 −35 and −10 matrices, in that order (share/motifs).
std::vector<WeightMatrix> sigma70_matrices();

// "15-19" or "17" -> {min, max}; an Error for anything else.
std::pair<int, int> parse_spacer(const std::string& text);

// The sequence features the model fits a line to: one per motif, one per
// consecutive pair.
int pwm_feature_count(const PwmConfig& settings);

toml::table to_toml(const PwmConfig& settings);
// Throws TomlValueError naming the key.
PwmConfig pwm_config_from_toml(const toml::table& table);
// An Error unless every matrix has columns of finite values and the spacer
// range is ordered (a config may leave the motifs to the command line: the
// model itself needs at least one).
void validate(const PwmConfig& settings);

}  // namespace gsattn
