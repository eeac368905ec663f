#include "gsattn/embed.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "gsattn/error.hpp"

namespace gsattn {
namespace {

// Drawn in vain this often, a reference is taken to have no window without N.
constexpr int kMaxWindowDraws = 10000;

// FNV-1a of the record's name: the item number of its generator. The name
// rather than the record's place in the file, so that a subset of the file
// (a shard) gives the record the same draws.
std::uint64_t name_hash(const std::string& name) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const unsigned char c : name) hash = (hash ^ c) * 0x100000001b3ULL;
    return hash;
}

// Bases of flank before the record, out of `extra` in all.
std::int64_t left_flank(std::int64_t extra, Placement placement, Rng& rng) {
    switch (placement) {
        case Placement::start: return 0;
        case Placement::middle: return extra / 2;
        case Placement::end: return extra;
        case Placement::random: return rng.between(0, extra);
    }
    return 0;
}

}  // namespace

ReferenceFlanks::ReferenceFlanks(const std::string& path) : reference_(path), names_(reference_.names()) {
    for (const std::string& name : names_) lengths_.push_back(reference_.length(name));
}

EncodedSequence ReferenceFlanks::window(std::int64_t length, Rng& rng) const {
    // Windows are numbered across the sequences: those of sequence s end
    // before windows_through[s].
    std::vector<std::uint64_t> windows_through;
    std::uint64_t windows = 0;
    for (const std::int64_t size : lengths_) {
        windows += static_cast<std::uint64_t>(std::max<std::int64_t>(0, size - length + 1));
        windows_through.push_back(windows);
    }
    if (windows == 0)
        fail_at(reference_.path(), 0, fmt::format("no sequence is as long as the {} bp of flanks needed", length));
    for (int draw = 0; draw < kMaxWindowDraws; ++draw) {
        const std::uint64_t window = rng.below(windows);
        const auto s = static_cast<std::size_t>(
            std::upper_bound(windows_through.begin(), windows_through.end(), window) - windows_through.begin());
        const auto start = static_cast<std::int64_t>(window - (s == 0 ? 0 : windows_through[s - 1]));
        EncodedSequence bases = reference_.fetch(names_[s], start, start + length);
        if (std::all_of(bases.begin(), bases.end(), is_acgt)) return bases;
    }
    fail_at(reference_.path(), 0,
            fmt::format("no {} bp window without N found in {} draws: too many N for flanks", length,
                        kMaxWindowDraws));
}

void check_embeddable(const SequenceRecord& record, const EmbedConfig& config, const std::string& file) {
    const auto size = static_cast<std::int64_t>(record.bases.size());
    const std::int64_t kept = size - config.crop_start - config.crop_end;
    if (kept < 1)
        fail_at(file, 0,
                fmt::format("record '{}' is {} bp: cropping {} bases from its start and {} from its end leaves none",
                            record.name, size, config.crop_start, config.crop_end));
    if (config.length > 0 && kept > config.length)
        fail_at(file, 0,
                fmt::format("record '{}' is {} bp{}, longer than the {} bp to embed it in", record.name, kept,
                            kept < size ? " after cropping" : "", config.length));
}

EncodedSequence embed(const SequenceRecord& record, const EmbedConfig& config, const FlankSource& flanks,
                      const std::string& file) {
    check_embeddable(record, config, file);
    const auto first = record.bases.begin() + config.crop_start;
    const auto last = record.bases.end() - config.crop_end;
    const std::int64_t kept = last - first;
    if (config.length <= kept) return EncodedSequence(first, last);
    Rng rng = Rng::for_item(config.seed, name_hash(record.name));
    const std::int64_t offset = left_flank(config.length - kept, config.placement, rng);
    EncodedSequence result = flanks.window(config.length, rng);
    std::copy(first, last, result.begin() + offset);
    return result;
}

}  // namespace gsattn
