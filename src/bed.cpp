#include "gsattn/bed.hpp"

#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "gsattn/output_file.hpp"
#include "gsattn/text.hpp"

namespace gsattn {
namespace {

bool is_header(std::string_view line) {
    return line.empty() || line.front() == '#' || line.rfind("track", 0) == 0 ||
           line.rfind("browser", 0) == 0;
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
        if (is_header(line)) continue;
        const auto fields = split_tabs(line);
        if (fields.size() < 3)
            lines_.fail("expected at least 3 tab-separated BED columns (chrom, start, end)");
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

void write_track_line(OutputFile& out, std::string_view type, std::string_view name,
                      std::string_view description, bool use_score) {
    out.print("track type={} name=\"{}\" description=\"{}\"{}\n", type, name, description,
              use_score ? " useScore=1" : "");
}

}  // namespace gsattn
