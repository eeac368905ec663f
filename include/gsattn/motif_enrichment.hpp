// Are selected positions inside motifs? Per family of features (the hits of
// one PWM, or one kind of planted motif): the overlap with the selection,
// its 2x2 table over all positions, a one-sided Fisher p-value, and BH
// q-values across the families of one kind.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gsattn/alphabet.hpp"
#include "gsattn/enrichment.hpp"
#include "gsattn/motif.hpp"
#include "gsattn/position_set.hpp"

namespace gsattn {

struct FeatureEnrichment {
    std::string id, name;
    FeatureOverlap overlap;
    OverlapTable table;
    double log_p = 0;  // natural logs
    double log_q = 0;
};

// Every family's table, p-value and (across `rows`) q-value from its overlap.
void add_statistics(std::vector<FeatureEnrichment>& rows, const PositionSet& selected);

struct PwmHit {
    std::size_t sequence = 0;
    std::int64_t start = 0, end = 0;
    char strand = '+';
    double score = 0;    // log2-odds bits
    double log10_p = 0;  // of the hit's score
};

struct MotifScanConfig {
    double pvalue = 1e-4;      // hit threshold
    double pseudocount = 0.1;
    bool keep_hits = false;    // fill MotifScanResult::hits
};

struct MotifScanResult {
    FeatureEnrichment enrichment;  // without statistics yet
    int width = 0;
    double best_pvalue = 0;        // of the motif's best possible window
    std::int64_t windows = 0;      // windows scored, both strands counted
    std::vector<PwmHit> hits;      // with keep_hits, by sequence then start
};

// Scans both strands of every sequence with every motif against `background`
// and overlaps the hits with `selected` (whose sequences are `sequences`).
std::vector<MotifScanResult> scan_for_enrichment(const std::vector<Motif>& motifs,
                                                 const std::vector<const EncodedSequence*>& sequences,
                                                 const Background& background, const PositionSet& selected,
                                                 const MotifScanConfig& settings);

}  // namespace gsattn
