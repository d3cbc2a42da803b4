#include "core/codec/json_codec.hpp"

#include <unordered_set>

#include <charconv>
#include <cstdio>

namespace recobra {

void appendJsonString(std::string& out, std::string_view text) {
    out.push_back('"');
    // Runs of characters that need no escape are copied whole: almost every string is one.
    std::size_t run = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue; // UTF-8 passes through: inputs are validated
        out.append(text.data() + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default: {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
            out += buffer;
        }
        }
    }
    out.append(text.data() + run, text.size() - run);
    out.push_back('"');
}

void appendInteger(std::string& out, std::int64_t value) {
    char buffer[24];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
    out.append(buffer, static_cast<std::size_t>(end - buffer));
}

std::string JsonPath::str() const {
    std::string parentText = parent ? parent->str() : std::string();
    if (key) return parentText.empty() ? key : parentText + "." + key;
    if (!keyText.empty()) return parentText.empty() ? std::string(keyText) : parentText + "." + std::string(keyText);
    if (index >= 0) return parentText + "[" + std::to_string(index) + "]";
    return parentText;
}

std::optional<std::string_view> firstRepeatedKey(const std::vector<std::string_view>& keys) {
    std::unordered_set<std::string_view> seen;
    for (const auto key : keys)
        if (!seen.insert(key).second) return key;
    return std::nullopt;
}

} // namespace recobra
