// A parallel loop over [0, n) on `threads` threads in contiguous blocks.
// The body must only touch its own items, so results do not depend on the
// thread count. An exception thrown by the body is rethrown to the caller.
#pragma once

#include <cstddef>
#include <functional>

namespace gsattn {

void parallel_for(std::size_t n, int threads, const std::function<void(std::size_t)>& body);

}  // namespace gsattn
