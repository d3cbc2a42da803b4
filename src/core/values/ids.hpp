#pragma once
// Event ids: a hybrid logical clock (HLC). An id is (physical time in ms, a counter for
// events in the same millisecond, the device that created it). Ids sort by time, never
// repeat on one device even if its clock goes backwards, and two devices never collide, so
// exports from several team members merge by id without duplicates.
#include "core/values/date.hpp"

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace recobra {

struct EventId {
    std::int64_t ms = 0;        // milliseconds since 1970 (HLC physical part)
    std::uint16_t counter = 0;  // events within the same millisecond
    std::uint32_t device = 0;   // the device (browser profile or tool) that created it

    friend constexpr auto operator<=>(const EventId&, const EventId&) = default;
    friend constexpr bool operator==(const EventId&, const EventId&) = default;

    // "0193a5c8e1f2-0000-3fa9c1d2": fixed width, so text order equals id order.
    std::string str() const;
    void appendTo(std::string& out) const; // str(), added to `out`
    static std::optional<EventId> parse(std::string_view text);
    // 24 hex digits without separators: the suffix of ids of things created by an event.
    std::string compact() const;
};

class Hlc {
public:
    explicit Hlc(std::uint32_t device) : device_(device) {}
    // The next id for an event created at wall-clock `now`: never smaller than any id seen.
    EventId next(Timestamp now);
    // Moves the clock past an id seen from elsewhere (loaded, merged, from another tab).
    void observe(const EventId& seen);
    std::uint32_t device() const { return device_; }
    const EventId& last() const { return last_; }

private:
    std::uint32_t device_;
    EventId last_{};
};

// Ids of things (debtors, invoices…) created in the app: a prefix and the id of the event
// that created them, e.g. "d-0193a5c8e1f200003fa9c1d2". Unique across devices.
std::string entityId(char prefix, const EventId& creator);

// A lowercase hex digit's value; 16 for any other byte (upper case too: one spelling per id).
inline constexpr std::array<std::uint8_t, 256> kHexValue = [] {
    std::array<std::uint8_t, 256> table{};
    for (auto& v : table) v = 16;
    for (int c = 0; c < 10; ++c) table[static_cast<std::size_t>('0' + c)] = static_cast<std::uint8_t>(c);
    for (int c = 0; c < 6; ++c) table[static_cast<std::size_t>('a' + c)] = static_cast<std::uint8_t>(10 + c);
    return table;
}();

// The 12 bytes the 24 hex digits of an id as entityId makes it spell, first digits first;
// false for any other text (`out` is then undefined). The log, its images and State's
// indexes keep such ids packed: this runs for every id of every event read.
inline bool entityIdBytes(std::string_view id, std::uint8_t (&out)[12]) {
    if (id.size() != 26 || id[0] < 'a' || id[0] > 'z' || id[1] != '-') return false;
    unsigned bad = 0;
    for (std::size_t k = 0; k < 12; ++k) {
        const unsigned high = kHexValue[static_cast<unsigned char>(id[2 + 2 * k])];
        const unsigned low = kHexValue[static_cast<unsigned char>(id[3 + 2 * k])];
        bad |= high | low;
        out[k] = static_cast<std::uint8_t>(high << 4 | (low & 15U));
    }
    return (bad & 16U) == 0;
}

} // namespace recobra
