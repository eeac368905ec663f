// The simulator (docs/design.md, Simulation): planted sites, scrubbed background,
// labels, determinism, and the three files write_simulation writes.
#include <algorithm>
#include <cmath>
#include <functional>
#include <set>
#include <tuple>
#include <vector>

#include <doctest/doctest.h>

#include "gsattn/bed.hpp"
#include "gsattn/fasta.hpp"
#include "gsattn/simulate.hpp"
#include "gsattn/text.hpp"
#include "gsattn/simulate_writer.hpp"
#include "test_util.hpp"

using namespace gsattn;
using namespace gsattn::test;

namespace {

const std::vector<PlantedMotif>& default_motifs() {
    static const std::vector<PlantedMotif> motifs =
        read_manifest(shipped_file("motifs/default.toml"));
    return motifs;
}

SimulationConfig config(std::size_t n, const std::function<void(SimulationConfig&)>& change = {}) {
    SimulationConfig c;
    c.num_sequences = n;
    c.seed = 17;
    if (change) change(c);
    return c;
}

const auto kPwmMode = [](SimulationConfig& c) {
    c.sampling = InstanceSampling::pwm;
    c.hit_pvalue = 0.005;
};

std::vector<SimulatedSequence> make_all(const Simulator& sim) {
    std::vector<SimulatedSequence> out;
    for (std::size_t i = 0; i < sim.config().num_sequences; ++i) out.push_back(sim.make(i));
    return out;
}

bool same_sites(const std::vector<PlantedSite>& a, const std::vector<PlantedSite>& b) {
    auto key = [](const PlantedSite& s) { return std::tie(s.motif, s.start, s.strand, s.instance); };
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [&](const PlantedSite& x, const PlantedSite& y) { return key(x) == key(y); });
}

bool same_sequence(const SimulatedSequence& a, const SimulatedSequence& b) {
    return a.name == b.name && a.bases == b.bases && same_sites(a.sites, b.sites) &&
           a.clean_label == b.clean_label && a.label == b.label;
}

std::int64_t site_end(const PlantedSite& site) {
    return site.start + static_cast<std::int64_t>(site.instance.size());
}

// Starts of the planted sites of motif `m`, ascending.
std::vector<std::int64_t> planted_starts(const SimulatedSequence& seq, std::size_t m) {
    std::vector<std::int64_t> starts;
    for (const PlantedSite& site : seq.sites)
        if (site.motif == m) starts.push_back(site.start);
    return starts;
}

// Every start at which `pattern` occurs in `text` (overlaps included).
std::vector<std::int64_t> find_all(const std::string& text, const std::string& pattern) {
    std::vector<std::int64_t> starts;
    for (auto at = text.find(pattern); at != std::string::npos; at = text.find(pattern, at + 1))
        starts.push_back(static_cast<std::int64_t>(at));
    return starts;
}

// The structural guarantees every simulated sequence keeps.
void check_structure(const Simulator& sim, const SimulatedSequence& seq) {
    const SimulationConfig& c = sim.config();
    CAPTURE(seq.name);
    CHECK(static_cast<std::int64_t>(seq.bases.size()) == c.length);
    CHECK(std::all_of(seq.bases.begin(), seq.bases.end(), is_acgt));
    CHECK(static_cast<int>(seq.sites.size()) >= c.min_motifs);
    CHECK(static_cast<int>(seq.sites.size()) <= c.max_motifs);
    std::int64_t previous_end = 0;
    for (const PlantedSite& site : seq.sites) {
        REQUIRE(site.motif < sim.motifs().size());
        CHECK(site.instance.size() == sim.motifs()[site.motif].consensus.size());
        CHECK(site.start >= previous_end);  // sorted and not overlapping
        REQUIRE(site_end(site) <= c.length);
        previous_end = site_end(site);
        const EncodedSequence at_site(seq.bases.begin() + site.start, seq.bases.begin() + site_end(site));
        CHECK((site.strand == '+' || site.strand == '-'));
        CHECK((site.strand == '-' ? reverse_complement(at_site) : at_site) == site.instance);
    }
}

void check_clean_label(const Simulator& sim, const SimulatedSequence& seq) {
    std::vector<double> strengths;
    for (const PlantedSite& site : seq.sites) strengths.push_back(sim.motifs()[site.motif].strength);
    CHECK(seq.clean_label == doctest::Approx(combine_strengths(sim.config().rule, strengths)));
}

