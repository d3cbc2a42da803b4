// A debtor's invoices by number, so that whether a debtor already has a number is one lookup
// however many invoices it has. (Going through them all made importing N invoices for one
// customer N²/2 comparisons: 20,000 rows took 42 s.)
//
// The index holds positions (of State::invoices) under a key the caller hashes; it copies no
// text: whoever looks up says whether the invoice at a position has the key it looks for
// (hashes collide). Each key takes one slot of an open-addressing table (linear probing, at
// most 3/4 full) naming one invoice with it; the others with the same key (two devices may
// each have given a debtor the same number) are linked to it through two lists indexed by
// position, so that adding or taking out one is O(1) however many share its key.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace recobra {

class NumberIndex {
public:
    using Position = std::uint32_t;
    static constexpr Position kEnd = 0xffffffffU;

    // One position whose key hashes to `hash` and for which hasKey(position) is true; kEnd
    // when there is none. next() walks the others with that key.
    template <class HasKey> Position first(std::uint64_t hash, const HasKey& hasKey) const {
        const std::size_t s = find(narrow(hash), hasKey);
        return s == kNoSlot ? kEnd : slots_[s].head;
    }
    Position next(Position position) const { return position < next_.size() ? next_[position] : kEnd; }

    // Adds a position under its key (the position must not be indexed yet).
    template <class HasKey> void insert(std::uint64_t hash, Position position, const HasKey& hasKey) {
        const std::uint32_t h = narrow(hash);
        cover(position);
        const std::size_t s = find(h, hasKey);
        if (s == kNoSlot) {
            addSlot(Slot{h, position});
            next_[position] = kEnd;
        } else {
            const Position head = slots_[s].head;
            next_[position] = head;
            prev_[head] = position;
            slots_[s].head = position;
        }
        prev_[position] = kEnd;
        ++size_;
    }

    // Takes out a position indexed under this key; hasKey must still say it has the key
    // (take it out before its number changes, then insert it under the new one).
    template <class HasKey> void erase(std::uint64_t hash, Position position, const HasKey& hasKey) {
        if (position >= next_.size()) return; // never indexed
        const Position after = next_[position], before = prev_[position];
        if (before != kEnd) {
            next_[before] = after;
            if (after != kEnd) prev_[after] = before;
        } else {
            const std::size_t s = find(narrow(hash), hasKey);
            if (s == kNoSlot || slots_[s].head != position) return; // not indexed: nothing to take out
            if (after != kEnd) {
                slots_[s].head = after;
                prev_[after] = kEnd;
            } else {
                removeSlot(s);
            }
        }
        next_[position] = prev_[position] = kEnd;
        --size_;
    }

    void reserve(std::size_t positions); // room for that many without growing
    std::size_t size() const { return size_; } // positions indexed

    // The same positions under the same keys (the slots' order and each key's list may differ).
    friend bool operator==(const NumberIndex& a, const NumberIndex& b) {
        return a.size_ == b.size_ && a.groups() == b.groups();
    }

private:
    static constexpr std::size_t kNoSlot = ~std::size_t{0};
    struct Slot {
        std::uint32_t hash = 0;
        Position head = kEnd; // kEnd: the slot is empty
    };

    static std::uint32_t narrow(std::uint64_t hash) { return static_cast<std::uint32_t>(hash ^ (hash >> 32)); }
    static std::size_t home(std::uint32_t hash);
    template <class HasKey> std::size_t find(std::uint32_t h, const HasKey& hasKey) const {
        if (slots_.empty()) return kNoSlot;
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t s = home(h) & mask;; s = (s + 1) & mask) {
            const Slot& slot = slots_[s];
            if (slot.head == kEnd) return kNoSlot;
            if (slot.hash == h && hasKey(slot.head)) return s;
        }
    }
    void cover(Position position); // the lists reach `position`
    void addSlot(Slot slot);
    void removeSlot(std::size_t s);
    void place(Slot slot);
    void rebuild(std::size_t slots);
    std::vector<std::vector<Position>> groups() const; // each key's positions, sorted

    std::vector<Slot> slots_; // empty, or a power of two
    std::vector<Position> next_, prev_;
    std::size_t keys_ = 0, size_ = 0;
};

} // namespace recobra
