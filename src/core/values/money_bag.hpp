#pragma once
// Amounts in several currencies, kept apart: a debtor may owe euros and dollars, and no
// figure ever adds the two.
#include "core/values/money.hpp"

#include <cstdint>
#include <vector>

namespace recobra {

class MoneyBag {
public:
    // Never wraps: a total beyond int64 stays at the edge (saturatingAdd), and says so.
    void add(Money m);
    void subtract(Money m);
    std::int64_t in(CurrencyCode currency) const;
    const std::vector<Money>& amounts() const { return amounts_; } // non-zero, sorted by currency
    bool isZero() const { return amounts_.empty(); }
    bool anyPositive() const;
    // A total that reached the edge of int64: it is not a figure (the CLI refuses to print
    // one, the app shows an error in its place).
    bool saturated() const;
    template <class V> void visit(V& v) { v("amounts", amounts_); }
    friend bool operator==(const MoneyBag&, const MoneyBag&) = default;

private:
    std::vector<Money> amounts_;
};

} // namespace recobra
