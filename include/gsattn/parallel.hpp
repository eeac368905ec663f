// Parallel loops over [0, n) in contiguous blocks, on the process's thread
// count. The body must only touch its own items, so results do not depend on
// the thread count. An exception thrown by the body is rethrown to the caller.
#pragma once

#include <cstddef>
#include <functional>

namespace gsattn {

// The threads parallel_for uses: 1 until set. A command sets it once, from
// --threads, together with LibTorch's (set_compute_threads).
void set_thread_count(int threads);
int thread_count();

void parallel_for(std::size_t n, const std::function<void(std::size_t)>& body);

}  // namespace gsattn
