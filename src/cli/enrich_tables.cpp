#include "cli/enrich_tables.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>
#include <variant>

#include "gsattn/enrichment.hpp"
#include "gsattn/json.hpp"
#include "gsattn/log.hpp"
#include "gsattn/score_agreement.hpp"
#include "gsattn/text.hpp"

namespace gsattn::cli {
namespace {

constexpr double kLn10 = 2.302585092994045684;

double ratio(std::int64_t part, std::int64_t whole) {
    return whole == 0 ? std::nan("") : static_cast<double>(part) / static_cast<double>(whole);
}

std::string number(double v) { return fmt::format("{:.6g}", v); }
std::string fixed(double v) { return fmt::format("{:.6f}", v); }

// One column of a result row. The TSV and the JSON are both written from
// fields_of(), so their columns cannot drift apart.
struct Field {
    const char* name;
    std::variant<std::string, std::int64_t, double> value;
    bool fixed = false;  // a double written with 6 decimals rather than 6 significant digits
};

std::vector<Field> fields_of(const FeatureEnrichment& r, std::int64_t selected) {
    return {
        {"id", r.id},
        {"name", r.name},
        {"features", r.overlap.features},
        {"touched", r.overlap.touched},
        {"recall", ratio(r.overlap.touched, r.overlap.features)},
        {"positions", r.overlap.covered},
        {"overlap", r.overlap.overlap},
        {"expected", r.table.expected_overlap()},
        {"fold_enrichment", r.table.fold_enrichment()},
        {"odds_ratio", r.table.odds_ratio()},
        {"precision", ratio(r.overlap.overlap, selected)},
        {"p", std::exp(r.log_p)},
        {"q", std::exp(r.log_q)},
        {"log10_p", r.log_p / kLn10, true},
        {"log10_q", r.log_q / kLn10, true},
    };
}

std::string text_of(const Field& f) {
    if (const auto* d = std::get_if<double>(&f.value)) return f.fixed ? fixed(*d) : number(*d);
    return std::visit([](const auto& v) { return fmt::format("{}", v); }, f.value);
}

toml::array json_rows(const std::vector<FeatureEnrichment>& rows, std::int64_t selected) {
    toml::array out;
    for (const FeatureEnrichment& r : rows) {
        toml::table row;
        for (const Field& f : fields_of(r, selected))
            std::visit([&](const auto& v) { row.insert(f.name, v); }, f.value);
        out.push_back(std::move(row));
    }
    return out;
}

}  // namespace

std::string evalue_text(double log_e) { return scientific_from_log10(log_e / kLn10); }

ReportTable position_table(const PositionReport& report) {
    ReportTable t{"position-enrichment", "Kept positions inside motif hits and planted motifs (position level)", {"set"},
                  {}};
    for (const Field& f : fields_of(FeatureEnrichment{}, 0)) t.header.push_back(f.name);
    const auto add_rows = [&](const std::string& set, const std::vector<FeatureEnrichment>& rows) {
        for (const FeatureEnrichment& r : rows) {
            std::vector<std::string> row{set};
            for (const Field& f : fields_of(r, report.selected)) row.push_back(text_of(f));
            t.rows.push_back(std::move(row));
        }
    };
    add_rows("motif", report.motifs);
    add_rows("truth", report.truth);
    return t;
}

std::string position_json(const PositionReport& report, double hit_pvalue, bool with_truth) {
    toml::table t{
        {"sequences", report.sequences},
        {"positions", report.positions},
        {"selected_positions", report.selected},
        {"hit_pvalue", hit_pvalue},
        {"motifs", json_rows(report.motifs, report.selected)},
    };
    if (with_truth) t.insert("truth", json_rows(report.truth, report.selected));
    return gsattn::to_json(t);
}

ReportTable sequence_table(const std::vector<SequenceEnrichment>& rows, const std::string& control) {
    ReportTable t{"sequence-enrichment",
                  "Sequences with a motif hit among their kept positions, against " + control + " (sequence level)",
                  {"id", "name", "sequences", "with_hit", "share", "control_sequences", "control_with_hit",
                   "control_share", "fold", "p", "q", "evalue", "log10_p", "log10_q"},
                  {}};
    for (const SequenceEnrichment& r : rows) {
        const double share = ratio(r.target_with_hit, r.target_sequences);
        const double control_share = ratio(r.control_with_hit, r.control_sequences);
        t.rows.push_back({r.id, r.name, fmt::format("{}", r.target_sequences), fmt::format("{}", r.target_with_hit),
                          number(share), fmt::format("{}", r.control_sequences), fmt::format("{}", r.control_with_hit),
                          number(control_share), number(share / control_share), number(std::exp(r.log_p)),
                          number(std::exp(r.log_q)), evalue_text(r.log_e), fixed(r.log_p / kLn10),
                          fixed(r.log_q / kLn10)});
    }
    return t;
}

ReportTable discovery_table(const std::vector<DiscoveredMotif>& found,
                            const std::vector<std::vector<MotifMatch>>& matches, const MotifDatabase& database,
                            std::size_t ranks) {
    ReportTable t{"discovered-motifs",
                  "Motifs discovered around the kept positions, and their best database matches",
                  {"id", "consensus", "pattern", "width", "sites", "windows", "control_sites", "control_windows",
                   "log10_p", "evalue", "rank", "match_id", "match_name", "match_strand", "match_offset",
                   "match_overlap", "match_score", "match_p", "match_evalue", "match_q"},
                  {}};
    for (std::size_t m = 0; m < found.size(); ++m) {
        const DiscoveredMotif& d = found[m];
        const std::vector<std::string> motif{d.motif.id,
                                             d.motif.name,
                                             d.pattern,
                                             fmt::format("{}", d.motif.width()),
                                             fmt::format("{}", d.target_sites),
                                             fmt::format("{}", d.target_windows),
                                             fmt::format("{}", d.control_sites),
                                             fmt::format("{}", d.control_windows),
                                             fixed(d.log_p / kLn10),
                                             evalue_text(d.log_e)};
        const std::size_t shown = std::min(ranks, matches[m].size());
        if (shown == 0) {
            std::vector<std::string> row = motif;
            row.resize(t.header.size(), "NA");
            t.rows.push_back(std::move(row));
        }
        for (std::size_t r = 0; r < shown; ++r) {
            const MotifMatch& x = matches[m][r];
            const Motif& target = database.motifs()[x.target];
            std::vector<std::string> row = motif;
            row.insert(row.end(), {fmt::format("{}", r + 1), target.id, target.name.empty() ? "." : target.name,
                                   std::string(1, x.strand), fmt::format("{}", x.offset),
                                   fmt::format("{}", x.overlap), number(x.score), number(x.p), number(x.e),
                                   number(x.q)});
            t.rows.push_back(std::move(row));
        }
    }
    return t;
}

ReportTable profile_table(const PositionalProfile& profile) {
    ReportTable t{"positional-profile", "Share of sequences with the base kept, or inside a hit, by offset",
                  {"offset", "sequences", "kept"}, {}};
    for (const std::string& family : profile.families()) t.header.push_back(escape_control_characters(family));
    for (const ProfileRow& row : profile.rows()) {
        const auto share = [&row](std::int64_t count) { return number(static_cast<double>(count) / row.sequences); };
        std::vector<std::string> cells{fmt::format("{}", row.offset), fmt::format("{}", row.sequences),
                                       share(row.kept)};
        for (const std::int64_t count : row.features) cells.push_back(share(count));
        t.rows.push_back(std::move(cells));
    }
    return t;
}

void write_table(OutputFile& out, const ReportTable& table) {
    const auto write_line = [&out](const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i) out.write("\t");
            out.write(cells[i]);
        }
        out.write("\n");
    };
    write_line(table.header);
    for (const auto& row : table.rows) write_line(row);
}

