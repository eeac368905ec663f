// random_split, parse_split_fractions and k_fold_splits: sizes, coverage,
// order and determinism by seed; grouped_k_fold_splits keeps groups whole.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <iterator>
#include <map>
#include <numeric>
#include <vector>

#include <doctest/doctest.h>

#include "gsattn/split.hpp"
#include "test_util.hpp"

using namespace gsattn;
using namespace gsattn::test;

namespace {

using Indices = std::vector<std::size_t>;

Indices joined(std::initializer_list<const Indices*> parts) {
    Indices all;
    for (const Indices* part : parts) all.insert(all.end(), part->begin(), part->end());
    std::sort(all.begin(), all.end());
    return all;
}

Indices iota_to(std::size_t n) {
    Indices all(n);
    std::iota(all.begin(), all.end(), std::size_t{0});
    return all;
}

bool strictly_ascending(const Indices& v) {
    return std::adjacent_find(v.begin(), v.end(),
                              [](std::size_t a, std::size_t b) { return a >= b; }) == v.end();
}

bool disjoint(const Indices& a, const Indices& b) {
    Indices common;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
    return common.empty();
}

bool same(const Split& a, const Split& b) {
    return a.train == b.train && a.validation == b.validation && a.test == b.test;
}

bool same(const std::vector<Split>& a, const std::vector<Split>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](const Split& x, const Split& y) { return same(x, y); });
}

}  // namespace

TEST_CASE("random_split: sizes by rounding, train takes the rest") {
    const Split s = random_split(100, {0.7, 0.15, 0.15}, 1);
    CHECK(s.train.size() == 70);
    CHECK(s.validation.size() == 15);
    CHECK(s.test.size() == 15);

    const Split odd = random_split(10, {0.6, 0.25, 0.15}, 1);  // 2.5 -> 3, 1.5 -> 2
    CHECK(odd.validation.size() == 3);
    CHECK(odd.test.size() == 2);
    CHECK(odd.train.size() == 5);

    const Split all_train = random_split(7, {1, 0, 0}, 3);
    CHECK(all_train.train == iota_to(7));
    CHECK(all_train.validation.empty());
    CHECK(all_train.test.empty());

    const Split one = random_split(1, {0.8, 0.1, 0.1}, 3);
    CHECK(one.train == Indices{0});
}

TEST_CASE("random_split: the parts are sorted, disjoint and cover 0..n-1") {
    for (std::size_t n : {3, 10, 101, 1000}) {
        INFO("n = ", n);
        const Split s = random_split(n, {0.5, 0.3, 0.2}, 42);
        CHECK(strictly_ascending(s.train));
        CHECK(strictly_ascending(s.validation));
        CHECK(strictly_ascending(s.test));
        CHECK(joined({&s.train, &s.validation, &s.test}) == iota_to(n));
    }
}

TEST_CASE("random_split: the same seed gives the same split, other seeds others") {
    const Split a = random_split(200, {0.7, 0.15, 0.15}, 7);
    CHECK(same(a, random_split(200, {0.7, 0.15, 0.15}, 7)));
    CHECK_FALSE(same(a, random_split(200, {0.7, 0.15, 0.15}, 8)));
    CHECK_FALSE(same(a, random_split(200, {0.7, 0.15, 0.15}, 0)));
    // Shuffled, not cut in file order.
    const Indices all = iota_to(200);
    CHECK(a.test != Indices(all.end() - 30, all.end()));
}

TEST_CASE("random_split: bad fractions or an empty train set are errors") {
    using Fractions = std::array<double, 3>;
    check_mentions(error_message([] { random_split(10, Fractions{0.5, 0.3, 0.3}, 1); }),
                   {"sum to 1.1"});
    check_mentions(error_message([] { random_split(10, Fractions{0.8, -0.1, 0.3}, 1); }),
                   {"validation fraction -0.1"});
    check_mentions(error_message([] { random_split(10, Fractions{0, 0.5, 0.5}, 1); }),
                   {"train fraction must be greater than 0"});
    check_mentions(error_message([] { random_split(2, Fractions{0.1, 0.45, 0.45}, 1); }),
                   {"leaves no training records"});
    check_mentions(error_message([] { random_split(0, Fractions{1, 0, 0}, 1); }),
                   {"splitting 0 records", "no training records"});
}

