#pragma once
// Money is an exact integer count of the currency's minor unit (cents for EUR, pesos for CLP)
// plus its ISO 4217 code. Never a double. Arithmetic that would overflow or mix currencies
// refuses (returns nullopt) instead of producing a wrong figure.
//
// Rounding policy: adding and subtracting are exact. Only a division (a rate, a share, a
// conversion) makes a fraction of a minor unit, and every such division goes through
// divideRounded (values/rounding.hpp) with its mode named where it is called: half up (0.5
// away from zero) for any amount claimed, invoiced or converted, as Spanish invoicing and
// tax practice do, once per figure and never on intermediate results. A total split into
// parts (instalments) gives every part its rounded share and the remainder to one part on
// purpose, so the parts always add up to the total.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recobra {

// An ISO 4217 code packed in 3 bytes: cheap to copy and compare.
class CurrencyCode {
public:
    constexpr CurrencyCode() = default;
    // Accepts three upper-case ASCII letters; anything else gives nullopt.
    static std::optional<CurrencyCode> parse(std::string_view text);
    static constexpr CurrencyCode eur() { return CurrencyCode('E', 'U', 'R'); }

    std::string str() const { return std::string(code_, 3); }
    bool empty() const { return code_[0] == 0; }
    friend constexpr bool operator==(CurrencyCode a, CurrencyCode b) {
        return a.code_[0] == b.code_[0] && a.code_[1] == b.code_[1] && a.code_[2] == b.code_[2];
    }
    friend constexpr bool operator<(CurrencyCode a, CurrencyCode b) {
        for (int i = 0; i < 3; ++i)
            if (a.code_[i] != b.code_[i]) return a.code_[i] < b.code_[i];
        return false;
    }

private:
    constexpr CurrencyCode(char a, char b, char c) : code_{a, b, c} {}
    char code_[3] = {0, 0, 0};
};

struct CurrencyInfo {
    const char* code;
    int exponent;          // digits after the decimal point (EUR 2, CLP 0)
    const char* symbolEs;  // how Spanish text writes it after the amount ("€", "US$", "MXN")
    const char* symbolEn;  // how English text writes it before the amount ("€", "$", "MX$")
};

// The currencies Recobra knows: the euro, the currencies of Latin America, and the main
// ones a Spanish business invoices in. Unknown codes are refused.
const CurrencyInfo* findCurrency(CurrencyCode code);
std::vector<CurrencyCode> knownCurrencies(); // alphabetical
const CurrencyInfo* findCurrency(std::string_view code);
int currencyExponent(CurrencyCode code); // 2 for unknown codes
// 10^exponent: how many minor units make one major unit (100 for EUR, 1 for CLP).
std::int64_t minorPerMajor(CurrencyCode code);

struct Money {
    std::int64_t minor = 0;
    CurrencyCode currency = CurrencyCode::eur();

    friend bool operator==(const Money&, const Money&) = default;
    bool isZero() const { return minor == 0; }
    bool isNegative() const { return minor < 0; }
};

inline Money euros(std::int64_t cents) { return Money{cents, CurrencyCode::eur()}; }

std::optional<std::int64_t> checkedAdd(std::int64_t a, std::int64_t b);
std::optional<std::int64_t> checkedSub(std::int64_t a, std::int64_t b);
std::optional<std::int64_t> checkedMul(std::int64_t a, std::int64_t b);

// A sum that cannot wrap: beyond the range of int64 it stays at the edge it reached
// (INT64_MAX or INT64_MIN), and a sum already at an edge stays there (isSaturated). Totals
// over many records use it (MoneyBag, the dashboard, the claim): amounts are checked one by
// one (maxAmountMinor), but a book of millions of them could still pass the edge.
std::int64_t saturatingAdd(std::int64_t a, std::int64_t b);
constexpr bool isSaturated(std::int64_t minor) {
    return minor == INT64_MAX || minor == INT64_MIN;
}

// Same currency or nullopt; overflow gives nullopt.
std::optional<Money> add(Money a, Money b);
std::optional<Money> subtract(Money a, Money b);

// The largest amount Recobra accepts for a single invoice, payment or promise:
// 1,000 million major units. Anything above is a typing mistake, not a debt.
inline constexpr std::int64_t kMaxAmountMajor = 1'000'000'000;
std::int64_t maxAmountMinor(CurrencyCode code);

} // namespace recobra
