// What must happen before LibTorch starts: its and OpenBLAS's initialisers
// allocate hundreds of megabytes of address space, and under a too-small
// virtual memory limit (ulimit -v, a cluster's h_vmem) abort with an
// uncaught std::bad_alloc, crash, or hang in a thread pool that never got
// its threads. LibTorch is loaded with the module of the commands that need
// it (src/cli/torch_commands.hpp), after main() has started.
#pragma once

namespace gsattn {

// Run from the executable's .preinit_array (see main.cpp), before any
// library initialiser: an exception that escapes one (std::bad_alloc) is
// reported as out of memory, exit status 1.
void prepare_process_start();

// Run before LibTorch's module is loaded: under a virtual memory limit, the
// address space it needs must be free; if not, a message naming the limit
// and exit status 1.
void require_start_up_address_space();

// Address space LibTorch needs beyond what is mapped before its module
// loads, on a machine with `cpus` processors: its libraries, their
// initialisers, the thread pools and a small job.
unsigned long long start_up_address_space(long cpus);

}  // namespace gsattn
