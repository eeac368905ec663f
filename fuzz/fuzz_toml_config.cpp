// libFuzzer target: the TOML files gsattn reads — train settings
// (`train --config`) and planted-motif manifests (`simulate --motifs`).
#include "gsattn/motif_manifest.hpp"
#include "gsattn/train_settings.hpp"
#include "fuzz_input_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    gsattn::fuzz::read_input(data, size, [](const std::string& path) { gsattn::read_train_settings(path); });
    return gsattn::fuzz::read_input(data, size, [](const std::string& path) { gsattn::read_manifest(path); });
}