void write_hits_bed(OutputFile& out, const std::vector<MotifScanResult>& scans, const Sequences& seqs) {
    struct Line {
        const std::string* chrom;
        const PwmHit* hit;
        const std::string* name;
    };
    std::vector<Line> lines;
    for (const auto& scan : scans)
        for (const PwmHit& h : scan.hits) lines.push_back({&seqs.records[h.sequence].name, &h, &scan.enrichment.name});
    std::stable_sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) {
        return std::tie(*a.chrom, a.hit->start, a.hit->end) < std::tie(*b.chrom, b.hit->start, b.hit->end);
    });
    write_track_line(out, "bed", "gsattn motif hits", "PWM hits; score = 100 x -log10(p), at most 1000", true);
    for (const Line& l : lines)
        out.print("{}\t{}\t{}\t{}\t{}\t{}\n", *l.chrom, l.hit->start, l.hit->end, *l.name,
                  std::min(1000, static_cast<int>(std::lround(-100 * l.hit->log10_p))), l.hit->strand);
}

// Sorted by p-value, then motif, sequence, start and strand; coordinates
// 1-based and inclusive; the matched sequence as read on the hit's strand;
// score in log2-odds bits; q-values by Benjamini-Hochberg over every window
// of the motif scanned (both strands), the windows that are not hits
// counted as p = 1.
void write_hits_fimo(OutputFile& out, const std::vector<MotifScanResult>& scans, const Sequences& seqs) {
    struct Line {
        const MotifScanResult* scan;
        const PwmHit* hit;
        double log10_q;
    };
    std::vector<Line> lines;
    for (const MotifScanResult& scan : scans) {
        std::vector<double> log_p;
        for (const PwmHit& h : scan.hits) log_p.push_back(h.log10_p * kLn10);
        const std::vector<double> log_q = log_bh_qvalues(log_p, static_cast<std::size_t>(scan.windows));
        for (std::size_t i = 0; i < scan.hits.size(); ++i) lines.push_back({&scan, &scan.hits[i], log_q[i] / kLn10});
    }
    std::stable_sort(lines.begin(), lines.end(), [&seqs](const Line& a, const Line& b) {
        const auto key = [&seqs](const Line& l) {
            return std::tie(l.hit->log10_p, l.scan->enrichment.id, seqs.records[l.hit->sequence].name, l.hit->start,
                            l.hit->strand);
        };
        return key(a) < key(b);
    });
    out.write("motif_id\tmotif_alt_id\tsequence_name\tstart\tstop\tstrand\tscore\tp-value\tq-value\t"
              "matched_sequence\n");
    for (const Line& l : lines) {
        const SequenceRecord& record = seqs.records[l.hit->sequence];
        EncodedSequence site(record.bases.begin() + l.hit->start, record.bases.begin() + l.hit->end);
        if (l.hit->strand == '-') site = reverse_complement(site);
        out.print("{}\t{}\t{}\t{}\t{}\t{}\t{:.5g}\t{:.3g}\t{:.3g}\t{}\n", l.scan->enrichment.id,
                  l.scan->enrichment.name, record.name, l.hit->start + 1, l.hit->end, l.hit->strand, l.hit->score,
                  std::pow(10.0, l.hit->log10_p), std::pow(10.0, l.log10_q), decode(site));
    }
}

