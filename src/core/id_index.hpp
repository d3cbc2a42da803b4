// Finds an entity's position in State's lists from its id without storing the id a second
// time: the ids live in the entities, the index keeps a 32-bit hash and the position per slot
// (open addressing, linear probing, at most 3/4 full). Whoever looks up says how to read the id
// at a position, so one index serves any list. With 100,000 debtors (300,000 invoices, 240,000
// payments) the slots take a few MB per list where map nodes and copied ids took tens: a
// restore of that data peaked at 700 MB of wasm memory instead of 835. A lookup touches one
// slot and the entity it names.
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

    // idOf(position) -> the id of the entity at that position (anything comparable to a
    // string_view).
    template <class IdOf> std::optional<Position> find(std::string_view id, const IdOf& idOf) const {
        if (size_ == 0) return std::nullopt;
        const std::uint32_t hash = hashOf(id);
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t s = hash & mask;; s = (s + 1) & mask) {
            const Slot& slot = slots_[s];
            if (slot.position == 0) return std::nullopt;
            if (slot.hash == hash && std::string_view(idOf(slot.position - 1)) == id) return slot.position - 1;
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
    struct Slot {
        std::uint32_t hash = 0;
        Position position = 0; // position + 1; 0: empty
    };
    static std::uint32_t hashOf(std::string_view id);
    void place(Slot slot);
    void rebuild(std::size_t slots);

    std::vector<Slot> slots_; // empty, or a power of two
    std::size_t size_ = 0;
};

} // namespace recobra
