#include "core/i18n/locale.hpp"

#include "core/values/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <vector>

namespace recobra {

namespace {

constexpr std::array<const char*, 12> kMonthsEs{"ene", "feb", "mar", "abr", "may", "jun",
                                                "jul", "ago", "sep", "oct", "nov", "dic"};
constexpr std::array<const char*, 12> kMonthsEn{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

char decimalMark(Lang lang) { return lang == Lang::es ? ',' : '.'; }
char groupMark(Lang lang) { return lang == Lang::es ? '.' : ','; }

std::string groupDigits(std::uint64_t value, char mark) {
    std::string digits = std::to_string(value);
    std::string out;
    out.reserve(digits.size() + digits.size() / 3);
    const std::size_t lead = digits.size() % 3;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i != 0 && (i + 3 - lead) % 3 == 0 && mark != 0) out.push_back(mark);
        out.push_back(digits[i]);
    }
    return out;
}

std::uint64_t magnitude(std::int64_t v) {
    return v < 0 ? static_cast<std::uint64_t>(-(v + 1)) + 1 : static_cast<std::uint64_t>(v);
}

std::string amountText(Money money, Lang lang, bool grouped) {
    const int exponent = currencyExponent(money.currency);
    const auto per = static_cast<std::uint64_t>(minorPerMajor(money.currency));
    const std::uint64_t abs = magnitude(money.minor);
    std::string out = groupDigits(abs / per, grouped ? groupMark(lang) : 0);
    if (exponent > 0) {
        std::string frac = std::to_string(abs % per);
        out.push_back(decimalMark(lang));
        out.append(static_cast<std::size_t>(exponent) - frac.size(), '0');
        out += frac;
    }
    return out;
}

bool stripAffix(std::string_view& text, std::string_view affix) {
    if (affix.empty()) return false;
    if (text.size() >= affix.size() && text.substr(0, affix.size()) == affix) {
        text.remove_prefix(affix.size());
        text = trim(text);
        return true;
    }
    if (text.size() >= affix.size() && text.substr(text.size() - affix.size()) == affix) {
        text.remove_suffix(affix.size());
        text = trim(text);
        return true;
    }
    return false;
}

bool allDigits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

std::optional<int> toInt(std::string_view s) {
    if (!allDigits(s) || s.size() > 4) return std::nullopt;
    int v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

std::optional<unsigned> monthFromName(std::string_view name) {
    std::string lower;
    for (char c : name) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (lower.size() > 3 && lower.back() == '.') lower.pop_back();
    if (lower.size() < 3) return std::nullopt;
    const std::string prefix = lower.substr(0, 3);
    for (unsigned i = 0; i < 12; ++i) {
        std::string en = kMonthsEn[i];
        en[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(en[0])));
        if (prefix == kMonthsEs[i] || prefix == en) return i + 1;
    }
    if (prefix == "set") return 9u; // "setiembre", used in Peru, Chile and Uruguay
    return std::nullopt;
}

int expandYear(int year, std::size_t digits) { return digits == 2 ? 2000 + year : year; }

} // namespace

const char* langCode(Lang lang) { return lang == Lang::es ? "es" : "en"; }

std::optional<Lang> parseLang(std::string_view code) {
    if (code == "es") return Lang::es;
    if (code == "en") return Lang::en;
    return std::nullopt;
}

std::string formatAmount(Money money, Lang lang) {
    return (money.minor < 0 ? "-" : "") + amountText(money, lang, true);
}

std::string formatAmountForInput(Money money, Lang lang) {
    return (money.minor < 0 ? "-" : "") + amountText(money, lang, false);
}

std::string formatMoney(Money money, Lang lang) {
    const CurrencyInfo* info = findCurrency(money.currency);
    const std::string code = money.currency.str();
    const std::string sign = money.minor < 0 ? "-" : "";
    const std::string amount = amountText(money, lang, true);
    if (lang == Lang::es) return sign + amount + " " + (info ? info->symbolEs : code.c_str());
    const std::string symbol = info ? info->symbolEn : code;
    const bool wordy = !symbol.empty() && std::isalpha(static_cast<unsigned char>(symbol.back()));
    return sign + symbol + (wordy ? " " : "") + amount;
}

std::string formatMoneyBag(const MoneyBag& bag, CurrencyCode primary, Lang lang) {
    if (bag.isZero()) return formatMoney(Money{0, primary}, lang);
    std::string out;
    auto add = [&](const Money& m) { out += (out.empty() ? "" : " + ") + formatMoney(m, lang); };
    for (const auto& m : bag.amounts())
        if (m.currency == primary) add(m);
    for (const auto& m : bag.amounts())
        if (!(m.currency == primary)) add(m);
    return out;
}

