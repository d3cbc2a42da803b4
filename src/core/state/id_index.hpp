// Finds an entity's position in State's lists from its id without storing the id a second
// time as a string. An id as the app makes it ("d-0193a5c8e1f200003fa9c1d2": the list's
// prefix, a dash, 24 lowercase hex digits, see entityId) is kept in its slot packed into 96
// bits, so looking it up touches that one slot (open addressing, linear probing, at most 3/4
// full). Any other id (from another tool, or edited by hand) is kept as a hash, and whoever
// looks up says how to read the id at a position, so that it is compared with the id itself.
// A restore of 100,000 debtors (300,000 invoices, 240,000 payments) makes 2.6 million lookups:
// reading the id back from the entity and its text cost two more cache misses each.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace recobra {

class IdIndex {
public:
    using Position = std::uint32_t;

    // `prefix`: the letter of the ids the app makes for this list ('d' for debtors); 0 packs none.
    explicit IdIndex(char prefix = 0) : prefix_(prefix) {}

    // idOf(position) -> the id of the entity at that position (anything comparable to a
    // string_view); only called for ids the index could not pack.
    template <class IdOf> std::optional<Position> find(std::string_view id, const IdOf& idOf) const {
        if (size_ == 0) return std::nullopt;
        const Slot key = keyOf(id);
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t s = homeOf(key) & mask;; s = (s + 1) & mask) {
            const Slot& slot = slots_[s];
            if (slot.tag == 0) return std::nullopt;
            if (slot.low == key.low && slot.high == key.high && (slot.tag & kHashed) == (key.tag & kHashed)) {
                const Position position = (slot.tag & ~kHashed) - 1;
                if (!(slot.tag & kHashed) || std::string_view(idOf(position)) == id) return position;
            }
        }
    }

    // Adds an id the index does not hold yet (the caller looked it up first: given an id it
    // holds, it would hold it twice and find either).
    void insert(std::string_view id, Position position);
    void reserve(std::size_t count);

    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    std::size_t capacity() const { return slots_.size(); }
    std::vector<Position> positions() const; // ascending

    // Same positions indexed (with equal lists, the same ids): the slots' order may differ.
    friend bool operator==(const IdIndex& a, const IdIndex& b) {
        return a.size_ == b.size_ && a.positions() == b.positions();
    }

private:
    static constexpr std::uint32_t kHashed = 0x80000000U; // tag bit: the key is a hash

    struct Slot {
        std::uint64_t low = 0;  // packed: the first 16 hex digits; hashed: the id's hash
        std::uint32_t high = 0; // packed: the last 8 hex digits; hashed: the id's length
        std::uint32_t tag = 0;  // position + 1 (0: empty), with kHashed
    };
    Slot keyOf(std::string_view id) const; // tag: 0 or kHashed
    static std::uint64_t homeOf(const Slot& key);
    void place(Slot slot);
    void rebuild(std::size_t slots);

    char prefix_;
    std::vector<Slot> slots_; // empty, or a power of two
    std::size_t size_ = 0;
};

} // namespace recobra
