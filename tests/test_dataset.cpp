// Dataset helpers: the median length a model file records.
#include <doctest/doctest.h>

#include "gsattn/dataset.hpp"

using namespace gsattn;

TEST_CASE("dataset: median_length is the middle length, the lower one of an even count") {
    const auto of = [](std::initializer_list<std::size_t> lengths) {
        std::vector<Example> examples;
        for (const std::size_t n : lengths) examples.push_back({"r", EncodedSequence(n, Base::A), 0});
        return median_length(examples);
    };
    CHECK(of({}) == 0);
    CHECK(of({73}) == 73);
    CHECK(of({80, 73, 73, 300, 73}) == 73);
    CHECK(of({10, 40, 20, 30}) == 20);
}
