#include "gsattn/motif.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numeric>
#include <sstream>

#include <fmt/format.h>

#include "gsattn/error.hpp"
#include "gsattn/line_reader.hpp"
#include "gsattn/text.hpp"

namespace gsattn {
namespace {

constexpr double kMemeDefaultSites = 20;

std::string_view trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t");
    return s.substr(first, last - first + 1);
}

// Numbers of a matrix row; '[' and ']' are treated as white space.
std::vector<double> parse_numbers(const LineReader& lines, std::string_view text) {
    std::string cleaned(text);
    std::replace(cleaned.begin(), cleaned.end(), '[', ' ');
    std::replace(cleaned.begin(), cleaned.end(), ']', ' ');
    std::istringstream in(cleaned);
    std::vector<double> values;
    std::string token;
    while (in >> token) {
        char* end = nullptr;
        const double v = std::strtod(token.c_str(), &end);
        if (*end != '\0' || !std::isfinite(v))
            lines.fail(fmt::format("motif matrix value '{}' is not a number", token));
        if (v < 0) lines.fail(fmt::format("motif matrix value {} is negative", token));
        values.push_back(v);
    }
    return values;
}

void check_motif(const LineReader& lines, const Motif& m) {
    if (m.counts.empty()) lines.fail(fmt::format("motif '{}' has no columns", m.id));
    for (std::size_t j = 0; j < m.counts.size(); ++j) {
        const Column& c = m.counts[j];
        if (c[0] + c[1] + c[2] + c[3] <= 0)
            lines.fail(fmt::format("motif '{}' column {} has no counts", m.id, j + 1));
    }
}

void split_id_name(const LineReader& lines, std::string_view text, Motif& m) {
    text = trim(text);
    const auto space = text.find_first_of(" \t");
    m.id = std::string(text.substr(0, space));
    m.name = space == std::string_view::npos ? m.id : std::string(trim(text.substr(space)));
    // The name is a column of the TSV and BED outputs.
    if (m.name.find('\t') != std::string::npos)
        lines.fail(fmt::format("motif name '{}' contains a tab", m.name));
}

// JASPAR: ">ID NAME" then four rows, A C G T, optionally "A [ ... ]".
std::vector<Motif> read_jaspar(LineReader& lines) {
    std::vector<Motif> motifs;
    std::string_view line;
    Motif current;
    std::vector<std::vector<double>> rows;
    auto finish = [&]() {
        if (current.id.empty()) return;
        if (rows.size() != 4)
            lines.fail(fmt::format("motif '{}' has {} rows, expected 4 (A, C, G, T)", current.id,
                                   rows.size()));
        current.counts.assign(rows[0].size(), Column{});
        for (std::size_t b = 0; b < 4; ++b)
            for (std::size_t j = 0; j < rows[b].size(); ++j) current.counts[j][b] = rows[b][j];
        check_motif(lines, current);
        motifs.push_back(std::move(current));
        current = Motif{};
        rows.clear();
    };
    while (lines.next(line)) {
        line = trim(line);
        if (line.empty() || line.front() == '#') continue;
        if (line.front() == '>') {
            finish();
            split_id_name(lines, line.substr(1), current);
            if (current.id.empty()) lines.fail("motif header has no identifier (expected '>ID NAME')");
            continue;
        }
        if (current.id.empty()) lines.fail("expected a JASPAR header '>ID NAME'");
        if (rows.size() == 4)
            lines.fail(fmt::format("motif '{}' has more than 4 rows", current.id));
        std::string_view values = line;
        static constexpr char kLetters[] = "ACGT";
        if (std::isalpha(static_cast<unsigned char>(line.front()))) {
            const char letter = static_cast<char>(std::toupper(line.front()));
            if (letter != kLetters[rows.size()])
                lines.fail(fmt::format("motif '{}': row '{}' where row '{}' was expected",
                                       current.id, line.front(), kLetters[rows.size()]));
            values = line.substr(1);
        }
        rows.push_back(parse_numbers(lines, values));
        if (rows.back().size() != rows.front().size())
            lines.fail(fmt::format("motif '{}': row {} has {} values, row A has {}", current.id,
                                   kLetters[rows.size() - 1], rows.back().size(),
                                   rows.front().size()));
    }
    finish();
    return motifs;
}

// The text after `key` on a header line, up to the next white space; empty
// when the key is absent.
std::string_view header_field(std::string_view line, std::string_view key) {
    const auto at = line.find(key);
    if (at == std::string_view::npos) return {};
    const std::string_view rest = trim(line.substr(at + key.size()));
    return rest.substr(0, rest.find_first_of(" \t"));
}

// "w= W": a whole number of columns, at least 1.
std::size_t meme_width(const LineReader& lines, std::string_view line, const std::string& id) {
    const std::string_view field = header_field(line, "w=");
    if (field.empty()) lines.fail(fmt::format("motif '{}' has no columns (w= missing)", id));
    const auto width = parse_integer<std::size_t>(field);
    if (!width || *width == 0)
        lines.fail(fmt::format("motif '{}': w= '{}' is not a whole number of columns >= 1", id,
                               field));
    return *width;
}

// "nsites= N": the number of sites the frequencies were counted from (MEME's
// default when absent); a positive, finite number.
double meme_sites(const LineReader& lines, std::string_view line, const std::string& id) {
    const std::string_view field = header_field(line, "nsites=");
    if (field.empty()) return kMemeDefaultSites;
    const auto sites = parse_number(field);
    if (!sites || !std::isfinite(*sites) || !(*sites > 0))
        lines.fail(fmt::format("motif '{}': nsites= '{}' is not a positive number", id, field));
    return *sites;
}

// MEME minimal: "MOTIF ID [NAME]", "letter-probability matrix: ... w= W nsites= N",
// then W rows of four frequencies.
std::vector<Motif> read_meme(LineReader& lines) {
    std::vector<Motif> motifs;
    std::string_view line;
    Motif current;
    while (lines.next(line)) {
        line = trim(line);
        if (starts_with(line, "ALPHABET") && line.find("ACGT") == std::string_view::npos)
            lines.fail("only the DNA alphabet ACGT is supported");
        if (starts_with(line, "MOTIF")) {
            current = Motif{};
            split_id_name(lines, line.substr(5), current);
            if (current.id.empty()) lines.fail("MOTIF line has no identifier");
            continue;
        }
        if (!starts_with(line, "letter-probability matrix")) continue;
        if (current.id.empty()) lines.fail("letter-probability matrix before any MOTIF line");
        const std::size_t width = meme_width(lines, line, current.id);
        const double sites = meme_sites(lines, line, current.id);
        while (current.counts.size() < width) {
            if (!lines.next(line))
                lines.fail(fmt::format("motif '{}' ends after {} of {} rows", current.id,
                                       current.counts.size(), width));
            line = trim(line);
            if (line.empty()) continue;
            const auto values = parse_numbers(lines, line);
            if (values.size() != 4)
                lines.fail(fmt::format("motif '{}': matrix row has {} values, expected 4",
                                       current.id, values.size()));
            current.counts.push_back({values[0] * sites, values[1] * sites, values[2] * sites,
                                      values[3] * sites});
        }
        check_motif(lines, current);
        motifs.push_back(std::move(current));
        current = Motif{};
    }
    return motifs;
}

}  // namespace

