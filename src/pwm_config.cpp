#include "gsattn/pwm_config.hpp"

#include <cmath>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "gsattn/error.hpp"
#include "gsattn/share.hpp"
#include "gsattn/text.hpp"
#include "gsattn/toml_value.hpp"

namespace gsattn {
namespace {

constexpr Bounds kSpacer{0, 1000, false, false, "a spacer is the distance between two boxes of one promoter"};

// Where a column of a matrix in a model file went wrong.
[[noreturn]] void bad_matrix(const toml::node& node, const std::string& what) {
    throw TomlValueError(node.source().begin.line, "pwm motif " + what);
}

WeightMatrix matrix_from_toml(const toml::node& node) {
    const toml::table* t = node.as_table();
    if (!t) bad_matrix(node, "must be a table with name and log_odds");
    WeightMatrix m;
    read_value(*t, "name", m.name);
    const toml::array* columns = (*t)["log_odds"].as_array();
    if (!columns) bad_matrix(node, "'log_odds' must be an array of [A, C, G, T] columns");
    for (const toml::node& column : *columns) {
        const toml::array* values = column.as_array();
        if (!values || values->size() != 4) bad_matrix(column, "columns must hold 4 numbers (A, C, G, T)");
        Column c{};
        for (std::size_t b = 0; b < 4; ++b) {
            const auto v = (*values)[b].value<double>();
            if (!v) bad_matrix(column, "columns must hold 4 numbers (A, C, G, T)");
            c[b] = *v;
        }
        m.log_odds.push_back(c);
    }
    return m;
}

}  // namespace

WeightMatrix weight_matrix(const Motif& motif) {
    return {motif.name.empty() ? motif.id : motif.name, log_odds(motif, Background{}, 0.1)};
}

std::vector<WeightMatrix> weight_matrices(const std::string& motif_file) {
    std::vector<WeightMatrix> out;
    for (const Motif& motif : read_motifs(motif_file)) out.push_back(weight_matrix(motif));
    return out;
}

std::vector<WeightMatrix> sigma70_matrices() {
    std::vector<WeightMatrix> out;
    for (const char* file : {"motifs/sigma70_minus35.jaspar", "motifs/sigma70_minus10.jaspar"})
        for (WeightMatrix& m : weight_matrices(share_path(file))) out.push_back(std::move(m));
    return out;
}

std::pair<int, int> parse_spacer(const std::string& text) {
    const auto dash = text.find('-');
    const auto number = [&text](std::string_view part) {
        const std::optional<int> value = parse_integer<int>(part);
        if (!value || *value < 0 || !kSpacer.contains(*value))
            throw Error(fmt::format("spacer '{}' must be MIN-MAX or N, whole numbers of bases from 0 to {}", text,
                                    kSpacer.high));
        return *value;
    };
    const std::string_view whole = text;
    const int low = number(whole.substr(0, dash));
    const int high = dash == std::string::npos ? low : number(whole.substr(dash + 1));
    if (high < low) throw Error(fmt::format("spacer '{}': the minimum is above the maximum", text));
    return {low, high};
}

int pwm_feature_count(const PwmConfig& s) {
    const int motifs = static_cast<int>(s.motifs.size());
    return motifs + std::max(motifs - 1, 0);
}

toml::table to_toml(const PwmConfig& s) {
    toml::array motifs;
    for (const WeightMatrix& m : s.motifs) {
        toml::array columns;
        for (const Column& c : m.log_odds) columns.push_back(toml::array{c[0], c[1], c[2], c[3]});
        motifs.push_back(toml::table{{"name", m.name}, {"log_odds", std::move(columns)}});
    }
    return toml::table{{"spacer_min", s.spacer_min}, {"spacer_max", s.spacer_max}, {"motifs", std::move(motifs)}};
}

PwmConfig pwm_config_from_toml(const toml::table& t) {
    PwmConfig s;
    read_value(t, "spacer_min", kSpacer, s.spacer_min);
    read_value(t, "spacer_max", kSpacer, s.spacer_max);
    if (const toml::node* motifs = t.get("motifs")) {
        const toml::array* list = motifs->as_array();
        if (!list) throw TomlValueError(motifs->source().begin.line, "'motifs' must be an array of tables");
        for (const toml::node& m : *list) s.motifs.push_back(matrix_from_toml(m));
    }
    return s;
}

void validate(const PwmConfig& s) {
    if (s.spacer_min > s.spacer_max)
        throw Error(fmt::format("pwm spacer_min {} is above spacer_max {}", s.spacer_min, s.spacer_max));
    for (const WeightMatrix& m : s.motifs) {
        if (m.log_odds.empty()) throw Error(fmt::format("pwm motif '{}' has no columns", m.name));
        for (const Column& c : m.log_odds)
            for (double v : c)
                if (!std::isfinite(v)) throw Error(fmt::format("pwm motif '{}' holds a value that is not finite", m.name));
    }
}

}  // namespace gsattn
