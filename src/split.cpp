#include "gsattn/split.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numeric>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>

#include "gsattn/error.hpp"
#include "gsattn/random.hpp"
#include "gsattn/text.hpp"

namespace gsattn {
namespace {

// 0..n-1 in a seed-determined order (Fisher-Yates; Rng::below is the same on every platform).
std::vector<std::size_t> shuffled(std::size_t n, std::uint64_t seed) {
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    Rng rng(seed);
    for (std::size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
    return order;
}

std::vector<std::size_t> sorted(std::vector<std::size_t>::const_iterator begin,
                                std::vector<std::size_t>::const_iterator end) {
    std::vector<std::size_t> out(begin, end);
    std::sort(out.begin(), out.end());
    return out;
}

void append(std::vector<std::size_t>& to, const std::vector<std::size_t>& from) {
    to.insert(to.end(), from.begin(), from.end());
}

// Empty when the fractions are usable, else what is wrong with them.
std::string fraction_problem(const std::array<double, 3>& f) {
    const char* names[] = {"train", "validation", "test"};
    for (int i = 0; i < 3; ++i)
        if (!std::isfinite(f[i]) || f[i] < 0)
            return fmt::format("the {} fraction {} is not a number >= 0", names[i], f[i]);
    if (std::abs(f[0] + f[1] + f[2] - 1.0) > 1e-6)
        return fmt::format("the fractions sum to {:g}, not 1", f[0] + f[1] + f[2]);
    if (f[0] <= 0) return "the train fraction must be greater than 0";
    return "";
}

// Records in groups: group g holds records members(g), ascending; groups are
// numbered 0..count()-1 in the order of their smallest record.
class Groups {
public:
    // Every record a group of its own.
    static Groups singletons(std::size_t n) {
        Groups groups;
        for (std::size_t r = 0; r < n; ++r) groups.members_.push_back({r});
        return groups;
    }
    // The groups of records labelled by any numbers; equal numbers, one group.
    static Groups of(const std::vector<std::size_t>& label_of_record) {
        Groups groups;
        std::unordered_map<std::size_t, std::size_t> number_of_label;
        for (std::size_t r = 0; r < label_of_record.size(); ++r) {
            const auto [it, fresh] = number_of_label.try_emplace(label_of_record[r], groups.members_.size());
            if (fresh) groups.members_.emplace_back();
            groups.members_[it->second].push_back(r);
        }
        return groups;
    }
    std::size_t count() const { return members_.size(); }
    std::size_t size(std::size_t g) const { return members_[g].size(); }
    const std::vector<std::size_t>& members(std::size_t g) const { return members_[g]; }

private:
    std::vector<std::vector<std::size_t>> members_;
};

void check_fold_arguments(int k, double validation_fraction) {
    if (!(validation_fraction >= 0 && validation_fraction < 1))
        throw Error(fmt::format("validation fraction {} must lie in [0, 1)", validation_fraction));
    if (k < 3)
        throw Error(fmt::format("k-fold cross-validation needs k >= 3 (a test, a validation and "
                                "at least one training fold), got {}",
                                k));
}

// Which groups split f validates on (true): the groups outside fold f in an
// order drawn by seed and f, each taken if it still fits into
// round(fraction x the records outside fold f).
std::vector<bool> drawn_for_validation(const Groups& groups, const std::vector<std::size_t>& fold_of_group,
                                       std::size_t f, std::uint64_t seed, double fraction) {
    std::vector<std::size_t> outside;
    std::size_t records_outside = 0;
    for (std::size_t g = 0; g < groups.count(); ++g) {
        if (fold_of_group[g] == f) continue;
        outside.push_back(g);
        records_outside += groups.size(g);
    }
    const auto wanted = static_cast<std::size_t>(std::llround(fraction * static_cast<double>(records_outside)));
    if (wanted == 0 || wanted == records_outside)
        throw Error(fmt::format("a validation fraction of {} of {} records leaves no {} records", fraction,
                                records_outside, wanted == 0 ? "validation" : "training"));
    std::vector<bool> drawn(groups.count(), false);
    std::size_t taken = 0;
    for (const std::size_t i : shuffled(outside.size(), seed + 1 + f)) {
        if (taken == wanted) break;
        if (taken + groups.size(outside[i]) > wanted) continue;
        drawn[outside[i]] = true;
        taken += groups.size(outside[i]);
    }
    if (taken == 0)
        throw Error(fmt::format("a validation fraction of {} of the {} records outside test fold {} is {} "
                                "records, fewer than any of their groups holds: choose a larger fraction",
                                fraction, records_outside, f + 1, wanted));
    return drawn;
}

// Split f tests on fold f and validates on fold f + 1 (mod k), or with
// validation_fraction > 0 on groups drawn from outside fold f.
std::vector<Split> splits_of_folds(const Groups& groups, const std::vector<std::size_t>& fold_of_group,
                                   std::size_t folds, std::uint64_t seed, double validation_fraction) {
    std::vector<Split> splits(folds);
    for (std::size_t f = 0; f < folds; ++f) {
        const std::vector<bool> drawn =
            validation_fraction > 0 ? drawn_for_validation(groups, fold_of_group, f, seed, validation_fraction)
                                    : std::vector<bool>();
        for (std::size_t g = 0; g < groups.count(); ++g) {
            const std::size_t fold = fold_of_group[g];
            const bool validation = validation_fraction > 0 ? drawn[g] : fold == (f + 1) % folds;
            append(fold == f ? splits[f].test : validation ? splits[f].validation : splits[f].train,
                   groups.members(g));
        }
        for (std::vector<std::size_t>* part : {&splits[f].train, &splits[f].validation, &splits[f].test})
            std::sort(part->begin(), part->end());
    }
    return splits;
}

}  // namespace

Split random_split(std::size_t n, std::array<double, 3> fractions, std::uint64_t seed) {
    if (const std::string problem = fraction_problem(fractions); !problem.empty())
        throw Error(fmt::format("bad split fractions {},{},{}: {}", fractions[0], fractions[1],
                                fractions[2], problem));
    const auto n_validation = static_cast<std::size_t>(std::llround(fractions[1] * n));
    const auto n_test = static_cast<std::size_t>(std::llround(fractions[2] * n));
    if (n_validation + n_test >= n)
        throw Error(fmt::format("splitting {} records by {},{},{} leaves no training records "
                                "({} validation, {} test)",
                                n, fractions[0], fractions[1], fractions[2], n_validation, n_test));
    const std::vector<std::size_t> order = shuffled(n, seed);
    const auto train_end = order.begin() + static_cast<std::ptrdiff_t>(n - n_validation - n_test);
    const auto validation_end = train_end + static_cast<std::ptrdiff_t>(n_validation);
    return {sorted(order.begin(), train_end), sorted(train_end, validation_end),
            sorted(validation_end, order.end())};
}

std::array<double, 3> parse_split_fractions(const std::string& text) {
    std::array<double, 3> fractions{};
    std::size_t count = 0, begin = 0;
    while (true) {
        const std::size_t comma = text.find(',', begin);
        std::string field =
            text.substr(begin, comma == std::string::npos ? std::string::npos : comma - begin);
        field.erase(0, field.find_first_not_of(" \t"));
        field.erase(field.find_last_not_of(" \t") + 1);
        const auto value = parse_number(field);
        if (!value) throw Error(fmt::format("split fractions '{}': '{}' is not a number", text, field));
        if (count < 3) fractions[count] = *value;
        ++count;
        if (comma == std::string::npos) break;
        begin = comma + 1;
    }
    if (count != 3)
        throw Error(fmt::format("split fractions '{}': expected 3 comma-separated numbers "
                                "(train,validation,test), found {}",
                                text, count));
    if (const std::string problem = fraction_problem(fractions); !problem.empty())
        throw Error(fmt::format("split fractions '{}': {}", text, problem));
    return fractions;
}

std::vector<Split> k_fold_splits(std::size_t n, int k, std::uint64_t seed, double validation_fraction) {
    check_fold_arguments(k, validation_fraction);
    const auto folds = static_cast<std::size_t>(k);
    if (folds > n)
        throw Error(fmt::format("cannot cut {} records into {} folds", n, k));
    // Each record is a group of its own; the first n % k folds take one record more.
    const std::vector<std::size_t> order = shuffled(n, seed);
    std::vector<std::size_t> fold_of_record(n);
    std::size_t next = 0;
    for (std::size_t f = 0; f < folds; ++f) {
        const std::size_t size = n / folds + (f < n % folds ? 1 : 0);
        for (std::size_t r = 0; r < size; ++r) fold_of_record[order[next++]] = f;
    }
    return splits_of_folds(Groups::singletons(n), fold_of_record, folds, seed, validation_fraction);
}

std::vector<Split> grouped_k_fold_splits(const std::vector<std::size_t>& group_of_record, int k,
                                         std::uint64_t seed, double validation_fraction) {
    check_fold_arguments(k, validation_fraction);
    const auto folds = static_cast<std::size_t>(k);
    const Groups groups = Groups::of(group_of_record);
    if (groups.count() < folds)
        throw Error(fmt::format("cannot cut {} records in {} groups into {} folds: every group must lie "
                                "in one fold, so there must be at least as many groups as folds",
                                group_of_record.size(), groups.count(), k));
    // Largest first, ties in a seeded order, each into the fold with the
    // fewest records so far (the lowest-numbered of equals). The first k
    // groups open the k folds, so none is empty, and no fold outgrows
    // another by more than the largest group.
    std::vector<std::size_t> by_size = shuffled(groups.count(), seed);
    std::stable_sort(by_size.begin(), by_size.end(),
                     [&](std::size_t a, std::size_t b) { return groups.size(a) > groups.size(b); });
    std::vector<std::size_t> fold_of_group(groups.count()), fold_size(folds, 0);
    for (const std::size_t g : by_size) {
        const auto smallest = static_cast<std::size_t>(
            std::min_element(fold_size.begin(), fold_size.end()) - fold_size.begin());
        fold_of_group[g] = smallest;
        fold_size[smallest] += groups.size(g);
    }
    return splits_of_folds(groups, fold_of_group, folds, seed, validation_fraction);
}

}  // namespace gsattn
