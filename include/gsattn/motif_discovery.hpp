// De novo motifs from the positions a selector kept: words enriched in the
// windows that touch kept positions against the other windows (or against
// background sequences), generalised where the sites disagree, grown into
// count matrices, and erased before the next search.
//
// One round: every word of `width` letters is counted on both strands in
// target and control windows; the word with the lowest one-sided Fisher
// p-value is the seed. A letter of the pattern becomes a wildcard when that
// makes the pattern more significant and the sites do not agree at that
// column: the target sites' bases there, less what the control sites
// (scaled to the target's windows) account for, are spread over three bases
// or four, the third holding at least `open_column_share` of them (CCAATN
// for a planted CCAAT). Two words that differ at a column where the sites
// hold two bases (TATAAA and TATAAT) stay two motifs, as DREME-like word
// searches report them. The sites' flanks are added as columns while their
// excess bases carry at least `flank_bits` of information. Every site of the motif, target or control, is then
// masked so that the next round cannot find a shifted copy of it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gsattn/alphabet.hpp"
#include "gsattn/motif.hpp"

namespace gsattn {

// What each position of a sequence counts as. A window touching a target
// position is a target window; otherwise it is a control window when it
// starts on a control position, and ignored when it starts on an ignored one.
enum class WindowRole : std::uint8_t { control = 0, target = 1, ignored = 2 };

struct DiscoveryInput {
    EncodedSequence bases;
    std::vector<WindowRole> roles;  // one per base
};

struct DiscoveryConfig {
    int motifs = 5;                 // at most this many
    int width = 6;                  // seed words' letters
    int max_growth = 4;             // columns added on each side at most
    double open_column_share = 0.125;  // see above
    double flank_bits = 0.5;           // see above
    double max_evalue = 0.05;       // stop when the best seed is less significant than this
};

struct DiscoveredMotif {
    Motif motif;          // id "GSD<n>", name = its consensus; the sites' counts
    std::string pattern;  // the word with its wildcards, e.g. CCAATN
    std::int64_t target_sites = 0, target_windows = 0;
    std::int64_t control_sites = 0, control_windows = 0;
    double log_p = 0;  // natural log, one-sided Fisher of sites in target vs control windows
    double log_e = 0;  // log(p x words tried)
};

// The motifs in order of discovery. `inputs` are not changed.
std::vector<DiscoveredMotif> discover_motifs(const std::vector<DiscoveryInput>& inputs, const DiscoveryConfig& config);

// Information (bits) of base counts against a uniform background.
double information_bits(const Column& counts);

}  // namespace gsattn
