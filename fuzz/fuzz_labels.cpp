// libFuzzer target: the labels reader, with the default column and a named one.
#include "gsattn/labels.hpp"
#include "fuzz_input_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    gsattn::fuzz::read_input(data, size, [](const std::string& path) { gsattn::read_labels(path); });
    return gsattn::fuzz::read_input(data, size, [](const std::string& path) { gsattn::read_labels(path, "strength"); });
}
