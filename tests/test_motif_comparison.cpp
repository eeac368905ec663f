// Tomtom-style comparison of a motif with a database: the best match of an
// identical, shifted or reverse-complemented motif, and p-values that are
// uniform when query and database are unrelated.
#include <algorithm>
#include <cmath>

#include <doctest/doctest.h>

#include "gsattn/motif.hpp"
#include "gsattn/motif_comparison.hpp"
#include "gsattn/random.hpp"

using namespace gsattn;

namespace {

// A column drawn from a flat Dirichlet (exponential draws, normalised), as 20 sites' counts.
Column random_column(Rng& rng) {
    Column c{};
    double total = 0;
    for (double& v : c) total += v = -std::log(1 - rng.uniform());
    for (double& v : c) v = 20 * v / total;
    return c;
}

Motif random_motif(Rng& rng, const std::string& id, int width) {
    Motif m;
    m.id = id;
    for (int j = 0; j < width; ++j) m.counts.push_back(random_column(rng));
    return m;
}

std::vector<Motif> random_database(Rng& rng, int motifs) {
    std::vector<Motif> db;
    for (int i = 0; i < motifs; ++i) db.push_back(random_motif(rng, "R" + std::to_string(i), 8 + i % 8));
    return db;
}

}  // namespace

TEST_CASE("column correlation: 1 for equal columns, -1 for opposite, 0 without variance") {
    CHECK(column_correlation({1, 0, 0, 0}, {5, 0, 0, 0}) == doctest::Approx(1));
    CHECK(column_correlation({1, 0, 0, 1}, {0, 1, 1, 0}) == doctest::Approx(-1));
    CHECK(column_correlation({1, 1, 1, 1}, {1, 0, 0, 0}) == 0);
}

TEST_CASE("an identical motif is the best match, on its own strand and at offset 0") {
    Rng rng(3);
    std::vector<Motif> db = random_database(rng, 60);
    const Motif query = db[17];
    const MotifDatabase database(db);
    const std::vector<MotifMatch> matches = database.compare(query);
    REQUIRE(matches.size() == db.size());
    CHECK(matches[0].target == 17);
    CHECK(matches[0].strand == '+');
    CHECK(matches[0].offset == 0);
    CHECK(matches[0].overlap == static_cast<int>(query.width()));
    CHECK(matches[0].p < 1e-6);
    CHECK(matches[0].q < 0.01);
    CHECK(matches[0].e == doctest::Approx(matches[0].p * 60));
    for (std::size_t i = 1; i < matches.size(); ++i) CHECK(matches[i - 1].p <= matches[i].p);
}

TEST_CASE("a slice of a motif, and its reverse complement, are found at the right offset and strand") {
    Rng rng(5);
    std::vector<Motif> db = random_database(rng, 60);
    const MotifDatabase database(db);
    const Motif& target = db[40];  // 8 + 40 % 8 = 8 columns
    REQUIRE(target.width() == 8);
    const Motif part = slice(target, 2, 6);
    const std::vector<MotifMatch> forward = database.compare(part);
    CHECK(forward[0].target == 40);
    CHECK(forward[0].strand == '+');
    CHECK(forward[0].offset == 2);
    // Reversed, the slice's first column is the target's last one (column 7) complemented;
    // on the target's reverse complement it starts at column 8 - (2 + 6) = 0.
    const std::vector<MotifMatch> reverse = database.compare(reverse_complement(part));
    CHECK(reverse[0].target == 40);
    CHECK(reverse[0].strand == '-');
    CHECK(reverse[0].offset == 0);
}

TEST_CASE("p-values of unrelated motifs are uniform within tolerance") {
    Rng rng(11);
    const MotifDatabase database(random_database(rng, 200));
    // One fixed alignment: the null the p-value assumes, so the fraction
    // at or below a level is that level.
    int queries = 0, below_01 = 0, below_05 = 0;
    for (int i = 0; i < 400; ++i) {
        const Motif query = random_motif(rng, "Q", 6);
        const Motif other = random_motif(rng, "T", 6);
        double score = 0;
        const Background uniform{};
        for (int j = 0; j < 6; ++j)
            score += column_correlation(frequencies(query.counts[j], uniform, 0.1),
                                        frequencies(other.counts[j], uniform, 0.1));
        const double p = database.alignment_pvalue(query, 0, 6, score);
        ++queries;
        below_01 += p <= 0.1;
        below_05 += p <= 0.5;
    }
    // Binomial sd at 400 draws: 0.015 at 0.1, 0.025 at 0.5; the score
    // steps make p slightly conservative.
    CHECK(below_01 / double(queries) == doctest::Approx(0.1).epsilon(0.5));
    CHECK(below_05 / double(queries) == doctest::Approx(0.5).epsilon(0.15));

    // The best of all alignments, corrected for the number tried: never
    // anti-conservative.
    int pairs = 0, significant = 0;
    for (int i = 0; i < 40; ++i) {
        const Motif query = random_motif(rng, "Q", 6 + i % 5);
        for (const MotifMatch& m : database.compare(query)) {
            ++pairs;
            significant += m.p <= 0.05;
        }
    }
    CHECK(significant / double(pairs) <= 0.06);
    CHECK(significant / double(pairs) >= 0.005);
}
