#pragma once
// Every user-visible string, in Spanish and English, side by side in i18n/strings/*.def so that
// neither language can be missing. The core holds the table (it is pure data) so the UI,
// the CLI and validation errors all speak both languages.
#include "core/i18n/locale.hpp"

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recobra {

enum class Str : std::uint16_t {
#define RB_STR(id, es, en) id,
#include "core/i18n/strings/all.def"
#undef RB_STR
    Count_
};

const char* tr(Str id, Lang lang);
// The string's id as written in i18n/strings/*.def ("menu_debtors"): for tests and tools.
const char* strId(Str id);
std::optional<Str> strFromId(std::string_view id);
inline constexpr std::size_t kStrCount = static_cast<std::size_t>(Str::Count_);

// Replaces {0}, {1}, … in a translated template with the arguments.
std::string trf(Str id, Lang lang, std::initializer_list<std::string_view> args);
std::string substitute(std::string_view pattern, std::initializer_list<std::string_view> args);
std::string substitute(std::string_view pattern, const std::vector<std::string>& args);

} // namespace recobra
