#include "core/exchange/letter_drafts.hpp"

#include "core/exchange/zip.hpp"

#include <cstdio>

namespace recobra {

std::string emlDraftsZip(const State& state, const std::vector<Letter>& letters, Timestamp now) {
    const Date day = Date::ofTimestamp(now);
    const long long secs = (now - day.startOfDayUtc()) / 1000;
    std::string out;
    ZipWriter zip(out, ZipTime{day, static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60)});
    for (std::size_t i = 0; i < letters.size(); ++i) {
        // Numbered in order: two debtors whose names fold alike still get a file each.
        char number[24];
        std::snprintf(number, sizeof number, "%03zu-", i + 1);
        if (!zip.add(number + letterFileName(state, letters[i], "eml"), emlDraft(state, letters[i], now))) return {};
    }
    return zip.finish() ? out : std::string();
}

} // namespace recobra
