// libFuzzer target: the motif reader (JASPAR, bracket-free JASPAR, MEME),
// and the log-odds matrices built from what it accepts.
#include "gsattn/motif.hpp"
#include "fuzz_input_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return gsattn::fuzz::read_input(data, size, [](const std::string& path) {
        for (const gsattn::Motif& motif : gsattn::read_motifs(path)) {
            gsattn::log_odds(motif, gsattn::Background{}, 0.8);
            gsattn::consensus(gsattn::reverse_complement(motif));
        }
    });
}
