#include "core/state/id_index.hpp"

#include "core/values/ids.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>

namespace recobra {

namespace {

constexpr std::size_t kMinSlots = 16;

// Slots for `count` ids at most 3/4 full: a power of two.
std::size_t slotsFor(std::size_t count) {
    std::size_t slots = kMinSlots;
    while (slots / 4 * 3 < count) slots *= 2;
    return slots;
}

// murmur3's 64-bit finalizer: linear probing takes the low bits as the home slot, so they
// must depend on every bit of the key (packed ids differ mostly in their middle digits).
std::uint64_t mix(std::uint64_t h) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

} // namespace

IdIndex::Slot IdIndex::keyOf(std::string_view id) const {
    std::uint8_t bytes[12];
    if (prefix_ != 0 && !id.empty() && id[0] == prefix_ && entityIdBytes(id, bytes)) {
        std::uint64_t low = 0;
        std::uint32_t high = 0;
        for (std::size_t k = 0; k < 8; ++k) low = low << 8 | bytes[k];
        for (std::size_t k = 8; k < 12; ++k) high = high << 8 | bytes[k];
        return Slot{low, high, 0};
    }
    return Slot{std::hash<std::string_view>{}(id), static_cast<std::uint32_t>(id.size()), kHashed};
}

std::uint64_t IdIndex::homeOf(const Slot& key) {
    return mix(key.low ^ mix(std::uint64_t{key.high} << 1 | (key.tag >> 31)));
}

void IdIndex::place(Slot slot) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t s = homeOf(slot) & mask;
    while (slots_[s].tag != 0) s = (s + 1) & mask;
    slots_[s] = slot;
}

void IdIndex::rebuild(std::size_t slots) {
    std::vector<Slot> old(slots, Slot{});
    old.swap(slots_);
    for (const Slot& slot : old)
        if (slot.tag != 0) place(slot);
}

void IdIndex::insert(std::string_view id, Position position) {
    if (position >= kHashed - 1) throw std::length_error("IdIndex: too many entities");
    if (slots_.size() / 4 * 3 < size_ + 1) rebuild(std::max(kMinSlots, slots_.size() * 2));
    Slot slot = keyOf(id);
    slot.tag |= position + 1;
    place(slot);
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
        if (slot.tag != 0) out.push_back((slot.tag & ~kHashed) - 1);
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace recobra