TEST_CASE("parse_split_fractions: three comma-separated fractions") {
    CHECK(parse_split_fractions("0.7,0.15,0.15") == std::array<double, 3>{0.7, 0.15, 0.15});
    CHECK(parse_split_fractions("0.8, 0.1, 0.1") == std::array<double, 3>{0.8, 0.1, 0.1});
    CHECK(parse_split_fractions("1,0,0") == std::array<double, 3>{1, 0, 0});
}

TEST_CASE("parse_split_fractions: bad text is an error quoting it") {
    struct Case {
        const char* text;
        const char* fragment;
    };
    const Case cases[] = {
        {"0.7,0.3", "expected 3 comma-separated numbers"},
        {"0.5,0.2,0.2,0.1", "found 4"},
        {"0.7,x,0.15", "'x' is not a number"},
        {"0.7,,0.3", "'' is not a number"},
        {"", "'' is not a number"},
        {"0.7,0.2,0.2", "sum to"},
        {"1.2,-0.1,-0.1", "fraction -0.1"},
        {"0,0.5,0.5", "train fraction must be greater than 0"},
        {"nan,0.5,0.5", "not a number >= 0"},
    };
    for (const Case& c : cases) {
        INFO("text: ", c.text);
        const std::string quoted = std::string("'") + c.text + "'";
        check_mentions(error_message([&] { parse_split_fractions(c.text); }),
                       {quoted, c.fragment});
    }
}

TEST_CASE("k_fold_splits: each index is tested once, validated on the next fold") {
    for (int k : {3, 5, 10}) {
        for (std::size_t n : {std::size_t(k), std::size_t(23), std::size_t(100)}) {
            INFO("k = ", k, ", n = ", n);
            const std::vector<Split> splits = k_fold_splits(n, k, 11);
            REQUIRE(splits.size() == static_cast<std::size_t>(k));
            std::vector<int> times_tested(n, 0);
            std::size_t smallest = n, largest = 0;
            for (std::size_t i = 0; i < splits.size(); ++i) {
                const Split& s = splits[i];
                for (std::size_t index : s.test) ++times_tested[index];
                CHECK(s.validation == splits[(i + 1) % splits.size()].test);
                CHECK(strictly_ascending(s.train));
                CHECK(strictly_ascending(s.validation));
                CHECK(strictly_ascending(s.test));
                CHECK(disjoint(s.train, s.test));
                CHECK(disjoint(s.train, s.validation));
                CHECK(disjoint(s.validation, s.test));
                CHECK(joined({&s.train, &s.validation, &s.test}) == iota_to(n));
                smallest = std::min(smallest, s.test.size());
                largest = std::max(largest, s.test.size());
            }
            CHECK(std::all_of(times_tested.begin(), times_tested.end(),
                              [](int t) { return t == 1; }));
            CHECK(largest - smallest <= 1);
            CHECK(smallest == n / k);
        }
    }
}

TEST_CASE("k_fold_splits: fold sizes for 10 records in 3 folds") {
    const std::vector<Split> splits = k_fold_splits(10, 3, 5);
    REQUIRE(splits.size() == 3);
    CHECK(splits[0].test.size() == 4);
    CHECK(splits[1].test.size() == 3);
    CHECK(splits[2].test.size() == 3);
    CHECK(splits[0].train.size() == 3);  // fold 2
    CHECK(splits[2].train.size() == 3);  // fold 1
    CHECK(splits[1].train.size() == 4);  // fold 0
}

TEST_CASE("k_fold_splits: deterministic per seed, different across seeds") {
    const auto a = k_fold_splits(50, 5, 3);
    REQUIRE(a.size() == 5);
    CHECK(same(a, k_fold_splits(50, 5, 3)));
    CHECK_FALSE(same(a, k_fold_splits(50, 5, 4)));
}

TEST_CASE("k_fold_splits: k below 3 or above n is an error") {
    check_mentions(error_message([] { k_fold_splits(10, 2, 1); }), {"k >= 3", "got 2"});
    check_mentions(error_message([] { k_fold_splits(10, 0, 1); }), {"got 0"});
    check_mentions(error_message([] { k_fold_splits(10, -4, 1); }), {"got -4"});
    check_mentions(error_message([] { k_fold_splits(4, 5, 1); }), {"4 records into 5 folds"});
}