// The scrub guarantee: the planted sites are all the occurrences there are.
void check_no_other_occurrences(const Simulator& sim, const SimulatedSequence& seq) {
    CAPTURE(seq.name);
    const std::string text = decode(seq.bases);
    for (std::size_t m = 0; m < sim.motifs().size(); ++m) {
        const PlantedMotif& motif = sim.motifs()[m];
        CAPTURE(motif.name);
        const OccurrenceTest& test = sim.occurrence_test(m);
        const std::vector<std::int64_t> planted = planted_starts(seq, m);
        CHECK(test.all(seq.bases) == planted);
        std::vector<std::int64_t> hits_at;
        for (std::int64_t i = 0; i + test.width() <= static_cast<std::int64_t>(seq.bases.size()); ++i)
            if (test.at(seq.bases, i)) hits_at.push_back(i);
        CHECK(hits_at == planted);
        // Independently of OccurrenceTest: exact copies of the consensus.
        for (const std::string& pattern : {motif.consensus, reverse_complement(motif.consensus)})
            for (std::int64_t at : find_all(text, pattern))
                CHECK(std::find(planted.begin(), planted.end(), at) != planted.end());
    }
}

double standard_deviation(const std::vector<double>& x) {
    double mean = 0;
    for (double v : x) mean += v / x.size();
    double ss = 0;
    for (double v : x) ss += (v - mean) * (v - mean);
    return std::sqrt(ss / (x.size() - 1));
}

}  // namespace

// ---- labels ---------------------------------------------------------------

TEST_CASE("combine_strengths: noisy-or, sum and mean") {
    CHECK(combine_strengths(LabelRule::noisy_or, {0.8, 0.6}) == doctest::Approx(0.92));
    CHECK(combine_strengths(LabelRule::sum, {0.8, 0.6}) == doctest::Approx(1.4));
    CHECK(combine_strengths(LabelRule::mean, {0.8, 0.6}) == doctest::Approx(0.7));
    CHECK(combine_strengths(LabelRule::noisy_or, {0.5, 0.5, 0.5}) == doctest::Approx(0.875));
    for (LabelRule rule : {LabelRule::noisy_or, LabelRule::sum, LabelRule::mean}) {
        CHECK(combine_strengths(rule, {}) == 0.0);
        CHECK(combine_strengths(rule, {0.3}) == doctest::Approx(0.3));
    }
}

// ---- determinism ------------------------------------------------------------

TEST_CASE("Simulator: a sequence is a function of (seed, index) alone") {
    const Simulator a(config(50), default_motifs());
    const Simulator b(config(50), default_motifs());
    // b makes other sequences first: order and history must not matter.
    for (std::size_t i : {40, 3, 7}) b.make(i);
    for (std::size_t i : {0, 7, 49}) {
        CAPTURE(i);
        CHECK(same_sequence(a.make(i), b.make(i)));
    }
    const Simulator other_seed(config(50, [](SimulationConfig& c) { c.seed = 18; }),
                               default_motifs());
    CHECK(a.make(7).bases != other_seed.make(7).bases);
    CHECK(a.make(7).bases != a.make(8).bases);
}

TEST_CASE("Simulator: sequence names are zero-padded to at least six digits") {
    CHECK(Simulator(config(50), default_motifs()).sequence_name(0) == "seq000001");
    CHECK(Simulator(config(50), default_motifs()).make(41).name == "seq000042");
    CHECK(Simulator(config(12345678), default_motifs()).sequence_name(99) == "seq00000100");
}

// ---- structure and the scrub guarantee -----------------------------------------

TEST_CASE("Simulator (consensus mode): lengths, counts, non-overlapping sites, planted bases") {
    const Simulator sim(config(300, [](SimulationConfig& c) { c.min_motifs = 1; }), default_motifs());
    std::set<std::pair<std::size_t, char>> planted_kinds;
    std::set<std::size_t> counts;
    for (const SimulatedSequence& seq : make_all(sim)) {
        check_structure(sim, seq);
        check_clean_label(sim, seq);
        counts.insert(seq.sites.size());
        for (const PlantedSite& site : seq.sites) {
            planted_kinds.emplace(site.motif, site.strand);
            CHECK(decode(site.instance) == sim.motifs()[site.motif].consensus);
        }
    }
    CHECK(counts == std::set<std::size_t>{1, 2, 3, 4});
    CHECK(planted_kinds.size() == 2 * default_motifs().size());  // every motif, both strands
}

TEST_CASE("Simulator (consensus mode): no occurrence outside the planted sites") {
    const Simulator sim(config(300), default_motifs());
    for (const SimulatedSequence& seq : make_all(sim)) check_no_other_occurrences(sim, seq);
}

