#include "json_codec.hpp"

#include <cstdio>

namespace recobra {

void appendJsonString(std::string& out, std::string_view text) {
    out.push_back('"');
    for (char c : text) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
                out += buffer;
            } else {
                out.push_back(c); // UTF-8 passes through: inputs are validated UTF-8
            }
        }
    }
    out.push_back('"');
}

std::string JsonPath::str() const {
    std::string parentText = parent ? parent->str() : std::string();
    if (key) return parentText.empty() ? key : parentText + "." + key;
    if (!keyText.empty()) return parentText.empty() ? std::string(keyText) : parentText + "." + std::string(keyText);
    if (index >= 0) return parentText + "[" + std::to_string(index) + "]";
    return parentText;
}

} // namespace recobra
