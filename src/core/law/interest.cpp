#include "core/law/interest.hpp"

#include "core/values/rounding.hpp"

#include <algorithm>

namespace recobra {

namespace {

struct Paid {
    Date on;
    std::int64_t amount = 0;
};

// What was allocated to the invoice, by payment day.
std::vector<Paid> paymentsTo(const State& s, const InvoiceState& inv, Index invoice) {
    std::vector<Paid> out;
    for (Index p : s.debtors[inv.debtor].payments) {
        const auto& pay = s.payments[p];
        for (const auto& a : pay.allocations)
            if (a.invoice == invoice) out.push_back({pay.date, a.amount});
    }
    std::sort(out.begin(), out.end(), [](const Paid& a, const Paid& b) { return a.on < b.on; });
    return out;
}

// Whether the invoice was disputed on `day` (the last change on or before it says).
bool disputedOn(const InvoiceState& inv, Date day) {
    bool disputed = false;
    Date latest;
    bool any = false;
    for (const auto& c : inv.disputes)
        if (c.on <= day && (!any || !(c.on < latest))) {
            latest = c.on;
            disputed = c.disputed;
            any = true;
        }
    return disputed;
}

// The first formal claim that names the invoice, or names none and comes after its due date.
std::optional<Date> firstFormalClaim(const State& s, const InvoiceState& inv, Index invoice) {
    std::optional<Date> first;
    for (const auto& act : s.debtors[inv.debtor].legalActs) {
        if (!act.formalClaim) continue;
        const bool names = std::find(act.invoices.begin(), act.invoices.end(), invoice) != act.invoices.end();
        if (!names && !(act.invoices.empty() && inv.dueDate < act.on)) continue;
        if (!first || act.on < *first) first = act.on;
    }
    return first;
}

// The first day of the period after the one `day` is in.
Date nextPeriodStart(RateTable table, Date day) {
    if (table == RateTable::LegalInterest || day.month() > 6) return *Date::fromYmd(day.year() + 1, 1, 1);
    return *Date::fromYmd(day.year(), 7, 1);
}

} // namespace

InvoiceInterest interestOn(const State& s, const LawTables& tables, Index invoice, Date today) {
    InvoiceInterest out;
    const InvoiceState& inv = s.invoices[invoice];
    if (inv.voided) {
        out.notComputed = Str::law_not_void;
        return out;
    }
    if (!(inv.amount.currency == CurrencyCode::eur())) {
        out.notComputed = Str::law_not_euro;
        return out;
    }
    const bool consumer = inv.kind == InvoiceKind::B2C;
    out.kind = consumer ? InterestKind::Legal : InterestKind::Commercial;
    const RateTable table = consumer ? RateTable::LegalInterest : RateTable::LatePayment;
    const Date lateFrom = inv.dueDate.addDays(1);
    Date accrueFrom = lateFrom;
    if (consumer) {
        out.claimedOn = firstFormalClaim(s, inv, invoice);
        if (!out.claimedOn) {
            out.notComputed = Str::law_not_claimed;
            return out;
        }
        accrueFrom = std::max(accrueFrom, *out.claimedOn); // in default from the claim itself (CC art. 1100)
    }
    if (inv.charges) accrueFrom = std::max(accrueFrom, inv.charges->on.addDays(1));
    if (today < lateFrom) return out;

    const std::vector<Paid> paid = paymentsTo(s, inv, invoice);
    // Nothing accrues after the day of the payment that settled it.
    Date last = today;
    std::int64_t settled = 0;
    for (const auto& p : paid)
        if ((settled = saturatingAdd(settled, p.amount)) >= inv.amount.minor) {
            last = std::min(last, p.on);
            break;
        }
    if (last < lateFrom) return out;
    // Where anything changes: a period begins, a payment lowers the base, a dispute starts or
    // ends, interest starts accruing.
    std::vector<Date> cuts;
    cuts.reserve(8 + 2 * paid.size() + inv.disputes.size());
    cuts.push_back(lateFrom);
    cuts.push_back(last.addDays(1));
    for (Date d = nextPeriodStart(table, lateFrom); d <= last; d = nextPeriodStart(table, d)) cuts.push_back(d);
    for (const auto& p : paid)
        if (lateFrom < p.on.addDays(1) && p.on.addDays(1) <= last) cuts.push_back(p.on.addDays(1));
    for (const auto& c : inv.disputes)
        if (lateFrom < c.on && c.on <= last) cuts.push_back(c.on);
    if (lateFrom < accrueFrom && accrueFrom <= last) cuts.push_back(accrueFrom);
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());

    Int128 total = 0;
    std::vector<Int128> exact; // each row's Σ base × rate × days
    for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
        const Date from = cuts[k], to = cuts[k + 1].addDays(-1);
        std::int64_t base = inv.amount.minor;
        for (const auto& p : paid)
            if (p.on < from) base = saturatingAdd(base, -p.amount);
        if (base <= 0 || disputedOn(inv, from)) continue;
        out.late = true;
        if (from < accrueFrom) continue;
        const RateEntry* rate = tables.rateOn(table, from);
        const std::string period = ratePeriodOf(table, from);
        if (!rate) {
            if (std::find(out.missingPeriods.begin(), out.missingPeriods.end(), period) == out.missingPeriods.end())
                out.missingPeriods.push_back(period);
            continue;
        }
        const std::int32_t days = daysBetween(from, to) + 1;
        const Int128 amount = Int128{base} * rate->basisPoints * days;
        total += amount;
        exact.push_back(amount);
        out.rows.push_back(InterestRow{period, from, to, days, base, rate->basisPoints, 0});
    }
    // Rounded once for the invoice; each row gets the difference of the rounded running sums,
    // so that the rows add up to the total exactly.
    Int128 running = 0;
    std::int64_t shown = 0;
    for (std::size_t k = 0; k < out.rows.size(); ++k) {
        running += exact[k];
        const std::int64_t upTo = *divideRounded(running, kInterestDivisor, Rounding::HalfUp);
        out.rows[k].amount = upTo - shown;
        shown = upTo;
    }
    out.amount = *divideRounded(total, kInterestDivisor, Rounding::HalfUp);
    return out;
}

} // namespace recobra
