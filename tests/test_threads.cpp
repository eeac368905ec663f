#include "gsattn/models/threads.hpp"

#include <torch/torch.h>

#include <doctest/doctest.h>

#include "gsattn/parallel.hpp"

using namespace gsattn;

TEST_CASE("set_compute_threads: one call sets LibTorch's and parallel_for's thread count") {
    const int torch_before = torch::get_num_threads(), ours_before = thread_count();
    set_compute_threads(3);
    CHECK(torch::get_num_threads() == 3);
    CHECK(thread_count() == 3);
    set_compute_threads(1);
    CHECK(torch::get_num_threads() == 1);
    CHECK(thread_count() == 1);
    torch::set_num_threads(torch_before);
    set_thread_count(ours_before);
}
