#include "gsattn/html_report.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace gsattn {
namespace {

constexpr const char* kLetters = "ACGT";
constexpr const char* kLetterColours[] = {"#109648", "#255c99", "#f7b32b", "#d62839"};
constexpr const char* kSeriesColours[] = {"#000000", "#d62839", "#255c99", "#109648", "#f7b32b", "#7b2d8e",
                                          "#1b998b", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
constexpr int kLogoHeight = 100;  // pixels for 2 bits

constexpr const char* kStyle = R"(body{font-family:sans-serif;margin:2em;color:#222;max-width:80em}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:1em 0;font-size:0.8em;display:block;overflow-x:auto;max-width:100%}
th,td{border:1px solid #ccc;padding:0.2em 0.5em;text-align:right;white-space:nowrap}
th{background:#f0f0f0}td:first-child,td:nth-child(2),td:nth-child(3){text-align:left}
caption{text-align:left;font-weight:bold;padding:0.3em 0}
.logos{display:flex;flex-wrap:wrap;gap:2em}.logo{border:1px solid #ddd;padding:0.5em}
.logo p{margin:0.2em 0;font-size:0.85em})";

std::string number(double v) { return fmt::format("{:.4g}", v); }

std::string table_html(const ReportTable& t) {
    std::string out = fmt::format("<table id=\"{}\">\n<caption>{}</caption>\n<tr>", html_escape(t.id),
                                  html_escape(t.caption));
    for (const auto& h : t.header) out += "<th>" + html_escape(h) + "</th>";
    out += "</tr>\n";
    for (const auto& row : t.rows) {
        out += "<tr>";
        for (const auto& cell : row) out += "<td>" + html_escape(cell) + "</td>";
        out += "</tr>\n";
    }
    return out + "</table>\n";
}

std::string profile_svg(const ReportProfile& p) {
    const double width = 760, height = 300, left = 50, right = 190, top = 15, bottom = 40;
    const double plot_w = width - left - right, plot_h = height - top - bottom;
    const long x0 = p.offsets.front(), x1 = std::max(p.offsets.back(), x0 + 1);
    double y_max = 0;
    for (const auto& s : p.series)
        for (const double v : s.values)
            if (std::isfinite(v)) y_max = std::max(y_max, v);
    y_max = y_max <= 0 ? 1 : std::ceil(y_max * 10) / 10;
    const auto x_of = [&](double x) { return left + plot_w * (x - x0) / static_cast<double>(x1 - x0); };
    const auto y_of = [&](double y) { return top + plot_h * (1 - y / y_max); };
    std::string out = fmt::format(
        "<svg id=\"profile\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" "
        "font-family=\"sans-serif\" font-size=\"11\">\n<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
        "fill=\"none\" stroke=\"#888\"/>\n",
        width, height, left, top, plot_w, plot_h);
    for (int i = 0; i <= 5; ++i) {
        const double y = y_max * i / 5;
        out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", left - 4, y_of(y) + 4, number(y));
        const double x = x0 + (x1 - x0) * i / 5.0;
        out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", x_of(x), top + plot_h + 14,
                           std::lround(x));
    }
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">offset from {} (bp)</text>\n",
                       left + plot_w / 2, height - 6, html_escape(p.anchor));
    for (std::size_t s = 0; s < p.series.size(); ++s) {
        const char* colour = kSeriesColours[s % std::size(kSeriesColours)];
        std::string points;
        for (std::size_t i = 0; i < p.offsets.size() && i < p.series[s].values.size(); ++i) {
            const double v = p.series[s].values[i];
            if (std::isfinite(v)) points += fmt::format("{:.1f},{:.1f} ", x_of(p.offsets[i]), y_of(v));
        }
        const char* dash = p.series[s].dashed ? " stroke-dasharray=\"4,3\"" : "";
        out += fmt::format("<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"1.2\"{} points=\"{}\"/>\n", colour,
                           dash, points);
        const double ly = top + 12 + 16 * static_cast<double>(s);
        out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2\"{}/>"
                           "<text x=\"{}\" y=\"{}\">{}</text>\n",
                           left + plot_w + 10, ly - 4, left + plot_w + 30, ly - 4, colour, dash, left + plot_w + 35, ly,
                           html_escape(p.series[s].name));
    }
    return out + "</svg>\n";
}

}  // namespace

