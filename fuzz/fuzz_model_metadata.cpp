// libFuzzer target: the reader of a model file's metadata, the TOML text of
// its "gsattn" entry, which takes whatever a file holds. Whatever it accepts
// must also write back to text that it reads again.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "gsattn/error.hpp"
#include "gsattn/model_info.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    gsattn::ModelInfo info;
    try {
        info = gsattn::parse_metadata("fuzz.gsattn", std::string(reinterpret_cast<const char*>(data), size));
    } catch (const gsattn::Error&) {
        return 0;
    }
    try {
        gsattn::parse_metadata("fuzz.gsattn", gsattn::metadata_text(info));
    } catch (const gsattn::Error&) {
        std::abort();
    }
    return 0;
}
