#include "core/date.hpp"

#include <doctest/doctest.h>

using namespace recobra;

namespace {
Date d(const char* iso) { return *Date::parseIso(iso); }
} // namespace

TEST_CASE("civil dates: impossible dates are refused") {
    CHECK(Date::fromYmd(2024, 2, 29).has_value());
    CHECK_FALSE(Date::fromYmd(2026, 2, 29).has_value());
    CHECK_FALSE(Date::fromYmd(2026, 4, 31).has_value());
    CHECK_FALSE(Date::fromYmd(2026, 13, 1).has_value());
    CHECK_FALSE(Date::fromYmd(2026, 0, 10).has_value());
    CHECK_FALSE(Date::fromYmd(1899, 12, 31).has_value());
    CHECK(Date::fromYmd(2000, 2, 29).has_value());  // divisible by 400: leap
    CHECK_FALSE(Date::fromYmd(2100, 2, 29).has_value()); // divisible by 100: not leap
}

TEST_CASE("ISO dates parse strictly and print back identically") {
    CHECK(d("2026-11-22").iso() == "2026-11-22");
    CHECK(d("1970-01-01").daysSinceEpoch() == 0);
    CHECK_FALSE(Date::parseIso("2026-2-3").has_value());
    CHECK_FALSE(Date::parseIso("2026/02/03").has_value());
    CHECK_FALSE(Date::parseIso("2026-02-3x").has_value());
    CHECK_FALSE(Date::parseIso("").has_value());
}

TEST_CASE("days between dates across a leap day and a year end") {
    CHECK(daysBetween(d("2024-02-28"), d("2024-03-01")) == 2);
    CHECK(daysBetween(d("2026-02-28"), d("2026-03-01")) == 1);
    CHECK(daysBetween(d("2025-12-31"), d("2026-01-01")) == 1);
    CHECK(daysBetween(d("2026-03-01"), d("2026-02-01")) == -28);
}

TEST_CASE("adding months clamps to the end of the month") {
    CHECK(d("2026-01-31").addMonths(1) == d("2026-02-28"));
    CHECK(d("2024-01-31").addMonths(1) == d("2024-02-29"));
    CHECK(d("2026-03-31").addMonths(-1) == d("2026-02-28"));
    CHECK(d("2026-11-30").addMonths(3) == d("2027-02-28"));
    CHECK(d("2024-02-29").addYears(1) == d("2025-02-28"));
    CHECK(d("2024-02-29").addYears(4) == d("2028-02-29"));
    CHECK(d("2026-02-10").endOfMonth() == d("2026-02-28"));
}

TEST_CASE("the day of a UTC timestamp, before and after 1970") {
    CHECK(Date::ofTimestamp(0) == d("1970-01-01"));
    CHECK(Date::ofTimestamp(-1) == d("1969-12-31"));
    CHECK(Date::ofTimestamp(d("2026-11-22").startOfDayUtc() + 86'399'999) == d("2026-11-22"));
}

TEST_CASE("weekdays are ISO numbered") {
    CHECK(d("2026-11-23").weekday() == 1); // a Monday
    CHECK(d("2026-11-22").weekday() == 7);
}
