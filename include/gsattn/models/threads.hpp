// The number of threads for LibTorch's intra-op parallelism and our own
// loops (parallel_for): the one place a command sets it.
#pragma once

namespace gsattn {

void set_compute_threads(int threads);

}  // namespace gsattn