TEST_CASE("Simulator (PWM mode): every instance is an occurrence, and no others exist") {
    const Simulator sim(config(300, kPwmMode), default_motifs());
    int not_consensus = 0;
    for (const SimulatedSequence& seq : make_all(sim)) {
        check_structure(sim, seq);
        check_clean_label(sim, seq);
        check_no_other_occurrences(sim, seq);
        for (const PlantedSite& site : seq.sites) {
            CHECK(sim.occurrence_test(site.motif).strand_hits(site.instance, 0, '+'));
            not_consensus += decode(site.instance) != sim.motifs()[site.motif].consensus;
        }
    }
    CHECK(not_consensus > 0);  // the matrices are really sampled
}

TEST_CASE("Simulator: the background follows the GC content") {
    const Simulator sim(config(200, [](SimulationConfig& c) { c.gc = 0.65; c.max_motifs = 0; }),
                        default_motifs());
    double gc = 0, total = 0;
    for (const SimulatedSequence& seq : make_all(sim)) {
        for (Base b : seq.bases) gc += (b == Base::C || b == Base::G);
        total += seq.bases.size();
    }
    CHECK(gc / total == doctest::Approx(0.65).epsilon(0.03));
}

TEST_CASE("Simulator: OccurrenceTest threshold never exceeds the consensus score") {
    const Simulator sim(config(10), default_motifs());
    for (std::size_t m = 0; m < sim.motifs().size(); ++m) {
        const EncodedSequence cons = encode(sim.motifs()[m].consensus, "test");
        CAPTURE(sim.motifs()[m].name);
        CHECK(sim.occurrence_test(m).at(cons, 0));
        CHECK(sim.occurrence_test(m).at(reverse_complement(cons), 0));
    }
}

// ---- labels and noise ------------------------------------------------------------

TEST_CASE("Simulator: label minus clean label is noise with the configured sd") {
    const Simulator sim(config(5000, [](SimulationConfig& c) { c.noise = 0.05; c.length = 100; }),
                        default_motifs());
    std::vector<double> residuals;
    double mean = 0;
    for (const SimulatedSequence& seq : make_all(sim)) {
        residuals.push_back(seq.label - seq.clean_label);
        mean += residuals.back() / 5000;
    }
    // Standard errors over 5,000 draws: 0.0007 for the mean, 1 % for the sd.
    CHECK(std::abs(mean) < 0.003);
    CHECK(standard_deviation(residuals) == doctest::Approx(0.05).epsilon(0.05));
}

TEST_CASE("Simulator: without noise the label is the clean label, under every rule") {
    for (LabelRule rule : {LabelRule::noisy_or, LabelRule::sum, LabelRule::mean}) {
        const Simulator sim(config(100, [&](SimulationConfig& c) { c.noise = 0; c.rule = rule; }),
                            default_motifs());
        for (const SimulatedSequence& seq : make_all(sim)) {
            check_clean_label(sim, seq);
            CHECK(seq.label == seq.clean_label);
        }
    }
}

// ---- configuration errors --------------------------------------------------------

TEST_CASE("Simulator: unusable configurations are Errors") {
    struct Case {
        const char* what;
        std::function<void(SimulationConfig&)> change;
        const char* fragment;
    };
    const Case cases[] = {
        {"motifs do not fit", [](SimulationConfig& c) { c.length = 20; c.max_motifs = 4; }, "do not fit"},
        {"gc = 0", [](SimulationConfig& c) { c.gc = 0; }, "GC content"},
        {"gc = 1", [](SimulationConfig& c) { c.gc = 1; }, "GC content"},
        {"min > max", [](SimulationConfig& c) { c.min_motifs = 3; c.max_motifs = 2; }, "--min-motifs"},
        {"negative min", [](SimulationConfig& c) { c.min_motifs = -1; }, "--min-motifs"},
        {"negative noise", [](SimulationConfig& c) { c.noise = -0.1; }, "noise"},
        {"p-value 0", [](SimulationConfig& c) { c.hit_pvalue = 0; }, "p-value"},
        {"no sequences", [](SimulationConfig& c) { c.num_sequences = 0; }, "number of sequences"},
        {"zero length", [](SimulationConfig& c) { c.length = 0; }, "length"},
    };
    for (const Case& c : cases) {
        INFO("case: ", c.what);
        check_mentions(error_message([&] { Simulator sim(config(10, c.change), default_motifs()); }),
                       {c.fragment});
    }
    SUBCASE("no motifs") {
        check_mentions(error_message([] { Simulator sim(config(10), {}); }), {"no motifs"});
    }
    SUBCASE("noisy-or needs strengths in 0..1") {
        std::vector<PlantedMotif> motifs = default_motifs();
        motifs[0].strength = 1.5;
        check_mentions(error_message([&] { Simulator sim(config(10), motifs); }),
                       {"'TATA_box'", "noisy-or"});
        CHECK_NOTHROW(Simulator(config(10, [](SimulationConfig& c) { c.rule = LabelRule::sum; }),
                                motifs));
    }
}