Background Background::from_gc(double gc) {
    Background bg;
    bg.p = {(1 - gc) / 2, gc / 2, gc / 2, (1 - gc) / 2};
    return bg;
}

Background Background::from_counts(const std::array<double, 4>& counts) {
    // One pseudo-observation per base keeps every probability above zero.
    const double total = counts[0] + counts[1] + counts[2] + counts[3] + 4;
    Background bg;
    for (int b = 0; b < 4; ++b) bg.p[b] = (counts[b] + 1) / total;
    return bg;
}

std::vector<Motif> read_motifs(const std::string& path) {
    LineReader lines(path);  // read once: it may be standard input
    std::string_view line;
    bool meme = false, found = false;
    while (!found && lines.next(line)) {
        line = trim(line);
        if (line.empty() || line.front() == '#') continue;
        if (starts_with(line, "MEME version")) meme = true;
        else if (line.front() != '>')
            lines.fail("not a motif file: expected 'MEME version' or a JASPAR '>ID NAME' header");
        found = true;
    }
    if (!found) fail_at(path, 0, "no motifs found (empty file?)");
    lines.repeat_line();
    auto motifs = meme ? read_meme(lines) : read_jaspar(lines);
    if (motifs.empty()) fail_at(path, 0, "no motifs found");
    return motifs;
}

Column frequencies(const Column& counts, const Background& bg, double pseudocount) {
    const double total = counts[0] + counts[1] + counts[2] + counts[3];
    Column f;
    for (int b = 0; b < 4; ++b) f[b] = (counts[b] + pseudocount * bg.p[b]) / (total + pseudocount);
    return f;
}

std::vector<Column> log_odds(const Motif& motif, const Background& bg, double pseudocount) {
    std::vector<Column> scores(motif.width());
    for (std::size_t j = 0; j < motif.width(); ++j) {
        const Column f = frequencies(motif.counts[j], bg, pseudocount);
        for (int b = 0; b < 4; ++b) scores[j][b] = std::log2(f[b] / bg.p[b]);
    }
    return scores;
}

Motif motif_from_consensus(const std::string& name, const std::string& consensus) {
    Motif m;
    m.id = m.name = name;
    for (char c : consensus) {
        Column col{0, 0, 0, 0};
        col[std::string("ACGT").find(c)] = 1;
        m.counts.push_back(col);
    }
    return m;
}

Motif motif_from_sites(const std::string& name, const std::vector<std::string>& sites,
                       const std::vector<std::size_t>& rows) {
    if (rows.empty()) throw Error(fmt::format("no sites to count motif '{}' from", name));
    Motif m;
    m.id = m.name = name;
    m.counts.assign(sites.at(rows.front()).size(), Column{0, 0, 0, 0});
    for (const std::size_t row : rows) {
        const std::string& site = sites.at(row);
        if (site.size() != m.width())
            throw Error(fmt::format("motif '{}': its sites differ in width ({} and {} bases)", name, m.width(),
                                    site.size()));
        for (std::size_t j = 0; j < site.size(); ++j) {
            const auto base = std::string_view("ACGT").find(site[j]);
            if (base != std::string_view::npos) m.counts[j][base] += 1;
        }
    }
    return m;
}

Motif reverse_complement(const Motif& motif) {
    Motif rc = motif;
    std::reverse(rc.counts.begin(), rc.counts.end());
    for (Column& c : rc.counts) std::reverse(c.begin(), c.end());  // ACGT -> TGCA
    return rc;
}

Motif slice(const Motif& motif, std::size_t start, std::size_t width) {
    Motif part = motif;
    part.counts.assign(motif.counts.begin() + start, motif.counts.begin() + start + width);
    return part;
}

std::string consensus(const Motif& motif) {
    std::string out;
    for (const Column& c : motif.counts)
        out.push_back("ACGT"[std::max_element(c.begin(), c.end()) - c.begin()]);
    return out;
}

}  // namespace gsattn
