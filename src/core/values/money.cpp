#include "core/values/money.hpp"

#include <array>

namespace recobra {

namespace {

// ISO 4217 minor-unit exponents.
constexpr std::array<CurrencyInfo, 22> kCurrencies{{
    {"ARS", 2, "ARS", "ARS"}, {"BOB", 2, "Bs", "Bs"},   {"BRL", 2, "R$", "R$"},   {"CAD", 2, "CA$", "CA$"},
    {"CHF", 2, "CHF", "CHF"}, {"CLP", 0, "CLP", "CLP"}, {"COP", 2, "COP", "COP"}, {"CRC", 2, "₡", "₡"},
    {"CUP", 2, "CUP", "CUP"}, {"DOP", 2, "RD$", "RD$"}, {"EUR", 2, "€", "€"},     {"GBP", 2, "£", "£"},
    {"GTQ", 2, "Q", "Q"},     {"HNL", 2, "L", "L"},     {"MXN", 2, "MXN", "MX$"}, {"NIO", 2, "C$", "C$"},
    {"PAB", 2, "B/.", "B/."}, {"PEN", 2, "S/", "S/"},   {"PYG", 0, "PYG", "PYG"}, {"USD", 2, "US$", "$"},
    {"UYU", 2, "UYU", "UYU"}, {"VES", 2, "Bs.S", "Bs.S"},
}};

} // namespace

std::optional<CurrencyCode> CurrencyCode::parse(std::string_view text) {
    if (text.size() != 3) return std::nullopt;
    for (char c : text)
        if (c < 'A' || c > 'Z') return std::nullopt;
    return CurrencyCode(text[0], text[1], text[2]);
}

const CurrencyInfo* findCurrency(std::string_view code) {
    for (const auto& info : kCurrencies)
        if (code == info.code) return &info;
    return nullptr;
}

const CurrencyInfo* findCurrency(CurrencyCode code) { return findCurrency(code.str()); }

std::vector<CurrencyCode> knownCurrencies() {
    std::vector<CurrencyCode> out;
    for (const auto& info : kCurrencies) out.push_back(*CurrencyCode::parse(info.code));
    return out;
}

int currencyExponent(CurrencyCode code) {
    const auto* info = findCurrency(code);
    return info ? info->exponent : 2;
}

std::int64_t minorPerMajor(CurrencyCode code) {
    std::int64_t factor = 1;
    for (int i = 0; i < currencyExponent(code); ++i) factor *= 10;
    return factor;
}

std::optional<std::int64_t> checkedAdd(std::int64_t a, std::int64_t b) {
    std::int64_t out = 0;
    if (__builtin_add_overflow(a, b, &out)) return std::nullopt;
    return out;
}

std::optional<std::int64_t> checkedSub(std::int64_t a, std::int64_t b) {
    std::int64_t out = 0;
    if (__builtin_sub_overflow(a, b, &out)) return std::nullopt;
    return out;
}

std::optional<std::int64_t> checkedMul(std::int64_t a, std::int64_t b) {
    std::int64_t out = 0;
    if (__builtin_mul_overflow(a, b, &out)) return std::nullopt;
    return out;
}

std::int64_t saturatingAdd(std::int64_t a, std::int64_t b) {
    if (isSaturated(a)) return a;
    if (isSaturated(b)) return b;
    std::int64_t out = 0;
    if (__builtin_add_overflow(a, b, &out)) return b > 0 ? INT64_MAX : INT64_MIN;
    return out;
}

std::optional<Money> add(Money a, Money b) {
    if (!(a.currency == b.currency)) return std::nullopt;
    auto sum = checkedAdd(a.minor, b.minor);
    if (!sum) return std::nullopt;
    return Money{*sum, a.currency};
}

std::optional<Money> subtract(Money a, Money b) {
    if (!(a.currency == b.currency)) return std::nullopt;
    auto diff = checkedSub(a.minor, b.minor);
    if (!diff) return std::nullopt;
    return Money{*diff, a.currency};
}

std::int64_t maxAmountMinor(CurrencyCode code) { return kMaxAmountMajor * minorPerMajor(code); }

} // namespace recobra
