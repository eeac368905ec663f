// The HTML report: escaped text, one line per table row, logos whose
// letter heights follow the information content, and the profile plot.
#include <doctest/doctest.h>

#include "gsattn/html_report.hpp"
#include "gsattn/motif.hpp"

using namespace gsattn;

namespace {

std::size_t occurrences(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("tables: one line per row, cells escaped") {
    HtmlReport r;
    r.title = "a <b> & c";
    r.tables.push_back({"t1", "caption", {"name", "p"}, {{"x<y", "0.5"}, {"z", "1e-10"}}});
    const std::string html = html_text(r);
    CHECK(html.find("<title>a &lt;b&gt; &amp; c</title>") != std::string::npos);
    CHECK(html.find("<table id=\"t1\">") != std::string::npos);
    CHECK(html.find("\n<tr><td>x&lt;y</td><td>0.5</td></tr>\n") != std::string::npos);
    CHECK(html.find("\n<tr><td>z</td><td>1e-10</td></tr>\n") != std::string::npos);
    CHECK(occurrences(html, "<svg") == 0);
    CHECK(html.find("http://") == std::string::npos);  // nothing to load: the SVG namespace is the only URL
}

TEST_CASE("logo: a fully conserved column is one letter of the full height; a uniform column draws nothing") {
    const Motif m{"M", "m", {{10, 0, 0, 0}, {5, 5, 5, 5}}};
    const std::string svg = logo_svg(m);
    CHECK(occurrences(svg, ">A</text>") == 1);
    CHECK(occurrences(svg, ">C</text>") == 0);
    // Full height: 100 pixels for 2 bits, drawn as scale(..., 100/73).
    CHECK(svg.find("scale(0.400,1.370)") != std::string::npos);
}

TEST_CASE("report with logos and a profile: an SVG each") {
    HtmlReport r;
    r.title = "t";
    LogoPair pair;
    pair.title = "GSD1 TATAAA";
    pair.motif = motif_from_consensus("q", "TATAAA");
    pair.has_match = true;
    pair.match = motif_from_consensus("t", "GTATAAAAG");
    pair.match_offset = 1;
    r.logos.push_back(pair);
    r.profile.anchor = "start";
    r.profile.offsets = {0, 1, 2};
    r.profile.series = {{"kept", {0.1, 0.5, 0.2}}, {"TATA", {0, 1, 0}, true}};
    const std::string html = html_text(r);
    CHECK(occurrences(html, "<svg class=\"logo-svg\"") == 2);
    CHECK(occurrences(html, "<svg id=\"profile\"") == 1);
    CHECK(occurrences(html, "<polyline") == 2);
    CHECK(occurrences(html, "stroke-dasharray") == 2);  // the dashed series' line and its legend
}
