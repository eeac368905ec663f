#include "gsattn/bed.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "gsattn/output_file.hpp"
#include "gsattn/text.hpp"

namespace gsattn {
namespace {

// A UCSC `track` or `browser` line: the word, then a space or nothing. A
// sequence may be named "track1" or even "track" (then a tab follows).
bool is_track_or_browser_line(std::string_view line) {
    for (const std::string_view word : {std::string_view("track"), std::string_view("browser")}) {
        if (line.substr(0, word.size()) == word && (line.size() == word.size() || line[word.size()] == ' '))
            return true;
    }
    return false;
}

std::int64_t parse_coordinate(const LineReader& lines, std::string_view field, const char* what) {
    const auto value = parse_integer<std::int64_t>(field);
    if (!value) lines.fail(fmt::format("BED {} '{}' is not an integer", what, field));
    if (*value < 0) lines.fail(fmt::format("BED {} {} is negative", what, *value));
    return *value;
}

}  // namespace

BedReader::BedReader(const std::string& path) : lines_(path) {}

std::optional<BedRecord> BedReader::next() {
    std::string_view line;
    while (lines_.next(line)) {
        if (line.empty()) continue;
        const bool header = line.front() == '#' || is_track_or_browser_line(line);
        if (!started_ && header) continue;
        started_ = true;
        const auto fields = split_tabs(line);
        if (fields.size() < 3)
            lines_.fail(header ? "a header line ('#', track or browser) after the first record: header lines "
                                 "come before it (one track per file)"
                               : "expected at least 3 tab-separated BED columns (chrom, start, end)");
        BedRecord r;
        r.chrom = std::string(fields[0]);
        if (r.chrom.empty()) lines_.fail("BED chromosome name is empty");
        r.start = parse_coordinate(lines_, fields[1], "start");
        r.end = parse_coordinate(lines_, fields[2], "end");
        if (r.start > r.end)
            lines_.fail(fmt::format("BED start {} is greater than end {}", r.start, r.end));
        if (fields.size() > 3) r.name = std::string(fields[3]);
        if (fields.size() > 4 && fields[4] != ".") {
            const std::string text(fields[4]);
            char* end = nullptr;
            r.score = std::strtod(text.c_str(), &end);
            if (text.empty() || *end != '\0' || !std::isfinite(r.score))
                lines_.fail(fmt::format("BED score '{}' is not a number", text));
        }
        if (fields.size() > 5) {
            if (fields[5] != "+" && fields[5] != "-" && fields[5] != ".")
                lines_.fail(fmt::format("BED strand '{}' is not '+', '-' or '.'", fields[5]));
            r.strand = fields[5].front();
        }
        return r;
    }
    return std::nullopt;
}

void write_bed6(OutputFile& out, const BedRecord& r) {
    out.print("{}\t{}\t{}\t{}\t{}\t{}\n", r.chrom, r.start, r.end, r.name, r.score, r.strand);
}

void write_bedgraph(OutputFile& out, std::string_view chrom, std::int64_t start, std::int64_t end,
                    double value) {
    out.print("{}\t{}\t{}\t{}\n", chrom, start, end, value);
}

int bed_score_from_logit(double logit) {
    return static_cast<int>(std::lround(1000.0 / (1.0 + std::exp(-logit))));
}

bool fits_track_line(std::string_view text) {
    return std::none_of(text.begin(), text.end(), [](char c) { return c == '"' || is_control_character(c); });
}

void write_track_line(OutputFile& out, std::string_view type, std::string_view name,
                      std::string_view description, bool use_score) {
    if (!fits_track_line(name) || !fits_track_line(description))
        throw std::invalid_argument("a track line's name or description holds a quote or a control character");
    out.print("#track type={} name=\"{}\" description=\"{}\"{}\n", type, name, description,
              use_score ? " useScore=1" : "");
}

}  // namespace gsattn
