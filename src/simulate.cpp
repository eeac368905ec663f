#include "gsattn/simulate.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "gsattn/error.hpp"
#include "gsattn/flanks.hpp"

namespace gsattn {
namespace {

constexpr int kMaxTableWidth = 10;        // 4^10 k-mers = 1 Mi entries
constexpr int kMaxInstanceDraws = 10000;  // PWM draws before giving up on a motif
constexpr int kMaxScrubRounds = 64;
constexpr int kMaxSequenceAttempts = 1000;

// A base from the background other than `current`.
Base draw_other_base(Rng& rng, const Column& p, Base current) {
    Column q = p;
    q[static_cast<int>(current)] = 0;
    const double total = q[0] + q[1] + q[2] + q[3];
    for (double& v : q) v /= total;
    return draw_base(rng, q);
}

std::uint64_t kmer_code(const EncodedSequence& seq, std::int64_t start, int width) {
    std::uint64_t code = 0;
    for (int j = 0; j < width; ++j) code = (code << 2) | static_cast<std::uint64_t>(seq[start + j]);
    return code;
}

bool window_is_acgt(const EncodedSequence& seq, std::int64_t start, int width) {
    return std::all_of(seq.begin() + start, seq.begin() + start + width, is_acgt);
}

}  // namespace

double combine_strengths(LabelRule rule, const std::vector<double>& strengths) {
    switch (rule) {
        case LabelRule::noisy_or: {
            double none = 1;
            for (double s : strengths) none *= 1 - s;
            return 1 - none;
        }
        case LabelRule::sum:
            return std::accumulate(strengths.begin(), strengths.end(), 0.0);
        case LabelRule::mean:
            return strengths.empty() ? 0.0
                                     : std::accumulate(strengths.begin(), strengths.end(), 0.0) /
                                           static_cast<double>(strengths.size());
    }
    return 0;
}

// ---- OccurrenceTest ------------------------------------------------------

OccurrenceTest::OccurrenceTest(const PlantedMotif& motif, const Background& bg, double hit_pvalue)
    : scored_(motif.profile, bg), width_(scored_.width()) {
    const EncodedSequence consensus = encode(motif.consensus, "consensus of " + motif.name);
    threshold_ = std::min(scored_.threshold_for_pvalue(hit_pvalue), scored_.score_of(consensus));
    if (width_ > kMaxTableWidth) return;
    const std::uint64_t count = 1ULL << (2 * width_);
    kmer_hits_.resize(count);
    EncodedSequence window(width_);
    for (std::uint64_t code = 0; code < count; ++code) {
        for (int j = 0; j < width_; ++j)
            window[j] = static_cast<Base>((code >> (2 * (width_ - 1 - j))) & 3);
        kmer_hits_[code] = strand_hits(window, 0, '+') || strand_hits(window, 0, '-');
    }
}

bool OccurrenceTest::strand_hits(const EncodedSequence& seq, std::int64_t start, char strand) const {
    return scored_.score_at(seq, start, strand) >= threshold_;
}

bool OccurrenceTest::at(const EncodedSequence& seq, std::int64_t start) const {
    if (!kmer_hits_.empty())
        return window_is_acgt(seq, start, width_) && kmer_hits_[kmer_code(seq, start, width_)];
    return strand_hits(seq, start, '+') || strand_hits(seq, start, '-');
}

std::vector<std::int64_t> OccurrenceTest::all(const EncodedSequence& seq) const {
    std::vector<std::int64_t> starts;
    const std::int64_t n = static_cast<std::int64_t>(seq.size());
    if (kmer_hits_.empty()) {
        for (std::int64_t i = 0; i + width_ <= n; ++i)
            if (at(seq, i)) starts.push_back(i);
        return starts;
    }
    // Rolling 2-bit code of the last `width_` bases; N resets the run.
    const std::uint64_t mask = (1ULL << (2 * width_)) - 1;
    std::uint64_t code = 0;
    int run = 0;
    for (std::int64_t i = 0; i < n; ++i) {
        if (!is_acgt(seq[i])) {
            run = 0;
            continue;
        }
        code = ((code << 2) | static_cast<std::uint64_t>(seq[i])) & mask;
        if (++run >= width_ && kmer_hits_[code]) starts.push_back(i - width_ + 1);
    }
    return starts;
}

// ---- Simulator -----------------------------------------------------------

Simulator::Simulator(SimulationConfig config, std::vector<PlantedMotif> motifs)
    : config_(config), motifs_(std::move(motifs)) {
    if (motifs_.empty()) throw Error("no motifs to plant");
    if (config_.num_sequences < 1) throw Error("the number of sequences must be at least 1");
    if (config_.length < 1) throw Error("the sequence length must be at least 1");
    if (config_.min_motifs < 0 || config_.max_motifs < config_.min_motifs)
        throw Error(fmt::format("need 0 <= --min-motifs ({}) <= --max-motifs ({})",
                                config_.min_motifs, config_.max_motifs));
    if (!(config_.gc > 0 && config_.gc < 1))
        throw Error(fmt::format("GC content {} must lie strictly between 0 and 1", config_.gc));
    if (!(config_.noise >= 0) || !std::isfinite(config_.noise))
        throw Error(fmt::format("noise {} must be a standard deviation >= 0", config_.noise));
    if (!(config_.hit_pvalue > 0 && config_.hit_pvalue <= 1))
        throw Error(fmt::format("hit p-value {} must lie in (0, 1]", config_.hit_pvalue));
    std::size_t widest = 0;
    for (const PlantedMotif& m : motifs_) {
        widest = std::max(widest, m.consensus.size());
        if (config_.rule == LabelRule::noisy_or && (m.strength < 0 || m.strength > 1))
            throw Error(fmt::format("motif '{}' has strength {}; noisy-or needs 0..1", m.name,
                                    m.strength));
    }
    if (static_cast<std::int64_t>(widest) * config_.max_motifs > config_.length)
        throw Error(fmt::format("{} motifs of up to {} bp do not fit in {} bp sequences",
                                config_.max_motifs, widest, config_.length));
    const Background bg = Background::from_gc(config_.gc);
    for (const PlantedMotif& m : motifs_)
        tests_.push_back(std::make_unique<OccurrenceTest>(m, bg, config_.hit_pvalue));
    name_width_ = std::max<int>(6, static_cast<int>(std::to_string(config_.num_sequences).size()));
}

Simulator::~Simulator() = default;

std::string Simulator::sequence_name(std::size_t index) const {
    return fmt::format("seq{:0{}}", index + 1, name_width_);
}

EncodedSequence Simulator::draw_instance(Rng& rng, std::size_t motif) const {
    const PlantedMotif& m = motifs_[motif];
    EncodedSequence instance = encode(m.consensus, "consensus of " + m.name);
    if (config_.sampling == InstanceSampling::consensus) return instance;
    const Background none{};
    for (int draw = 0; draw < kMaxInstanceDraws; ++draw) {
        for (std::size_t j = 0; j < instance.size(); ++j)
            instance[j] = draw_base(rng, frequencies(m.profile.counts[j], none, 0));
        // Only draws that count as occurrences are planted, so that every
        // occurrence in a sequence carries the label's weight.
        if (tests_[motif]->strand_hits(instance, 0, '+')) return instance;
    }
    throw Error(fmt::format("motif '{}': draws from its matrix almost never reach the hit threshold;"
                            " raise --hit-pvalue or use --sample-instances consensus", m.name));
}

SimulatedSequence Simulator::make(std::size_t index) const {
    Rng rng = Rng::for_item(config_.seed, index);
    SimulatedSequence seq;
    seq.name = sequence_name(index);
    for (int attempt = 0; attempt < kMaxSequenceAttempts; ++attempt)
        if (try_make(rng, seq)) return seq;
    throw Error(fmt::format("could not place motifs without accidental occurrences in {} "
                            "after {} attempts; lower --max-motifs or lengthen the sequences",
                            seq.name, kMaxSequenceAttempts));
}

bool Simulator::try_make(Rng& rng, SimulatedSequence& seq) const {
    const Column bg = Background::from_gc(config_.gc).p;
    const std::int64_t length = config_.length;

    const int count = static_cast<int>(rng.between(config_.min_motifs, config_.max_motifs));
    std::vector<PlantedSite> sites(count);
    std::int64_t occupied = 0;
    for (PlantedSite& site : sites) {
        site.motif = rng.below(motifs_.size());
        site.strand = rng.coin() ? '-' : '+';
        site.instance = draw_instance(rng, site.motif);
        occupied += static_cast<std::int64_t>(site.instance.size());
    }
    // Non-overlapping placement, uniform over arrangements: sorted gap
    // offsets in [0, free] give each site's start after those before it.
    std::vector<std::int64_t> offsets(count);
    for (auto& o : offsets) o = rng.between(0, length - occupied);
    std::sort(offsets.begin(), offsets.end());
    std::int64_t used = 0;
    for (int k = 0; k < count; ++k) {
        sites[k].start = offsets[k] + used;
        used += static_cast<std::int64_t>(sites[k].instance.size());
    }

    seq.bases.resize(length);
    for (Base& b : seq.bases) b = draw_base(rng, bg);
    for (const PlantedSite& site : sites) {
        const EncodedSequence placed =
            site.strand == '-' ? reverse_complement(site.instance) : site.instance;
        std::copy(placed.begin(), placed.end(), seq.bases.begin() + site.start);
    }
    seq.sites = std::move(sites);
    if (!scrub(rng, seq)) return false;

    std::vector<double> strengths;
    for (const PlantedSite& site : seq.sites) strengths.push_back(motifs_[site.motif].strength);
    seq.clean_label = combine_strengths(config_.rule, strengths);
    seq.label = seq.clean_label + config_.noise * rng.normal();
    return true;
}

bool Simulator::scrub(Rng& rng, SimulatedSequence& seq) const {
    const Column bg = Background::from_gc(config_.gc).p;
    const std::int64_t length = static_cast<std::int64_t>(seq.bases.size());
    std::vector<bool> planted(length, false);
    for (const PlantedSite& site : seq.sites)
        std::fill(planted.begin() + site.start,
                  planted.begin() + site.start + static_cast<std::int64_t>(site.instance.size()), true);
    auto is_planted_site = [&](std::size_t motif, std::int64_t start) {
        for (const PlantedSite& site : seq.sites)
            if (site.motif == motif && site.start == start) return true;
        return false;
    };

    // First a full scan; after it only windows around mutated bases can change.
    std::vector<std::int64_t> mutated;
    for (int round = 0; round < kMaxScrubRounds; ++round) {
        std::vector<std::int64_t> changed;
        for (std::size_t m = 0; m < motifs_.size(); ++m) {
            const OccurrenceTest& test = *tests_[m];
            const int w = test.width();
            std::vector<std::int64_t> starts;
            if (round == 0) {
                starts = test.all(seq.bases);
            } else {
                for (std::int64_t p : mutated)
                    for (std::int64_t s = std::max<std::int64_t>(0, p - w + 1);
                         s <= std::min(p, length - w); ++s)
                        starts.push_back(s);
                std::sort(starts.begin(), starts.end());
                starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
            }
            for (std::int64_t s : starts) {
                if (!test.at(seq.bases, s) || is_planted_site(m, s)) continue;
                std::vector<std::int64_t> free;
                for (std::int64_t p = s; p < s + w; ++p)
                    if (!planted[p]) free.push_back(p);
                if (free.empty()) return false;  // lies inside planted sites: start over
                const std::int64_t p = free[rng.below(free.size())];
                seq.bases[p] = draw_other_base(rng, bg, seq.bases[p]);
                changed.push_back(p);
            }
        }
        if (changed.empty()) return true;
        mutated = std::move(changed);
    }
    return false;
}

}  // namespace gsattn
