#include "core/state/number_index.hpp"

#include <algorithm>
#include <stdexcept>

namespace recobra {

namespace {

constexpr std::size_t kMinSlots = 16;

// Slots for `count` keys at most 3/4 full: a power of two.
std::size_t slotsFor(std::size_t count) {
    std::size_t slots = kMinSlots;
    while (slots / 4 * 3 < count) slots *= 2;
    return slots;
}

} // namespace

std::size_t NumberIndex::home(std::uint32_t hash) {
    // murmur3's 32-bit finalizer: linear probing takes the low bits as the home slot.
    std::uint32_t h = hash;
    h ^= h >> 16;
    h *= 0x85ebca6bU;
    h ^= h >> 13;
    h *= 0xc2b2ae35U;
    h ^= h >> 16;
    return h;
}

void NumberIndex::cover(Position position) {
    if (position == kEnd) throw std::length_error("NumberIndex: too many invoices");
    if (position < next_.size()) return;
    next_.resize(std::size_t{position} + 1, kEnd);
    prev_.resize(std::size_t{position} + 1, kEnd);
}

void NumberIndex::place(Slot slot) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t s = home(slot.hash) & mask;
    while (slots_[s].head != kEnd) s = (s + 1) & mask;
    slots_[s] = slot;
}

void NumberIndex::rebuild(std::size_t slots) {
    std::vector<Slot> old(slots, Slot{});
    old.swap(slots_);
    for (const Slot& slot : old)
        if (slot.head != kEnd) place(slot);
}

void NumberIndex::addSlot(Slot slot) {
    if (slots_.size() / 4 * 3 < keys_ + 1) rebuild(std::max(kMinSlots, slots_.size() * 2));
    place(slot);
    ++keys_;
}

// Linear probing's deletion without tombstones: the keys after the hole that could sit in it
// (their home is not between the hole and where they are) move back into it, one at a time.
void NumberIndex::removeSlot(std::size_t hole) {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t s = (hole + 1) & mask; slots_[s].head != kEnd; s = (s + 1) & mask) {
        const std::size_t h = home(slots_[s].hash) & mask;
        const bool staysAfterHole = hole <= s ? (hole < h && h <= s) : (hole < h || h <= s);
        if (staysAfterHole) continue;
        slots_[hole] = slots_[s];
        hole = s;
    }
    slots_[hole] = Slot{};
    --keys_;
}

void NumberIndex::reserve(std::size_t positions) {
    const std::size_t slots = slotsFor(positions);
    if (slots > slots_.size()) rebuild(slots);
    next_.reserve(positions);
    prev_.reserve(positions);
}

std::vector<std::vector<NumberIndex::Position>> NumberIndex::groups() const {
    std::vector<std::vector<Position>> out;
    out.reserve(keys_);
    for (const Slot& slot : slots_) {
        if (slot.head == kEnd) continue;
        auto& group = out.emplace_back();
        for (Position p = slot.head; p != kEnd; p = next_[p]) group.push_back(p);
        std::sort(group.begin(), group.end());
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace recobra
