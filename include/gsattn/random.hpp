// A random number generator whose output is fixed by its seed on every
// platform (std:: distributions are implementation-defined, so the
// distributions are written here): xoshiro256** seeded through splitmix64
// (Blackman & Vigna, "Scrambled linear pseudorandom number generators", 2021).
#pragma once

#include <array>
#include <cstdint>

namespace gsattn {

class Rng {
public:
    explicit Rng(std::uint64_t seed);
    // An independent stream for item `index` of a run seeded with `seed`,
    // so that results do not depend on how items are spread over threads.
    static Rng for_item(std::uint64_t seed, std::uint64_t index);

    std::uint64_t next();
    double uniform();                        // [0, 1)
    std::uint64_t below(std::uint64_t n);    // [0, n), unbiased; n > 0
    std::int64_t between(std::int64_t lo, std::int64_t hi);  // [lo, hi]
    double normal();                         // standard normal
    bool coin() { return (next() >> 63) != 0; }

    // The generator's whole state, to save it and go on later.
    using State = std::array<std::uint64_t, 4>;
    State state() const { return s_; }
    static Rng from_state(const State& state);

private:
    Rng() = default;
    State s_{};
};

}  // namespace gsattn