std::string formatBytes(double bytes, Lang lang) {
    constexpr double kKB = 1024.0, kMB = kKB * 1024, kGB = kMB * 1024;
    char buffer[32];
    if (bytes >= kGB) std::snprintf(buffer, sizeof buffer, "%.1f GB", bytes / kGB);
    else if (bytes >= kMB) std::snprintf(buffer, sizeof buffer, "%.1f MB", bytes / kMB);
    else std::snprintf(buffer, sizeof buffer, "%.0f KB", bytes > 0 ? std::max(1.0, bytes / kKB) : 0.0);
    std::string text = buffer;
    if (lang == Lang::es) std::replace(text.begin(), text.end(), '.', ',');
    return text;
}

std::string formatCount(std::int64_t n, Lang lang) {
    return (n < 0 ? "-" : "") + groupDigits(magnitude(n), groupMark(lang));
}

std::string formatTenths(std::int64_t tenths, Lang lang) {
    const std::uint64_t abs = magnitude(tenths);
    return (tenths < 0 ? "-" : "") + groupDigits(abs / 10, groupMark(lang)) + decimalMark(lang) +
           static_cast<char>('0' + abs % 10);
}

std::string formatPercent(std::int64_t tenths, Lang lang) {
    return formatTenths(tenths, lang) + (lang == Lang::es ? " %" : "%");
}

std::string formatMoneyShort(Money money, Lang lang) {
    const auto per = static_cast<std::uint64_t>(minorPerMajor(money.currency));
    const std::uint64_t abs = magnitude(money.minor);
    if (abs < 1000 * per && abs % per != 0) return formatMoney(money, lang);
    // Tenths of a thousand or of a million, rounded half up (no product that can overflow).
    auto tenthsOf = [&](std::uint64_t unit) { return abs / (unit / 10) + (abs % (unit / 10) >= unit / 20 ? 1 : 0); };
    std::uint64_t value = abs / per; // whole units under a thousand
    int scale = 0;                   // 1: thousands, 2: millions
    if (abs >= 1000 * per) {
        value = tenthsOf(1000 * per);
        scale = 1;
        if (value >= 10000) { // 999.95k and more: millions
            value = tenthsOf(1000000 * per);
            scale = 2;
        }
    }
    std::string number = scale == 0 ? groupDigits(value, groupMark(lang)) : groupDigits(value / 10, groupMark(lang));
    if (scale > 0 && value % 10 != 0) {
        number.push_back(decimalMark(lang));
        number.push_back(static_cast<char>('0' + value % 10));
    }
    const CurrencyInfo* info = findCurrency(money.currency);
    const std::string code = money.currency.str();
    const std::string sign = money.minor < 0 ? "-" : "";
    if (lang == Lang::es) {
        const char* unit = scale == 1 ? " mil " : scale == 2 ? " M " : " ";
        return sign + number + unit + (info ? info->symbolEs : code.c_str());
    }
    const std::string symbol = info ? info->symbolEn : code;
    const bool wordy = !symbol.empty() && std::isalpha(static_cast<unsigned char>(symbol.back()));
    return sign + symbol + (wordy ? " " : "") + number + (scale == 1 ? "k" : scale == 2 ? "M" : "");
}

const char* monthShortName(unsigned month, Lang lang) {
    if (month < 1 || month > 12) return "";
    return lang == Lang::es ? kMonthsEs[month - 1] : kMonthsEn[month - 1];
}

std::string formatDate(Date date, Lang lang) {
    char buffer[32];
    if (lang == Lang::es)
        std::snprintf(buffer, sizeof buffer, "%02u/%02u/%04d", date.day(), date.month(), date.year());
    else
        std::snprintf(buffer, sizeof buffer, "%u %s %04d", date.day(), monthShortName(date.month(), lang), date.year());
    return buffer;
}

std::string formatDateTime(Timestamp ts, int utcOffsetMinutes, Lang lang) {
    const Timestamp local = ts + static_cast<Timestamp>(utcOffsetMinutes) * 60'000;
    const Date day = Date::ofTimestamp(local);
    const Timestamp msOfDay = local - day.startOfDayUtc();
    const int minutes = static_cast<int>(msOfDay / 60'000);
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, " %02d:%02d", minutes / 60, minutes % 60);
    return formatDate(day, lang) + buffer;
}

