#include "gsattn/motif_discovery.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "gsattn/enrichment.hpp"
#include "gsattn/error.hpp"

namespace gsattn {
namespace {

constexpr std::uint8_t kWildcard = 4;
using Pattern = std::vector<std::uint8_t>;  // 0-3 = A C G T, kWildcard = any

struct Window {
    std::size_t sequence;
    std::int64_t start;
    bool target;
};

// The windows of `width` bases, without N, that count as target or control.
std::vector<Window> windows_of(const std::vector<DiscoveryInput>& inputs, int width) {
    std::vector<Window> out;
    for (std::size_t s = 0; s < inputs.size(); ++s) {
        const auto& in = inputs[s];
        const auto length = static_cast<std::int64_t>(in.bases.size());
        std::int64_t last_n = -1;  // last position holding N at or before the window's end
        std::int64_t last_target = -1;
        for (std::int64_t end = 0; end < length; ++end) {
            if (!is_acgt(in.bases[end])) last_n = end;
            if (in.roles[end] == WindowRole::target) last_target = end;
            const std::int64_t start = end - width + 1;
            if (start < 0 || last_n >= start) continue;
            const bool target = last_target >= start;
            if (!target && in.roles[start] != WindowRole::control) continue;
            out.push_back({s, start, target});
        }
    }
    return out;
}

// Where column j of the window `width` wide at `start`, read on `strand`,
// lies on the forward strand (j may fall outside the window: its flanks).
std::int64_t forward_position(std::int64_t start, std::int64_t width, std::int64_t j, char strand) {
    return strand == '+' ? start + j : start + width - 1 - j;
}

// The base at that column, as read on `strand`; the caller keeps it in range.
Base base_at(const EncodedSequence& bases, std::int64_t start, std::int64_t width, std::int64_t j, char strand) {
    const Base b = bases[static_cast<std::size_t>(forward_position(start, width, j, strand))];
    return strand == '+' ? b : complement(b);
}

bool matches(const Pattern& p, const EncodedSequence& bases, std::int64_t start, char strand) {
    const auto width = static_cast<std::int64_t>(p.size());
    for (std::int64_t j = 0; j < width; ++j) {
        const std::uint8_t want = p[j];
        if (want == kWildcard) continue;
        if (static_cast<std::uint8_t>(base_at(bases, start, width, j, strand)) != want) return false;
    }
    return true;
}

double log_p_of(std::int64_t target_sites, std::int64_t target_windows, std::int64_t control_sites,
                std::int64_t control_windows) {
    const OverlapTable t = overlap_table(target_windows + control_windows, target_windows,
                                         target_sites + control_sites, target_sites);
    // Depletion is not a motif.
    if (static_cast<double>(target_sites) * static_cast<double>(control_windows) <=
        static_cast<double>(control_sites) * static_cast<double>(target_windows))
        return 0;
    return log_fisher_greater(t);
}

struct Site {
    std::size_t sequence;
    std::int64_t start;
    char strand;
    bool target;
};

struct PatternCount {
    std::int64_t target = 0, control = 0;
    std::vector<Site> sites;  // one per matching window (the + strand first)
};

PatternCount count(const Pattern& p, const std::vector<DiscoveryInput>& inputs, const std::vector<Window>& windows) {
    PatternCount c;
    for (const Window& w : windows) {
        const auto& bases = inputs[w.sequence].bases;
        char strand = 0;
        if (matches(p, bases, w.start, '+')) strand = '+';
        else if (matches(p, bases, w.start, '-')) strand = '-';
        if (!strand) continue;
        (w.target ? c.target : c.control) += 1;
        c.sites.push_back({w.sequence, w.start, strand, w.target});
    }
    return c;
}

// Base counts at column `j` (of a pattern `width` wide, may lie outside it)
// over the target or the control sites, read on each site's strand.
Column column_counts(const std::vector<Site>& sites, const std::vector<DiscoveryInput>& inputs, int width,
                     std::int64_t j, bool target = true) {
    Column c{};
    for (const Site& s : sites) {
        if (s.target != target) continue;
        const auto& bases = inputs[s.sequence].bases;
        const std::int64_t at = forward_position(s.start, width, j, s.strand);
        if (at < 0 || at >= static_cast<std::int64_t>(bases.size())) continue;
        const Base b = base_at(bases, s.start, width, j, s.strand);
        if (is_acgt(b)) c[static_cast<int>(b)] += 1;
    }
    return c;
}

// The target sites' bases at column `j` beyond what the control sites,
// scaled to the target's windows, account for: the bases the motif brings.
Column excess_counts(const PatternCount& counted, const std::vector<DiscoveryInput>& inputs, int width,
                     std::int64_t j, double control_scale) {
    const Column target = column_counts(counted.sites, inputs, width, j, true);
    const Column control = column_counts(counted.sites, inputs, width, j, false);
    Column out{};
    for (int b = 0; b < 4; ++b) out[b] = std::max(0.0, target[b] - control_scale * control[b]);
    return out;
}

// The sites do not agree at a column when its bases are spread over at least
// three: the third most frequent holds `share` of them or more.
bool spread_over_three_bases(Column counts, double share) {
    const double total = counts[0] + counts[1] + counts[2] + counts[3];
    if (total <= 0) return true;
    std::sort(counts.begin(), counts.end());
    return counts[1] >= share * total;
}

std::uint32_t word_code(const EncodedSequence& bases, std::int64_t start, int width, char strand) {
    std::uint32_t code = 0;
    for (int j = 0; j < width; ++j) code = code * 4 + static_cast<std::uint32_t>(base_at(bases, start, width, j, strand));
    return code;
}

Pattern pattern_of_code(std::uint32_t code, int width) {
    Pattern p(width);
    for (int j = width - 1; j >= 0; --j) {
        p[j] = static_cast<std::uint8_t>(code % 4);
        code /= 4;
    }
    return p;
}

struct Seed {
    Pattern pattern;
    double log_p = 0;
    std::size_t words = 0;  // canonical words counted
};

// The most significant word; counted once per window, as the smaller code
// of its two strands.
Seed best_word(const std::vector<DiscoveryInput>& inputs, const std::vector<Window>& windows, int width,
               std::int64_t target_windows, std::int64_t control_windows) {
    const std::size_t words = std::size_t{1} << (2 * width);
    std::vector<std::int64_t> target(words, 0), control(words, 0);
    for (const Window& w : windows) {
        const auto& bases = inputs[w.sequence].bases;
        const std::uint32_t code =
            std::min(word_code(bases, w.start, width, '+'), word_code(bases, w.start, width, '-'));
        (w.target ? target : control)[code] += 1;
    }
    Seed seed;
    for (std::uint32_t code = 0; code < words; ++code) {
        if (target[code] == 0 && control[code] == 0) continue;
        ++seed.words;
        const double lp = log_p_of(target[code], target_windows, control[code], control_windows);
        if (lp < seed.log_p) {
            seed.log_p = lp;
            seed.pattern = pattern_of_code(code, width);
        }
    }
    return seed;
}

char consensus_letter(const Column& counts, double free_bits) {
    if (information_bits(counts) < free_bits) return 'N';
    const auto best = std::max_element(counts.begin(), counts.end()) - counts.begin();
    return "ACGT"[best];
}

std::string pattern_text(const Pattern& p) {
    std::string out;
    for (const std::uint8_t l : p) out += l == kWildcard ? 'N' : "ACGT"[l];
    return out;
}

}  // namespace

double information_bits(const Column& counts) {
    const double total = counts[0] + counts[1] + counts[2] + counts[3];
    if (total <= 0) return 0;
    double bits = 2;
    for (const double c : counts)
        if (c > 0) bits += (c / total) * std::log2(c / total);
    return bits;
}

std::vector<DiscoveredMotif> discover_motifs(const std::vector<DiscoveryInput>& inputs,
                                             const DiscoveryConfig& config) {
    if (config.width < 3 || config.width > 10)
        throw Error(fmt::format("motif discovery: word width {} is outside 3..10", config.width));
    for (const auto& in : inputs)
        if (in.roles.size() != in.bases.size()) throw Error("motif discovery: roles and bases differ in length");
    std::vector<DiscoveryInput> work = inputs;  // sites found are masked here
    std::vector<DiscoveredMotif> found;
    while (static_cast<int>(found.size()) < config.motifs) {
        const std::vector<Window> windows = windows_of(work, config.width);
        std::int64_t target_windows = 0, control_windows = 0;
        for (const Window& w : windows) (w.target ? target_windows : control_windows) += 1;
        if (target_windows == 0 || control_windows == 0) break;
        const Seed seed = best_word(work, windows, config.width, target_windows, control_windows);
        const double log_tests = std::log(static_cast<double>(std::max<std::size_t>(seed.words, 1)));
        if (seed.pattern.empty() || seed.log_p + log_tests > std::log(config.max_evalue)) break;

        const double control_scale = static_cast<double>(target_windows) / static_cast<double>(control_windows);
        // Generalise: open the letter whose wildcard helps most while the sites disagree there.
        Pattern pattern = seed.pattern;
        double log_p = seed.log_p;
        PatternCount counted = count(pattern, work, windows);
        for (;;) {
            const auto specified = std::count_if(pattern.begin(), pattern.end(), [](auto l) { return l != kWildcard; });
            if (specified <= 4) break;
            Pattern best_pattern;
            PatternCount best_count;
            double best_log_p = log_p;
            for (std::size_t j = 0; j < pattern.size(); ++j) {
                if (pattern[j] == kWildcard) continue;
                Pattern open = pattern;
                open[j] = kWildcard;
                PatternCount c = count(open, work, windows);
                const double lp = log_p_of(c.target, target_windows, c.control, control_windows);
                if (lp >= best_log_p) continue;
                const Column column =
                    excess_counts(c, work, config.width, static_cast<std::int64_t>(j), control_scale);
                if (!spread_over_three_bases(column, config.open_column_share)) continue;
                best_log_p = lp;
                best_pattern = std::move(open);
                best_count = std::move(c);
            }
            if (best_pattern.empty()) break;
            pattern = std::move(best_pattern);
            counted = std::move(best_count);
            log_p = best_log_p;
        }

        // The motif's columns: the pattern without open ends, grown by
        // informative flanks.
        std::int64_t first = 0, last = config.width;  // [first, last) in pattern coordinates
        while (pattern[first] == kWildcard) ++first;
        while (pattern[last - 1] == kWildcard) --last;
        for (int g = 0; g < config.max_growth; ++g) {
            if (information_bits(excess_counts(counted, work, config.width, first - 1, control_scale)) <
                config.flank_bits)
                break;
            --first;
        }
        for (int g = 0; g < config.max_growth; ++g) {
            if (information_bits(excess_counts(counted, work, config.width, last, control_scale)) <
                config.flank_bits)
                break;
            ++last;
        }
        DiscoveredMotif m;
        m.pattern = pattern_text(pattern);
        m.motif.id = fmt::format("GSD{}", found.size() + 1);
        for (std::int64_t j = first; j < last; ++j) {
            const Column column = column_counts(counted.sites, work, config.width, j);
            m.motif.counts.push_back(column);
            m.motif.name += consensus_letter(column, config.flank_bits);
        }
        m.target_sites = counted.target;
        m.control_sites = counted.control;
        m.target_windows = target_windows;
        m.control_windows = control_windows;
        m.log_p = log_p;
        m.log_e = log_p + log_tests;

        for (const Site& s : counted.sites) {
            auto& bases = work[s.sequence].bases;
            const auto length = static_cast<std::int64_t>(bases.size());
            const std::int64_t lo = s.strand == '+' ? s.start + first : s.start + config.width - last;
            for (std::int64_t i = std::max<std::int64_t>(0, lo); i < std::min(length, lo + (last - first)); ++i)
                bases[i] = Base::N;
        }
        found.push_back(std::move(m));
    }
    return found;
}

}  // namespace gsattn
