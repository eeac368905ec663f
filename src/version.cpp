#include "gsattn/version.hpp"

#include <htslib/hts.h>
#include <torch/version.h>

#include <fmt/format.h>

#include "gsattn/build_info.hpp"

namespace gsattn {

std::string program_version() { return build_info::version; }

std::string library_versions() {
    return fmt::format("htslib {}, LibTorch {}", hts_version(), TORCH_VERSION);
}

}  // namespace gsattn
