// The trained models gsattn ships (share/gsattn/models/NAME.gsattn, each with
// its card NAME.md), found by name as shipped motifs are.
#pragma once

#include <string>
#include <vector>

namespace gsattn {

struct ShippedModel {
    std::string name;   // e.g. "ecoli-sigma70"
    std::string title;  // the card's heading after "NAME: "
    std::string path;   // the model file
    std::string card;   // its card (Markdown)
};

// Every shipped model, by name; none when the share directory has no models/.
std::vector<ShippedModel> shipped_models();

// What -m means: "-", an existing file, or anything with a '/' or a '.' in
// it, as given (a path); otherwise a shipped model's name, as its file's
// path. An Error naming the argument and the shipped names when it is
// neither.
std::string resolve_model(const std::string& name_or_path);

}  // namespace gsattn
