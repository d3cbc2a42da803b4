#pragma once
// The lines the browser store holds events as (web/store.js). A recent event's record is
// "<id>\t<json>"; a segment holds one event's JSON per line, either as the app packed it
// ("<json>\n") or as a slice of a restored backup file, whose lines end in a comma, and
// perhaps a CR, as the file has them ("<json>,\r\n"; the last event's has no comma).
#include <cstddef>
#include <string_view>

namespace recobra {

// Calls each(json) for every line of `text` that is not empty, without its id prefix, comma
// or CR.
template <class Each> void forEachStoredLine(std::string_view text, Each each) {
    constexpr std::size_t kIdLength = 26; // EventId::str()
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
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
