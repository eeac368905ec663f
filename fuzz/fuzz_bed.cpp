// libFuzzer target: the BED reader.
#include "gsattn/bed.hpp"
#include "fuzz_input_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return gsattn::fuzz::read_input(data, size, [](const std::string& path) {
        gsattn::BedReader reader(path);
        while (reader.next()) {
        }
    });
}
