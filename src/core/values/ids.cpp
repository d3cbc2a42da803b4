#include "core/values/ids.hpp"

#include <cstdio>

namespace recobra {

namespace {
// `text` as lowercase hex digits (upper case is refused: one spelling per id); 16 at most.
// A table, not a branch per digit: every event read parses its id.
std::optional<std::uint64_t> parseHex(std::string_view text) {
    if (text.empty() || text.size() > 16) return std::nullopt;
    std::uint64_t value = 0;
    unsigned bad = 0;
    for (char c : text) {
        const unsigned digit = kHexValue[static_cast<unsigned char>(c)];
        bad |= digit;
        value = value << 4 | (digit & 15U);
    }
    if (bad & 16U) return std::nullopt;
    return value;
}
} // namespace

namespace {
constexpr char kHexDigit[] = "0123456789abcdef";

// `digits` lowercase hex digits of `value` (its low bits) at `out`.
void putHex(char* out, std::uint64_t value, int digits) {
    for (int i = digits - 1; i >= 0; --i, value >>= 4) out[i] = kHexDigit[value & 15];
}

// The id's text, with or without its dashes. (snprintf cost an export of two million events
// 0.4 s.) Times past 2^48 ms (the year 10889) take more than 12 digits.
void appendId(std::string& out, const EventId& id, bool dashes) {
    const auto ms = static_cast<std::uint64_t>(id.ms);
    if (ms >> 48) {
        char buffer[40];
        std::snprintf(buffer, sizeof buffer, dashes ? "%012llx-%04x-%08x" : "%012llx%04x%08x",
                      static_cast<unsigned long long>(ms), id.counter, id.device);
        out += buffer;
        return;
    }
    char text[26];
    char* at = text;
    putHex(at, ms, 12);
    at += 12;
    if (dashes) *at++ = '-';
    putHex(at, id.counter, 4);
    at += 4;
    if (dashes) *at++ = '-';
    putHex(at, id.device, 8);
    at += 8;
    out.append(text, static_cast<std::size_t>(at - text));
}
} // namespace

void EventId::appendTo(std::string& out) const { appendId(out, *this, true); }

std::string EventId::str() const {
    std::string out;
    appendId(out, *this, true);
    return out;
}

std::string EventId::compact() const {
    std::string out;
    appendId(out, *this, false);
    return out;
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
