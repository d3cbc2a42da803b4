#include "core/values/date.hpp"

#include <charconv>
#include <cstdio>
#include <date/date.h>

namespace recobra {

namespace {
constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2200;

date::year_month_day ymdOf(std::int32_t days) { return date::year_month_day{date::sys_days{date::days{days}}}; }

Date fromYmdUnchecked(const date::year_month_day& ymd) {
    return Date::fromDaysSinceEpoch(static_cast<std::int32_t>(date::sys_days{ymd}.time_since_epoch().count()));
}

std::optional<int> parseDigits(std::string_view text) {
    int value = 0;
    if (text.empty()) return std::nullopt;
    for (char c : text)
        if (c < '0' || c > '9') return std::nullopt;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || ptr != text.data() + text.size()) return std::nullopt;
    return value;
}
} // namespace

bool isLeapYear(int year) { return date::year{year}.is_leap(); }

std::optional<Date> Date::fromYmd(int year, int month, int day) {
    if (year < kMinYear || year > kMaxYear || month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
    const date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                                   date::day{static_cast<unsigned>(day)}};
    if (!ymd.ok()) return std::nullopt;
    return fromYmdUnchecked(ymd);
}

std::optional<Date> Date::parseIso(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    auto y = parseDigits(text.substr(0, 4));
    auto m = parseDigits(text.substr(5, 2));
    auto d = parseDigits(text.substr(8, 2));
    if (!y || !m || !d) return std::nullopt;
    return fromYmd(*y, *m, *d);
}

Date Date::ofTimestamp(Timestamp ms) {
    // Floor division, so instants before 1970 land on the right day.
    Timestamp days = ms / 86'400'000;
    if (ms % 86'400'000 < 0) --days;
    return Date(static_cast<std::int32_t>(days));
}

int Date::year() const { return static_cast<int>(ymdOf(days_).year()); }
unsigned Date::month() const { return static_cast<unsigned>(ymdOf(days_).month()); }
unsigned Date::day() const { return static_cast<unsigned>(ymdOf(days_).day()); }

unsigned Date::weekday() const {
    return date::weekday{date::sys_days{date::days{days_}}}.iso_encoding();
}

// The calendar day worked out once, and its digits written by hand (snprintf, and three
// conversions from days, cost an export of two million events 0.15 s).
void Date::appendIso(std::string& out) const {
    const auto ymd = ymdOf(days_);
    const int y = static_cast<int>(ymd.year());
    const unsigned m = static_cast<unsigned>(ymd.month());
    const unsigned d = static_cast<unsigned>(ymd.day());
    if (y < 0 || y > 9999) { // never a date this app accepts, but written as printf would
        char buffer[24];
        std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", y, m, d);
        out += buffer;
        return;
    }
    const auto digit = [](unsigned v) { return static_cast<char>('0' + v % 10); };
    const auto year = static_cast<unsigned>(y);
    const char text[10] = {digit(year / 1000), digit(year / 100), digit(year / 10), digit(year), '-',
                           digit(m / 10),      digit(m),          '-',              digit(d / 10), digit(d)};
    out.append(text, sizeof text);
}

std::string Date::iso() const {
    std::string out;
    appendIso(out);
    return out;
}

Date Date::addMonths(int n) const {
    const auto ymd = ymdOf(days_);
    const auto shifted = date::year_month{ymd.year(), ymd.month()} + date::months{n};
    const auto last = date::year_month_day_last{shifted.year(), date::month_day_last{shifted.month()}};
    const auto dayOf = ymd.day() > last.day() ? last.day() : ymd.day();
    return fromYmdUnchecked(date::year_month_day{shifted.year(), shifted.month(), dayOf});
}

Date Date::endOfMonth() const {
    const auto ymd = ymdOf(days_);
    return fromYmdUnchecked(date::year_month_day{date::year_month_day_last{ymd.year(), date::month_day_last{ymd.month()}}});
}

} // namespace recobra
