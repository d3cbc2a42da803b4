#pragma once
// Amounts in several currencies, kept apart: a debtor may owe euros and dollars, and no
// figure ever adds the two.
#include "core/values/money.hpp"

#include <cstdint>
#include <vector>

namespace recobra {

class MoneyBag {
public:
    void add(Money m);
    void subtract(Money m) { add(Money{-m.minor, m.currency}); }
    std::int64_t in(CurrencyCode currency) const;
    const std::vector<Money>& amounts() const { return amounts_; } // non-zero, sorted by currency
    bool isZero() const { return amounts_.empty(); }
    bool anyPositive() const;
    template <class V> void visit(V& v) { v("amounts", amounts_); }
    friend bool operator==(const MoneyBag&, const MoneyBag&) = default;

private:
    std::vector<Money> amounts_;
};

} // namespace recobra
