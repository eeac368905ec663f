// Sequence-level enrichment: sequences with a hit touching a kept position,
// target against control, with Fisher p-values and BH q-values.
#include <cmath>

#include <doctest/doctest.h>

#include "gsattn/sequence_enrichment.hpp"

using namespace gsattn;

namespace {

MotifScanResult scan_with(const std::string& id, const std::vector<PwmHit>& hits) {
    MotifScanResult r;
    r.enrichment.id = id;
    r.enrichment.name = id + "_name";
    r.hits = hits;
    return r;
}

PwmHit hit(std::size_t sequence, std::int64_t start) { return {sequence, start, start + 4, '+', 5.0, -4.0}; }

}  // namespace

TEST_CASE("a hit counts when it holds a kept position; each sequence counts once") {
    PositionSet kept({20, 20, 20});
    kept.add(0, {5, 6});
    kept.add(1, {0, 2});
    kept.index();
    CHECK(sequences_with_kept_hit({hit(0, 2), hit(0, 3), hit(1, 10), hit(2, 0)}, kept) == 1);
    CHECK(sequences_with_kept_hit({hit(0, 2), hit(1, 1)}, kept) == 2);
}

TEST_CASE("target against control: counts, Fisher p, q >= p, E = p x motifs") {
    const int n = 40;
    std::vector<std::int64_t> lengths(n, 10);
    PositionSet target_kept(lengths), control_kept(lengths);
    for (int s = 0; s < n; ++s) {
        target_kept.add(s, {0, 10});
        control_kept.add(s, {0, 10});
    }
    target_kept.index();
    control_kept.index();
    std::vector<PwmHit> target_hits, control_hits, even;
    for (int s = 0; s < 30; ++s) target_hits.push_back(hit(s, 1));
    for (int s = 0; s < 5; ++s) control_hits.push_back(hit(s, 1));
    for (int s = 0; s < 10; ++s) even.push_back(hit(s, 1));
    const auto rows = sequence_enrichment({scan_with("A", target_hits), scan_with("B", even)}, target_kept,
                                          {scan_with("A", control_hits), scan_with("B", even)}, control_kept);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].id == "A");
    CHECK(rows[0].target_with_hit == 30);
    CHECK(rows[0].control_with_hit == 5);
    CHECK(rows[0].target_sequences == 40);
    // Hypergeometric tail P(X >= 30): 80 sequences, 35 with a hit, 40 drawn.
    double tail = 0;
    const auto log_choose = [](double a, double b) { return std::lgamma(a + 1) - std::lgamma(b + 1) - std::lgamma(a - b + 1); };
    for (int x = 30; x <= 35; ++x) tail += std::exp(log_choose(35, x) + log_choose(45, 40 - x) - log_choose(80, 40));
    CHECK(std::exp(rows[0].log_p) == doctest::Approx(tail).epsilon(1e-6));
    CHECK(rows[0].log_e == doctest::Approx(rows[0].log_p + std::log(2.0)));
    CHECK(rows[1].log_p > std::log(0.4));  // equal counts: nothing
    for (const auto& r : rows) CHECK(r.log_q >= r.log_p - 1e-12);
}
