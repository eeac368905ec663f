// gsattn enrich: are the selected positions inside motifs? PWM hits and
// planted motifs against a selection, with Fisher p-values and BH q-values.
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <map>
#include <memory>
#include <tuple>
#include <unordered_map>
#include <variant>

#include "cli/common.hpp"
#include "gsattn/bed.hpp"
#include "gsattn/enrichment.hpp"
#include "gsattn/error.hpp"
#include "gsattn/fasta.hpp"
#include "gsattn/json.hpp"
#include "gsattn/log.hpp"
#include "gsattn/motif_enrichment.hpp"
#include "gsattn/motif_manifest.hpp"
#include "gsattn/output_file.hpp"
#include "gsattn/positional_profile.hpp"
#include "gsattn/score_agreement.hpp"
#include "gsattn/share.hpp"
#include "gsattn/text.hpp"

namespace gsattn::cli {
namespace {

struct EnrichOptions {
    CommonOptions common;
    std::string selected, fasta, truth, hits, json, profile;
    std::string scores, reference_scores, agreement;  // --agreement of two per-base scores
    Anchor anchor;
    std::vector<std::string> motifs;
    double pvalue = 1e-4;
    double pseudocount = 0.1;
};

// The sequences every position of the 2x2 tables comes from, by name.
struct Sequences {
    std::vector<SequenceRecord> records;
    std::unordered_map<std::string, std::size_t> index;

