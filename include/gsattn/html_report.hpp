// A self-contained HTML report: tables, sequence logos and a line plot as
// inline SVG, with inline CSS; nothing is loaded from anywhere else.
//
// Every table row is one line, "<tr><td>cell</td>...</tr>", with the cells
// as given, so that a script can take the numbers back out with sed.
#pragma once

#include <string>
#include <vector>

#include "gsattn/motif.hpp"

namespace gsattn {

struct ReportTable {
    std::string id;       // the table's HTML id, e.g. "position-enrichment"
    std::string caption;  // shown above it
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
};

// A discovered motif's logo beside its best database match's, aligned.
struct LogoPair {
    std::string title;  // e.g. "GSD1 TATAAA"
    Motif motif;
    bool has_match = false;
    Motif match;          // already on the strand it matched
    int match_offset = 0; // motif column 0 sits at match column match_offset
    std::string match_title;
};

struct ProfileSeries {
    std::string name;
    std::vector<double> values;  // one per offset
    bool dashed = false;         // e.g. planted motifs, beside the hits of the matrices
};

struct ReportProfile {
    std::string anchor;  // what offset 0 is
    std::vector<long> offsets;
    std::vector<ProfileSeries> series;
};

struct HtmlReport {
    std::string title;
    std::vector<std::string> summary;  // one paragraph each
    std::vector<ReportTable> tables;
    std::vector<LogoPair> logos;
    ReportProfile profile;  // no plot when it has no offsets
};

std::string html_text(const HtmlReport& report);

// A sequence logo: letter heights = frequency x information (bits, against a
// uniform background), `column_width` pixels per column; `shift` empty
// columns before the first.
std::string logo_svg(const Motif& motif, int shift = 0, int total_columns = 0, int column_width = 24);

// The text with & < > " escaped.
std::string html_escape(const std::string& text);

}  // namespace gsattn
