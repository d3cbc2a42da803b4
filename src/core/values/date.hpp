#pragma once
// Civil dates (a day in the calendar, no time zone) and UTC timestamps in milliseconds.
// The core never reads a clock: `today` and `now` are always passed in.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace recobra {

using Timestamp = std::int64_t; // milliseconds since 1970-01-01T00:00:00Z

class Date {
public:
    constexpr Date() = default;
    // nullopt for impossible dates (31 April, 29 February 2027) and years outside 1900–2200.
    static std::optional<Date> fromYmd(int year, int month, int day);
    // "2026-11-22" exactly; anything else (including "2026-2-3") gives nullopt.
    static std::optional<Date> parseIso(std::string_view text);
    static constexpr Date fromDaysSinceEpoch(std::int32_t days) { return Date(days); }
    static Date ofTimestamp(Timestamp ms); // the UTC calendar day of an instant

    int year() const;
    unsigned month() const; // 1–12
    unsigned day() const;   // 1–31
    unsigned weekday() const; // ISO: 1 Monday … 7 Sunday
    std::string iso() const;  // "2026-11-22"
    void appendIso(std::string& out) const; // iso(), added to `out`
    constexpr std::int32_t daysSinceEpoch() const { return days_; }
    Timestamp startOfDayUtc() const { return static_cast<Timestamp>(days_) * 86'400'000; }

    Date addDays(std::int32_t n) const { return Date(days_ + n); }
    // Adds calendar months, clamping to the month's last day: 31 Jan + 1 month = 28/29 Feb.
    Date addMonths(int n) const;
    Date addYears(int n) const { return addMonths(n * 12); }
    Date endOfMonth() const;

    friend constexpr std::int32_t daysBetween(Date from, Date to) { return to.days_ - from.days_; }
    friend constexpr auto operator<=>(Date, Date) = default;
    friend constexpr bool operator==(Date, Date) = default;

private:
    explicit constexpr Date(std::int32_t days) : days_(days) {}
    std::int32_t days_ = 0;
};

bool isLeapYear(int year);

} // namespace recobra
