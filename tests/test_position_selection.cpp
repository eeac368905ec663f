// Kept positions from selector logits, and their merging into intervals.
#include <vector>

#include <doctest/doctest.h>

#include "gsattn/position_selection.hpp"

using namespace gsattn;

namespace {

std::vector<std::int64_t> positions_of(const std::vector<KeptPosition>& kept) {
    std::vector<std::int64_t> out;
    for (const auto& k : kept) out.push_back(k.position);
    return out;
}

}  // namespace

TEST_CASE("position_selection: keep_top keeps the k highest logits in position order, ranked") {
    const std::vector<float> logits{0.5f, 3.0f, -1.0f, 2.0f, 3.0f, 0.0f};
    const auto kept = keep_top(logits, 3);
    CHECK(positions_of(kept) == std::vector<std::int64_t>{1, 3, 4});
    // Equal logits: the lower position ranks first.
    CHECK(kept[0].rank == 1);
    CHECK(kept[2].rank == 2);
    CHECK(kept[1].rank == 3);
    CHECK(kept[1].logit == 2.0f);
}

TEST_CASE("position_selection: keep_top clamps k to the sequence") {
    const std::vector<float> logits{1.0f, 2.0f};
    CHECK(positions_of(keep_top(logits, 5)) == std::vector<std::int64_t>{0, 1});
    CHECK(keep_top(logits, 0).empty());
    CHECK(keep_top({}, 3).empty());
}

TEST_CASE("position_selection: scores are the sigmoid of the logit") {
    CHECK(selector_probability(0.0f) == doctest::Approx(0.5));
    CHECK(selector_probability(2.0f) == doctest::Approx(0.8807970779778823));
}

TEST_CASE("position_selection: merge_kept joins runs at most gap bases apart") {
    std::vector<KeptPosition> kept;
    for (std::int64_t p : {2, 3, 4, 7, 9, 20}) kept.push_back({p, static_cast<float>(p), 0});
    const auto adjacent = merge_kept(kept, 0);
    REQUIRE(adjacent.size() == 4);
    CHECK(adjacent[0].start == 2);
    CHECK(adjacent[0].end == 5);
    CHECK(adjacent[0].positions == 3);
    CHECK(adjacent[0].best_logit == 4.0f);
    CHECK(adjacent[1].start == 7);
    CHECK(adjacent[1].end == 8);
    CHECK(adjacent[3].start == 20);

    const auto gap2 = merge_kept(kept, 2);  // 4 -> 7 skips 2 bases, 7 -> 9 skips 1
    REQUIRE(gap2.size() == 2);
    CHECK(gap2[0].start == 2);
    CHECK(gap2[0].end == 10);
    CHECK(gap2[0].positions == 5);
    CHECK(gap2[0].best_logit == 9.0f);
    CHECK(gap2[1].positions == 1);
    CHECK(merge_kept({}, 3).empty());
}
