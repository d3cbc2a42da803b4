#include "core/state/state.hpp"
#include "core/values/money.hpp"
#include "core/values/money_bag.hpp"
#include "core/values/rounding.hpp"

#include <doctest/doctest.h>
#include <limits>

using namespace recobra;

TEST_CASE("currency codes are three upper-case letters") {
    CHECK(CurrencyCode::parse("EUR").has_value());
    CHECK(CurrencyCode::parse("MXN")->str() == "MXN");
    CHECK_FALSE(CurrencyCode::parse("eur").has_value());
    CHECK_FALSE(CurrencyCode::parse("EURO").has_value());
    CHECK_FALSE(CurrencyCode::parse("").has_value());
}

TEST_CASE("minor units follow ISO 4217: cents for the euro, whole pesos in Chile") {
    CHECK(minorPerMajor(CurrencyCode::eur()) == 100);
    CHECK(minorPerMajor(*CurrencyCode::parse("CLP")) == 1);
    CHECK(minorPerMajor(*CurrencyCode::parse("PYG")) == 1);
    CHECK(findCurrency("XXX") == nullptr);
}

TEST_CASE("adding money refuses to mix currencies or overflow") {
    CHECK(add(euros(1050), euros(250)) == euros(1300));
    CHECK(subtract(euros(1000), euros(1250)) == euros(-250));
    CHECK_FALSE(add(euros(1), Money{1, *CurrencyCode::parse("USD")}).has_value());
    CHECK_FALSE(add(euros(std::numeric_limits<std::int64_t>::max()), euros(1)).has_value());
    CHECK_FALSE(subtract(euros(std::numeric_limits<std::int64_t>::min()), euros(1)).has_value());
    CHECK_FALSE(checkedMul(std::numeric_limits<std::int64_t>::max() / 2, 3).has_value());
}

TEST_CASE("rounding: half up, half even and toward zero, for positive and negative amounts") {
    struct Case {
        std::int64_t num, den;
        Rounding mode;
        std::int64_t expected;
    };
    const Case cases[] = {
        {250, 100, Rounding::HalfUp, 3},    {249, 100, Rounding::HalfUp, 2},    {-250, 100, Rounding::HalfUp, -3},
        {250, 100, Rounding::HalfEven, 2},  {350, 100, Rounding::HalfEven, 4},  {251, 100, Rounding::HalfEven, 3},
        {-250, 100, Rounding::HalfEven, -2}, {299, 100, Rounding::TowardZero, 2}, {-299, 100, Rounding::TowardZero, -2},
        {10, 3, Rounding::HalfUp, 3},       {20, 3, Rounding::HalfUp, 7},       {7, -2, Rounding::HalfUp, -4},
    };
    for (const auto& c : cases) {
        CAPTURE(c.num);
        CAPTURE(c.den);
        CHECK(divideRounded(c.num, c.den, c.mode) == c.expected);
    }
    CHECK_FALSE(divideRounded(1, 0, Rounding::HalfUp).has_value());
    const Int128 huge = static_cast<Int128>(std::numeric_limits<std::int64_t>::max()) * 4;
    CHECK_FALSE(divideRounded(huge, 2, Rounding::HalfUp).has_value());
}

