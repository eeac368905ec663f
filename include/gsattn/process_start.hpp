// What must happen before the shared libraries start: LibTorch's and
// OpenBLAS's initialisers run before main(), allocate hundreds of megabytes
// of address space, and under a too-small virtual memory limit (ulimit -v,
// a cluster's h_vmem) abort with an uncaught std::bad_alloc, crash, or hang
// in a thread pool that never got its threads.
#pragma once

namespace gsattn {

// Run from the executable's .preinit_array (see main.cpp), before any
// library initialiser:
// - Under a virtual memory limit, the address space start-up needs must be
//   free; if not, a message naming the limit and exit status 1.
// - An exception that escapes anyway (a library initialiser's
//   std::bad_alloc) is reported as out of memory, exit status 1.
void prepare_process_start();

// Address space the program needs beyond what is mapped when
// prepare_process_start() runs, on a machine with `cpus` processors:
// LibTorch's initialisers, the thread pools and a small job.
unsigned long long start_up_address_space(long cpus);

}  // namespace gsattn
