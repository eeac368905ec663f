#include "gsattn/mutagenesis.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "gsattn/error.hpp"

namespace gsattn {

std::vector<Substitution> substitutions(const EncodedSequence& sequence, std::int64_t first, std::int64_t last) {
    const auto length = static_cast<std::int64_t>(sequence.size());
    if (last < 0) last = length;
    if (first < 0 || first > last || last > length)
        throw Error(fmt::format("substitutions of bases {}..{} of a sequence of {}", first, last, length));
    std::vector<Substitution> out;
    out.reserve(3 * static_cast<std::size_t>(last - first));
    for (auto i = static_cast<std::size_t>(first); i < static_cast<std::size_t>(last); ++i) {
        if (!is_acgt(sequence[i])) continue;
        for (const Base alt : {Base::A, Base::C, Base::G, Base::T})
            if (alt != sequence[i]) out.push_back({static_cast<std::int64_t>(i), alt});
    }
    return out;
}

EncodedSequence mutated(const EncodedSequence& sequence, const Substitution& substitution) {
    EncodedSequence out = sequence;
    out.at(static_cast<std::size_t>(substitution.position)) = substitution.alt;
    return out;
}

std::vector<BaseEffects> effects_by_base(const EncodedSequence& sequence, const std::vector<Substitution>& all,
                                         const std::vector<double>& effects) {
    if (effects.size() != all.size())
        throw Error(fmt::format("{} mutation effects for {} substitutions", effects.size(), all.size()));
    std::vector<BaseEffects> out;
    out.reserve(all.size() / 3);
    for (std::size_t s = 0; s < all.size(); ++s) {
        if (out.empty() || out.back().position != all[s].position)
            out.push_back({all[s].position, sequence[static_cast<std::size_t>(all[s].position)], {}});
        out.back().effect[static_cast<std::size_t>(all[s].alt)] = effects[s];
    }
    return out;
}

IsmStat parse_ism_stat(const std::string& text) {
    if (text == "mean") return IsmStat::mean;
    if (text == "maxabs") return IsmStat::maxabs;
    throw Error(fmt::format("unknown ISM statistic '{}' (expected mean or maxabs)", text));
}

std::string to_string(IsmStat stat) { return stat == IsmStat::mean ? "mean" : "maxabs"; }

double summarise(const BaseEffects& base, IsmStat stat) {
    double sum = 0, largest = 0;
    for (std::size_t b = 0; b < 4; ++b) {
        if (b == static_cast<std::size_t>(base.ref)) continue;
        sum += base.effect[b];
        largest = std::max(largest, std::abs(base.effect[b]));
    }
    return stat == IsmStat::mean ? sum / 3 : largest;
}

}  // namespace gsattn
