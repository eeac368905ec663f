#include "gsattn/process_start.hpp"

#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <new>

namespace gsattn {
namespace {

constexpr unsigned long long kMiB = 1ULL << 20;

// Writes without allocating: the allocator may be what failed.
void write_error(const char* text, std::size_t size) {
    while (size > 0) {
        const ssize_t n = ::write(STDERR_FILENO, text, size);
        if (n <= 0) return;
        text += n;
        size -= static_cast<std::size_t>(n);
    }
}

[[noreturn]] void report_uncaught_exception() {
    try {
        if (std::exception_ptr e = std::current_exception()) std::rethrow_exception(e);
    } catch (const std::bad_alloc&) {
        constexpr char message[] =
            "gsattn: error: out of memory while starting (is the virtual memory limit, ulimit -v, too low?)\n";
        write_error(message, sizeof message - 1);
        std::_Exit(1);
    } catch (...) {
    }
    std::abort();
}

// The address space mapped now (the first field of /proc/self/statm, in pages); 0 if unknown.
unsigned long long mapped_address_space() {
    std::FILE* statm = std::fopen("/proc/self/statm", "r");
    if (!statm) return 0;
    unsigned long long pages = 0;
    if (std::fscanf(statm, "%llu", &pages) != 1) pages = 0;
    std::fclose(statm);
    return pages * static_cast<unsigned long long>(sysconf(_SC_PAGESIZE));
}

}  // namespace

unsigned long long start_up_address_space(long cpus) {
    // Measured by bisecting `ulimit -v` (docs/reliability.md): a small
    // prediction needed 246 MiB beyond the libraries' mappings on one
    // processor and 391 MiB on two. Most of the difference is OpenBLAS, which
    // starts a thread per processor with its own buffers, and whose buffer
    // allocation waits forever when it fails. Rounded up for jobs larger
    // than the smallest.
    // LibTorch's own libraries, mapped when its module loads, took 510 MiB
    // more than the program alone (Debian 12's libtorch 1.13).
    return 510 * kMiB + 280 * kMiB + 160 * kMiB * static_cast<unsigned long long>(cpus > 0 ? cpus : 1);
}

void prepare_process_start() { std::set_terminate(report_uncaught_exception); }

void require_start_up_address_space() {
    rlimit limit{};
    if (getrlimit(RLIMIT_AS, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return;
    const unsigned long long needed = start_up_address_space(sysconf(_SC_NPROCESSORS_ONLN));
    // A reservation is counted against the limit like any mapping, and costs no memory.
    void* trial = mmap(nullptr, needed, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (trial != MAP_FAILED) {
        munmap(trial, needed);
        return;
    }
    char message[256];
    const int n = std::snprintf(message, sizeof message,
                                "gsattn: error: the virtual memory limit (ulimit -v) of %llu MB is too low to "
                                "start: raise it to at least %llu MB\n",
                                static_cast<unsigned long long>(limit.rlim_cur) / kMiB,
                                (mapped_address_space() + needed) / kMiB + 1);
    if (n > 0) write_error(message, std::min(static_cast<std::size_t>(n), sizeof message - 1));
    std::_Exit(1);
}

}  // namespace gsattn
