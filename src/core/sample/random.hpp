#pragma once
// The generator's own random numbers: xoshiro256** seeded through splitmix64, and integer
// ranges drawn by rejection. No std:: distributions and no floating point, so a seed gives
// the same numbers with every compiler and platform (native and wasm alike).
#include <cstddef>
#include <cstdint>
#include <initializer_list>

namespace recobra::gen {

// splitmix64: a good 64-bit mixer, used to seed streams and to hash small keys.
inline std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// The seed of an independent stream for (seed, stream, index): debtor 17's story does not
// depend on how many debtors come before or after it.
inline std::uint64_t streamSeed(std::uint64_t seed, std::uint64_t stream, std::uint64_t index) {
    std::uint64_t s = seed;
    std::uint64_t a = splitmix64(s) ^ (stream * 0xD1B54A32D192ED03ull);
    std::uint64_t b = splitmix64(a) ^ (index * 0x8CB92BA72F3D8DD7ull);
    return splitmix64(b);
}

class Rng {
public:
    explicit Rng(std::uint64_t seed) {
        for (auto& word : s_) word = splitmix64(seed);
    }

    std::uint64_t next() {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }

    // Uniform in [0, n), without modulo bias; n must be positive.
    std::uint64_t below(std::uint64_t n) {
        const std::uint64_t threshold = (0 - n) % n; // 2^64 mod n
        for (;;) {
            const std::uint64_t r = next();
            if (r >= threshold) return r % n;
        }
    }

    // Uniform in [lo, hi], both included.
    std::int64_t range(std::int64_t lo, std::int64_t hi) {
        if (hi <= lo) return lo;
        return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
    }
    int between(int lo, int hi) { return static_cast<int>(range(lo, hi)); }

    // True `perMille` times in a thousand.
    bool chance(unsigned perMille) { return below(1000) < perMille; }

    // An index drawn with the given integer weights.
    unsigned weighted(std::initializer_list<unsigned> weights) {
        std::uint64_t total = 0;
        for (unsigned w : weights) total += w;
        std::uint64_t r = below(total);
        unsigned index = 0;
        for (unsigned w : weights) {
            if (r < w) return index;
            r -= w;
            ++index;
        }
        return index - 1;
    }

    // Uniform in [0, n) as an index.
    std::size_t index(std::size_t n) {
        return static_cast<std::size_t>(below(static_cast<std::uint64_t>(n)));
    }

    template <class T, std::size_t N> const T& pick(const T (&items)[N]) { return items[index(N)]; }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t s_[4];
};

} // namespace recobra::gen
