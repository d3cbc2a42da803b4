#include "core/values/date.hpp"

#include <cstdio>
#include <doctest/doctest.h>
#include <string>

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

TEST_CASE("every day from 1900 to 2200 prints as printf would, and parses back") {
    const Date first = d("1900-01-01");
    const Date last = d("2200-12-31");
    std::string appended = "x";
    for (Date day = first; day <= last; day = day.addDays(1)) {
        char expected[16];
        std::snprintf(expected, sizeof expected, "%04d-%02u-%02u", day.year(), day.month(), day.day());
        REQUIRE(day.iso() == expected);
        REQUIRE(Date::parseIso(day.iso()) == day);
        appended.resize(1);
        day.appendIso(appended);
        REQUIRE(appended == std::string("x") + expected);
    }
    // Outside the years the app accepts (only a Date made from a day count), still printf's text.
    CHECK(Date::fromDaysSinceEpoch(-800000).iso() == "-221-09-04");
    CHECK(Date::fromDaysSinceEpoch(3000000).iso() == "10183-09-21");
    CHECK(Date::fromDaysSinceEpoch(-719468).iso() == "0000-03-01"); // the first day of year 0
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

TEST_CASE("leap years: every fourth year, except centuries not divisible by 400") {
    struct Row {
        int year;
        bool leap;
    };
    const Row rows[] = {{1900, false}, {1996, true}, {2000, true}, {2023, false}, {2024, true},
                        {2026, false}, {2028, true}, {2100, false}, {2200, false}};
    for (const auto& row : rows) {
        INFO(row.year);
        CHECK(isLeapYear(row.year) == row.leap);
        CHECK(Date::fromYmd(row.year, 2, 29).has_value() == row.leap);
        const auto first = Date::fromYmd(row.year, 1, 1);
        const auto next = Date::fromYmd(row.year + 1, 1, 1);
        if (first && next) CHECK(daysBetween(*first, *next) == (row.leap ? 366 : 365));
    }
}

TEST_CASE("the last day of every month, in a common and a leap year") {
    const unsigned common[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int year : {2026, 2028}) {
        for (int month = 1; month <= 12; ++month) {
            INFO(year, "-", month);
            const Date first = *Date::fromYmd(year, month, 1);
            const unsigned last = month == 2 && year == 2028 ? 29 : common[month - 1];
            CHECK(first.endOfMonth().day() == last);
            CHECK(Date::fromYmd(year, month, static_cast<int>(last)).has_value());
            CHECK_FALSE(Date::fromYmd(year, month, static_cast<int>(last) + 1).has_value());
            CHECK(first.endOfMonth().addDays(1).day() == 1u);
        }
    }
}

TEST_CASE("adding months from a month end, forwards and backwards, across years") {
    struct Row {
        const char* from;
        int months;
        const char* to;
    };
    const Row rows[] = {
        {"2026-01-31", 1, "2026-02-28"},  {"2028-01-31", 1, "2028-02-29"}, {"2026-01-31", 2, "2026-03-31"},
        {"2026-01-31", -2, "2025-11-30"}, {"2026-03-31", -13, "2025-02-28"}, {"2026-05-31", 1, "2026-06-30"},
        {"2026-12-31", 2, "2027-02-28"},  {"2026-02-28", 1, "2026-03-28"}, // a month end is not kept as one
        {"2026-08-15", 0, "2026-08-15"},  {"2026-08-15", 12, "2027-08-15"}, {"2024-02-29", -12, "2023-02-28"},
        {"2026-01-15", 60, "2031-01-15"}, // five years: the prescription period of art. 1964.2 CC
    };
    for (const auto& row : rows) {
        INFO(row.from, " + ", row.months, " months");
        CHECK(d(row.from).addMonths(row.months) == d(row.to));
    }
}

TEST_CASE("days are counted across month ends, leap days and long spans") {
    CHECK(d("2026-01-31").addDays(1) == d("2026-02-01"));
    CHECK(d("2024-02-28").addDays(1) == d("2024-02-29"));
    CHECK(d("2024-02-29").addDays(1) == d("2024-03-01"));
    CHECK(d("2026-12-31").addDays(1) == d("2027-01-01"));
    CHECK(d("2026-03-01").addDays(-1) == d("2026-02-28"));
    CHECK(daysBetween(d("2026-02-04"), d("2026-03-10")) == 34); // overdue since 4 February
    CHECK(daysBetween(d("1900-01-01"), d("2200-12-31")) == 109937);
    CHECK(d("2024-02-29").weekday() == 4); // a Thursday
}

TEST_CASE("the calendar Recobra accepts runs from 1900 to 2200") {
    CHECK(d("1900-01-01").iso() == "1900-01-01");
    CHECK(d("1900-01-01").daysSinceEpoch() == -25567);
    CHECK(d("2200-12-31").iso() == "2200-12-31");
    CHECK_FALSE(Date::parseIso("2201-01-01").has_value());
    CHECK_FALSE(Date::parseIso("1899-12-31").has_value());
    CHECK_FALSE(Date::fromYmd(2026, 1, 0).has_value());
    CHECK_FALSE(Date::fromYmd(2026, 1, 32).has_value());
}

TEST_CASE("ISO dates are exactly YYYY-MM-DD: nothing around, nothing missing") {
    const char* refused[] = {"+2026-03-10", " 2026-03-10", "2026-03-10 ", "2026-03-1 ", "2026-3-10x",
                             "2026-03-10T00:00", "0000-00-00", "2026-00-10", "2026-03-00", "20260310",
                             "2026_03_10", "2O26-03-10", "-026-03-10", "2026--3-10"};
    for (const char* text : refused) {
        INFO(text);
        CHECK_FALSE(Date::parseIso(text).has_value());
    }
}

TEST_CASE("the day of an instant changes exactly at midnight UTC") {
    const Timestamp midnight = d("2024-02-29").startOfDayUtc();
    CHECK(Date::ofTimestamp(midnight - 1) == d("2024-02-28"));
    CHECK(Date::ofTimestamp(midnight) == d("2024-02-29"));
    CHECK(Date::ofTimestamp(midnight + 86'400'000 - 1) == d("2024-02-29"));
    CHECK(Date::ofTimestamp(midnight + 86'400'000) == d("2024-03-01"));
    CHECK(Date::ofTimestamp(d("1900-01-01").startOfDayUtc()) == d("1900-01-01"));
}