std::string html_escape(const std::string& text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string logo_svg(const Motif& motif, int shift, int total_columns, int column_width) {
    const int columns = std::max(total_columns, shift + static_cast<int>(motif.width()));
    const int width = columns * column_width, height = kLogoHeight + 16;
    std::string out = fmt::format(
        "<svg class=\"logo-svg\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" "
        "font-family=\"DejaVu Sans Mono,monospace\" font-weight=\"bold\">\n"
        "<line x1=\"0\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#888\"/>\n",
        width, height, kLogoHeight, width, kLogoHeight);
    for (std::size_t j = 0; j < motif.width(); ++j) {
        const Column& c = motif.counts[j];
        const double total = c[0] + c[1] + c[2] + c[3];
        if (total <= 0) continue;
        double bits = 2;
        Column f{};
        for (int b = 0; b < 4; ++b) {
            f[b] = c[b] / total;
            if (f[b] > 0) bits += f[b] * std::log2(f[b]);
        }
        int order[] = {0, 1, 2, 3};
        std::sort(std::begin(order), std::end(order), [&f](int a, int b) { return f[a] < f[b]; });
        const double x = (shift + static_cast<double>(j)) * column_width;
        double y = kLogoHeight;
        for (const int b : order) {
            const double h = f[b] * bits * kLogoHeight / 2;
            if (h < 0.5) continue;
            // A bold monospace capital is about 0.6 em wide and 0.73 em tall.
            out += fmt::format("<text transform=\"translate({:.1f},{:.1f}) scale({:.3f},{:.3f})\" font-size=\"100\" "
                               "fill=\"{}\">{}</text>\n",
                               x, y, column_width / 60.0, h / 73.0, kLetterColours[b], kLetters[b]);
            y -= h;
        }
    }
    for (int j = 0; j < columns; j += 5)
        out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"10\" font-weight=\"normal\">{}</text>\n",
                           j * column_width + 2, kLogoHeight + 12, j + 1);
    return out + "</svg>\n";
}

std::string html_text(const HtmlReport& report) {
    std::string out = fmt::format(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n"
        "<style>\n{}\n</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        html_escape(report.title), kStyle, html_escape(report.title));
    for (const auto& s : report.summary) out += "<p>" + html_escape(s) + "</p>\n";
    for (const auto& t : report.tables) out += table_html(t);
    if (!report.logos.empty()) {
        out += "<h2>Discovered motifs and their best database match</h2>\n<div class=\"logos\">\n";
        for (const LogoPair& l : report.logos) {
            // Both logos on one column scale: the match's columns from 0, the motif's shifted by the offset.
            const int motif_shift = l.has_match ? std::max(0, l.match_offset) : 0;
            const int match_shift = l.has_match ? std::max(0, -l.match_offset) : 0;
            const int columns = l.has_match ? std::max(motif_shift + static_cast<int>(l.motif.width()),
                                                       match_shift + static_cast<int>(l.match.width()))
                                            : static_cast<int>(l.motif.width());
            out += "<div class=\"logo\">\n<p>" + html_escape(l.title) + "</p>\n" +
                   logo_svg(l.motif, motif_shift, columns);
            if (l.has_match) out += "<p>" + html_escape(l.match_title) + "</p>\n" + logo_svg(l.match, match_shift, columns);
            out += "</div>\n";
        }
        out += "</div>\n";
    }
    if (!report.profile.offsets.empty()) {
        out += "<h2>Positional profile</h2>\n" + profile_svg(report.profile);
    }
    return out + "</body>\n</html>\n";
}

}  // namespace gsattn
