// ScoredMotif: exact p-values of integer PWM scores, thresholds, and scanning,
// each checked against brute force.
#include <algorithm>
#include <cmath>
#include <tuple>
#include <vector>

#include <doctest/doctest.h>

#include "gsattn/motif_enrichment.hpp"
#include "gsattn/motif_scan.hpp"
#include "gsattn/random.hpp"
#include "test_util.hpp"

using namespace gsattn;
using namespace gsattn::test;

namespace {

// A small motif with uneven columns, a zero count and a flat column.
Motif small_motif() {
    Motif m;
    m.id = m.name = "small";
    m.counts = {{8, 1, 1, 0}, {2, 5, 2, 1}, {0, 0, 10, 0}, {3, 3, 3, 3}, {1, 0, 4, 6}};
    return m;
}

// The TATA window of the shipped TBP matrix (width 6).
Motif tata_motif() {
    Motif m = read_motifs(shipped_file("motifs/MA0108.3.TBP.jaspar")).front();
    m.counts.resize(6);
    return m;
}

// Non-uniform backgrounds: all four probabilities differ.
const Background kSkewed = Background::from_counts({30, 18, 22, 40});
const Background kGcRich = Background::from_gc(0.62);

// Every k-mer of the motif's width: its score and its background probability.
struct Enumeration {
    std::vector<EncodedSequence> kmers;
    std::vector<int> scores;
    std::vector<double> probabilities;

    Enumeration(const ScoredMotif& motif, const Background& bg) {
        const int w = motif.width();
        for (std::uint64_t code = 0; code < (1ULL << (2 * w)); ++code) {
            EncodedSequence kmer(w);
            double p = 1;
            for (int j = 0; j < w; ++j) {
                const int b = static_cast<int>((code >> (2 * j)) & 3);
                kmer[j] = static_cast<Base>(b);
                p *= bg.p[b];
            }
            kmers.push_back(kmer);
            scores.push_back(motif.score_of(kmer));
            probabilities.push_back(p);
        }
    }
    // P(score >= s), summed over k-mers.
    double tail(int s) const {
        double sum = 0;
        for (std::size_t i = 0; i < scores.size(); ++i)
            if (scores[i] >= s) sum += probabilities[i];
        return sum;
    }
    int max_score() const { return *std::max_element(scores.begin(), scores.end()); }
    int min_score() const { return *std::min_element(scores.begin(), scores.end()); }
};

struct Case {
    std::string name;
    Motif motif;
    Background bg;
};

std::vector<Case> cases() {
    return {{"small motif, skewed background", small_motif(), kSkewed},
            {"small motif, GC-rich background", small_motif(), kGcRich},
            {"TATA window, skewed background", tata_motif(), kSkewed}};
}

EncodedSequence random_sequence(Rng& rng, std::size_t length, double n_fraction) {
    EncodedSequence seq(length);
    for (Base& b : seq) b = rng.uniform() < n_fraction ? Base::N : static_cast<Base>(rng.below(4));
    return seq;
}

bool has_n(const EncodedSequence& seq, std::int64_t start, int width) {
    return std::any_of(seq.begin() + start, seq.begin() + start + width,
                       [](Base b) { return !is_acgt(b); });
}

using HitTuple = std::tuple<std::int64_t, char, int>;

std::vector<HitTuple> brute_force_hits(const ScoredMotif& motif, const EncodedSequence& seq,
                                       int min_score) {
    std::vector<HitTuple> hits;
    for (std::int64_t i = 0; i + motif.width() <= static_cast<std::int64_t>(seq.size()); ++i) {
        if (has_n(seq, i, motif.width())) continue;
        for (char strand : {'+', '-'}) {
            const int score = motif.score_at(seq, i, strand);
            if (score >= min_score) hits.emplace_back(i, strand, score);
        }
    }
    return hits;
}

std::vector<HitTuple> as_tuples(const std::vector<MotifHit>& hits) {
    std::vector<HitTuple> out;
    for (const MotifHit& h : hits) out.emplace_back(h.start, h.strand, h.score);
    return out;
}

}  // namespace

TEST_CASE("ScoredMotif: integer scores run from 0 to max_score()") {
    for (const Case& c : cases()) {
        CAPTURE(c.name);
        const ScoredMotif motif(c.motif, c.bg);
        const Enumeration all(motif, c.bg);
        CHECK(motif.width() == static_cast<int>(c.motif.width()));
        CHECK(all.min_score() == 0);
        CHECK(all.max_score() == motif.max_score());
        // About kScoreResolution steps over the whole range (rounding per column).
        CHECK(std::abs(motif.max_score() - kScoreResolution) <= motif.width());
    }
}

