// Random flanking sequence, and training sequences in other contexts than
// the library's fixed frame: each one cropped a little at either end and
// placed at a random offset in random flanks to a random length, so that a
// model learns the promoter rather than where it sits or how long the
// record is.
#pragma once

#include <cstdint>
#include <vector>

#include "gsattn/alphabet.hpp"
#include "gsattn/motif.hpp"
#include "gsattn/random.hpp"

namespace gsattn {

// A window of flanking sequence of a given length.
class FlankSource {
public:
    virtual ~FlankSource() = default;
    virtual EncodedSequence window(std::int64_t length, Rng& rng) const = 0;
};

// Independent bases drawn with a composition (A C G T frequencies).
class RandomFlanks : public FlankSource {
public:
    explicit RandomFlanks(const Column& composition) : composition_(composition) {}
    EncodedSequence window(std::int64_t length, Rng& rng) const override;

private:
    Column composition_;
};

struct FlankAugmentation {
    int length = 0;  // longest result; 0 = no flanks
    int crop = 0;    // most bases cut from each end
    Column composition{0.25, 0.25, 0.25, 0.25};  // of the flank bases, A C G T

    bool active() const { return length > 0 || crop > 0; }
};

// A base drawn with the probabilities p (A C G T, summing to 1).
Base draw_base(Rng& rng, const Column& p);

// A, C, G and T frequencies of the sequences (N left out; uniform if none).
Column base_composition(const std::vector<const EncodedSequence*>& sequences);

// `sequence` with uniform 0..crop bases cut from each end (at least one base
// stays), then placed at a uniform offset in flanks drawn from the
// composition, to a length uniform between its own and `length`.
EncodedSequence augmented(const EncodedSequence& sequence, const FlankAugmentation& augmentation, Rng& rng);

}  // namespace gsattn
