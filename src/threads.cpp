#include "gsattn/threads.hpp"

#include <ATen/Parallel.h>

namespace gsattn {

void set_compute_threads(int threads) { at::set_num_threads(threads); }

}  // namespace gsattn
