#include "id_index.hpp"

#include <algorithm>
#include <functional>

namespace recobra {

namespace {

constexpr std::size_t kMinSlots = 16;

// Slots for `count` ids at most 3/4 full: a power of two.
std::size_t slotsFor(std::size_t count) {
    std::size_t slots = kMinSlots;
    while (slots / 4 * 3 < count) slots *= 2;
    return slots;
}

} // namespace

std::uint32_t IdIndex::hashOf(std::string_view id) {
    // The standard hash, folded to 32 bits and mixed once more (murmur3's finalizer): linear
    // probing takes the low bits as the home slot, so they must depend on every byte.
    const std::uint64_t wide = std::hash<std::string_view>{}(id);
    auto h = static_cast<std::uint32_t>(wide ^ (wide >> 32));
    h ^= h >> 16;
    h *= 0x85ebca6bU;
    h ^= h >> 13;
    h *= 0xc2b2ae35U;
    h ^= h >> 16;
    return h;
}

void IdIndex::place(Slot slot) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t s = slot.hash & mask;
    while (slots_[s].position != 0) s = (s + 1) & mask;
    slots_[s] = slot;
}

void IdIndex::rebuild(std::size_t slots) {
    std::vector<Slot> old(slots, Slot{});
    old.swap(slots_);
    for (const Slot& slot : old)
        if (slot.position != 0) place(slot);
}

void IdIndex::insert(std::string_view id, Position position) {
    if (slots_.size() / 4 * 3 < size_ + 1) rebuild(std::max(kMinSlots, slots_.size() * 2));
    place(Slot{hashOf(id), position + 1});
    ++size_;
}

void IdIndex::reserve(std::size_t count) {
    const std::size_t slots = slotsFor(count);
    if (slots > slots_.size()) rebuild(slots);
}

std::vector<IdIndex::Position> IdIndex::positions() const {
    std::vector<Position> out;
    out.reserve(size_);
    for (const Slot& slot : slots_)
        if (slot.position != 0) out.push_back(slot.position - 1);
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace recobra
