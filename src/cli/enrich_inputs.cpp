#include "cli/enrich_inputs.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "gsattn/motif_manifest.hpp"
#include "gsattn/share.hpp"
#include "gsattn/text.hpp"

namespace gsattn::cli {

std::vector<std::int64_t> Sequences::lengths() const {
    std::vector<std::int64_t> out;
    for (const auto& r : records) out.push_back(static_cast<std::int64_t>(r.bases.size()));
    return out;
}

std::vector<const EncodedSequence*> Sequences::bases() const {
    std::vector<const EncodedSequence*> out;
    for (const auto& r : records) out.push_back(&r.bases);
    return out;
}

Sequences read_sequences(const std::string& path) {
    Sequences s;
    FastaReader reader(path);
    while (auto record = reader.next()) {
        s.index.emplace(record->name, s.records.size());
        s.records.push_back(std::move(*record));
    }
    if (s.records.empty()) throw Error(fmt::format("{}: no sequences", path));
    return s;
}

PositionSet read_selection(const std::string& path, const Sequences& seqs) {
    PositionSet selected(seqs.lengths());
    read_intervals(path, seqs, [&](std::size_t s, const BedRecord& r) { selected.add(s, {r.start, r.end}); });
    selected.index();
    return selected;
}

PositionSet all_positions(const Sequences& seqs) {
    PositionSet all(seqs.lengths());
    for (std::size_t s = 0; s < seqs.records.size(); ++s)
        all.add(s, {0, static_cast<std::int64_t>(seqs.records[s].bases.size())});
    all.index();
    return all;
}

PlantedMotifs read_planted(const std::string& path, const Sequences& seqs) {
    PlantedMotifs p;
    p.every.resize(seqs.records.size());
    read_intervals(path, seqs, [&](std::size_t s, const BedRecord& r) {
        auto [it, fresh] = p.by_name.try_emplace(r.name, seqs.records.size());
        if (fresh) p.names.push_back(r.name);
        it->second[s].push_back({r.start, r.end});
        p.every[s].push_back({r.start, r.end});
    });
    return p;
}

std::vector<Motif> read_motif_files(const std::vector<std::string>& paths) {
    std::vector<Motif> motifs;
    if (paths.empty()) {
        for (const PlantedMotif& p : read_manifest(share_path("motifs/default.toml"))) motifs.push_back(p.matrix);
        return motifs;
    }
    for (const auto& path : paths) {
        std::vector<Motif> found = read_motifs(path);
        motifs.insert(motifs.end(), found.begin(), found.end());
    }
    return motifs;
}

Background background_of(const Sequences& seqs) {
    std::array<double, 4> counts{};
    for (const auto& r : seqs.records)
        for (const Base b : r.bases)
            if (b < Base::N) counts[static_cast<int>(b)] += 1;
    return Background::from_counts(counts);
}

std::vector<std::vector<double>> read_base_scores(const std::string& path, const Sequences& seqs) {
    std::vector<std::vector<double>> values;
    for (const auto& r : seqs.records)
        values.emplace_back(r.bases.size(), std::numeric_limits<double>::quiet_NaN());
    read_intervals(path, seqs, [&](std::size_t s, const BedRecord& r) {
        const std::optional<double> value = parse_number(r.name);
        if (!value || std::isnan(*value))
            fail_at(path, 0, fmt::format("'{}:{}-{}' has no number in its 4th column, '{}'", r.chrom, r.start, r.end,
                                         r.name));
        std::fill(values[s].begin() + r.start, values[s].begin() + r.end, *value);
    });
    return values;
}

}  // namespace gsattn::cli
