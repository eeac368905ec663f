#include "gsattn/models/threads.hpp"

#include <dlfcn.h>

#include <ATen/Parallel.h>

#include "gsattn/parallel.hpp"

namespace gsattn {

void set_compute_threads(int threads) {
    set_thread_count(threads);
    at::set_num_threads(threads);
    // Debian's LibTorch multiplies matrices with OpenBLAS, whose own thread
    // pool is sized to the machine and spins (sched_yield) between products:
    // in a 2-thread `full` training run that spinning was ~40 % of the
    // profile. Our matrices are small and LibTorch already spreads work over
    // `threads`, so OpenBLAS gets one. Looked up at run time: another BLAS
    // has no such function and needs nothing.
    using SetThreads = void (*)(int);
    if (auto* set_blas_threads = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads")))
        set_blas_threads(1);
    // LibTorch starts its threads in the first parallel operation, ~10 ms
    // on this machine; started here, that is part of the program's start-up
    // rather than of the first batch.
    at::parallel_for(0, threads, 1, [](std::int64_t, std::int64_t) {});
}

}  // namespace gsattn
