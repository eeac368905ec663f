// Synthetic promoter-like sequences with planted motifs (docs/design.md, Simulation).
//
// Each sequence: a background of the given GC content; m motif instances,
// m uniform in [min_motifs, max_motifs], each of a motif chosen uniformly,
// on a random strand, never overlapping; then the background is scrubbed:
// every window outside the planted sites that counts as an occurrence of a
// motif (see OccurrenceTest) on either strand is mutated away, so the planted
// sites are all the occurrences there are and the clean label is a function
// of the sequence. label = clean_label + N(0, noise^2).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "gsattn/alphabet.hpp"
#include "gsattn/motif_manifest.hpp"
#include "gsattn/motif_scan.hpp"
#include "gsattn/random.hpp"

namespace gsattn {

enum class InstanceSampling { consensus, pwm };
enum class LabelRule { noisy_or, sum, mean };

struct SimulationConfig {
    std::size_t num_sequences = 2000;
    std::int64_t length = 200;
    int min_motifs = 0;
    int max_motifs = 4;
    double noise = 0.05;
    double gc = 0.5;
    InstanceSampling sampling = InstanceSampling::consensus;
    LabelRule rule = LabelRule::noisy_or;
    double hit_pvalue = 1e-4;
    std::uint64_t seed = 1;
};

struct PlantedSite {
    std::size_t motif = 0;    // index into the simulator's motifs
    std::int64_t start = 0;   // 0-based on the forward strand
    char strand = '+';
    EncodedSequence instance; // as planted, in the motif's orientation
};

struct SimulatedSequence {
    std::string name;
    EncodedSequence bases;
    std::vector<PlantedSite> sites;  // sorted by start
    double clean_label = 0;
    double label = 0;
};

// Combines the strengths of a sequence's planted instances:
// noisy-or 1 - prod(1 - s), sum, or mean (0 with no instances).
double combine_strengths(LabelRule rule, const std::vector<double>& strengths);

class OccurrenceTest;

class Simulator {
public:
    // Checks the configuration against the motifs; throws Error if unusable.
    Simulator(SimulationConfig config, std::vector<PlantedMotif> motifs);
    ~Simulator();

    // Sequence `index`, a function of (seed, index) alone.
    SimulatedSequence make(std::size_t index) const;

    const SimulationConfig& config() const { return config_; }
    const std::vector<PlantedMotif>& motifs() const { return motifs_; }
    std::string sequence_name(std::size_t index) const;
    // What makes a window an occurrence of motif i.
    const OccurrenceTest& occurrence_test(std::size_t motif) const { return *tests_[motif]; }

private:
    bool try_make(Rng& rng, SimulatedSequence& out) const;
    EncodedSequence draw_instance(Rng& rng, std::size_t motif) const;
    bool scrub(Rng& rng, SimulatedSequence& seq) const;

    SimulationConfig config_;
    std::vector<PlantedMotif> motifs_;
    std::vector<std::unique_ptr<OccurrenceTest>> tests_;
    int name_width_ = 6;
};

// Whether a window is an occurrence of a motif on either strand: its PWM
// score (log-odds against the simulation background, pseudocount 0.1)
// reaches the threshold for `hit_pvalue`, capped at the consensus's score so
// that the consensus always counts. Short motifs use a lookup table of all
// k-mers so that scrubbing long sequences stays fast.
class OccurrenceTest {
public:
    OccurrenceTest(const PlantedMotif& motif, const Background& bg, double hit_pvalue);
    int width() const { return width_; }
    int threshold() const { return threshold_; }
    bool strand_hits(const EncodedSequence& seq, std::int64_t start, char strand) const;
    bool at(const EncodedSequence& seq, std::int64_t start) const;
    // Every start (ascending) at which the sequence holds an occurrence.
    std::vector<std::int64_t> all(const EncodedSequence& seq) const;

private:
    ScoredMotif scored_;
    int width_ = 0;
    int threshold_ = 0;
    std::vector<bool> kmer_hits_;  // indexed by the 2-bit code of a window; empty if too wide
};

}  // namespace gsattn
