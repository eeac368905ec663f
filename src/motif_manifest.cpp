#include "gsattn/motif_manifest.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "gsattn/error.hpp"
#include "gsattn/text.hpp"
#include "gsattn/toml_value.hpp"

namespace gsattn {
Motif align_profile(const Motif& matrix, const std::string& consensus) {
    const std::size_t w = consensus.size();
    const Background uniform;
    double best = -1;
    Motif best_profile;
    for (const Motif& oriented : {matrix, reverse_complement(matrix)}) {
        for (std::size_t start = 0; start + w <= oriented.width(); ++start) {
            double agreement = 0;
            for (std::size_t j = 0; j < w; ++j) {
                const Column f = frequencies(oriented.counts[start + j], uniform, 0);
                agreement += f[std::string("ACGT").find(consensus[j])];
            }
            if (agreement > best) {
                best = agreement;
                best_profile = slice(oriented, start, w);
            }
        }
    }
    return best_profile;
}

std::vector<PlantedMotif> read_manifest(const std::string& path) {
    const toml::table doc = read_toml_file(path);
    const toml::array* entries = doc["motif"].as_array();
    if (!entries || entries->empty())
        fail_at(path, 0, "no [[motif]] entries (expected name, consensus, strength[, matrix])");
    const std::filesystem::path dir = std::filesystem::path(path).parent_path();

    std::vector<PlantedMotif> motifs;
    std::set<std::string> names;
    for (const toml::node& node : *entries) {
        const toml::table* entry = node.as_table();
        const std::int64_t line = node.source().begin.line;
        if (!entry) fail_at(path, line, "a motif entry must be a table");
        PlantedMotif m;
        const auto name = (*entry)["name"].value<std::string>();
        const auto consensus = (*entry)["consensus"].value<std::string>();
        const auto strength = (*entry)["strength"].value<double>();
        if (!name || name->empty()) fail_at(path, line, "motif entry needs a name");
        // The name is a column of the BED and TSV outputs.
        const auto blank = [](char c) { return c == ' ' || is_control_character(c); };
        if (std::any_of(name->begin(), name->end(), blank))
            fail_at(path, line, fmt::format("motif name '{}' contains white space or a control character", *name));
        if (!names.insert(*name).second)
            fail_at(path, line, fmt::format("motif name '{}' is listed twice", *name));
        if (!consensus || consensus->empty() ||
            consensus->find_first_not_of("ACGT") != std::string::npos)
            fail_at(path, line, fmt::format("motif '{}' needs a consensus of A, C, G, T", *name));
        if (!strength || !std::isfinite(*strength))
            fail_at(path, line, fmt::format("motif '{}' needs a numeric strength", *name));
        m.name = *name;
        m.consensus = *consensus;
        m.strength = *strength;

        if (const auto matrix = (*entry)["matrix"].value<std::string>()) {
            const std::filesystem::path matrix_path = dir / *matrix;
            std::vector<Motif> found = read_motifs(matrix_path.string());
            const auto id = (*entry)["id"].value<std::string>();
            const Motif* chosen = nullptr;
            for (const Motif& candidate : found)
                if (!id || candidate.id == *id) {
                    chosen = &candidate;
                    break;
                }
            if (!chosen) fail_at(path, line, fmt::format("motif id '{}' is not in {}", *id, matrix_path.string()));
            if (!id && found.size() > 1)
                fail_at(path, line, fmt::format("{} holds {} motifs; say which with id = \"...\"",
                                                matrix_path.string(), found.size()));
            if (chosen->width() < m.consensus.size())
                fail_at(path, line, fmt::format("motif '{}': consensus is longer ({}) than its matrix ({})",
                                                m.name, m.consensus.size(), chosen->width()));
            m.profile = align_profile(*chosen, m.consensus);
            m.profile.name = m.name;
            m.matrix = *chosen;
            m.matrix.name = m.name;
        } else {
            m.profile = motif_from_consensus(m.name, m.consensus);
            m.matrix = m.profile;
        }
        motifs.push_back(std::move(m));
    }
    return motifs;
}

}  // namespace gsattn
