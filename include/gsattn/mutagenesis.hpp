// In-silico mutagenesis (ISM): every single-base substitution of a
// sequence, and what a model's predictions of the mutants say about each
// base. Torch-free: the predictions come from the caller.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "gsattn/alphabet.hpp"

namespace gsattn {

struct Substitution {
    std::int64_t position = 0;  // 0-based, in the sequence
    Base alt = Base::A;
};

// The three substitutions of every A, C, G or T of `sequence` in positions
// [first, last) (last < 0: to the end), by position and within a position
// in A, C, G, T order; an N has none.
std::vector<Substitution> substitutions(const EncodedSequence& sequence, std::int64_t first = 0,
                                        std::int64_t last = -1);

// `sequence` with one substitution.
EncodedSequence mutated(const EncodedSequence& sequence, const Substitution& substitution);

// One base's effects: prediction of the mutant minus the prediction of the
// sequence, per alternative base (0 for the reference base itself).
struct BaseEffects {
    std::int64_t position = 0;
    Base ref = Base::A;
    std::array<double, 4> effect{};  // indexed by A, C, G, T
};

// `effects` holds alt - ref for each of `substitutions` (of `sequence`), in
// their order; one entry per substituted position results.
std::vector<BaseEffects> effects_by_base(const EncodedSequence& sequence, const std::vector<Substitution>& substitutions,
                                         const std::vector<double>& effects);

// How one number sums up a base's three effects (--ism-stat):
// mean   — the mean of alt - ref: negative where the reference base raises
//          the prediction, positive where any other base would do better;
// maxabs — the largest |alt - ref|: how much the base matters, either way.
enum class IsmStat { mean, maxabs };
IsmStat parse_ism_stat(const std::string& text);
std::string to_string(IsmStat stat);
double summarise(const BaseEffects& base, IsmStat stat);

}  // namespace gsattn
