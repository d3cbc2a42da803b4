#pragma once
// How money, numbers and dates are written and read in each language.
// Spanish: 1.234,56 € and 22/11/2026. English: €1,234.56 and 22 Nov 2026.
#include "core/values/date.hpp"
#include "core/values/money.hpp"
#include "core/values/money_bag.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace recobra {

enum class Lang { es, en };

const char* langCode(Lang lang); // "es", "en"
std::optional<Lang> parseLang(std::string_view code);

// "1.234,56 €" / "€1,234.56"; negative amounts get a leading minus.
std::string formatMoney(Money money, Lang lang);
// Amounts in several currencies, the primary one first, then the others by code:
// "1.234,56 € + 50,00 US$ + 1.000,00 ARS"; "0,00 €" (in the primary currency) when empty.
std::string formatMoneyBag(const MoneyBag& bag, CurrencyCode primary, Lang lang);
// The amount alone, grouped: "1.234,56" / "1,234.56".
std::string formatAmount(Money money, Lang lang);
// The amount as a person would type it into a field: "1234,56" / "1234.56".
std::string formatAmountForInput(Money money, Lang lang);
// A size as storage reports it: "820 KB", "12,5 MB" / "12.5 MB", "1,2 GB"; under a
// megabyte in kilobytes, so that a small database never reads "0,0 MB".
std::string formatBytes(double bytes, Lang lang);
// A plain integer with grouping: "12.345" / "12,345".
std::string formatCount(std::int64_t n, Lang lang);
// A figure kept in tenths, with its one decimal: 453 → "45,3" / "45.3" (grouped: "1.234,5").
std::string formatTenths(std::int64_t tenths, Lang lang);
// A share kept in tenths of a percent: 875 → "87,5 %" / "87.5%".
std::string formatPercent(std::int64_t tenths, Lang lang);
// An amount rounded for a chart's axis, to one decimal at most: "850 €", "12,5 mil €",
// "1,2 M €" / "€850", "€12.5k", "€1.2M". Under a thousand with cents: as formatMoney writes it.
std::string formatMoneyShort(Money money, Lang lang);

std::string formatDate(Date date, Lang lang);
// Local date and time; the UI passes the browser's offset from UTC in minutes.
std::string formatDateTime(Timestamp ts, int utcOffsetMinutes, Lang lang);
const char* monthShortName(unsigned month, Lang lang); // 1–12

enum class AmountError {
    Empty,
    NotANumber,       // letters or stray symbols
    BadGrouping,      // "1.23.4"
    WrongDecimalMark, // "12.50" typed in Spanish
    TooManyDecimals,  // "12,345" for euros
    TooLarge,
};

struct AmountParse {
    std::optional<std::int64_t> minor; // set when the text is a valid amount
    AmountError error = AmountError::Empty;
};

// Reads an amount the way the language writes it, with or without the currency symbol or
// code and thousands separators. Never rounds: more decimals than the currency has is an error.
AmountParse parseAmount(std::string_view text, Lang lang, CurrencyCode currency);

// Reads a date the way people type it: 22/11/2026, 22-11-26, 2026-11-22 and, in English,
// 22 Nov 2026. Day first in both languages (English here means the British/European use).
std::optional<Date> parseDate(std::string_view text, Lang lang);

} // namespace recobra
