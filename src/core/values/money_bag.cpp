#include "core/values/money_bag.hpp"

#include <algorithm>

namespace recobra {

void MoneyBag::add(Money m) {
    if (m.minor == 0) return;
    auto it = std::lower_bound(amounts_.begin(), amounts_.end(), m.currency,
                               [](const Money& a, CurrencyCode c) { return a.currency < c; });
    if (it != amounts_.end() && it->currency == m.currency) {
        it->minor = saturatingAdd(it->minor, m.minor);
        if (it->minor == 0) amounts_.erase(it);
    } else {
        amounts_.insert(it, m);
    }
}

void MoneyBag::subtract(Money m) {
    // -INT64_MIN does not exist: its opposite is the other edge, saturated as well.
    add(Money{m.minor == INT64_MIN ? INT64_MAX : -m.minor, m.currency});
}

bool MoneyBag::saturated() const {
    return std::any_of(amounts_.begin(), amounts_.end(), [](const Money& m) { return isSaturated(m.minor); });
}

std::int64_t MoneyBag::in(CurrencyCode currency) const {
    for (const auto& m : amounts_)
        if (m.currency == currency) return m.minor;
    return 0;
}

bool MoneyBag::anyPositive() const {
    return std::any_of(amounts_.begin(), amounts_.end(), [](const Money& m) { return m.minor > 0; });
}

} // namespace recobra
