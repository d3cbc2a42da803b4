#include "ids.hpp"

#include <cstdio>

namespace recobra {

namespace {
std::optional<std::uint64_t> parseHex(std::string_view text) {
    if (text.empty() || text.size() > 16) return std::nullopt;
    std::uint64_t value = 0;
    for (char c : text) {
        value <<= 4;
        if (c >= '0' && c <= '9') value |= static_cast<std::uint64_t>(c - '0');
        else if (c >= 'a' && c <= 'f') value |= static_cast<std::uint64_t>(c - 'a' + 10);
        else return std::nullopt; // upper case is refused: one spelling per id
    }
    return value;
}
} // namespace

std::string EventId::str() const {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%012llx-%04x-%08x", static_cast<unsigned long long>(ms), counter, device);
    return buffer;
}

std::string EventId::compact() const {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%012llx%04x%08x", static_cast<unsigned long long>(ms), counter, device);
    return buffer;
}

std::optional<EventId> EventId::parse(std::string_view text) {
    if (text.size() != 26 || text[12] != '-' || text[17] != '-') return std::nullopt;
    auto ms = parseHex(text.substr(0, 12));
    auto counter = parseHex(text.substr(13, 4));
    auto device = parseHex(text.substr(18, 8));
    if (!ms || !counter || !device) return std::nullopt;
    return EventId{static_cast<std::int64_t>(*ms), static_cast<std::uint16_t>(*counter),
                   static_cast<std::uint32_t>(*device)};
}

EventId Hlc::next(Timestamp now) {
    EventId id{now, 0, device_};
    if (now <= last_.ms) {
        id.ms = last_.ms;
        if (last_.counter == 0xFFFF) {
            ++id.ms; // 65,536 events in one millisecond: borrow the next one
            id.counter = 0;
        } else {
            id.counter = static_cast<std::uint16_t>(last_.counter + 1);
        }
    }
    last_ = id;
    return id;
}

void Hlc::observe(const EventId& seen) {
    if (seen.ms > last_.ms || (seen.ms == last_.ms && seen.counter > last_.counter)) {
        last_.ms = seen.ms;
        last_.counter = seen.counter;
    }
}

std::string entityId(char prefix, const EventId& creator) { return std::string(1, prefix) + "-" + creator.compact(); }

} // namespace recobra
