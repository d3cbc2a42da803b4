#include "core/state/queries.hpp"

#include "core/state/plans.hpp"
#include "core/values/size_first.hpp"

#include <algorithm>

namespace recobra {

int daysOverdue(const InvoiceState& invoice, Date today) {
    if (!invoice.open()) return 0;
    return std::max(0, daysBetween(invoice.dueDate, today));
}

int daysOverdue(const DebtorState& debtor, Date today) {
    if (!debtor.oldestOpenDue) return 0;
    return std::max(0, daysBetween(*debtor.oldestOpenDue, today));
}

Stage effectiveStage(const DebtorState& debtor, Date today) {
    // A plan broken by its acceleration clause: the stage it came from shows again (plans.hpp).
    const bool broken = debtor.stage == Stage::PaymentPlan && debtor.planBreaksOn && *debtor.planBreaksOn <= today;
    if (debtor.stage && !broken) return *debtor.stage;
    if (broken && debtor.planReturnsTo) return *debtor.planReturnsTo;
    return daysOverdue(debtor, today) > 0 ? Stage::Overdue : Stage::NotDue;
}

std::int64_t promisePaid(const State& state, const PromiseState& promise) {
    std::int64_t paid = 0;
    for (Index i : state.debtors[promise.debtor].payments) {
        const auto& p = state.payments[i];
        if (p.amount.currency == promise.amount.currency && p.date >= promise.madeOn && p.date <= promise.dueDate)
            paid = saturatingAdd(paid, p.amount.minor);
    }
    return paid;
}

PromiseStatus promiseStatus(const State& state, const PromiseState& promise, Date today) {
    if (promisePaid(state, promise) >= promise.amount.minor) return PromiseStatus::Kept;
    return today > promise.dueDate ? PromiseStatus::Broken : PromiseStatus::Pending;
}

OverdueBucket overdueBucket(int days) {
    if (days <= 0) return OverdueBucket::NotDue;
    if (days <= 30) return OverdueBucket::UpTo30;
    if (days <= 60) return OverdueBucket::UpTo60;
    if (days <= 90) return OverdueBucket::UpTo90;
    return OverdueBucket::Over90;
}

bool isOpenCase(const DebtorState& debtor, Date today) { return !isClosed(effectiveStage(debtor, today)); }

std::optional<OverdueBucket> caseBucket(const DebtorState& debtor, Date today) {
    if (!debtor.outstanding.anyPositive() || !isOpenCase(debtor, today)) return std::nullopt;
    return overdueBucket(daysOverdue(debtor, today));
}

MoneyBag overdueAmount(const DebtorState& debtor, const State& state, Date today) {
    MoneyBag bag;
    for (Index i : debtor.invoices) {
        const auto& inv = state.invoices[i];
        if (inv.open() && inv.dueDate < today) bag.add(Money{inv.outstanding(), inv.amount.currency});
    }
    return bag;
}

std::optional<Index> myMember(const Settings& settings, const State& state) {
    return settings.memberId.empty() ? std::nullopt : state.member(settings.memberId);
}

std::string authorName(const Settings& settings, const State& state) {
    const auto member = myMember(settings, state);
    return member ? state.members[*member].name : settings.userName;
}

RB_SIZE_FIRST nlohmann::json summarize(const State& state, std::size_t eventCount, Date today) {
    MoneyBag outstanding, overdue, credit, closedUnpaid, writtenOff, settled, discounts;
    std::map<std::string, std::size_t> stages;
    for (const auto& [value, name] : EnumTable<Stage>::values) stages[name] = 0;
    for (const auto& d : state.debtors) {
        for (const auto& m : d.credit.amounts()) credit.add(m);
        const Stage stage = effectiveStage(d, today);
        ++stages[enumName(stage)];
        if (!isOpenCase(d, today)) {
            for (const auto& m : d.outstanding.amounts()) {
                closedUnpaid.add(m);
                if (stage == Stage::ClosedWrittenOff) writtenOff.add(m);
                if (stage == Stage::ClosedSettled) settled.add(m);
            }
            continue;
        }
        for (const auto& m : d.outstanding.amounts()) outstanding.add(m);
        const MoneyBag debtorOverdue = overdueAmount(d, state, today);
        for (const auto& m : debtorOverdue.amounts()) overdue.add(m);
    }
    auto perCurrency = [](const MoneyBag& bag) {
        nlohmann::json j = nlohmann::json::object();
        for (const auto& m : bag.amounts()) j[m.currency.str()] = m.minor;
        return j;
    };
    std::size_t promisesPending = 0, promisesKept = 0, promisesBroken = 0;
    for (const auto& p : state.promises) {
        switch (promiseStatus(state, p, today)) {
        case PromiseStatus::Pending: ++promisesPending; break;
        case PromiseStatus::Kept: ++promisesKept; break;
        case PromiseStatus::Broken: ++promisesBroken; break;
        }
    }
    // What accepted offers let go: a settlement's rest, a discount given.
    for (const auto& o : state.offers)
        if (o.acceptedOn && o.forgiven > 0)
            (o.kind == OfferKind::Settlement ? settled : discounts).add(Money{o.forgiven, o.pay.currency});
    std::size_t contacts = 0;
    for (const auto& c : state.contacts) contacts += c.removed ? 0 : 1;
    nlohmann::json j;
    j["closedUnpaid"] = perCurrency(closedUnpaid);
    j["contacts"] = contacts;
    j["credit"] = perCurrency(credit);
    j["debtors"] = state.debtors.size();
    j["discountsGiven"] = perCurrency(discounts);
    j["events"] = eventCount;
    j["interactions"] = state.interactionCount;
    j["invoices"] = state.invoices.size();
    j["members"] = state.members.size();
    j["notes"] = state.noteCount;
    j["orphanEvents"] = state.diagnostics.orphanEvents;
    j["outstanding"] = perCurrency(outstanding);
    j["overdue"] = perCurrency(overdue);
    j["payments"] = state.payments.size();
    // Totals that reached the edge of int64 (saturatingAdd): named, never printed as figures.
    nlohmann::json saturated = nlohmann::json::array();
    for (const MoneyBag* bag : {&outstanding, &overdue, &credit, &closedUnpaid})
        for (const auto& m : bag->amounts())
            if (isSaturated(m.minor) && std::find(saturated.begin(), saturated.end(), m.currency.str()) == saturated.end())
                saturated.push_back(m.currency.str());
    if (!saturated.empty()) j["saturated"] = saturated;
    // Plans and offers by their status today: {"active": n, …, "total": n}.
    std::map<std::string, std::size_t> plans{{"total", state.plans.size()}}, offers{{"total", state.offers.size()}};
    for (const auto& [value, name] : EnumTable<PlanStatus>::values) plans[name] = 0;
    for (const auto& [value, name] : EnumTable<OfferStatus>::values) offers[name] = 0;
    for (const auto& p : state.plans) ++plans[enumName(planProgress(state, p, today).status)];
    for (const auto& o : state.offers) ++offers[enumName(offerStatus(o, today))];
    j["plans"] = plans;
    j["offers"] = offers;
    j["promises"] = {{"broken", promisesBroken}, {"kept", promisesKept}, {"pending", promisesPending},
                     {"total", state.promises.size()}};
    j["settled"] = perCurrency(settled);
    j["stages"] = stages;
    j["today"] = today.iso();
    j["unknownEvents"] = state.diagnostics.unknownEvents;
    j["writtenOff"] = perCurrency(writtenOff);
    return j;
}

} // namespace recobra
