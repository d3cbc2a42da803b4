#include "id_index.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <stdexcept>

namespace recobra {

namespace {

constexpr std::size_t kMinSlots = 16;
constexpr std::size_t kHexDigits = 24;

// Slots for `count` ids at most 3/4 full: a power of two.
std::size_t slotsFor(std::size_t count) {
    std::size_t slots = kMinSlots;
    while (slots / 4 * 3 < count) slots *= 2;
    return slots;
}

// A lowercase hex digit's value; 16 for any other byte (uppercase too: "D-…" with "A" is not
// the app's text for the same id, so it must not pack to the same key).
constexpr std::array<std::uint8_t, 256> kHexValue = [] {
    std::array<std::uint8_t, 256> table{};
    for (auto& v : table) v = 16;
    for (int c = 0; c < 10; ++c) table[static_cast<std::size_t>('0' + c)] = static_cast<std::uint8_t>(c);
    for (int c = 0; c < 6; ++c) table[static_cast<std::size_t>('a' + c)] = static_cast<std::uint8_t>(10 + c);
    return table;
}();

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
    if (prefix_ != 0 && id.size() == 2 + kHexDigits && id[0] == prefix_ && id[1] == '-') {
        std::uint64_t low = 0;
        std::uint32_t high = 0;
        unsigned bad = 0;
        for (std::size_t i = 0; i < 16; ++i) {
            const std::uint8_t v = kHexValue[static_cast<unsigned char>(id[2 + i])];
            bad |= v;
            low = low << 4 | (v & 15U);
        }
        for (std::size_t i = 16; i < kHexDigits; ++i) {
            const std::uint8_t v = kHexValue[static_cast<unsigned char>(id[2 + i])];
            bad |= v;
            high = high << 4 | (v & 15U);
        }
        if ((bad & 16U) == 0) return Slot{low, high, 0};
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
