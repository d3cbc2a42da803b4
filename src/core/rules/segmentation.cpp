#include "core/rules/segmentation.hpp"

#include "core/state/queries.hpp"

#include <algorithm>

namespace recobra {

namespace {

struct Settlement {
    Index invoice = kNone;
    Date lastPayment;
    std::uint32_t payments = 0;
};

// When each invoice received its last payment, and from how many payments.
std::vector<Settlement> settlements(const State& s, const DebtorState& d) {
    std::vector<Settlement> out;
    for (Index p : d.payments) {
        const auto& pay = s.payments[p];
        for (const auto& a : pay.allocations) {
            auto it = std::find_if(out.begin(), out.end(), [&](const Settlement& x) { return x.invoice == a.invoice; });
            if (it == out.end()) {
                out.push_back({a.invoice, pay.date, 1});
            } else {
                it->lastPayment = std::max(it->lastPayment, pay.date);
                ++it->payments;
            }
        }
    }
    return out;
}

} // namespace

SegmentResult classifyDebtor(const State& s, Index debtor, Date today) {
    const DebtorState& d = s.debtors[debtor];
    SegmentEvidence ev;
    const auto paid = settlements(s, d);
    auto pausedToday = [&](Index invoice) {
        return std::any_of(d.pauses.begin(), d.pauses.end(), [&](Index p) {
            const auto& pause = s.pauses[p];
            return (pause.invoice == kNone || pause.invoice == invoice) && pause.activeOn(today);
        });
    };
    for (Index i : d.invoices) {
        const auto& inv = s.invoices[i];
        if (inv.voided) continue;
        const auto settled = std::find_if(paid.begin(), paid.end(), [&](const Settlement& x) { return x.invoice == i; });
        if (inv.outstanding() <= 0) {
            ++ev.invoicesCounted;
            if (settled == paid.end()) continue; // settled without a payment (amount lowered): on time
            const int late = daysBetween(inv.dueDate, settled->lastPayment);
            if (late > kGraceDays) {
                ++ev.paidLate;
                ev.daysLateTotal += late;
            }
            if (settled->payments >= 2) ++ev.paidInParts;
        } else {
            const int late = daysBetween(inv.dueDate, today);
            if (late <= kGraceDays) continue; // not due yet, or within the grace days
            if (inv.disputed || pausedToday(i)) continue; // not the debtor's habit: a dispute, an arrangement
            ++ev.invoicesCounted;
            ++ev.paidLate;
            ev.daysLateTotal += late;
            if (inv.paid > 0) ++ev.paidInParts;
            ev.overdue = true;
            if (!ev.overdueSince || inv.dueDate < *ev.overdueSince) ev.overdueSince = inv.dueDate;
        }
    }
    for (Index p : d.promises) {
        const auto& promise = s.promises[p];
        if (promise.dueDate >= today) continue; // not broken (yet)
        if (promisePaid(s, promise) >= promise.amount.minor) continue;
        ++ev.promisesBroken;
        if (ev.overdueSince && promise.madeOn >= *ev.overdueSince) ++ev.promisesBrokenOnDebt;
    }
    if (ev.overdueSince && d.lastRefusalAt >= ev.overdueSince->startOfDayUtc()) ev.refusedAt = d.lastRefusalAt;
    ev.unanswered = d.unansweredStreak;

    SegmentResult r;
    r.evidence = ev;
    if (ev.overdue && (ev.refusedAt > 0 || ev.promisesBrokenOnDebt >= 2 || ev.unanswered >= 3))
        r.segment = Segment::WontPay;
    else if (ev.invoicesCounted < 2)
        r.segment = Segment::New;
    else if ((ev.paidLate >= 2 && ev.paidLate * 2 >= ev.invoicesCounted) || ev.paidInParts >= 2 || ev.promisesBroken >= 2)
        r.segment = Segment::Chronic;
    else if (ev.paidLate >= 1 || ev.paidInParts >= 1 || ev.promisesBroken >= 1)
        r.segment = Segment::OccasionalSlip;
    else
        r.segment = Segment::Punctual;
    return r;
}

std::string segmentExplanation(const SegmentResult& r, Lang lang) {
    const auto& ev = r.evidence;
    std::vector<std::string> parts;
    auto count = [&](std::uint32_t n, Str one, Str many) {
        parts.push_back(n == 1 ? std::string(tr(one, lang)) : trf(many, lang, {formatCount(n, lang)}));
    };
    if (r.segment == Segment::WontPay) {
        if (ev.refusedAt > 0) parts.push_back(trf(Str::seg_why_refused, lang, {formatDate(Date::ofTimestamp(ev.refusedAt), lang)}));
        if (ev.promisesBrokenOnDebt >= 2)
            parts.push_back(trf(Str::seg_why_broken_on_debt, lang, {formatCount(ev.promisesBrokenOnDebt, lang)}));
        if (ev.unanswered >= 3) parts.push_back(trf(Str::seg_why_unanswered, lang, {formatCount(ev.unanswered, lang)}));
        if (ev.overdueSince) parts.push_back(trf(Str::seg_why_overdue_since, lang, {formatDate(*ev.overdueSince, lang)}));
    } else if (r.segment == Segment::New) {
        parts.push_back(ev.invoicesCounted == 0 ? std::string(tr(Str::seg_why_new_none, lang))
                                                : std::string(tr(Str::seg_why_new_one, lang)));
    } else if (r.segment == Segment::Punctual) {
        parts.push_back(trf(Str::seg_why_punctual, lang, {formatCount(ev.invoicesCounted, lang)}));
    } else {
        if (ev.paidLate > 0) {
            const std::int64_t average = ev.daysLateTotal / ev.paidLate;
            parts.push_back(trf(Str::seg_why_late, lang,
                                {formatCount(ev.paidLate, lang), formatCount(ev.invoicesCounted, lang),
                                 formatCount(average, lang)}));
        } else {
            parts.push_back(trf(Str::seg_why_on_time, lang, {formatCount(ev.invoicesCounted, lang)}));
        }
        if (ev.paidInParts > 0) count(ev.paidInParts, Str::seg_why_parts_one, Str::seg_why_parts_n);
        if (ev.promisesBroken > 0) count(ev.promisesBroken, Str::seg_why_broken_one, Str::seg_why_broken_n);
    }
    std::string out;
    for (const auto& p : parts) {
        if (!out.empty()) out += " · ";
        out += p;
    }
    return out;
}

} // namespace recobra
