// gsattn enrich's results as tables: built once as ReportTables, so that
// the TSV files and the HTML report show the same text for every number.
#pragma once

#include <string>
#include <vector>

#include "cli/enrich_inputs.hpp"
#include "gsattn/html_report.hpp"
#include "gsattn/motif_comparison.hpp"
#include "gsattn/motif_discovery.hpp"
#include "gsattn/motif_enrichment.hpp"
#include "gsattn/output_file.hpp"
#include "gsattn/positional_profile.hpp"
#include "gsattn/sequence_enrichment.hpp"

namespace gsattn::cli {

// The position-level results: one row per motif, then per planted motif.
struct PositionReport {
    std::vector<FeatureEnrichment> motifs, truth;
    std::int64_t positions = 0, selected = 0, sequences = 0;
};

// Columns "set", "id", "name", "features", ... (see enrich --help).
ReportTable position_table(const PositionReport& report);
std::string position_json(const PositionReport& report, double hit_pvalue, bool with_truth);

ReportTable sequence_table(const std::vector<SequenceEnrichment>& rows, const std::string& control);

// One row per discovered motif and rank of its best `matches` database matches.
ReportTable discovery_table(const std::vector<DiscoveredMotif>& found,
                            const std::vector<std::vector<MotifMatch>>& matches, const MotifDatabase& database,
                            std::size_t ranks);

ReportTable profile_table(const PositionalProfile& profile);

// An E-value given as its natural log, as the tables write it (e.g. 1.2e-50;
// no underflow).
std::string evalue_text(double log_e);

// Header and rows, tab-separated.
void write_table(OutputFile& out, const ReportTable& table);

// Every hit of every motif: a BED6 track, sorted like `sort -k1,1 -k2,2n`.
void write_hits_bed(OutputFile& out, const std::vector<MotifScanResult>& scans, const Sequences& seqs);
// FIMO's table (see enrich --help).
void write_hits_fimo(OutputFile& out, const std::vector<MotifScanResult>& scans, const Sequences& seqs);

// --agreement: per sequence, then over all bases at once ("all") and the
// per-sequence median of each column ("median"). `truth` may be null.
void write_agreement(OutputFile& out, const std::string& scores_path, const std::string& reference_path,
                     const Sequences& seqs, const PlantedMotifs* truth);

}  // namespace gsattn::cli
