// Scanning sequences with a PWM, and exact p-values of PWM scores.
//
// As in FIMO, log-odds scores are discretised to integers (about
// kScoreResolution steps over the matrix's whole score range); the score
// distribution under the background is then computed exactly by dynamic
// programming over columns, and a hit threshold is the lowest integer score
// whose upper tail probability is <= p. Windows holding N are never hits.
#pragma once

#include <cstdint>
#include <vector>

#include "gsattn/alphabet.hpp"
#include "gsattn/motif.hpp"

namespace gsattn {

inline constexpr int kScoreResolution = 1000;

struct MotifHit {
    std::int64_t start = 0;  // 0-based, on the forward strand
    char strand = '+';       // '-' when the reverse complement matched
    int score = 0;           // integer score (see ScoredMotif::log_odds)
};

class ScoredMotif {
public:
    ScoredMotif(const Motif& motif, const Background& bg, double pseudocount = 0.1);

    int width() const { return width_; }
    int max_score() const { return static_cast<int>(tail_.size()) - 1; }

    // P(score >= s) for a window drawn from the background.
    double pvalue(int score) const;
    // The lowest score whose p-value is <= p; max_score()+1 if none is.
    int threshold_for_pvalue(double p) const;
    // Back from the integer scale to log2-odds bits.
    double log_odds(int score) const { return score / scale_ + offset_; }

    // Integer score of the window at `start` on `strand` (caller keeps it in range).
    int score_at(const EncodedSequence& seq, std::int64_t start, char strand) const;
    int score_of(const EncodedSequence& window) const { return score_at(window, 0, '+'); }

    // All windows, both strands, scoring >= min_score, ordered by start then strand.
    std::vector<MotifHit> scan(const EncodedSequence& seq, int min_score) const;

private:
    int width_ = 0;
    double scale_ = 1;   // integer units per bit
    double offset_ = 0;  // bits of the integer score 0
    // Per column, indexed by Base (A C G T N PAD): integer scores; N and PAD
    // carry a large negative value so that no window holding them is a hit.
    std::vector<std::array<int, kAlphabetSize>> forward_, reverse_;
    std::vector<double> tail_;  // tail_[s] = P(score >= s)
};

}  // namespace gsattn
