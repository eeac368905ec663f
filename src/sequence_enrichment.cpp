#include "gsattn/sequence_enrichment.hpp"

#include <cmath>

#include "gsattn/enrichment.hpp"
#include "gsattn/error.hpp"

namespace gsattn {

std::int64_t sequences_with_kept_hit(const std::vector<PwmHit>& hits, const PositionSet& kept) {
    std::vector<bool> with(kept.sequences(), false);
    for (const PwmHit& h : hits)
        if (kept.count(h.sequence, {h.start, h.end}) > 0) with[h.sequence] = true;
    std::int64_t n = 0;
    for (const bool w : with) n += w;
    return n;
}

std::vector<SequenceEnrichment> sequence_enrichment(const std::vector<MotifScanResult>& target,
                                                    const PositionSet& target_kept,
                                                    const std::vector<MotifScanResult>& control,
                                                    const PositionSet& control_kept) {
    if (target.size() != control.size()) throw Error("sequence enrichment: the two scans differ in motifs");
    std::vector<SequenceEnrichment> rows;
    std::vector<double> log_p;
    for (std::size_t m = 0; m < target.size(); ++m) {
        SequenceEnrichment r;
        r.id = target[m].enrichment.id;
        r.name = target[m].enrichment.name;
        r.target_sequences = static_cast<std::int64_t>(target_kept.sequences());
        r.control_sequences = static_cast<std::int64_t>(control_kept.sequences());
        r.target_with_hit = sequences_with_kept_hit(target[m].hits, target_kept);
        r.control_with_hit = sequences_with_kept_hit(control[m].hits, control_kept);
        r.log_p = log_fisher_greater(overlap_table(r.target_sequences + r.control_sequences, r.target_sequences,
                                                   r.target_with_hit + r.control_with_hit, r.target_with_hit));
        r.log_e = r.log_p + std::log(static_cast<double>(target.size()));
        log_p.push_back(r.log_p);
        rows.push_back(std::move(r));
    }
    const std::vector<double> log_q = log_bh_qvalues(log_p);
    for (std::size_t m = 0; m < rows.size(); ++m) rows[m].log_q = log_q[m];
    return rows;
}

}  // namespace gsattn
