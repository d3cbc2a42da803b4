// The index of invoice numbers: every position under its key, as a map of lists would have
// them, through adds, removals and keys that change, with hashes that collide on purpose.
#include "core/state/number_index.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>
#include <vector>

using namespace recobra;
using namespace recobra::test;

namespace {

using Position = NumberIndex::Position;

// Positions with a key each (or none: not indexed), the index and a plain map side by side.
struct Model {
    explicit Model(std::uint64_t hashes) : modulus(hashes) {}
    std::uint64_t modulus; // few hashes: long runs of slots, and keys that share a hash
    std::vector<int> keys; // -1: not indexed
    NumberIndex index;
    std::map<int, std::set<Position>> expected;

    std::uint64_t hash(int key) const { return static_cast<std::uint64_t>(key) % modulus * 0x9e3779b97f4a7c15ULL; }
    auto hasKey(int key) const {
        return [this, key](Position p) { return keys[p] == key; };
    }
    std::set<Position> found(int key) const {
        std::set<Position> out;
        for (Position p = index.first(hash(key), hasKey(key)); p != NumberIndex::kEnd; p = index.next(p))
            REQUIRE(out.insert(p).second);
        return out;
    }
    void add(Position p, int key) {
        if (p >= keys.size()) keys.resize(p + 1, -1);
        REQUIRE(keys[p] == -1);
        keys[p] = key;
        index.insert(hash(key), p, hasKey(key));
        expected[key].insert(p);
    }
    void remove(Position p) {
        const int key = keys[p];
        REQUIRE(key >= 0);
        index.erase(hash(key), p, hasKey(key));
        keys[p] = -1;
        expected[key].erase(p);
    }
    void check(int maxKey) const {
        std::size_t total = 0;
        for (int key = 0; key <= maxKey; ++key) {
            const auto it = expected.find(key);
            const std::set<Position> want = it == expected.end() ? std::set<Position>{} : it->second;
            CHECK(found(key) == want);
            total += want.size();
        }
        CHECK(index.size() == total);
    }
};

} // namespace

TEST_CASE("a NumberIndex finds every position under its key through adds, removals and renames") {
    for (const std::uint64_t modulus : {1ULL << 40, 7ULL, 1ULL}) {
        CAPTURE(modulus);
        Model m(modulus);
        Rng rng(modulus);
        constexpr int kKeys = 300;
        constexpr Position kPositions = 2000;
        for (int round = 0; round < 6000; ++round) {
            const auto p = static_cast<Position>(rng.below(kPositions));
            const bool indexed = p < m.keys.size() && m.keys[p] >= 0;
            if (!indexed) {
                m.add(p, static_cast<int>(rng.below(kKeys)));
            } else if (rng.below(3) == 0) {
                m.remove(p);
            } else { // a new number: out under the old key, in under the new one
                m.remove(p);
                m.add(p, static_cast<int>(rng.below(kKeys)));
            }
            if (round % 1000 == 999) m.check(kKeys);
        }
        // Everything out again, key by key: the table is left empty.
        for (Position p = 0; p < m.keys.size(); ++p)
            if (m.keys[p] >= 0) m.remove(p);
        m.check(kKeys);
        CHECK(m.index == NumberIndex{});
    }
}

TEST_CASE("two NumberIndexes are equal when they hold the same positions under the same keys, in any order") {
    Model a(1ULL << 40), b(1ULL << 40);
    for (Position p = 0; p < 10; ++p) a.add(p, static_cast<int>(p % 3));
    for (Position p = 10; p-- > 0;) b.add(p, static_cast<int>(p % 3));
    CHECK(a.index == b.index);
    b.remove(4);
    CHECK_FALSE(a.index == b.index);
    b.add(4, 2); // the same position under another key
    CHECK_FALSE(a.index == b.index);
    b.remove(4);
    b.add(4, 1);
    CHECK(a.index == b.index);
    // A position taken out that was never put in changes nothing.
    a.index.erase(a.hash(0), 500, a.hasKey(0));
    CHECK(a.index == b.index);
}
