// Sequence-level motif enrichment (as SEA and HOMER count): how many target
// sequences have a motif hit among their kept positions, against how many
// control sequences do, with a one-sided Fisher p-value, BH q-values across
// motifs and E = p x motifs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gsattn/motif_enrichment.hpp"
#include "gsattn/position_set.hpp"

namespace gsattn {

struct SequenceEnrichment {
    std::string id, name;
    std::int64_t target_sequences = 0, target_with_hit = 0;
    std::int64_t control_sequences = 0, control_with_hit = 0;
    double log_p = 0, log_q = 0, log_e = 0;  // natural logs
};

// The number of `kept`'s sequences with a hit (of `hits`) holding a kept position.
std::int64_t sequences_with_kept_hit(const std::vector<PwmHit>& hits, const PositionSet& kept);

// One row per motif from the two scans (same motifs, same order, hits kept).
std::vector<SequenceEnrichment> sequence_enrichment(const std::vector<MotifScanResult>& target,
                                                    const PositionSet& target_kept,
                                                    const std::vector<MotifScanResult>& control,
                                                    const PositionSet& control_kept);

}  // namespace gsattn
