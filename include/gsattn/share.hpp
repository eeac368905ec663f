// Finding the data files the program ships (share/gsattn): motif matrices and
// the default motif manifest. Looked for, in order: $GSATTN_SHARE; the
// installed location next to the executable (BIN/../share/gsattn); the
// source tree's share/ (running from the build tree).
#pragma once

#include <string>

namespace gsattn {

// The share directory; throws Error listing the places tried if none exists.
std::string share_dir();
// A path inside the share directory, e.g. share_path("motifs/default.toml").
std::string share_path(const std::string& relative);

}  // namespace gsattn