// ---- write_simulation ---------------------------------------------------------------


TEST_CASE("write_simulation: FASTA, labels and truth BED agree with the simulator") {
    TempDir dir;
    const Simulator sim(config(120), default_motifs());
    const SimulationFiles files = SimulationFiles::for_prefix(dir.file("sim"));
    const ThreadCount threads(2);
    const double r = write_simulation(sim, files);
    CHECK(dir.entries() == std::vector<std::string>{"sim.fa", "sim.labels.tsv", "sim.motifs.bed"});

    const std::vector<SimulatedSequence> expected = make_all(sim);
    SUBCASE("FASTA") {
        FastaReader reader(files.fasta);
        std::size_t i = 0;
        for (; auto record = reader.next(); ++i) {
            REQUIRE(i < expected.size());
            CHECK(record->name == expected[i].name);
            CHECK(record->bases == expected[i].bases);
        }
        CHECK(i == expected.size());
    }
    SUBCASE("labels") {
        const std::vector<std::string> lines = split_lines(read_text(files.labels));
        REQUIRE(lines.size() == expected.size() + 1);
        CHECK(lines[0] == "name\tlabel\tclean_label\tn_motifs");
        for (std::size_t i = 0; i < expected.size(); ++i) {
            const auto fields = split_tabs(lines[i + 1]);
            const std::vector<std::string> f(fields.begin(), fields.end());
            REQUIRE(f.size() == 4);
            CHECK(f[0] == expected[i].name);
            // Written with six decimals.
            CHECK(std::abs(std::stod(f[1]) - expected[i].label) <= 5e-7);
            CHECK(std::abs(std::stod(f[2]) - expected[i].clean_label) <= 5e-7);
            CHECK(std::stoul(f[3]) == expected[i].sites.size());
        }
    }
    SUBCASE("truth BED: one line per site") {
        std::vector<BedRecord> want;
        for (const SimulatedSequence& seq : expected)
            for (const PlantedSite& site : seq.sites) {
                const PlantedMotif& m = sim.motifs()[site.motif];
                want.push_back({seq.name, site.start, site_end(site), m.name,
                                std::round(m.strength * 1000), site.strand});
            }
        BedReader reader(files.truth_bed);
        std::size_t i = 0;
        for (; auto got = reader.next(); ++i) {
            REQUIRE(i < want.size());
            CHECK(std::tie(got->chrom, got->start, got->end, got->name, got->score, got->strand) ==
                  std::tie(want[i].chrom, want[i].start, want[i].end, want[i].name, want[i].score,
                           want[i].strand));
        }
        CHECK(i == want.size());
    }
    SUBCASE("the returned oracle r is Pearson r of clean_label and label") {
        double n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (const SimulatedSequence& s : expected) {
            n += 1; sx += s.clean_label; sy += s.label;
            sxx += s.clean_label * s.clean_label; syy += s.label * s.label;
            sxy += s.clean_label * s.label;
        }
        const double want = (sxy - sx * sy / n) / std::sqrt((sxx - sx * sx / n) * (syy - sy * sy / n));
        CHECK(r == doctest::Approx(want));
        CHECK(r > 0.9);
    }
}

TEST_CASE("write_simulation: output bytes do not depend on the thread count") {
    TempDir dir;
    // More than one block of 1024 sequences, so that blocks are joined too.
    const Simulator sim(config(1100, [](SimulationConfig& c) { c.length = 80; }), default_motifs());
    const SimulationFiles one = SimulationFiles::for_prefix(dir.file("one"));
    const SimulationFiles two = SimulationFiles::for_prefix(dir.file("two"));
    {
        const ThreadCount threads(1);
        write_simulation(sim, one);
    }
    {
        const ThreadCount threads(2);
        write_simulation(sim, two);
    }
    CHECK(read_text(one.fasta) == read_text(two.fasta));
    CHECK(read_text(one.labels) == read_text(two.labels));
    CHECK(read_text(one.truth_bed) == read_text(two.truth_bed));
    CHECK(split_lines(read_text(one.labels)).size() == 1101);
}
