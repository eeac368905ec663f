#include "gsattn/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace gsattn {

namespace {
std::atomic<int> the_thread_count{1};
}  // namespace

void set_thread_count(int threads) { the_thread_count = std::max(threads, 1); }

int thread_count() { return the_thread_count; }

void parallel_for(std::size_t n, const std::function<void(std::size_t)>& body) {
    const std::size_t workers = std::min<std::size_t>(thread_count(), std::max<std::size_t>(n, 1));
    if (workers <= 1) {
        for (std::size_t i = 0; i < n; ++i) body(i);
        return;
    }
    std::exception_ptr error;
    std::mutex error_mutex;
    std::vector<std::thread> pool;
    const std::size_t block = (n + workers - 1) / workers;
    for (std::size_t w = 0; w < workers; ++w) {
        pool.emplace_back([&, w]() {
            try {
                for (std::size_t i = w * block; i < std::min(n, (w + 1) * block); ++i) body(i);
            } catch (...) {
                std::lock_guard<std::mutex> lock(error_mutex);
                if (!error) error = std::current_exception();
            }
        });
    }
    for (auto& t : pool) t.join();
    if (error) std::rethrow_exception(error);
}

}  // namespace gsattn
