// Control sequences that keep a sequence's dinucleotide counts.
#pragma once

#include "gsattn/alphabet.hpp"
#include "gsattn/random.hpp"

namespace gsattn {

// A uniformly drawn sequence with the same first base and the same count of
// every dinucleotide as `bases` (an Eulerian walk over the dinucleotide
// graph with a random last-exit tree, after Altschul and Erickson 1985).
// Runs of N stay where they are; each stretch between them is shuffled on
// its own.
EncodedSequence dinucleotide_shuffle(const EncodedSequence& bases, Rng& rng);

}  // namespace gsattn
