#include "gsattn/share.hpp"

#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <vector>

#include <fmt/format.h>

#include "gsattn/build_info.hpp"
#include "gsattn/error.hpp"

namespace gsattn {
namespace fs = std::filesystem;

std::string share_dir() {
    std::vector<fs::path> candidates;
    if (const char* env = std::getenv("GSATTN_SHARE"); env && *env) candidates.emplace_back(env);
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        // Relative to the prefix, so an installed tree can be moved.
        const fs::path prefix = exe.parent_path().parent_path();
        candidates.push_back(prefix / build_info::share_install_dir);
    }
    candidates.emplace_back(build_info::source_share_dir);
    std::string tried;
    for (const fs::path& dir : candidates) {
        if (fs::is_directory(dir / "motifs", ec)) return dir.string();
        tried += (tried.empty() ? "" : ", ") + dir.string();
    }
    throw Error(fmt::format("cannot find gsattn's data directory (tried {}); set GSATTN_SHARE", tried));
}

std::string share_path(const std::string& relative) {
    return (fs::path(share_dir()) / relative).string();
}

}  // namespace gsattn
