#include "gsattn/shipped_models.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>

#include <fmt/format.h>

#include "gsattn/error.hpp"
#include "gsattn/share.hpp"
#include "gsattn/text.hpp"

namespace gsattn {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kModelSuffix = ".gsattn";

// The card's first line reads "# NAME: TITLE".
std::string card_title(const fs::path& card, const std::string& name) {
    std::ifstream in(card);
    std::string line;
    if (!std::getline(in, line)) return "";
    const std::string prefix = "# " + name + ": ";
    return starts_with(line, prefix) ? line.substr(prefix.size()) : "";
}

}  // namespace

std::vector<ShippedModel> shipped_models() {
    std::vector<ShippedModel> models;
    const fs::path dir = fs::path(share_dir()) / "models";
    std::error_code ec;
    for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
        const fs::path& path = entry.path();
        const std::string file = path.filename().string();
        if (file.size() <= kModelSuffix.size() || !ends_with(file, kModelSuffix)) continue;
        ShippedModel m;
        m.name = file.substr(0, file.size() - kModelSuffix.size());
        m.path = path.string();
        const fs::path card = dir / (m.name + ".md");
        m.card = card.string();
        m.title = card_title(card, m.name);
        models.push_back(std::move(m));
    }
    std::sort(models.begin(), models.end(),
              [](const ShippedModel& a, const ShippedModel& b) { return a.name < b.name; });
    return models;
}

std::string resolve_model(const std::string& name_or_path) {
    // A path (a '/' or a '.' in it) is left for the model reader to open or
    // report, so that a mistyped file name reads "cannot open".
    std::error_code ec;
    if (name_or_path.find_first_of("/.") != std::string::npos || name_or_path == "-" ||
        fs::exists(name_or_path, ec))
        return name_or_path;
    const std::vector<ShippedModel> models = shipped_models();
    std::string names;
    for (const ShippedModel& m : models) {
        if (m.name == name_or_path) return m.path;
        names += (names.empty() ? "" : ", ") + m.name;
    }
    throw Error(fmt::format("{}: no such model file, nor a shipped model of that name (shipped: {}; "
                            "gsattn predict --list-models describes them)",
                            name_or_path, names.empty() ? "none" : names));
}

}  // namespace gsattn
