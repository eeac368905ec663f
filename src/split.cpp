#include "gsattn/split.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numeric>
#include <string_view>

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
    if (!(validation_fraction >= 0 && validation_fraction < 1))
        throw Error(fmt::format("validation fraction {} must lie in [0, 1)", validation_fraction));
    if (k < 3)
        throw Error(fmt::format("k-fold cross-validation needs k >= 3 (a test, a validation and "
                                "at least one training fold), got {}",
                                k));
    const auto folds_wanted = static_cast<std::size_t>(k);
    if (folds_wanted > n)
        throw Error(fmt::format("cannot cut {} records into {} folds", n, k));
    const std::vector<std::size_t> order = shuffled(n, seed);
    // The first n % k folds take one record more.
    std::vector<std::vector<std::size_t>> folds;
    auto begin = order.begin();
    for (std::size_t i = 0; i < folds_wanted; ++i) {
        const std::size_t size = n / folds_wanted + (i < n % folds_wanted ? 1 : 0);
        const auto end = begin + static_cast<std::ptrdiff_t>(size);
        folds.push_back(sorted(begin, end));
        begin = end;
    }
    std::vector<Split> splits(folds_wanted);
    for (std::size_t i = 0; i < folds_wanted; ++i) {
        splits[i].test = folds[i];
        if (validation_fraction > 0) {
            std::vector<std::size_t> rest;
            for (std::size_t j = 0; j < folds_wanted; ++j)
                if (j != i) append(rest, folds[j]);
            std::sort(rest.begin(), rest.end());
            const auto m = static_cast<std::size_t>(std::llround(validation_fraction * static_cast<double>(rest.size())));
            if (m == 0 || m == rest.size())
                throw Error(fmt::format("a validation fraction of {} of {} records leaves no {} records",
                                        validation_fraction, rest.size(), m == 0 ? "validation" : "training"));
            const std::vector<std::size_t> order_in_rest = shuffled(rest.size(), seed + 1 + i);
            for (std::size_t r = 0; r < rest.size(); ++r)
                (r < m ? splits[i].validation : splits[i].train).push_back(rest[order_in_rest[r]]);
            std::sort(splits[i].validation.begin(), splits[i].validation.end());
        } else {
            const std::size_t next = (i + 1) % folds_wanted;
            splits[i].validation = folds[next];
            for (std::size_t j = 0; j < folds_wanted; ++j)
                if (j != i && j != next) append(splits[i].train, folds[j]);
        }
        std::sort(splits[i].train.begin(), splits[i].train.end());
    }
    return splits;
}

}  // namespace gsattn
