#include "core/i18n/locale.hpp"

#include <doctest/doctest.h>
#include <limits>

using namespace recobra;

namespace {
const CurrencyCode EUR = CurrencyCode::eur();
const CurrencyCode CLP = *CurrencyCode::parse("CLP");
const CurrencyCode USD = *CurrencyCode::parse("USD");

std::optional<std::int64_t> es(const char* text, CurrencyCode c = EUR) { return parseAmount(text, Lang::es, c).minor; }
std::optional<std::int64_t> en(const char* text, CurrencyCode c = EUR) { return parseAmount(text, Lang::en, c).minor; }
AmountError esError(const char* text) { return parseAmount(text, Lang::es, EUR).error; }
} // namespace

TEST_CASE("money is written the way each language writes it") {
    CHECK(formatMoney(euros(123456), Lang::es) == "1.234,56 €");
    CHECK(formatMoney(euros(123456), Lang::en) == "€1,234.56");
    CHECK(formatMoney(euros(-5), Lang::es) == "-0,05 €");
    CHECK(formatMoney(euros(-5), Lang::en) == "-€0.05");
    CHECK(formatMoney(euros(100000000), Lang::es) == "1.000.000,00 €");
    CHECK(formatMoney(Money{1500000, CLP}, Lang::es) == "1.500.000 CLP");
    CHECK(formatMoney(Money{1500000, CLP}, Lang::en) == "CLP 1,500,000");
    CHECK(formatMoney(Money{999, USD}, Lang::en) == "$9.99");
    CHECK(formatMoney(Money{999, USD}, Lang::es) == "9,99 US$");
    CHECK(formatMoney(euros(std::numeric_limits<std::int64_t>::min()), Lang::en) == "-€92,233,720,368,547,758.08");
    CHECK(formatAmountForInput(euros(123456), Lang::es) == "1234,56");
    CHECK(formatCount(1234567, Lang::es) == "1.234.567");
    CHECK(formatCount(999, Lang::en) == "999");
}

TEST_CASE("ratios in tenths, percentages and a chart's rounded amounts in each language") {
    CHECK(formatTenths(453, Lang::es) == "45,3");
    CHECK(formatTenths(453, Lang::en) == "45.3");
    CHECK(formatTenths(0, Lang::es) == "0,0");
    CHECK(formatTenths(-5, Lang::en) == "-0.5");
    CHECK(formatTenths(12345, Lang::es) == "1.234,5");
    CHECK(formatPercent(875, Lang::es) == "87,5 %");
    CHECK(formatPercent(1000, Lang::en) == "100.0%");

    CHECK(formatMoneyShort(euros(0), Lang::es) == "0 €");
    CHECK(formatMoneyShort(euros(0), Lang::en) == "€0");
    CHECK(formatMoneyShort(euros(85000), Lang::es) == "850 €");
    CHECK(formatMoneyShort(euros(50), Lang::es) == "0,50 €"); // cents under a thousand: written whole
    CHECK(formatMoneyShort(euros(1200000), Lang::es) == "12 mil €");
    CHECK(formatMoneyShort(euros(1250000), Lang::es) == "12,5 mil €");
    CHECK(formatMoneyShort(euros(1250000), Lang::en) == "€12.5k");
    CHECK(formatMoneyShort(euros(1234567), Lang::en) == "€12.3k");
    CHECK(formatMoneyShort(euros(150000000), Lang::es) == "1,5 M €");
    CHECK(formatMoneyShort(euros(150000000), Lang::en) == "€1.5M");
    CHECK(formatMoneyShort(euros(99999000), Lang::en) == "€1M"); // 999.99k rounds up to a million
    CHECK(formatMoneyShort(euros(-250000), Lang::en) == "-€2.5k");
    CHECK(formatMoneyShort(Money{25000000, CLP}, Lang::es) == "25 M CLP");
    CHECK(formatMoneyShort(Money{25000000, CLP}, Lang::en) == "CLP 25M");
    CHECK(formatMoneyShort(Money{300000, USD}, Lang::en) == "$3k");
    CHECK(formatMoneyShort(euros(std::numeric_limits<std::int64_t>::max()), Lang::en) == "€92,233,720,368.5M");
}

TEST_CASE("amounts are read the way each language types them") {
    CHECK(es("1.234,56") == 123456);
    CHECK(es("1234,56") == 123456);
    CHECK(es("1234,5") == 123450);
    CHECK(es("1234") == 123400);
    CHECK(es("1.234") == 123400);
    CHECK(es(" 1.234,56 € ") == 123456);
    CHECK(es("€ 12") == 1200);
    CHECK(es("12 EUR") == 1200);
    CHECK(es(",50") == 50);
    CHECK(es("-20,00") == -2000);
    CHECK(en("1,234.56") == 123456);
    CHECK(en("€1,234.56") == 123456);
    CHECK(en("0.07") == 7);
    CHECK(es("1.500.000", CLP) == 1500000);
}

