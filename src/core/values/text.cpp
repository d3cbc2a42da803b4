#include "core/values/text.hpp"

#include <cctype>
#include <cstdlib>
#include <utf8proc.h>

namespace recobra {

namespace {
constexpr std::string_view kNoBreakSpace = "\xC2\xA0";
bool asciiBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }
} // namespace

std::string_view trim(std::string_view text) {
    for (;;) {
        if (!text.empty() && asciiBlank(text.front())) text.remove_prefix(1);
        else if (text.substr(0, 2) == kNoBreakSpace) text.remove_prefix(2);
        else break;
    }
    for (;;) {
        if (!text.empty() && asciiBlank(text.back())) text.remove_suffix(1);
        else if (text.size() >= 2 && text.substr(text.size() - 2) == kNoBreakSpace) text.remove_suffix(2);
        else break;
    }
    return text;
}

std::string foldForSearch(std::string_view utf8) {
    utf8proc_uint8_t* folded = nullptr;
    const auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
                                                        UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
    const auto length = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(utf8.data()),
                                     static_cast<utf8proc_ssize_t>(utf8.size()), &folded, options);
    if (length < 0) { // not valid UTF-8: fold ASCII case only
        std::string out(utf8);
        for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return out;
    }
    std::string out(reinterpret_cast<const char*>(folded), static_cast<std::size_t>(length));
    std::free(folded);
    return out;
}

bool containsFolded(std::string_view haystack, std::string_view needle) {
    return needle.empty() || haystack.find(needle) != std::string_view::npos;
}

bool isValidUtf8(std::string_view text) {
    const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    utf8proc_ssize_t remaining = static_cast<utf8proc_ssize_t>(text.size());
    while (remaining > 0) {
        utf8proc_int32_t codepoint = 0;
        const auto n = utf8proc_iterate(p, remaining, &codepoint);
        if (n <= 0) return false;
        p += n;
        remaining -= n;
    }
    return true;
}

std::size_t characterCount(std::string_view utf8) {
    // Every byte but the continuation bytes (10xxxxxx) starts a character.
    std::size_t n = 0;
    for (const char c : utf8) n += (static_cast<unsigned char>(c) & 0xC0u) != 0x80u;
    return n;
}

std::string quoteBounded(std::string_view text, std::size_t maxCharacters) {
    if (text.size() <= maxCharacters) return std::string(text); // bytes ≥ characters
    std::size_t characters = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0u) == 0x80u) continue; // inside a character
        if (characters++ == maxCharacters) return std::string(text.substr(0, i)) + "\u2026";
    }
    return std::string(text);
}

std::string htmlEscape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 16);
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out.push_back(c);
        }
    }
    return out;
}

std::string slugOf(std::string_view text, std::size_t max) {
    std::string slug;
    for (const char c : foldForSearch(text)) {
        const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (keep) slug.push_back(c);
        else if (!slug.empty() && slug.back() != '-') slug.push_back('-');
        if (slug.size() >= max) break;
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    return slug;
}

} // namespace recobra
