// Program and library versions, for --version and model files.
#pragma once

#include <string>

namespace gsattn {

std::string program_version();   // e.g. "0.1.0"
std::string library_versions();  // htslib and LibTorch versions in use

}  // namespace gsattn
