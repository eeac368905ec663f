#include <cmath>

#include <fmt/format.h>

#include "gsattn/error.hpp"
#include "gsattn/motif.hpp"

namespace gsattn {

std::string scientific_from_log10(double log10_value) {
    if (!std::isfinite(log10_value)) return log10_value > 0 ? "inf" : "0";
    double exponent = std::floor(log10_value);
    double mantissa = std::pow(10.0, log10_value - exponent);
    if (std::round(mantissa * 10) >= 100) {  // 9.96 rounds to 10.0
        mantissa /= 10;
        exponent += 1;
    }
    return fmt::format("{:.1f}e{}{:02}", mantissa, exponent < 0 ? '-' : '+', static_cast<long>(std::abs(exponent)));
}

std::string meme_text(const std::vector<Motif>& motifs, const Background& bg,
                      const std::vector<std::string>& evalues) {
    std::string out = fmt::format(
        "MEME version 4\n\nALPHABET= ACGT\n\nstrands: + -\n\nBackground letter frequencies\n"
        "A {:.6f} C {:.6f} G {:.6f} T {:.6f}\n",
        bg.p[0], bg.p[1], bg.p[2], bg.p[3]);
    for (std::size_t m = 0; m < motifs.size(); ++m) {
        const Motif& motif = motifs[m];
        if (motif.counts.empty()) throw Error(fmt::format("motif '{}' has no columns", motif.id));
        const Column& c0 = motif.counts.front();
        const double sites = c0[0] + c0[1] + c0[2] + c0[3];
        out += fmt::format("\nMOTIF {}{}{}\nletter-probability matrix: alength= 4 w= {} nsites= {:.0f}", motif.id,
                           motif.name.empty() ? "" : " ", motif.name, motif.width(), std::max(1.0, sites));
        if (m < evalues.size() && !evalues[m].empty()) out += " E= " + evalues[m];
        out += "\n";
        for (const Column& c : motif.counts) {
            const double total = c[0] + c[1] + c[2] + c[3];
            if (total <= 0) throw Error(fmt::format("motif '{}' has a column without counts", motif.id));
            out += fmt::format(" {:.6f} {:.6f} {:.6f} {:.6f}\n", c[0] / total, c[1] / total, c[2] / total,
                               c[3] / total);
        }
    }
    return out;
}

}  // namespace gsattn
