#include "gsattn/threads.hpp"

#include <dlfcn.h>

#include <ATen/Parallel.h>

namespace gsattn {

void set_compute_threads(int threads) {
    at::set_num_threads(threads);
    // Debian's LibTorch multiplies matrices with OpenBLAS, whose own thread
    // pool is sized to the machine, not to at::set_num_threads; without this,
    // --threads 1 still ran two BLAS threads that spin while they wait. Looked
    // up at run time: another BLAS has no such function and needs nothing.
    using SetThreads = void (*)(int);
    if (auto* set_blas_threads = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads")))
        set_blas_threads(1);
}

}  // namespace gsattn