TEST_CASE("k_fold_splits: a validation fraction draws validation from the training folds") {
    const std::size_t n = 103;
    const auto by_fold = k_fold_splits(n, 5, 9);
    const auto drawn = k_fold_splits(n, 5, 9, 0.15);
    REQUIRE(drawn.size() == 5);
    for (std::size_t i = 0; i < drawn.size(); ++i) {
        CAPTURE(i);
        CHECK(drawn[i].test == by_fold[i].test);  // the same test folds
        const std::size_t rest = n - drawn[i].test.size();
        CHECK(drawn[i].validation.size() == static_cast<std::size_t>(std::llround(0.15 * rest)));
        CHECK(drawn[i].train.size() + drawn[i].validation.size() == rest);
        CHECK(std::is_sorted(drawn[i].validation.begin(), drawn[i].validation.end()));
        CHECK(std::is_sorted(drawn[i].train.begin(), drawn[i].train.end()));
        std::vector<int> seen(n, 0);
        for (const auto* part : {&drawn[i].train, &drawn[i].validation, &drawn[i].test})
            for (std::size_t x : *part) ++seen[x];
        CHECK(std::count(seen.begin(), seen.end(), 1) == static_cast<std::ptrdiff_t>(n));
    }
    CHECK(drawn[0].validation != drawn[1].validation);
    CHECK(same(k_fold_splits(n, 5, 9, 0.15)[2], drawn[2]));
    check_mentions(error_message([] { k_fold_splits(10, 3, 1, 1.0); }), {"validation fraction 1"});
    check_mentions(error_message([] { k_fold_splits(10, 3, 1, 0.01); }), {"no validation records"});
}

namespace {

// 60 groups of 1 to 11 records (361 in all), labelled by sparse numbers
// (label 7g + 3 for group g) and interleaved: each pass adds a record to every
// group not yet full.
std::vector<std::size_t> uneven_groups() {
    std::vector<std::size_t> group_of_record;
    for (std::size_t pass = 0; pass < 11; ++pass)
        for (std::size_t g = 0; g < 60; ++g)
            if (pass <= (7 * g) % 11) group_of_record.push_back(7 * g + 3);
    return group_of_record;
}

// The records of each group label.
std::map<std::size_t, Indices> members_of(const std::vector<std::size_t>& group_of_record) {
    std::map<std::size_t, Indices> members;
    for (std::size_t r = 0; r < group_of_record.size(); ++r) members[group_of_record[r]].push_back(r);
    return members;
}

// Which of a split's parts holds `record`: 0 train, 1 validation, 2 test, -1 none.
int part_of(const Split& s, std::size_t record) {
    const Indices* parts[] = {&s.train, &s.validation, &s.test};
    for (int p = 0; p < 3; ++p)
        if (std::binary_search(parts[p]->begin(), parts[p]->end(), record)) return p;
    return -1;
}

// Checks that `splits` are valid k-fold splits of the groups: in each, the
// parts are sorted, disjoint, cover every record and hold whole groups; every
// record is tested once. Returns each split's test size.
std::vector<std::size_t> check_grouped(const std::vector<Split>& splits,
                                       const std::vector<std::size_t>& group_of_record) {
    const std::size_t n = group_of_record.size();
    std::vector<int> times_tested(n, 0);
    std::vector<std::size_t> test_sizes;
    for (const Split& s : splits) {
        CHECK(strictly_ascending(s.train));
        CHECK(strictly_ascending(s.validation));
        CHECK(strictly_ascending(s.test));
        CHECK(joined({&s.train, &s.validation, &s.test}) == iota_to(n));
        CHECK_FALSE(s.train.empty());
        CHECK_FALSE(s.validation.empty());
        for (const auto& member : members_of(group_of_record)) {
            const auto& records = member.second;
            INFO("group ", member.first);  // a structured binding cannot be captured (C++17)
            const int part = part_of(s, records.front());
            for (std::size_t r : records) CHECK(part_of(s, r) == part);
        }
        for (std::size_t r : s.test) ++times_tested[r];
        test_sizes.push_back(s.test.size());
    }
    CHECK(std::all_of(times_tested.begin(), times_tested.end(), [](int t) { return t == 1; }));
    return test_sizes;
}

std::size_t largest_group(const std::vector<std::size_t>& group_of_record) {
    std::size_t largest = 0;
    for (const auto& [group, records] : members_of(group_of_record)) largest = std::max(largest, records.size());
    return largest;
}

}  // namespace

