#include "core/money.hpp"
#include "core/rounding.hpp"

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