    std::vector<std::int64_t> lengths() const {
        std::vector<std::int64_t> out;
        for (const auto& r : records) out.push_back(static_cast<std::int64_t>(r.bases.size()));
        return out;
    }
};

Sequences read_sequences(const std::string& path) {
    Sequences s;
    FastaReader reader(path);
    while (auto record = reader.next()) {
        s.index.emplace(record->name, s.records.size());
        s.records.push_back(std::move(*record));
    }
    if (s.records.empty()) throw Error(fmt::format("{}: no sequences", path));
    return s;
}

// Reads BED intervals on the sequences; each record's sequence must exist
// and hold the interval.
template <typename Each>
void read_intervals(const std::string& path, const Sequences& seqs, Each&& each) {
    BedReader bed(path);
    while (auto r = bed.next()) {
        const auto found = seqs.index.find(r->chrom);
        if (found == seqs.index.end())
            fail_at(path, bed.line_number(), fmt::format("'{}' is not a sequence of the FASTA input", r->chrom));
        const auto length = static_cast<std::int64_t>(seqs.records[found->second].bases.size());
        if (r->end > length)
            fail_at(path, bed.line_number(),
                    fmt::format("interval ends at {}, past the end of '{}' ({} bp)", r->end, r->chrom, length));
        each(found->second, *r);
    }
}

PositionSet read_selection(const std::string& path, const Sequences& seqs) {
    PositionSet selected(seqs.lengths());
    read_intervals(path, seqs, [&](std::size_t s, const BedRecord& r) { selected.add(s, {r.start, r.end}); });
    selected.index();
    return selected;
}

// --truth: the planted motifs, per sequence, by BED name and all together.
struct PlantedMotifs {
    std::vector<std::string> names;  // in order of first appearance
    std::map<std::string, std::vector<std::vector<Interval>>> by_name;
    std::vector<std::vector<Interval>> every;
};

PlantedMotifs read_planted(const std::string& path, const Sequences& seqs) {
    PlantedMotifs p;
    p.every.resize(seqs.records.size());
    read_intervals(path, seqs, [&](std::size_t s, const BedRecord& r) {
        auto [it, fresh] = p.by_name.try_emplace(r.name, seqs.records.size());
        if (fresh) p.names.push_back(r.name);
        it->second[s].push_back({r.start, r.end});
        p.every[s].push_back({r.start, r.end});
    });
    return p;
}

// Planted motifs by BED name (in order of first appearance), plus "all".
std::vector<FeatureEnrichment> truth_overlaps(const PlantedMotifs& planted, const PositionSet& selected) {
    std::vector<FeatureEnrichment> rows;
    const auto row_of = [&](const std::string& name, const std::vector<std::vector<Interval>>& per_sequence) {
        FeatureEnrichment row;
        row.id = "truth";
        row.name = name;
        for (std::size_t s = 0; s < per_sequence.size(); ++s) row.overlap += feature_overlap(selected, s, per_sequence[s]);
        return row;
    };
    for (const auto& name : planted.names) rows.push_back(row_of(name, planted.by_name.at(name)));
    rows.push_back(row_of("all", planted.every));
    return rows;
}

std::vector<Motif> read_motif_files(const std::vector<std::string>& paths) {
    std::vector<Motif> motifs;
    if (paths.empty()) {  // the planted set's whole matrices, under the planted names
        for (const PlantedMotif& p : read_manifest(share_path("motifs/default.toml"))) motifs.push_back(p.matrix);
        return motifs;
    }
    for (const auto& path : paths) {
        std::vector<Motif> found = read_motifs(path);
        motifs.insert(motifs.end(), found.begin(), found.end());
    }
    return motifs;
}

Background background_of(const Sequences& seqs) {
    std::array<double, 4> counts{};
    for (const auto& r : seqs.records)
        for (const Base b : r.bases)
            if (b < Base::N) counts[static_cast<int>(b)] += 1;
    return Background::from_counts(counts);
}

double ratio(std::int64_t part, std::int64_t whole) {
    return whole == 0 ? std::nan("") : static_cast<double>(part) / static_cast<double>(whole);
}

struct Report {
    std::vector<FeatureEnrichment> motifs, truth;
    std::int64_t positions = 0, selected = 0, sequences = 0;
};

constexpr double kLn10 = 2.302585092994045684;

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

void write_tsv(OutputFile& out, const Report& report) {
    out.write("set");
    for (const Field& f : fields_of(FeatureEnrichment{}, 0)) out.print("\t{}", f.name);
    out.write("\n");
    const auto write_rows = [&](std::string_view set, const std::vector<FeatureEnrichment>& rows) {
        for (const FeatureEnrichment& r : rows) {
            out.write(set);
            for (const Field& f : fields_of(r, report.selected)) {
                if (const auto* d = std::get_if<double>(&f.value)) {
                    if (f.fixed) out.print("\t{:.6f}", *d);
                    else out.print("\t{:.6g}", *d);
                } else {
                    std::visit([&](const auto& v) { out.print("\t{}", v); }, f.value);
                }
            }
            out.write("\n");
        }
    };
    write_rows("motif", report.motifs);
    write_rows("truth", report.truth);
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

std::string to_json(const Report& report, const EnrichOptions& o) {
    toml::table t{
        {"sequences", report.sequences},
        {"positions", report.positions},
        {"selected_positions", report.selected},
        {"hit_pvalue", o.pvalue},
        {"motifs", json_rows(report.motifs, report.selected)},
    };
    if (!o.truth.empty()) t.insert("truth", json_rows(report.truth, report.selected));
    return gsattn::to_json(t);
}

// Every hit of every motif, sorted like `sort -k1,1 -k2,2n`.
void write_hits(OutputFile& out, const std::vector<MotifScanResult>& scans, const Sequences& seqs) {
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

// --profile: the kept positions, every motif's hits and, with --truth, every
// planted motif by offset from --anchor.
PositionalProfile profile_of(const EnrichOptions& o, const Sequences& seqs, const PositionSet& selected,
                             const std::vector<MotifScanResult>& scans, const PlantedMotifs& planted) {
    std::vector<std::string> families;
    for (const MotifScanResult& scan : scans) families.push_back(scan.enrichment.name);
    for (const std::string& name : planted.names) families.push_back("truth:" + name);
    PositionalProfile profile(o.anchor, selected, families);
    for (std::size_t m = 0; m < scans.size(); ++m) {
        std::vector<std::vector<Interval>> per_sequence(seqs.records.size());
        for (const PwmHit& h : scans[m].hits) per_sequence[h.sequence].push_back({h.start, h.end});
        for (std::size_t s = 0; s < per_sequence.size(); ++s) profile.add_features(m, s, per_sequence[s]);
    }
    for (std::size_t t = 0; t < planted.names.size(); ++t)
        for (std::size_t s = 0; s < seqs.records.size(); ++s)
            profile.add_features(scans.size() + t, s, planted.by_name.at(planted.names[t])[s]);
    return profile;
}

// One row per offset: the number of sequences with a base there, then the
// share of them with the base kept and, per family, inside a feature.
void write_profile(OutputFile& out, const PositionalProfile& profile) {
    out.write("offset\tsequences\tkept");
    for (const std::string& family : profile.families()) out.print("\t{}", escape_control_characters(family));
    out.write("\n");
    for (const ProfileRow& row : profile.rows()) {
        const auto share = [&row](std::int64_t count) { return static_cast<double>(count) / row.sequences; };
        out.print("{}\t{}\t{:.6g}", row.offset, row.sequences, share(row.kept));
        for (const std::int64_t count : row.features) out.print("\t{:.6g}", share(count));
        out.write("\n");
    }
}

// A bedGraph on the sequences as one value per base; NaN where it has none.
std::vector<std::vector<double>> read_base_scores(const std::string& path, const Sequences& seqs) {
    std::vector<std::vector<double>> values;
    for (const auto& r : seqs.records)
        values.emplace_back(r.bases.size(), std::numeric_limits<double>::quiet_NaN());
    read_intervals(path, seqs, [&](std::size_t s, const BedRecord& r) {
        const std::optional<double> value = parse_number(r.name);
        if (!value || std::isnan(*value))
            fail_at(path, 0, fmt::format("'{}:{}-{}' has no number in its 4th column, '{}'", r.chrom, r.start, r.end,
                                         r.name));
        std::fill(values[s].begin() + r.start, values[s].begin() + r.end, *value);
    });
    return values;
}

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

// --agreement: per sequence, then over all bases at once ("all") and the
// per-sequence median of each column ("median"). The reference scores count
// by magnitude (|value|): in-silico mutagenesis' mean effect is negative
// where a base matters.
void write_agreement(OutputFile& out, const EnrichOptions& o, const Sequences& seqs, const PlantedMotifs& truth) {
    const auto scores = read_base_scores(o.scores, seqs);
    auto reference = read_base_scores(o.reference_scores, seqs);
    for (auto& sequence : reference)
        for (double& v : sequence) v = std::abs(v);
    std::vector<std::vector<bool>> planted(seqs.records.size());
    if (!o.truth.empty())
        for (std::size_t s = 0; s < seqs.records.size(); ++s) {
            planted[s].assign(seqs.records[s].bases.size(), false);
            for (const Interval& site : truth.every[s])
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
        if (!o.truth.empty()) all_planted.insert(all_planted.end(), planted[s].begin(), planted[s].end());
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
              o.scores, o.reference_scores, columns[0].size(), median.spearman, all.auroc_scores, all.auroc_reference,
              all.precision_scores, all.precision_reference);
}

// --hits FILE.tsv: FIMO's table. Sorted by p-value, then motif, sequence,
// start and strand; coordinates 1-based and inclusive; the matched sequence
// as read on the hit's strand; score in log2-odds bits; q-values by
// Benjamini-Hochberg over every window of the motif scanned (both strands),
// the windows that are not hits counted as p = 1.
void write_fimo_hits(OutputFile& out, const std::vector<MotifScanResult>& scans, const Sequences& seqs) {
    struct Line {
        const MotifScanResult* scan;
        const PwmHit* hit;
        double log10_q;
    };
    std::vector<Line> lines;
    for (const MotifScanResult& scan : scans) {
        std::vector<double> log_p;
        for (const PwmHit& h : scan.hits) log_p.push_back(h.log10_p * std::log(10.0));
        const std::vector<double> log_q = log_bh_qvalues(log_p, static_cast<std::size_t>(scan.windows));
        for (std::size_t i = 0; i < scan.hits.size(); ++i) lines.push_back({&scan, &scan.hits[i], log_q[i] / std::log(10.0)});
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

bool is_tsv_path(const std::string& path) {
    const std::string ext = ".tsv";
    return path.size() > ext.size() && path.compare(path.size() - ext.size(), ext.size(), ext) == 0;
}

void run_enrich(const EnrichOptions& o) {
    apply_common_options(o.common);
    std::vector<NamedPath> inputs{{"--fasta", o.fasta}, {"--selected", o.selected}, {"--truth", o.truth}};
    for (const std::string& motif_file : o.motifs) inputs.push_back({"--motifs", motif_file});
    for (const auto& [option, path] : {std::pair{"--scores", &o.scores}, {"--reference-scores", &o.reference_scores}})
        if (!path->empty()) inputs.push_back({option, *path});
    require_distinct_files(inputs, {{"--output", o.common.output}, {"--json", o.json}, {"--hits", o.hits},
                                    {"--profile", o.profile}, {"--agreement", o.agreement}});
    const Sequences seqs = read_sequences(o.fasta);
    const PositionSet selected = read_selection(o.selected, seqs);
    const std::vector<Motif> motifs = read_motif_files(o.motifs);
    const Background background = background_of(seqs);
    log::info("{} sequences, {} positions, {} selected; {} motifs, background A {:.3f} C {:.3f} G {:.3f} T {:.3f}",
              seqs.records.size(), selected.universe(), selected.size(), motifs.size(), background.p[0],
              background.p[1], background.p[2], background.p[3]);

    std::vector<const EncodedSequence*> sequences;
    for (const auto& r : seqs.records) sequences.push_back(&r.bases);
    MotifScanConfig settings;
    settings.pvalue = o.pvalue;
    settings.pseudocount = o.pseudocount;
    settings.keep_hits = !o.hits.empty() || !o.profile.empty();
    const std::vector<MotifScanResult> scans = scan_for_enrichment(motifs, sequences, background, selected, settings);

    Report report;
    report.sequences = static_cast<std::int64_t>(seqs.records.size());
    report.positions = selected.universe();
    report.selected = selected.size();
    for (const MotifScanResult& scan : scans) {
        if (scan.best_pvalue > o.pvalue)
            log::warning("motif {} {} ({} columns) cannot reach p <= {:g}: its best window has p = {:.3g}; "
                      "no hits (see --pvalue)",
                      scan.enrichment.id, scan.enrichment.name, scan.width, o.pvalue, scan.best_pvalue);
        report.motifs.push_back(scan.enrichment);
    }
    add_statistics(report.motifs, selected);
    const PlantedMotifs planted = o.truth.empty() ? PlantedMotifs{} : read_planted(o.truth, seqs);
    if (!o.truth.empty()) {
        report.truth = truth_overlaps(planted, selected);
        add_statistics(report.truth, selected);
    }

    OutputFile out(o.common.output);
    write_tsv(out, report);
    std::unique_ptr<OutputFile> json, hits, profile, agreement;
    if (!o.json.empty()) {
        json = std::make_unique<OutputFile>(o.json);
        json->write(to_json(report, o));
        json->write("\n");
    }
    if (!o.hits.empty()) {
        hits = std::make_unique<OutputFile>(o.hits);
        if (is_tsv_path(o.hits)) write_fimo_hits(*hits, scans, seqs);
        else write_hits(*hits, scans, seqs);
    }
    if (!o.profile.empty()) {
        profile = std::make_unique<OutputFile>(o.profile);
        write_profile(*profile, profile_of(o, seqs, selected, scans, planted));
    }
    if (!o.agreement.empty()) {
        agreement = std::make_unique<OutputFile>(o.agreement);
        write_agreement(*agreement, o, seqs, planted);
    }
    commit_all({&out, json.get(), hits.get(), profile.get(), agreement.get()});
}

}  // namespace

void register_enrich(CLI::App& app) {
    auto o = std::make_shared<EnrichOptions>();
    CLI::App* cmd = app.add_subcommand("enrich", "Motif enrichment among selected positions");
    cmd->footer(
        "Every position of the --fasta sequences is counted once in a 2x2 table per\n"
        "motif: selected or not (covered by a --selected interval) x inside a motif hit\n"
        "or not. Hits: windows on either strand whose PWM score has p <= --pvalue under\n"
        "the input's base composition, the threshold computed exactly from the score\n"
        "distribution as FIMO does. A motif of 6 columns or fewer cannot reach 1e-4\n"
        "(4^-6 = 2.4e-4): it is reported with no hits and a warning; use --pvalue 1e-3.\n"
        "\n"
        "Output (TSV, one row per motif, then per planted motif name and 'all' with\n"
        "--truth): features = hits or planted motifs; touched = those holding a\n"
        "selected position; recall = touched / features; positions = bases inside\n"
        "them; overlap = of those, selected; expected = selected x positions / all\n"
        "positions; fold_enrichment = overlap / expected; odds_ratio of the table;\n"
        "precision = overlap / selected positions; p = one-sided Fisher exact test\n"
        "(enrichment); q = Benjamini-Hochberg across the rows of one set (motif, or\n"
        "truth with 'all'); log10_p and log10_q stay exact where p underflows to 0.\n"
        "The sequences are held in memory.");
    cmd->add_option("--selected", o->selected, "Selected positions (BED on the FASTA records, e.g. from "
                                               "gsattn select-positions)")
        ->required();
    cmd->add_option("--fasta", o->fasta, "The sequences the selection was made on (FASTA, plain or gzip; - for stdin)")
        ->required();
    cmd->add_option("--motifs", o->motifs,
                    "Motif files (JASPAR or MEME minimal), one or more (default: the shipped TATA box, CAAT box, "
                    "GC box, -35 and -10 matrices of share/motifs/default.toml)")
        ->expected(1, -1);
    cmd->add_option("--truth", o->truth, "Planted motifs (BED; the name column groups them), e.g. "
                                         "SIM.motifs.bed from gsattn simulate");
    cmd->add_option("--pvalue", o->pvalue, "A window is a motif hit when its score's p-value is at most this")
        ->check(open_unit_interval())
        ->capture_default_str();
    cmd->add_option("--pseudocount", o->pseudocount, "Pseudocount added to the motif counts, spread by the background")
        ->check(number_within({0, 1e6, false, false, "more would make every motif the background"}))
        ->capture_default_str();
    cmd->add_option("--json", o->json, "Also write the results as JSON");
    cmd->add_option("--hits", o->hits,
                    "Also write every motif hit: as a BED6 track (name = motif), or for a FILE ending in .tsv as "
                    "FIMO's table (1-based; p- and q-values)");
    cmd->add_option("--profile", o->profile,
                    "Also write where things sit (TSV): per offset from --anchor, the share of sequences with the "
                    "base kept and, per motif (and planted motif of --truth), with the base inside a hit");
    cmd->add_option_function<std::string>(
           "--anchor", [o](const std::string& text) { o->anchor = parse_anchor(text); },
           "--profile's offset 0: start (each sequence's first base), end (its last base) or N (its base N, "
           "0-based, e.g. a TSS)")
        ->check(parsed_by(parse_anchor, "start|end|N"))
        ->needs("--profile")
        ->default_str("start");
    const std::string agreement = "Agreement of two per-base scores";
    auto* scores = cmd->add_option("--scores", o->scores,
                                   "Per-base scores on the --fasta records (bedGraph), e.g. select-positions --scores")
                       ->type_name("BEDGRAPH")
                       ->group(agreement);
    auto* reference = cmd->add_option("--reference-scores", o->reference_scores,
                                      "Per-base scores to compare them with (bedGraph; by magnitude), e.g. "
                                      "predict --ism")
                          ->type_name("BEDGRAPH")
                          ->group(agreement);
    cmd->add_option("--agreement", o->agreement,
                    "Write per sequence (then 'all' bases at once and the 'median' sequence) the bases both score, "
                    "their Spearman r and, with --truth, the planted bases, each score's AUROC for them and its "
                    "precision among its top N (N = planted bases) as TSV")
        ->type_name("TSV")
        ->needs(scores)
        ->needs(reference)
        ->group(agreement);
    scores->needs("--agreement");
    reference->needs("--agreement");
    add_common_options(*cmd, o->common, "Output TSV (- for stdout)");
    cmd->callback([o]() { run_enrich(*o); });
}

}  // namespace gsattn::cli