namespace {

void write_agreement_row(OutputFile& out, const std::string& name, const SequenceAgreement& a) {
    out.print("{}\t{}\t{:.6g}\t{}\t{:.6g}\t{:.6g}\t{:.6g}\t{:.6g}\n", name, a.bases, a.spearman, a.planted,
              a.auroc_scores, a.auroc_reference, a.precision_scores, a.precision_reference);
}

double median_of(std::vector<double> values) {
    values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return std::isnan(v); }), values.end());
    if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

}  // namespace

// The reference scores count by magnitude (|value|): in-silico
// mutagenesis' mean effect is negative where a base matters.
void write_agreement(OutputFile& out, const std::string& scores_path, const std::string& reference_path,
                     const Sequences& seqs, const PlantedMotifs* truth) {
    const auto scores = read_base_scores(scores_path, seqs);
    auto reference = read_base_scores(reference_path, seqs);
    for (auto& sequence : reference)
        for (double& v : sequence) v = std::abs(v);
    std::vector<std::vector<bool>> planted(seqs.records.size());
    if (truth)
        for (std::size_t s = 0; s < seqs.records.size(); ++s) {
            planted[s].assign(seqs.records[s].bases.size(), false);
            for (const Interval& site : truth->every[s])
                std::fill(planted[s].begin() + site.start, planted[s].begin() + site.end, true);
        }
    out.write("name\tbases\tspearman\tplanted\tauroc_scores\tauroc_reference\tprecision_scores\t"
              "precision_reference\n");
    std::vector<double> all_scores, all_reference;
    std::vector<bool> all_planted;
    std::vector<std::vector<double>> columns(7);
    for (std::size_t s = 0; s < seqs.records.size(); ++s) {
        const SequenceAgreement a = agreement_of(scores[s], reference[s], planted[s]);
        if (a.bases == 0) continue;
        write_agreement_row(out, seqs.records[s].name, a);
        const double row[] = {static_cast<double>(a.bases), a.spearman, static_cast<double>(a.planted), a.auroc_scores,
                              a.auroc_reference, a.precision_scores, a.precision_reference};
        for (std::size_t c = 0; c < columns.size(); ++c) columns[c].push_back(row[c]);
        all_scores.insert(all_scores.end(), scores[s].begin(), scores[s].end());
        all_reference.insert(all_reference.end(), reference[s].begin(), reference[s].end());
        if (truth) all_planted.insert(all_planted.end(), planted[s].begin(), planted[s].end());
    }
    const SequenceAgreement all = agreement_of(all_scores, all_reference, all_planted);
    write_agreement_row(out, "all", all);
    SequenceAgreement median;
    median.bases = static_cast<std::int64_t>(median_of(columns[0]));
    median.spearman = median_of(columns[1]);
    median.planted = static_cast<std::int64_t>(median_of(columns[2]));
    median.auroc_scores = median_of(columns[3]);
    median.auroc_reference = median_of(columns[4]);
    median.precision_scores = median_of(columns[5]);
    median.precision_reference = median_of(columns[6]);
    write_agreement_row(out, "median", median);
    log::info("agreement of {} and |{}| on {} sequences: median Spearman {:.4f}; AUROC for planted bases {:.4f} and "
              "{:.4f}, precision@planted {:.4f} and {:.4f} (all bases at once)",
              scores_path, reference_path, columns[0].size(), median.spearman, all.auroc_scores, all.auroc_reference,
              all.precision_scores, all.precision_reference);
}

}  // namespace gsattn::cli
