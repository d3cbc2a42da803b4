#include "core/i18n/strings.hpp"

namespace recobra {

namespace {
struct Entry {
    const char* id;
    const char* es;
    const char* en;
};
constexpr Entry kStrings[] = {
#define RB_STR(id, es, en) {#id, es, en},
#include "core/i18n/strings/all.def"
#undef RB_STR
};
static_assert(sizeof(kStrings) / sizeof(kStrings[0]) == kStrCount);
} // namespace

const char* tr(Str id, Lang lang) {
    const auto& e = kStrings[static_cast<std::size_t>(id)];
    return lang == Lang::es ? e.es : e.en;
}

const char* strId(Str id) { return kStrings[static_cast<std::size_t>(id)].id; }

std::optional<Str> strFromId(std::string_view id) {
    for (std::size_t i = 0; i < kStrCount; ++i)
        if (id == kStrings[i].id) return static_cast<Str>(i);
    return std::nullopt;
}

namespace {
// {N} is argument N; {N|one|other} is `one` when argument N is the count 1 and `other`
// otherwise (Spanish and English agree on that rule): "{0} {0|factura|facturas}".
template <class Args> std::string substituteImpl(std::string_view pattern, const Args& args) {
    std::string out;
    out.reserve(pattern.size() + 16);
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const bool placeholder = pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 1] >= '0' &&
                                 pattern[i + 1] <= '9' && (pattern[i + 2] == '}' || pattern[i + 2] == '|');
        if (!placeholder) {
            out.push_back(pattern[i]);
            continue;
        }
        const auto index = static_cast<std::size_t>(pattern[i + 1] - '0');
        const std::string_view arg =
            index < args.size() ? std::string_view(*(args.begin() + static_cast<std::ptrdiff_t>(index))) : "";
        if (pattern[i + 2] == '}') {
            out += arg;
            i += 2;
            continue;
        }
        const auto bar = pattern.find('|', i + 3);
        const auto close = pattern.find('}', i + 3);
        if (bar == std::string_view::npos || close == std::string_view::npos || bar > close) {
            out.push_back(pattern[i]); // not a plural choice after all: kept as written
            continue;
        }
        out += arg == "1" ? pattern.substr(i + 3, bar - (i + 3)) : pattern.substr(bar + 1, close - (bar + 1));
        i = close;
    }
    return out;
}
} // namespace

std::string substitute(std::string_view pattern, std::initializer_list<std::string_view> args) {
    return substituteImpl(pattern, args);
}

std::string substitute(std::string_view pattern, const std::vector<std::string>& args) {
    return substituteImpl(pattern, args);
}

std::string trf(Str id, Lang lang, std::initializer_list<std::string_view> args) {
    return substitute(tr(id, lang), args);
}

} // namespace recobra
