// Program and library versions, for --version and model files.
#pragma once

#include <string>

namespace gsattn {

std::string program_version();   // e.g. "0.1.0"
std::string library_versions();  // htslib and LibTorch versions in use
// The BLAS kernel that multiplies here, e.g. "OpenBLAS Haswell": model bytes
// are reproducible only with the same binary and the same kernel.
std::string blas_kernel();

}  // namespace gsattn
