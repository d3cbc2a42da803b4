#pragma once
// The lines the browser store holds events as (web/store.js). A recent event's record is
// "<id>\t<json>"; a block holds one event's JSON per line, either as the app packed it
// ("<json>\n") or as a slice of a restored backup file, whose lines end in a comma, and
// perhaps a CR, as the file has them ("<json>,\r\n"; the last event's has no comma).
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace recobra {

// Where the first line end at or after `from` lies in `text` (npos: none). Eight bytes at a
// time: the C library's memchr looks at four on wasm32 (bench/README.md).
inline std::size_t findLineEnd(std::string_view text, std::size_t from) {
    if constexpr (std::endian::native == std::endian::little) {
        constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
        constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
        for (; from + 8 <= text.size(); from += 8) {
            std::uint64_t word;
            std::memcpy(&word, text.data() + from, sizeof word);
            const std::uint64_t x = word ^ (kOnes * '\n'); // a zero byte where a line ends
            // The lowest byte flagged is the first zero byte (a borrow only flags bytes above it).
            if (const std::uint64_t zero = (x - kOnes) & ~x & kHigh)
                return from + static_cast<std::size_t>(std::countr_zero(zero) / 8);
        }
    }
    return text.find('\n', from);
}

// Calls each(json) for every line of `text` that is not empty, without its id prefix, comma
// or CR.
template <class Each> void forEachStoredLine(std::string_view text, Each each) {
    constexpr std::size_t kIdLength = 26; // EventId::str()
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = findLineEnd(text, start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        start = end + 1;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (!line.empty() && line.back() == ',') line.remove_suffix(1);
        if (line.empty()) continue;
        if (line.size() > kIdLength + 1 && line[kIdLength] == '\t') line.remove_prefix(kIdLength + 1);
        each(line);
    }
}

} // namespace recobra