TEST_CASE("ScoredMotif: pvalue(s) equals brute-force enumeration for every score") {
    for (const Case& c : cases()) {
        CAPTURE(c.name);
        const ScoredMotif motif(c.motif, c.bg);
        const Enumeration all(motif, c.bg);
        for (int s = -2; s <= motif.max_score() + 2; ++s) {
            CAPTURE(s);
            REQUIRE(std::abs(motif.pvalue(s) - all.tail(s)) <= 1e-12);
        }
        CHECK(motif.pvalue(0) == 1.0);
        CHECK(motif.pvalue(motif.max_score() + 1) == 0.0);
        CHECK(motif.pvalue(motif.max_score()) > 0.0);
    }
}

TEST_CASE("ScoredMotif: threshold_for_pvalue(p) is the smallest score with tail <= p") {
    for (const Case& c : cases()) {
        CAPTURE(c.name);
        const ScoredMotif motif(c.motif, c.bg);
        const Enumeration all(motif, c.bg);
        for (double p : {0.5, 0.2, 0.05, 0.01, 3e-3, 1e-3, 4e-4, 1e-4, 1e-5, 1e-7, 0.0}) {
            CAPTURE(p);
            int expected = 0;
            while (expected <= motif.max_score() && all.tail(expected) > p) ++expected;
            CHECK(motif.threshold_for_pvalue(p) == expected);
        }
        CHECK(motif.threshold_for_pvalue(1.0) == 0);
    }
}

TEST_CASE("ScoredMotif: threshold_for_pvalue agrees with pvalue on random wide motifs") {
    Rng rng(99);
    for (int trial = 0; trial < 200; ++trial) {
        CAPTURE(trial);
        Motif m;
        m.counts.resize(1 + rng.below(15));
        for (Column& col : m.counts)
            for (double& count : col) count = static_cast<double>(rng.below(50));
        for (Column& col : m.counts) col[rng.below(4)] += 1;  // no empty column
        const Background bg = Background::from_counts(
            {double(rng.below(100)), double(rng.below(100)), double(rng.below(100)),
             double(rng.below(100))});
        const ScoredMotif motif(m, bg);
        CHECK(motif.threshold_for_pvalue(1.0) == 0);
        CHECK(motif.pvalue(1) <= 1.0);
        for (double p : {0.1, 1e-3, 1e-5}) {
            const int t = motif.threshold_for_pvalue(p);
            CHECK(motif.pvalue(t) <= p);
            if (t > 0) CHECK(motif.pvalue(t - 1) > p);
        }
    }
}

TEST_CASE("ScoredMotif: log_odds(score) converts back to bits within rounding") {
    const Motif m = small_motif();
    const ScoredMotif motif(m, kSkewed);
    const std::vector<Column> bits = log_odds(m, kSkewed, 0.1);
    double range = 0;
    for (const Column& col : bits) range += *std::max_element(col.begin(), col.end()) -
                                            *std::min_element(col.begin(), col.end());
    // Each column's score is rounded to the nearest step of range / kScoreResolution bits.
    const double tolerance = m.width() * 0.5 * range / kScoreResolution + 1e-9;
    const Enumeration all(motif, kSkewed);
    for (std::size_t i = 0; i < all.kmers.size(); ++i) {
        double exact = 0;
        for (std::size_t j = 0; j < m.width(); ++j)
            exact += bits[j][static_cast<int>(all.kmers[i][j])];
        REQUIRE(std::abs(motif.log_odds(all.scores[i]) - exact) <= tolerance);
    }
}

TEST_CASE("ScoredMotif: the best base of every column gives the top score") {
    // With the skewed background the flat column's best base is the rarest, C,
    // and the last column's is G (0.4 / 0.20 beats T's 0.6 / 0.36).
    const ScoredMotif motif(small_motif(), kSkewed);
    CHECK(motif.score_of(encode("ACGCG", "test")) == motif.max_score());
    CHECK(motif.score_of(encode("ACGAT", "test")) < motif.max_score());
}

TEST_CASE("ScoredMotif: reverse-strand score equals the forward score of the reverse complement") {
    for (const Case& c : cases()) {
        CAPTURE(c.name);
        const ScoredMotif motif(c.motif, c.bg);
        Rng rng(11);
        const EncodedSequence seq = random_sequence(rng, 400, 0);
        for (std::int64_t i = 0; i + motif.width() <= 400; ++i) {
            const EncodedSequence window(seq.begin() + i, seq.begin() + i + motif.width());
            REQUIRE(motif.score_at(seq, i, '-') == motif.score_of(reverse_complement(window)));
        }
    }
}

