#include "cli/torch_commands.hpp"

#include <dlfcn.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include <fmt/format.h>

#include "gsattn/build_info.hpp"
#include "gsattn/error.hpp"
#include "gsattn/log.hpp"
#include "gsattn/process_start.hpp"

namespace gsattn::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kModuleName = "gsattn-torch.so";

const TorchCommands& load_module() {
    std::error_code error;
    const fs::path exe = fs::canonical("/proc/self/exe", error);
    std::vector<fs::path> candidates;
    if (!error) {
        candidates.push_back(exe.parent_path() / kModuleName);
        // Relative to the prefix, so that an installed tree can be moved.
        candidates.push_back(exe.parent_path().parent_path() / build_info::module_install_dir / kModuleName);
    }
    std::string tried;
    for (const fs::path& path : candidates) {
        if (!fs::exists(path, error)) continue;
        require_start_up_address_space();
        // Global, so that LibTorch's BLAS is found by name (blas_kernel,
        // set_compute_threads) as when it was linked to the program.
        const auto start = std::chrono::steady_clock::now();
        void* module = dlopen(path.c_str(), RTLD_LAZY | RTLD_GLOBAL);
        if (!module) throw Error(fmt::format("cannot load {}: {}", path.string(), dlerror()));
        log::debug("loaded LibTorch with {} in {:.3f} s", path.string(),
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        using Entry = const TorchCommands* (*)();
        auto* entry = reinterpret_cast<Entry>(dlsym(module, "gsattn_torch_commands"));
        if (!entry) throw Error(fmt::format("{} is not gsattn's LibTorch module", path.string()));
        const TorchCommands& commands = *entry();
        set_compute_threads_hook(commands.set_threads);
        return commands;
    }
    for (const fs::path& path : candidates) tried += (tried.empty() ? "" : ", ") + path.string();
    throw Error(fmt::format("cannot find gsattn's LibTorch module {} (tried {})", kModuleName, tried));
}

}  // namespace

const TorchCommands& torch_commands() {
    static const TorchCommands& commands = load_module();
    return commands;
}

}  // namespace gsattn::cli
