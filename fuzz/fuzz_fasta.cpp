// libFuzzer target: the FASTA reader (plain, gzip or BGZF input).
#include "gsattn/fasta.hpp"
#include "fuzz_input_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return gsattn::fuzz::read_input(data, size, [](const std::string& path) {
        gsattn::FastaReader reader(path);
        while (reader.next()) {
        }
    });
}
