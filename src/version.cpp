#include "gsattn/version.hpp"

#include <dlfcn.h>

#include <sstream>

#include <htslib/hts.h>
#include <torch/version.h>

#include <fmt/format.h>

#include "gsattn/build_info.hpp"

namespace gsattn {

std::string program_version() { return build_info::version; }

std::string library_versions() {
    return fmt::format("htslib {}, LibTorch {}", hts_version(), TORCH_VERSION);
}

std::string blas_kernel() {
    // Looked up at run time: LibTorch reaches BLAS through Debian's
    // alternatives, so the library in use is only known once loaded.
    // The program itself does not link BLAS (commands that need LibTorch
    // load it with its module): if it is not loaded yet, the library
    // LibTorch would load, Debian's libblas.so.3, is asked directly.
    using Text = char* (*)();
    const auto find = [](const char* name) -> Text {
        if (void* symbol = dlsym(RTLD_DEFAULT, name)) return reinterpret_cast<Text>(symbol);
        static void* const blas = dlopen("libblas.so.3", RTLD_LAZY | RTLD_LOCAL);
        return blas ? reinterpret_cast<Text>(dlsym(blas, name)) : nullptr;
    };
    auto* corename = find("openblas_get_corename");
    if (!corename) return "not OpenBLAS";
    // The configuration reads "OpenBLAS 0.3.21 DYNAMIC_ARCH ...": keep its version.
    std::string version;
    if (auto* config = find("openblas_get_config"); config && config()) {
        std::istringstream words(config());
        words >> version >> version;
    }
    const char* name = corename();
    return fmt::format("OpenBLAS {}{}{}", version, version.empty() ? "" : " ", name && *name ? name : "?");
}

}  // namespace gsattn