AmountParse parseAmount(std::string_view input, Lang lang, CurrencyCode currency) {
    AmountParse result;
    std::string_view text = trim(input);
    if (text.empty()) return result;

    bool negative = false;
    if (!text.empty() && text.front() == '-') {
        negative = true;
        text = trim(text.substr(1));
    }
    // The currency may be written before or after the amount, as symbol or as code.
    const CurrencyInfo* info = findCurrency(currency);
    const std::string code = currency.str();
    if (info) {
        if (!stripAffix(text, info->symbolEs)) stripAffix(text, info->symbolEn);
    }
    stripAffix(text, code);
    if (!negative && !text.empty() && text.front() == '-') {
        negative = true;
        text = trim(text.substr(1));
    }
    result.error = AmountError::NotANumber;
    if (text.empty()) return result;

    const char dec = decimalMark(lang);
    const char grp = groupMark(lang);
    std::string_view whole = text;
    std::string_view frac;
    const auto decPos = text.find(dec);
    if (decPos != std::string_view::npos) {
        whole = text.substr(0, decPos);
        frac = text.substr(decPos + 1);
        if (!allDigits(frac)) return result;
    }
    for (char c : whole)
        if (!(c >= '0' && c <= '9') && c != grp && c != ' ') return result;
    if (whole.empty() && frac.empty()) return result;

    // Thousands separators must split the integer part in groups of three. A single
    // separator followed by one or two digits ("12.50" in Spanish) is a decimal typed
    // with the other language's mark: say so rather than read it as 1250.
    std::vector<std::string_view> groups;
    std::size_t from = 0;
    for (std::size_t k = 0; k <= whole.size(); ++k) {
        if (k == whole.size() || whole[k] == grp || whole[k] == ' ') {
            groups.push_back(whole.substr(from, k - from));
            from = k + 1;
        }
    }
    std::string digits;
    if (groups.size() > 1) {
        const std::string_view last = groups.back();
        if (groups.size() == 2 && !last.empty() && last.size() < 3 && decPos == std::string_view::npos &&
            whole.find(grp) != std::string_view::npos) {
            result.error = AmountError::WrongDecimalMark;
            return result;
        }
        for (std::size_t k = 0; k < groups.size(); ++k) {
            const bool ok = k == 0 ? !groups[k].empty() && groups[k].size() <= 3 : groups[k].size() == 3;
            if (!ok) {
                result.error = AmountError::BadGrouping;
                return result;
            }
        }
    }
    for (auto g : groups) digits += g;
    if (digits.empty()) digits = "0";

    const int exponent = currencyExponent(currency);
    if (static_cast<int>(frac.size()) > exponent) {
        result.error = AmountError::TooManyDecimals;
        return result;
    }
    std::string all = digits + std::string(frac) + std::string(static_cast<std::size_t>(exponent) - frac.size(), '0');
    std::size_t start = 0;
    while (start + 1 < all.size() && all[start] == '0') ++start;
    all = all.substr(start);
    if (all.size() > 18) {
        result.error = AmountError::TooLarge;
        return result;
    }
    std::int64_t minor = 0;
    std::from_chars(all.data(), all.data() + all.size(), minor);
    if (minor > maxAmountMinor(currency)) {
        result.error = AmountError::TooLarge;
        return result;
    }
    result.minor = negative ? -minor : minor;
    return result;
}

std::optional<Date> parseDate(std::string_view input, Lang lang) {
    (void)lang; // both languages read day-first dates and month names in either language
    std::string_view text = trim(input);
    if (auto iso = Date::parseIso(text)) return iso;

    // Split on '/', '-', '.', ' ' and ','.
    std::array<std::string_view, 3> parts;
    std::size_t count = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && (text[i] == '/' || text[i] == '-' || text[i] == '.' || text[i] == ' ' || text[i] == ','))
            ++i;
        if (i >= text.size()) break;
        std::size_t j = i;
        while (j < text.size() && !(text[j] == '/' || text[j] == '-' || text[j] == '.' || text[j] == ' ' || text[j] == ','))
            ++j;
        if (count == 3) return std::nullopt;
        parts[count++] = text.substr(i, j - i);
        i = j;
    }
    if (count != 3) return std::nullopt;

    // "22 Nov 2026", "22 de noviembre de 2026" is not supported; "Nov 22, 2026" is.
    std::optional<int> day, month, year;
    std::size_t yearDigits = 0;
    if (allDigits(parts[0]) && allDigits(parts[1]) && allDigits(parts[2])) {
        day = toInt(parts[0]);
        month = toInt(parts[1]);
        year = toInt(parts[2]);
        yearDigits = parts[2].size();
    } else if (allDigits(parts[0]) && !allDigits(parts[1]) && allDigits(parts[2])) {
        day = toInt(parts[0]);
        if (auto m = monthFromName(parts[1])) month = static_cast<int>(*m);
        year = toInt(parts[2]);
        yearDigits = parts[2].size();
    } else if (!allDigits(parts[0]) && allDigits(parts[1]) && allDigits(parts[2])) {
        if (auto m = monthFromName(parts[0])) month = static_cast<int>(*m);
        day = toInt(parts[1]);
        year = toInt(parts[2]);
        yearDigits = parts[2].size();
    }
    if (!day || !month || !year || (yearDigits != 2 && yearDigits != 4) || (parts[0].size() > 2 && allDigits(parts[0])))
        return std::nullopt;
    return Date::fromYmd(expandYear(*year, yearDigits), *month, *day);
}

} // namespace recobra
