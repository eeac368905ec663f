// libFuzzer target: the TOML files gsattn reads — train settings
// (`train --config`) and planted-motif manifests (`simulate --motifs`).
#include "gsattn/motif_manifest.hpp"
#include "gsattn/experiment_config.hpp"
#include "fuzz_input_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    gsattn::fuzz::read_input(data, size, [](const std::string& path) { gsattn::read_experiment_config(path); });
    return gsattn::fuzz::read_input(data, size, [](const std::string& path) { gsattn::read_manifest(path); });
}
