#include "gsattn/parallel.hpp"

#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "test_util.hpp"

using namespace gsattn;
using namespace gsattn::test;

namespace {
// The distinct threads that ran the items of a parallel_for over n items.
std::size_t threads_used(std::size_t n) {
    std::vector<std::thread::id> ran_on(n);
    parallel_for(n, [&](std::size_t i) { ran_on[i] = std::this_thread::get_id(); });
    return std::set<std::thread::id>(ran_on.begin(), ran_on.end()).size();
}
}  // namespace

TEST_CASE("parallel_for: runs every item once, on thread_count() threads") {
    for (const int threads : {1, 3}) {
        const ThreadCount count(threads);
        CHECK(thread_count() == threads);
        std::vector<int> visits(10);
        parallel_for(visits.size(), [&](std::size_t i) { ++visits[i]; });
        CHECK(visits == std::vector<int>(10, 1));
        CHECK(threads_used(9) == static_cast<std::size_t>(threads));
    }
    const ThreadCount count(4);
    CHECK(threads_used(2) == 2);  // never more threads than items
}

TEST_CASE("parallel_for: a thread count below 1 means 1") {
    const ThreadCount count(0);
    CHECK(thread_count() == 1);
}

TEST_CASE("parallel_for: an exception of the body reaches the caller") {
    const ThreadCount count(2);
    CHECK_THROWS_AS(parallel_for(8, [](std::size_t i) {
                        if (i == 5) throw std::runtime_error("item 5");
                    }),
                    std::runtime_error);
}
