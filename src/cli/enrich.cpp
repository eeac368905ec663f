// gsattn enrich: are the selected positions inside motifs? PWM hits and
// planted motifs against a selection, with Fisher p-values and BH q-values;
// sequence-level counts against controls; motifs discovered around the kept
// positions and compared with a database; and an HTML report of it all.
#include <algorithm>
#include <memory>

#include "cli/common.hpp"
#include "cli/enrich_inputs.hpp"
#include "cli/enrich_tables.hpp"
#include "gsattn/error.hpp"
#include "gsattn/html_report.hpp"
#include "gsattn/log.hpp"
#include "gsattn/motif_comparison.hpp"
#include "gsattn/motif_discovery.hpp"
#include "gsattn/output_file.hpp"
#include "gsattn/random.hpp"
#include "gsattn/shuffle.hpp"
#include "gsattn/text.hpp"
#include "gsattn/version.hpp"

namespace gsattn::cli {
namespace {

struct EnrichOptions {
    CommonOptions common;
    std::string selected, fasta, truth, hits, json, profile;
    std::string scores, reference_scores, agreement;  // --agreement of two per-base scores
    std::string background, background_selected, sequence_tsv;
    std::string discover_out, discover_tsv, html;
    Anchor anchor;
    std::string anchor_text = "start";
    std::vector<std::string> motifs;
    double pvalue = 1e-4;
    double pseudocount = 0.1;
    int discover = 0, discover_width = 6, discover_flank = 0;
    std::string discover_control = "shuffled";
    std::vector<std::string> discover_database;
    std::size_t matches = 3;
};

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

// The control sequences of the sequence-level table and their kept
// positions: --background (its --background-selected positions, or all of
// them), else one dinucleotide-shuffled copy of each sequence with the
// same positions kept.
struct Controls {
    Sequences sequences;
    std::unique_ptr<PositionSet> kept;
    std::string description;
};

Controls controls_for(const EnrichOptions& o, const Sequences& seqs, const PositionSet& selected) {
    Controls c;
    if (!o.background.empty()) {
        c.sequences = read_sequences(o.background);
        c.kept = std::make_unique<PositionSet>(o.background_selected.empty()
                                                   ? all_positions(c.sequences)
                                                   : read_selection(o.background_selected, c.sequences));
        c.description = o.background_selected.empty() ? "the --background sequences (every position)"
                                                       : "the --background sequences' kept positions";
        return c;
    }
    c.kept = std::make_unique<PositionSet>(seqs.lengths());
    for (std::size_t s = 0; s < seqs.records.size(); ++s) {
        Rng rng = Rng::for_item(o.common.seed, s);
        SequenceRecord shuffled{seqs.records[s].name, dinucleotide_shuffle(seqs.records[s].bases, rng)};
        c.sequences.index.emplace(shuffled.name, c.sequences.records.size());
        c.sequences.records.push_back(std::move(shuffled));
        const auto length = static_cast<std::int64_t>(seqs.records[s].bases.size());
        for (std::int64_t i = 0; i < length; ++i)
            if (selected.count(s, {i, i + 1})) c.kept->add(s, {i, i + 1});
    }
    c.kept->index();
    c.description = "dinucleotide-shuffled copies of the sequences, the same positions kept";
    return c;
}

// Target windows: those within --discover-flank of a kept position.
// Control windows: --background's; else (--discover-control shuffled) a
// dinucleotide-shuffled copy of each stretch holding target windows, so that
// the control has the kept regions' composition; else (unkept) the
// windows of the sequences away from kept positions.
std::vector<DiscoveryInput> discovery_inputs(const EnrichOptions& o, const Sequences& seqs,
                                             const PositionSet& selected, const Sequences* background) {
    std::vector<DiscoveryInput> inputs, shuffled;
    const bool unkept_control = !background && o.discover_control == "unkept";
    for (std::size_t s = 0; s < seqs.records.size(); ++s) {
        DiscoveryInput in{seqs.records[s].bases, {}};
        const auto length = static_cast<std::int64_t>(in.bases.size());
        in.roles.assign(in.bases.size(), unkept_control ? WindowRole::control : WindowRole::ignored);
        for (std::int64_t i = 0; i < length; ++i) {
            const Interval near{std::max<std::int64_t>(0, i - o.discover_flank),
                                std::min(length, i + o.discover_flank + 1)};
            if (selected.count(s, near) > 0) in.roles[i] = WindowRole::target;
        }
        if (!background && !unkept_control) {
            Rng rng = Rng::for_item(o.common.seed, s);
            const std::int64_t reach = o.discover_width - 1;  // a window touching a target base starts or ends here
            for (std::int64_t i = 0; i < length;) {
                if (in.roles[i] != WindowRole::target) {
                    ++i;
                    continue;
                }
                std::int64_t end = i;
                while (end < length && in.roles[end] == WindowRole::target) ++end;
                const std::int64_t first = std::max<std::int64_t>(0, i - reach);
                const std::int64_t last = std::min(length, end + reach);
                EncodedSequence stretch(in.bases.begin() + first, in.bases.begin() + last);
                EncodedSequence copy = dinucleotide_shuffle(stretch, rng);
                shuffled.push_back({copy, std::vector<WindowRole>(copy.size(), WindowRole::control)});
                i = end;
            }
        }
        inputs.push_back(std::move(in));
    }
    if (background)
        for (const auto& r : background->records)
            inputs.push_back({r.bases, std::vector<WindowRole>(r.bases.size(), WindowRole::control)});
    for (auto& in : shuffled) inputs.push_back(std::move(in));
    return inputs;
}

struct Discovery {
    std::vector<DiscoveredMotif> motifs;
    std::vector<std::vector<MotifMatch>> matches;  // per motif, by p
};

Discovery discover(const EnrichOptions& o, const Sequences& seqs, const PositionSet& selected,
                   const Sequences* background, const MotifDatabase& database) {
    DiscoveryConfig config;
    config.motifs = o.discover;
    config.width = o.discover_width;
    Discovery d;
    d.motifs = discover_motifs(discovery_inputs(o, seqs, selected, background), config);
    for (const DiscoveredMotif& m : d.motifs) {
        d.matches.push_back(database.compare(m.motif));
        const auto& best = d.matches.back();
        if (best.empty())
            log::info("discovered {} {}: {} of {} target windows, E = {}", m.motif.id, m.motif.name, m.target_sites,
                      m.target_windows, evalue_text(m.log_e));
        else
            log::info("discovered {} {}: {} of {} target windows, E = {}; best match {} {} (q = {:.3g})", m.motif.id,
                      m.motif.name, m.target_sites, m.target_windows, evalue_text(m.log_e),
                      database.motifs()[best[0].target].id, database.motifs()[best[0].target].name, best[0].q);
    }
    if (static_cast<int>(d.motifs.size()) < o.discover)
        log::info("discovered {} motifs; the next best word has E > {:g}", d.motifs.size(), config.max_evalue);
    return d;
}

HtmlReport html_report_of(const EnrichOptions& o, const PositionReport& report, const std::vector<ReportTable>& tables,
                          const Discovery& discovery, const MotifDatabase& database,
                          const PositionalProfile& profile) {
    HtmlReport r;
    r.title = "gsattn enrich: " + o.fasta;
    r.summary.push_back(fmt::format("{} sequences, {} positions, {} kept ({}); motif hits at p <= {:g}. gsattn {}.",
                                    report.sequences, report.positions, report.selected, o.selected, o.pvalue,
                                    program_version()));
    r.tables = tables;
    for (std::size_t m = 0; m < discovery.motifs.size(); ++m) {
        const DiscoveredMotif& d = discovery.motifs[m];
        LogoPair pair;
        pair.title = fmt::format("{} {} (E = {})", d.motif.id, d.motif.name,
                                 evalue_text(d.log_e));
        pair.motif = d.motif;
        if (!discovery.matches[m].empty()) {
            const MotifMatch& best = discovery.matches[m].front();
            const Motif& target = database.motifs()[best.target];
            pair.has_match = true;
            pair.match = best.strand == '+' ? target : reverse_complement(target);
            pair.match_offset = best.offset;
            pair.match_title = fmt::format("best match {} {} ({} strand, q = {:.3g})", target.id, target.name,
                                           best.strand, best.q);
        }
        r.logos.push_back(std::move(pair));
    }
    // The plot: kept positions, the planted motifs and the 8 motifs most
    // enriched at the position level (a line per motif of a large database
    // would hide the rest).
    std::vector<std::size_t> order(report.motifs.size());
    for (std::size_t m = 0; m < order.size(); ++m) order[m] = m;
    std::stable_sort(order.begin(), order.end(), [&report](std::size_t a, std::size_t b) {
        return report.motifs[a].log_p < report.motifs[b].log_p;
    });
    std::vector<std::size_t> families;
    for (std::size_t i = 0; i < order.size() && i < 8; ++i)
        if (report.motifs[order[i]].overlap.features > 0) families.push_back(order[i]);
    std::sort(families.begin(), families.end());
    for (std::size_t f = report.motifs.size(); f < profile.families().size(); ++f) families.push_back(f);
    r.profile.anchor = o.anchor_text;
    r.profile.series.push_back({"kept", {}});
    for (const std::size_t f : families)  // the planted motifs (after the scanned ones) dashed
        r.profile.series.push_back({profile.families()[f], {}, f >= report.motifs.size()});
    for (const ProfileRow& row : profile.rows()) {
        const auto share = [&row](std::int64_t count) { return static_cast<double>(count) / row.sequences; };
        r.profile.offsets.push_back(static_cast<long>(row.offset));
        r.profile.series[0].values.push_back(share(row.kept));
        for (std::size_t i = 0; i < families.size(); ++i)
            r.profile.series[i + 1].values.push_back(share(row.features[families[i]]));
    }
    return r;
}

void run_enrich(const EnrichOptions& o) {
    if (!o.background.empty() && o.discover == 0 && o.sequence_tsv.empty() && o.html.empty())
        throw CLI::ValidationError("--background is the control of --sequence-tsv (or --html) and --discover; "
                                   "give one of them");
    apply_common_options(o.common);
    std::vector<NamedPath> inputs{{"--fasta", o.fasta}, {"--selected", o.selected}, {"--truth", o.truth},
                                  {"--background", o.background}, {"--background-selected", o.background_selected}};
    for (const std::string& motif_file : o.motifs) inputs.push_back({"--motifs", motif_file});
    for (const std::string& motif_file : o.discover_database) inputs.push_back({"--discover-database", motif_file});
    for (const auto& [option, path] : {std::pair{"--scores", &o.scores}, {"--reference-scores", &o.reference_scores}})
        if (!path->empty()) inputs.push_back({option, *path});
    require_distinct_files(inputs, {{"--output", o.common.output}, {"--json", o.json}, {"--hits", o.hits},
                                    {"--profile", o.profile}, {"--agreement", o.agreement},
                                    {"--sequence-tsv", o.sequence_tsv}, {"--discover-out", o.discover_out},
                                    {"--discover-tsv", o.discover_tsv}, {"--html", o.html}});
    const Sequences seqs = read_sequences(o.fasta);
    const PositionSet selected = read_selection(o.selected, seqs);
    const std::vector<Motif> motifs = read_motif_files(o.motifs);
    const Background background = background_of(seqs);
    log::info("{} sequences, {} positions, {} selected; {} motifs, background A {:.3f} C {:.3f} G {:.3f} T {:.3f}",
              seqs.records.size(), selected.universe(), selected.size(), motifs.size(), background.p[0],
              background.p[1], background.p[2], background.p[3]);

    const bool with_html = !o.html.empty();
    const bool with_sequence_table = !o.sequence_tsv.empty() || with_html;
    MotifScanConfig settings;
    settings.pvalue = o.pvalue;
    settings.pseudocount = o.pseudocount;
    settings.keep_hits = !o.hits.empty() || !o.profile.empty() || with_sequence_table;
    const std::vector<MotifScanResult> scans = scan_for_enrichment(motifs, seqs.bases(), background, selected, settings);

    PositionReport report;
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
    std::vector<ReportTable> tables{position_table(report)};

    std::unique_ptr<Controls> controls;
    if (with_sequence_table || (!o.background.empty() && o.discover > 0)) {
        controls = std::make_unique<Controls>(controls_for(o, seqs, selected));
        if (with_sequence_table) {
            // The controls are scanned with the targets' thresholds (same background).
            const auto control_scans =
                scan_for_enrichment(motifs, controls->sequences.bases(), background, *controls->kept, settings);
            tables.push_back(sequence_table(sequence_enrichment(scans, selected, control_scans, *controls->kept),
                                            controls->description));
        }
    }
    const MotifDatabase database(o.discover_database.empty() ? motifs : read_motif_files(o.discover_database));
    Discovery discovery;
    if (o.discover > 0) {
        discovery = discover(o, seqs, selected, o.background.empty() ? nullptr : &controls->sequences, database);
        tables.push_back(discovery_table(discovery.motifs, discovery.matches, database, o.matches));
    }

    OutputFile out(o.common.output);
    write_table(out, tables[0]);
    // Every output is written before any is renamed into place (commit_all).
    std::unique_ptr<OutputFile> json, hits, profile_out, agreement, sequence_out, meme, discovered, html;
    const auto open = [](std::unique_ptr<OutputFile>& file, const std::string& path) -> OutputFile& {
        file = std::make_unique<OutputFile>(path);
        return *file;
    };
    if (!o.json.empty()) open(json, o.json).write(position_json(report, o.pvalue, !o.truth.empty()) + "\n");
    if (!o.hits.empty()) {
        if (ends_with(o.hits, ".tsv")) write_hits_fimo(open(hits, o.hits), scans, seqs);
        else write_hits_bed(open(hits, o.hits), scans, seqs);
    }
    const bool with_profile = !o.profile.empty() || with_html;
    const PositionalProfile profile =
        with_profile ? profile_of(o, seqs, selected, scans, planted) : PositionalProfile(o.anchor, selected, {});
    if (!o.profile.empty()) write_table(open(profile_out, o.profile), profile_table(profile));
    if (!o.agreement.empty())
        write_agreement(open(agreement, o.agreement), o.scores, o.reference_scores, seqs,
                        o.truth.empty() ? nullptr : &planted);
    if (!o.sequence_tsv.empty()) write_table(open(sequence_out, o.sequence_tsv), tables[1]);
    if (!o.discover_out.empty()) {
        std::vector<Motif> found;
        std::vector<std::string> evalues;
        for (const DiscoveredMotif& d : discovery.motifs) {
            found.push_back(d.motif);
            evalues.push_back(evalue_text(d.log_e));
        }
        open(meme, o.discover_out).write(meme_text(found, background, evalues));
    }
    if (!o.discover_tsv.empty()) write_table(open(discovered, o.discover_tsv), tables.back());
    if (with_html)
        open(html, o.html).write(html_text(html_report_of(o, report, tables, discovery, database, profile)));
    commit_all({&out, json.get(), hits.get(), profile_out.get(), agreement.get(), sequence_out.get(), meme.get(),
                discovered.get(), html.get()});
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
        "\n"
        "Motif comparison (--discover): two motifs' columns are compared by the Pearson\n"
        "correlation of their base frequencies, an alignment (any offset overlapping\n"
        "min(5, both widths) columns or more, either strand) scores their sum, and its\n"
        "p-value is that of the sum when each query column meets a column drawn from\n"
        "the whole database (both strands), computed exactly on a 0.02 grid. A match's\n"
        "p is its best alignment's, corrected for the alignments tried (1-(1-p)^n);\n"
        "E = p x database motifs; q = Benjamini-Hochberg across the database.\n"
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
           "--anchor",
           [o](const std::string& text) {
               o->anchor = parse_anchor(text);
               o->anchor_text = text;
           },
           "Offset 0 of --profile and of the report's profile plot: start (each sequence's first base), end (its "
           "last base) or N (its base N, 0-based, e.g. a TSS)")
        ->check(parsed_by(parse_anchor, "start|end|N"))
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