TEST_CASE("ScoredMotif: scan() equals brute force on both strands, and N windows never hit") {
    for (const Case& c : cases()) {
        CAPTURE(c.name);
        const ScoredMotif motif(c.motif, c.bg);
        Rng rng(2024);
        for (int trial = 0; trial < 20; ++trial) {
            const EncodedSequence seq = random_sequence(rng, 300, 0.03);
            for (int threshold : {0, motif.threshold_for_pvalue(0.05),
                                  motif.threshold_for_pvalue(1e-3)}) {
                CAPTURE(trial);
                CAPTURE(threshold);
                const std::vector<MotifHit> hits = motif.scan(seq, threshold);
                REQUIRE(as_tuples(hits) == brute_force_hits(motif, seq, threshold));
                CHECK(std::none_of(hits.begin(), hits.end(), [&](const MotifHit& h) {
                    return has_n(seq, h.start, motif.width());
                }));
            }
        }
    }
}

TEST_CASE("ScoredMotif: scan() equals brute force at strict thresholds on a 17-column motif") {
    // 17 columns (as wide as many JASPAR profiles): the shipped SP1 then NFYA
    // matrices, their joint consensus planted on both strands.
    Motif wide = read_motifs(shipped_file("motifs/MA0079.5.SP1.jaspar")).front();
    const Motif nfya = read_motifs(shipped_file("motifs/MA0060.4.NFYA.jaspar")).front();
    wide.counts.insert(wide.counts.end(), nfya.counts.begin(), nfya.counts.end());
    REQUIRE(wide.width() == 17);
    const ScoredMotif motif(wide, kSkewed);
    EncodedSequence consensus;
    for (const Column& c : wide.counts)
        consensus.push_back(static_cast<Base>(std::max_element(c.begin(), c.end()) - c.begin()));
    Rng rng(7);
    EncodedSequence seq = random_sequence(rng, 3000, 0.01);
    std::copy(consensus.begin(), consensus.end(), seq.begin() + 100);
    const EncodedSequence rc = reverse_complement(consensus);
    std::copy(rc.begin(), rc.end(), seq.begin() + 2000);
    for (int threshold : {motif.threshold_for_pvalue(1e-2), motif.threshold_for_pvalue(1e-4),
                          motif.threshold_for_pvalue(1e-6), motif.max_score()}) {
        CAPTURE(threshold);
        REQUIRE(as_tuples(motif.scan(seq, threshold)) == brute_force_hits(motif, seq, threshold));
    }
    const std::vector<MotifHit> best = motif.scan(seq, motif.max_score());
    REQUIRE(best.size() == 2);
    CHECK((best[0].start == 100 && best[0].strand == '+'));
    CHECK((best[1].start == 2000 && best[1].strand == '-'));
}

TEST_CASE("ScoredMotif: at threshold 0 every ACGT window hits on both strands") {
    const ScoredMotif motif(small_motif(), kSkewed);
    const EncodedSequence seq = encode("ACGTACNACGTACGTA", "test");
    // Windows of 5 starting at 0..11; those at 2..6 hold the N.
    CHECK(motif.scan(seq, 0).size() == 2 * (12 - 5));
}

TEST_CASE("ScoredMotif: sequences shorter than the motif have no hits") {
    const ScoredMotif motif(small_motif(), kSkewed);
    CHECK(motif.scan(encode("ACGT", "test"), 0).empty());
    CHECK(motif.scan(EncodedSequence{}, 0).empty());
}

TEST_CASE("scan_for_enrichment: each kept hit's score, p-value and place are the brute-force window's") {
    const Motif tata = tata_motif();
    Rng rng(11);
    std::vector<EncodedSequence> sequences;
    for (const std::size_t length : {200, 5, 150}) sequences.push_back(random_sequence(rng, length, 0.02));
    std::vector<const EncodedSequence*> pointers;
    std::vector<std::int64_t> lengths;
    for (const auto& s : sequences) {
        pointers.push_back(&s);
        lengths.push_back(static_cast<std::int64_t>(s.size()));
    }
    PositionSet none(lengths);
    none.index();
    MotifScanConfig config;
    config.pvalue = 1e-2;
    config.keep_hits = true;
    const std::vector<MotifScanResult> results = scan_for_enrichment({tata}, pointers, kSkewed, none, config);
    REQUIRE(results.size() == 1);
    const MotifScanResult& r = results.front();
    const ScoredMotif motif(tata, kSkewed);
    CHECK(r.windows == 2 * ((200 - motif.width() + 1) + (150 - motif.width() + 1)));  // none in 5 bp
    std::vector<std::tuple<std::size_t, std::int64_t, char, double, double>> expected, got;
    const int threshold = motif.threshold_for_pvalue(config.pvalue);
    for (std::size_t s = 0; s < sequences.size(); ++s)
        for (const auto& [start, strand, score] : brute_force_hits(motif, sequences[s], threshold))
            expected.emplace_back(s, start, strand, motif.log_odds(score), std::log10(motif.pvalue(score)));
    for (const PwmHit& h : r.hits) {
        CHECK(h.end - h.start == motif.width());
        got.emplace_back(h.sequence, h.start, h.strand, h.score, h.log10_p);
    }
    REQUIRE(!expected.empty());
    CHECK(got == expected);
}