TEST_CASE("the largest accepted amount is a thousand million major units") {
    CHECK(maxAmountMinor(CurrencyCode::eur()) == 100'000'000'000);
    CHECK(maxAmountMinor(*CurrencyCode::parse("CLP")) == 1'000'000'000);
}

TEST_CASE("rounding exactly half, just below and just above, with each mode") {
    // 1/8 of a cent steps around 0.5: the modes differ only at exactly half.
    struct Case {
        std::int64_t num, den;
        std::int64_t halfUp, halfEven, towardZero;
    };
    const Case cases[] = {
        {4, 8, 1, 0, 0},      {5, 8, 1, 1, 0},     {3, 8, 0, 0, 0},      {12, 8, 2, 2, 1},   {20, 8, 3, 2, 2},
        {-4, 8, -1, 0, 0},    {-12, 8, -2, -2, -1}, {-20, 8, -3, -2, -2}, {0, 7, 0, 0, 0},    {21, 7, 3, 3, 3},
        {-21, 7, -3, -3, -3}, {1, 3, 0, 0, 0},     {2, 3, 1, 1, 0},      {-2, 3, -1, -1, 0}, {5, -2, -3, -2, -2},
        {-5, -2, 3, 2, 2},
    };
    for (const auto& c : cases) {
        INFO(c.num, " / ", c.den);
        CHECK(divideRounded(c.num, c.den, Rounding::HalfUp) == c.halfUp);
        CHECK(divideRounded(c.num, c.den, Rounding::HalfEven) == c.halfEven);
        CHECK(divideRounded(c.num, c.den, Rounding::TowardZero) == c.towardZero);
    }
}

TEST_CASE("rounding works on 128-bit intermediates and refuses what does not fit") {
    constexpr auto max = std::numeric_limits<std::int64_t>::max();
    constexpr auto min = std::numeric_limits<std::int64_t>::min();
    // A thousand million euros at 11.5 % a year for 5 years, in cents: the product needs 128 bits.
    const Int128 product = static_cast<Int128>(100'000'000'000) * 1150 * 5 * 365;
    CHECK(divideRounded(product, static_cast<Int128>(10000) * 365, Rounding::HalfUp) == 57'500'000'000);
    CHECK(divideRounded(max, 1, Rounding::HalfUp) == max);
    CHECK(divideRounded(min, 1, Rounding::HalfUp) == min);
    CHECK_FALSE(divideRounded(min, -1, Rounding::HalfUp).has_value());
    CHECK_FALSE(divideRounded(static_cast<Int128>(max) + 1, 1, Rounding::TowardZero).has_value());
    CHECK(divideRounded(static_cast<Int128>(max) * 2 + 1, 2, Rounding::TowardZero) == max);
    CHECK_FALSE(divideRounded(static_cast<Int128>(max) * 2 + 1, 2, Rounding::HalfUp).has_value());
    CHECK_FALSE(divideRounded(0, 0, Rounding::HalfEven).has_value());
}

TEST_CASE("integer arithmetic on amounts refuses to overflow, at both ends") {
    constexpr auto max = std::numeric_limits<std::int64_t>::max();
    constexpr auto min = std::numeric_limits<std::int64_t>::min();
    CHECK(checkedAdd(max - 1, 1) == max);
    CHECK_FALSE(checkedAdd(max, 1).has_value());
    CHECK_FALSE(checkedAdd(min, -1).has_value());
    CHECK(checkedAdd(min, max) == -1);
    CHECK(checkedSub(min + 1, 1) == min);
    CHECK_FALSE(checkedSub(0, min).has_value());
    CHECK_FALSE(checkedSub(max, -1).has_value());
    CHECK_FALSE(checkedMul(min, -1).has_value());
    CHECK_FALSE(checkedMul(max, 2).has_value());
    CHECK(checkedMul(max, -1) == min + 1);
    CHECK(checkedMul(0, min) == 0);
    CHECK(add(euros(max - 1), euros(1)) == euros(max));
    CHECK_FALSE(subtract(euros(1), Money{1, *CurrencyCode::parse("USD")}).has_value());
}

TEST_CASE("every known currency has its ISO 4217 exponent and a limit a thousand million major units") {
    struct Row {
        const char* code;
        std::int64_t perMajor;
    };
    const Row rows[] = {{"EUR", 100}, {"USD", 100}, {"MXN", 100}, {"ARS", 100}, {"COP", 100},
                        {"CLP", 1},   {"PYG", 1},   {"GBP", 100}, {"BRL", 100}, {"VES", 100}};
    for (const auto& row : rows) {
        INFO(row.code);
        const auto code = CurrencyCode::parse(row.code);
        REQUIRE(code.has_value());
        CHECK(findCurrency(*code) != nullptr);
        CHECK(minorPerMajor(*code) == row.perMajor);
        CHECK(maxAmountMinor(*code) == 1'000'000'000 * row.perMajor);
    }
    CHECK(findCurrency("ESP") == nullptr); // the peseta is history
    CHECK(findCurrency("JPY") == nullptr); // not among the currencies Recobra knows
}

TEST_CASE("a debtor's amounts keep each currency apart, sorted, and forget a currency that reaches zero") {
    MoneyBag bag;
    const auto usd = *CurrencyCode::parse("USD");
    const auto ars = *CurrencyCode::parse("ARS");
    bag.add(Money{5000, usd});
    bag.add(euros(12000));
    bag.add(Money{0, ars}); // nothing: not listed
    bag.add(Money{700, ars});
    REQUIRE(bag.amounts().size() == 3);
    CHECK(bag.amounts()[0].currency == ars);
    CHECK(bag.amounts()[1].currency == CurrencyCode::eur());
    CHECK(bag.amounts()[2].currency == usd);
    bag.subtract(Money{5000, usd});
    CHECK(bag.in(usd) == 0);
    CHECK(bag.amounts().size() == 2);
    CHECK(bag.anyPositive());
    bag.subtract(euros(12000));
    bag.subtract(Money{700, ars});
    CHECK(bag.isZero());
    CHECK_FALSE(bag.anyPositive());
    bag.subtract(euros(1)); // owed back
    CHECK(bag.in(CurrencyCode::eur()) == -1);
    CHECK_FALSE(bag.anyPositive());
}

TEST_CASE("a sum of money never wraps: at the edges of int64 it stays at the edge, and says so") {
    constexpr std::int64_t max = INT64_MAX, min = INT64_MIN;
    CHECK(saturatingAdd(max - 1, 1) == max);
    CHECK(saturatingAdd(max, 1) == max);
    CHECK(saturatingAdd(max - 5, 10) == max);
    CHECK(saturatingAdd(min + 1, -1) == min);
    CHECK(saturatingAdd(min, -1) == min);
    CHECK(saturatingAdd(1, 2) == 3);
    CHECK(saturatingAdd(-7, 7) == 0);
    // Sticky: a total that went past the edge is not a figure, whatever comes after.
    CHECK(saturatingAdd(max, -1) == max);
    CHECK(saturatingAdd(min, 1) == min);
    CHECK(isSaturated(max));
    CHECK(isSaturated(min));
    CHECK_FALSE(isSaturated(max - 1));

    // An invoice of 9223372036854775807 minor units and one more cent: the bag stays at the
    // edge instead of turning negative (UBSan aborted here; a release build printed a
    // negative total).
    MoneyBag bag;
    bag.add(euros(max - 1));
    CHECK_FALSE(bag.saturated());
    bag.add(euros(1)); // the edge itself: no amount the checks accept gets there but by a cut
    CHECK(bag.saturated());
    bag.add(euros(1));
    CHECK(bag.in(CurrencyCode::eur()) == max);
    CHECK(bag.saturated());
    bag.subtract(euros(5));
    CHECK(bag.in(CurrencyCode::eur()) == max);
    MoneyBag negative;
    negative.subtract(Money{min, CurrencyCode::eur()}); // -INT64_MIN does not exist
    CHECK(negative.in(CurrencyCode::eur()) == max);
    negative.add(euros(min));
    CHECK(negative.saturated());
    MoneyBag down;
    down.add(euros(min + 1));
    down.subtract(euros(2));
    CHECK(down.in(CurrencyCode::eur()) == min);
    CHECK(down.saturated());
    // Other currencies are left alone.
    down.add(Money{500, *CurrencyCode::parse("USD")});
    CHECK(down.in(*CurrencyCode::parse("USD")) == 500);
}