    const std::string sequence_level = "Sequence-level enrichment";
    cmd->add_option("--sequence-tsv", o->sequence_tsv,
                    "Write per motif the sequences with a hit holding a kept position against the controls: "
                    "--background, else a dinucleotide-shuffled copy of each sequence (--seed) with the same "
                    "positions kept; one-sided Fisher p, BH q, E = p x motifs")
        ->type_name("TSV")
        ->group(sequence_level);
    cmd->add_option("--background", o->background,
                    "Control sequences (FASTA) for --sequence-tsv and --discover, instead of dinucleotide-shuffled "
                    "copies of the sequences (or of the stretches around kept positions)")
        ->group(sequence_level);
    cmd->add_option("--background-selected", o->background_selected,
                    "The --background sequences' kept positions (BED; default: every position counts as kept)")
        ->needs("--background")
        ->group(sequence_level);

    const std::string discovery = "Motif discovery";
    cmd->add_option("--discover", o->discover,
                    "Find up to N motifs: the word (--discover-width letters, both strands) most enriched in the "
                    "windows touching a kept position against control windows (--discover-control, --background), opened to a "
                    "wildcard where its sites disagree, grown by informative flanks, its sites masked, again; stops "
                    "early when the best word's E > 0.05. E = Fisher p x words tried. Each is compared with "
                    "--motifs (or --discover-database) as Tomtom does (see the footer)")
        ->check(CLI::Range(0, 100))
        ->group(discovery);
    cmd->add_option("--discover-width", o->discover_width, "Letters of the words --discover counts")
        ->check(CLI::Range(3, 10))
        ->capture_default_str()
        ->group(discovery);
    cmd->add_option("--discover-flank", o->discover_flank,
                    "A window is a target when it touches a kept position or a base within this many of one")
        ->check(CLI::Range(0, 1000))
        ->capture_default_str()
        ->group(discovery);
    cmd->add_option("--discover-control", o->discover_control,
                    "--discover's control windows without --background: shuffled (a dinucleotide-shuffled copy of "
                    "each stretch of target windows: the kept regions' composition, as STREME's default) or unkept "
                    "(the windows of the sequences that touch no kept position)")
        ->check(CLI::IsMember({"shuffled", "unkept"}))
        ->capture_default_str()
        ->group(discovery);
    cmd->add_option("--discover-out", o->discover_out,
                    "Write the discovered motifs in MEME minimal format (the sites' counts, nsites, E=)")
        ->type_name("MEME")
        ->needs("--discover")
        ->group(discovery);
    cmd->add_option("--discover-tsv", o->discover_tsv,
                    "Write each discovered motif (consensus, sites in target and control windows, p, E) with its "
                    "best --matches database matches (strand, offset, overlap, score, p, E, q) as TSV")
        ->type_name("TSV")
        ->needs("--discover")
        ->group(discovery);
    cmd->add_option("--discover-database", o->discover_database,
                    "Motif files (JASPAR or MEME minimal) to compare the discovered motifs with, instead of --motifs: "
                    "e.g. a whole JASPAR release, while the enrichment tables keep to a few --motifs")
        ->expected(1, -1)
        ->needs("--discover")
        ->group(discovery);
    cmd->add_option("--matches", o->matches, "Database matches listed per discovered motif")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str()
        ->group(discovery);
    cmd->add_option("--html", o->html,
                    "Write a self-contained HTML report: the tables (position level, sequence level, discovered "
                    "motifs), logos of the discovered motifs beside their best match, the positional profile plot");
    add_common_options(*cmd, o->common, "Output TSV (- for stdout)");
    cmd->callback([o]() { run_enrich(*o); });
}

}  // namespace gsattn::cli
