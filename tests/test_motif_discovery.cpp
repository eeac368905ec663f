// De novo motifs: planted words found with their consensus, a planted
// 5-mer found as 5 columns, two words one letter apart kept apart, and
// nothing significant in random sequences. Dinucleotide shuffling keeps
// the counts it promises.
#include <cmath>
#include <map>

#include <doctest/doctest.h>

#include "gsattn/motif_discovery.hpp"
#include "gsattn/random.hpp"
#include "gsattn/shuffle.hpp"

using namespace gsattn;

namespace {

Base random_base(Rng& rng) { return static_cast<Base>(rng.below(4)); }

// `n` random sequences of `length` bases; each word of `words` is planted
// (on a random strand) in a third of them, and the planted bases are the
// target positions; one in twenty of the other bases is a target too.
std::vector<DiscoveryInput> planted_inputs(Rng& rng, const std::vector<std::string>& words, int n, int length) {
    std::vector<DiscoveryInput> out(n);
    for (int s = 0; s < n; ++s) {
        auto& in = out[s];
        for (int i = 0; i < length; ++i) in.bases.push_back(random_base(rng));
        in.roles.assign(length, WindowRole::control);
        for (int i = 0; i < length; ++i)
            if (rng.below(20) == 0) in.roles[i] = WindowRole::target;
        int at = 5;
        for (const std::string& w : words) {
            if (rng.below(3) != 0) {
                at += static_cast<int>(w.size()) + 10;
                continue;
            }
            EncodedSequence site = encode(w, "test word");
            if (rng.coin()) site = reverse_complement(site);
            for (std::size_t j = 0; j < site.size(); ++j) {
                in.bases[at + j] = site[j];
                in.roles[at + j] = WindowRole::target;
            }
            at += static_cast<int>(w.size()) + 10;
        }
    }
    return out;
}

bool same_or_reverse(const std::string& found, const std::string& want) {
    return found == want || found == reverse_complement(want);
}

}  // namespace

TEST_CASE("planted words are found, with their consensus, one motif each") {
    Rng rng(7);
    const std::vector<std::string> words{"TATAAA", "CCAAT", "GGGCGG", "TTGACA", "TATAAT"};
    const auto inputs = planted_inputs(rng, words, 600, 120);
    DiscoveryConfig config;
    config.motifs = 8;
    const std::vector<DiscoveredMotif> found = discover_motifs(inputs, config);
    std::map<std::string, int> seen;
    int significant = 0;
    for (const DiscoveredMotif& m : found) {
        if (m.log_e > std::log(1e-5)) continue;
        ++significant;
        for (const std::string& w : words)
            if (same_or_reverse(m.motif.name, w)) seen[w] += 1;
        CHECK(m.motif.width() == m.motif.name.size());
        CHECK(m.target_sites > 100);
    }
    for (const std::string& w : words) CHECK_MESSAGE(seen[w] == 1, w);
    CHECK(significant == 5);
    CHECK(found[0].motif.id == "GSD1");
}

TEST_CASE("random sequences give no motif with E < 1e-5") {
    Rng rng(9);
    const auto inputs = planted_inputs(rng, {}, 400, 150);
    const auto found = discover_motifs(inputs, DiscoveryConfig{});
    for (const DiscoveredMotif& m : found) CHECK(m.log_e > std::log(1e-5));
}

TEST_CASE("sites are counted in target and control windows; inputs are left unchanged") {
    Rng rng(13);
    auto inputs = planted_inputs(rng, {"GGGCGG"}, 300, 100);
    const auto before = inputs;
    DiscoveryConfig config;
    config.motifs = 1;
    const auto found = discover_motifs(inputs, config);
    REQUIRE(found.size() == 1);
    CHECK(same_or_reverse(found[0].motif.name, "GGGCGG"));
    CHECK(found[0].target_windows + found[0].control_windows == 300 * (100 - 5));
    CHECK(inputs[0].bases == before[0].bases);
    CHECK(found[0].log_p < std::log(1e-30));
}

TEST_CASE("information of a column") {
    CHECK(information_bits({10, 0, 0, 0}) == doctest::Approx(2));
    CHECK(information_bits({5, 5, 5, 5}) == doctest::Approx(0));
    CHECK(information_bits({5, 0, 0, 5}) == doctest::Approx(1));
}

TEST_CASE("dinucleotide shuffle keeps the first base, every dinucleotide count and the N runs") {
    Rng rng(21);
    EncodedSequence seq;
    for (int i = 0; i < 300; ++i) seq.push_back(i % 97 == 50 ? Base::N : random_base(rng));
    const auto pairs = [](const EncodedSequence& s) {
        std::map<std::pair<Base, Base>, int> counts;
        for (std::size_t i = 1; i < s.size(); ++i) counts[{s[i - 1], s[i]}] += 1;
        return counts;
    };
    Rng shuffler(1);
    int changed = 0;
    for (int round = 0; round < 20; ++round) {
        const EncodedSequence out = dinucleotide_shuffle(seq, shuffler);
        REQUIRE(out.size() == seq.size());
        CHECK(out.front() == seq.front());
        CHECK(pairs(out) == pairs(seq));
        for (std::size_t i = 0; i < seq.size(); ++i)
            if (seq[i] == Base::N) CHECK(out[i] == Base::N);
        changed += out != seq;
    }
    CHECK(changed == 20);
}
