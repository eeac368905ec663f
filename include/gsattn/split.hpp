// Train / validation / test splits of a dataset by seed: one random split by
// fractions, or k-fold cross-validation. Indices only; the caller owns the data.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace gsattn {

struct Split {
    // Indices into the dataset, each sorted ascending.
    std::vector<std::size_t> train, validation, test;
};

// Shuffles 0..n-1 with Rng(seed) (Fisher-Yates) and cuts it by the fractions (train, validation,
// test; each >= 0, summing to 1 within 1e-6, train > 0). Sizes: validation = round(f_val * n),
// test = round(f_test * n), train = the rest. Throws Error on bad fractions or an empty train set.
Split random_split(std::size_t n, std::array<double, 3> fractions, std::uint64_t seed);

// Parses "0.7,0.15,0.15" and checks the fractions as random_split does; the Error quotes `text`.
std::array<double, 3> parse_split_fractions(const std::string& text);

// K-fold cross-validation: shuffles with Rng(seed) and cuts into k folds whose sizes differ by at
// most 1. Split i tests on fold i, validates on fold (i + 1) mod k and trains on the other k - 2,
// so every index is in exactly one test set. With validation_fraction > 0, split i instead
// validates on round(fraction x m) of the m records outside fold i (drawn by seed and i) and
// trains on the rest. Throws Error unless 3 <= k <= n and 0 <= fraction < 1 leaves both sets
// non-empty.
std::vector<Split> k_fold_splits(std::size_t n, int k, std::uint64_t seed, double validation_fraction = 0);

// K-fold cross-validation that keeps each group of records in one fold, so
// that no test fold shares a group with its training or validation set.
// group_of_record[r] labels record r's group (any numbers; equal numbers, one
// group). The groups are shuffled by seed, then stably sorted largest first,
// and each goes to the fold with the fewest records so far (the lowest-numbered
// of equals): no fold is empty, and fold sizes differ by at most the largest
// group's size. Split i tests on fold i and validates on fold (i + 1) mod k,
// as k_fold_splits does; with validation_fraction > 0 it validates instead on
// whole groups outside fold i, taken in an order drawn by seed and i while
// they fit into round(fraction x m) of the m records there. Throws Error
// unless k >= 3, there are at least k groups, and the fraction (0 <= f < 1)
// gives each split some validation records (a group small enough) and some
// training records.
std::vector<Split> grouped_k_fold_splits(const std::vector<std::size_t>& group_of_record, int k,
                                         std::uint64_t seed, double validation_fraction = 0);

}  // namespace gsattn