TEST_CASE("amounts that could be misread are refused with the reason") {
    CHECK(esError("") == AmountError::Empty);
    CHECK(esError("   ") == AmountError::Empty);
    CHECK(esError("doce") == AmountError::NotANumber);
    CHECK(esError("12,3,4") == AmountError::NotANumber);
    CHECK(esError("12.50") == AmountError::WrongDecimalMark);
    CHECK(esError("1.23.456") == AmountError::BadGrouping);
    CHECK(esError("12,345") == AmountError::TooManyDecimals);
    CHECK(esError("1000000001") == AmountError::TooLarge);
    CHECK(esError("99999999999999999999999") == AmountError::TooLarge);
    CHECK(parseAmount("10,5", Lang::es, CLP).error == AmountError::TooManyDecimals);
    CHECK_FALSE(en("12,50").has_value()); // English reads the comma as a thousands separator
}

TEST_CASE("dates are written day first in both languages") {
    const Date date = *Date::parseIso("2026-11-22");
    CHECK(formatDate(date, Lang::es) == "22/11/2026");
    CHECK(formatDate(date, Lang::en) == "22 Nov 2026");
    CHECK(formatDateTime(date.startOfDayUtc() + 13 * 3'600'000 + 5 * 60'000, 60, Lang::es) == "22/11/2026 14:05");
}

TEST_CASE("dates are read the way people type them") {
    const Date date = *Date::parseIso("2026-11-22");
    CHECK(parseDate("22/11/2026", Lang::es) == date);
    CHECK(parseDate("22-11-2026", Lang::es) == date);
    CHECK(parseDate("22.11.26", Lang::es) == date);
    CHECK(parseDate("2026-11-22", Lang::en) == date);
    CHECK(parseDate("22 Nov 2026", Lang::en) == date);
    CHECK(parseDate("22 nov 2026", Lang::es) == date);
    CHECK(parseDate("Nov 22, 2026", Lang::en) == date);
    CHECK(parseDate("22 set 2026", Lang::es) == Date::parseIso("2026-09-22"));
    CHECK_FALSE(parseDate("31/04/2026", Lang::es).has_value());
    CHECK_FALSE(parseDate("29/02/2026", Lang::es).has_value());
    CHECK_FALSE(parseDate("mañana", Lang::es).has_value());
    CHECK_FALSE(parseDate("22/11", Lang::es).has_value());
    CHECK_FALSE(parseDate("2026/11/22", Lang::es).has_value());
}

TEST_CASE("amounts in several currencies: the primary currency first, then the others by code") {
    const auto eur = CurrencyCode::eur();
    const auto ars = *CurrencyCode::parse("ARS");
    const auto usd = *CurrencyCode::parse("USD");
    MoneyBag bag;
    bag.add(Money{5000, usd});
    bag.add(Money{100000, ars});
    bag.add(Money{123456, eur});
    // The bag keeps them by code (ARS, EUR, USD); people read their own currency first.
    CHECK(formatMoneyBag(bag, eur, Lang::es) == formatMoney(Money{123456, eur}, Lang::es) + " + " +
                                                    formatMoney(Money{100000, ars}, Lang::es) + " + " +
                                                    formatMoney(Money{5000, usd}, Lang::es));
    CHECK(formatMoneyBag(bag, eur, Lang::es).rfind("1.234,56 € + ", 0) == 0);
    CHECK(formatMoneyBag(bag, usd, Lang::en).rfind(formatMoney(Money{5000, usd}, Lang::en) + " + ", 0) == 0);
    // Nothing: zero in the primary currency.
    CHECK(formatMoneyBag(MoneyBag{}, eur, Lang::es) == "0,00 €");
    CHECK(formatMoneyBag(MoneyBag{}, eur, Lang::en) == "€0.00");
}

TEST_CASE("sizes: kilobytes under a megabyte, so a small database never reads 0,0 MB") {
    CHECK(formatBytes(0, Lang::es) == "0 KB");
    CHECK(formatBytes(300, Lang::es) == "1 KB");
    CHECK(formatBytes(190.0 * 1024, Lang::es) == "190 KB"); // some 1,100 events
    CHECK(formatBytes(12.5 * 1024 * 1024, Lang::es) == "12,5 MB");
    CHECK(formatBytes(12.5 * 1024 * 1024, Lang::en) == "12.5 MB");
    CHECK(formatBytes(1.3 * 1024 * 1024 * 1024, Lang::es) == "1,3 GB");
}