TEST_CASE("grouped_k_fold_splits: whole groups in every part, each record tested once, balanced folds") {
    const std::vector<std::size_t> groups = uneven_groups();
    REQUIRE(largest_group(groups) == 11);
    for (int k : {3, 5, 10}) {
        INFO("k = ", k);
        const std::vector<Split> splits = grouped_k_fold_splits(groups, k, 4);
        REQUIRE(splits.size() == static_cast<std::size_t>(k));
        for (std::size_t i = 0; i < splits.size(); ++i)
            CHECK(splits[i].validation == splits[(i + 1) % splits.size()].test);
        const std::vector<std::size_t> sizes = check_grouped(splits, groups);
        const auto [smallest, largest] = std::minmax_element(sizes.begin(), sizes.end());
        CHECK(*smallest > 0);
        CHECK(*largest - *smallest <= 11);
    }
}

TEST_CASE("grouped_k_fold_splits: one group far larger than the rest fills a fold of its own") {
    std::vector<std::size_t> groups(60, 0);  // group 0: 60 records
    for (std::size_t g = 1; g <= 40; ++g) groups.push_back(g);
    const std::vector<Split> splits = grouped_k_fold_splits(groups, 4, 2);
    const std::vector<std::size_t> sizes = check_grouped(splits, groups);
    CHECK(std::count(sizes.begin(), sizes.end(), std::size_t{60}) == 1);
    CHECK(std::accumulate(sizes.begin(), sizes.end(), std::size_t{0}) == 100);
    for (std::size_t size : sizes) CHECK((size == 60 || size >= 13));
}

TEST_CASE("grouped_k_fold_splits: a validation fraction draws whole groups from outside the test fold") {
    const std::vector<std::size_t> groups = uneven_groups();
    const auto by_fold = grouped_k_fold_splits(groups, 5, 9);
    const auto drawn = grouped_k_fold_splits(groups, 5, 9, 0.2);
    check_grouped(drawn, groups);
    for (std::size_t i = 0; i < drawn.size(); ++i) {
        CAPTURE(i);
        CHECK(drawn[i].test == by_fold[i].test);
        const std::size_t rest = groups.size() - drawn[i].test.size();
        const auto wanted = static_cast<std::size_t>(std::llround(0.2 * static_cast<double>(rest)));
        CHECK(drawn[i].validation.size() <= wanted);
        CHECK(drawn[i].validation.size() + 11 > wanted);  // short of it by less than a group
    }
    CHECK(drawn[0].validation != drawn[1].validation);
}

TEST_CASE("grouped_k_fold_splits: deterministic per seed, different across seeds") {
    const std::vector<std::size_t> groups = uneven_groups();
    const auto a = grouped_k_fold_splits(groups, 5, 3, 0.1);
    REQUIRE(a.size() == 5);
    CHECK(same(a, grouped_k_fold_splits(groups, 5, 3, 0.1)));
    CHECK_FALSE(same(a, grouped_k_fold_splits(groups, 5, 4, 0.1)));
}

TEST_CASE("grouped_k_fold_splits: every record a group of its own is cut like k_fold_splits") {
    const Indices own = iota_to(23);
    const std::vector<std::size_t> grouped_sizes = check_grouped(grouped_k_fold_splits(own, 5, 8), own);
    const std::vector<std::size_t> plain_sizes = check_grouped(k_fold_splits(23, 5, 8), own);
    for (const auto* sizes : {&grouped_sizes, &plain_sizes}) {
        const auto [smallest, largest] = std::minmax_element(sizes->begin(), sizes->end());
        CHECK(*smallest == 4);
        CHECK(*largest == 5);
    }
}

TEST_CASE("grouped_k_fold_splits: fewer groups than folds, or groups too large to validate on, are errors") {
    const std::vector<std::size_t> four_groups{0, 0, 1, 1, 1, 2, 2, 3, 3, 3, 3};
    check_mentions(error_message([&] { grouped_k_fold_splits(four_groups, 5, 1); }),
                   {"11 records in 4 groups into 5 folds", "at least as many groups as folds"});
    check_mentions(error_message([&] { grouped_k_fold_splits(four_groups, 2, 1); }), {"k >= 3"});
    CHECK(grouped_k_fold_splits(four_groups, 4, 1).size() == 4);
    // The groups hold 2 to 4 records; outside the test fold of the group of
    // 4 a tenth of the other 7 records is 1, which no group fits into.
    check_mentions(error_message([&] { grouped_k_fold_splits(four_groups, 3, 1, 0.1); }),
                   {"fewer than any of their groups holds"});
}
