#include "gsattn/motif_enrichment.hpp"

#include <algorithm>
#include <cmath>

#include "gsattn/motif_scan.hpp"
#include "gsattn/parallel.hpp"

namespace gsattn {

void add_statistics(std::vector<FeatureEnrichment>& rows, const PositionSet& selected) {
    std::vector<double> log_p;
    for (FeatureEnrichment& row : rows) {
        row.table = overlap_table(selected.universe(), selected.size(), row.overlap.covered, row.overlap.overlap);
        row.log_p = log_fisher_greater(row.table);
        log_p.push_back(row.log_p);
    }
    const std::vector<double> log_q = log_bh_qvalues(log_p);
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i].log_q = log_q[i];
}

std::vector<MotifScanResult> scan_for_enrichment(const std::vector<Motif>& motifs,
                                                 const std::vector<const EncodedSequence*>& sequences,
                                                 const Background& background, const PositionSet& selected,
                                                 const MotifScanConfig& settings) {
    std::vector<MotifScanResult> results(motifs.size());
    parallel_for(motifs.size(), [&](std::size_t m) {
        const ScoredMotif pwm(motifs[m], background, settings.pseudocount);
        const int threshold = pwm.threshold_for_pvalue(settings.pvalue);
        MotifScanResult& r = results[m];
        r.enrichment.id = motifs[m].id;
        r.enrichment.name = motifs[m].name;
        r.width = pwm.width();
        r.best_pvalue = pwm.pvalue(pwm.max_score());
        std::vector<Interval> sites;
        for (std::size_t s = 0; s < sequences.size(); ++s) {
            r.windows += 2 * std::max<std::int64_t>(0, static_cast<std::int64_t>(sequences[s]->size()) - r.width + 1);
            sites.clear();
            for (const MotifHit& hit : pwm.scan(*sequences[s], threshold)) {
                sites.push_back({hit.start, hit.start + pwm.width()});
                if (settings.keep_hits)
                    r.hits.push_back({s, hit.start, hit.start + pwm.width(), hit.strand, pwm.log_odds(hit.score),
                                      std::log10(pwm.pvalue(hit.score))});
            }
            r.enrichment.overlap += feature_overlap(selected, s, sites);
        }
    });
    return results;
}

}  // namespace gsattn
