// This machine's limits for the roofline of docs/performance.md: the
// float32 multiply-add rate of a loop the compiler vectorises (many
// independent accumulators, so that the FMA units never wait), and the
// memory bandwidth of a STREAM-like triad a[i] = b[i] + s * c[i] over arrays
// far larger than the caches. Per thread and for all threads (OpenMP).
// Built and run by bench/machine-peak.sh; not part of the program.
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// GFLOP/s of `threads` threads each running `rounds` rounds of multiply-adds
// on kLanes independent accumulators (2 FLOPs per multiply-add).
double fma_rate(int threads, long rounds) {
    constexpr int kLanes = 256;  // 16 AVX-512 registers of 16 floats
    double sink = 0;
    const auto start = std::chrono::steady_clock::now();
#pragma omp parallel num_threads(threads) reduction(+ : sink)
    {
        alignas(64) float acc[kLanes];
        for (int i = 0; i < kLanes; ++i) acc[i] = 1.0f + 1e-3f * static_cast<float>(i + omp_get_thread_num());
        const float a = 0.999999f, b = 1e-7f;
        for (long r = 0; r < rounds; ++r) {
#pragma omp simd
            for (int i = 0; i < kLanes; ++i) acc[i] = acc[i] * a + b;
        }
        for (int i = 0; i < kLanes; ++i) sink += acc[i];
    }
    const double elapsed = seconds_since(start);
    if (sink == 42) std::puts("");  // keeps the loop
    return 2.0 * kLanes * static_cast<double>(rounds) * threads / elapsed / 1e9;
}

// GB/s of the triad over arrays of `n` floats (3 x 4 bytes moved per item;
// the write-allocate read of a[] is not counted, as STREAM does not).
double triad_rate(int threads, std::size_t n, int repeats) {
    std::vector<float> a(n), b(n, 1.0f), c(n, 2.0f);
    const float s = 3.0f;
    double best = 1e30;
    for (int r = 0; r < repeats; ++r) {
        const auto start = std::chrono::steady_clock::now();
#pragma omp parallel for num_threads(threads) schedule(static)
        for (std::size_t i = 0; i < n; ++i) a[i] = b[i] + s * c[i];
        best = std::min(best, seconds_since(start));
    }
    if (a[n / 2] != 7.0f) std::puts("triad: wrong result");
    return 3.0 * 4.0 * static_cast<double>(n) / best / 1e9;
}

}  // namespace

int main() {
    const int cores = omp_get_num_procs();
    constexpr long kRounds = 20'000'000;
    constexpr std::size_t kItems = std::size_t{64} << 20;  // 256 MB per array
    std::printf("threads\tfma_gflops\ttriad_gb_per_s\n");
    for (int threads = 1; threads <= cores; threads *= 2) {
        double fma = 0, triad = 0;
        for (int r = 0; r < 3; ++r) fma = std::max(fma, fma_rate(threads, kRounds));
        triad = triad_rate(threads, kItems, 5);
        std::printf("%d\t%.1f\t%.1f\n", threads, fma, triad);
    }
}
