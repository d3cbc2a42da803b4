#include "core/state/plans.hpp"

#include "core/values/size_first.hpp"

#include <algorithm>

namespace recobra {

namespace {

bool covers(const std::vector<Index>& invoices, Index invoice) {
    return std::find(invoices.begin(), invoices.end(), invoice) != invoices.end();
}

// What one payment brings towards something covering `invoices`: all of it but what it paid
// off other invoices.
std::int64_t towards(const PaymentState& payment, const std::vector<Index>& invoices) {
    std::int64_t amount = payment.amount.minor;
    for (const auto& a : payment.allocations)
        if (!covers(invoices, a.invoice)) amount -= a.amount;
    return std::max<std::int64_t>(amount, 0);
}

// The payments towards `invoices` in `currency` dated from `from` through `to`, by date.
std::vector<std::pair<Date, std::int64_t>> paymentsTowards(const State& s, Index debtor,
                                                           const std::vector<Index>& invoices, CurrencyCode currency,
                                                           Date from, std::optional<Date> to) {
    std::vector<std::pair<Date, std::int64_t>> out;
    for (Index i : s.debtors[debtor].payments) {
        const auto& p = s.payments[i];
        if (!(p.amount.currency == currency) || p.date < from || (to && p.date > *to)) continue;
        if (const std::int64_t amount = towards(p, invoices); amount > 0) out.emplace_back(p.date, amount);
    }
    std::sort(out.begin(), out.end());
    return out;
}

// The day the running total of `payments` (by date) reached `target`.
std::optional<Date> reachedOn(const std::vector<std::pair<Date, std::int64_t>>& payments, std::int64_t target) {
    std::int64_t sum = 0;
    for (const auto& [date, amount] : payments) {
        sum = saturatingAdd(sum, amount);
        if (sum >= target) return date;
    }
    return std::nullopt;
}

} // namespace

std::int64_t planPaid(const State& s, const PlanState& plan, std::optional<Date> upTo) {
    std::int64_t sum = 0;
    for (const auto& [date, amount] :
         paymentsTowards(s, plan.debtor, plan.invoices, plan.total.currency, plan.agreedOn, upTo))
        sum = saturatingAdd(sum, amount);
    return sum;
}

std::optional<Date> planCompletedOn(const State& s, const PlanState& plan) {
    return reachedOn(paymentsTowards(s, plan.debtor, plan.invoices, plan.total.currency, plan.agreedOn, std::nullopt),
                     plan.total.minor);
}

std::optional<Date> planBreaksOn(const State& s, const PlanState& plan) {
    if (!plan.acceleration || plan.schedules.empty()) return std::nullopt;
    const auto payments =
        paymentsTowards(s, plan.debtor, plan.invoices, plan.total.currency, plan.agreedOn, std::nullopt);
    const PlanSchedule& schedule = plan.current();
    std::int64_t owedBy = schedule.covered;
    for (const auto& installment : schedule.installments) {
        owedBy = saturatingAdd(owedBy, installment.amount.minor);
        const Date lastDay = installment.due.addDays(static_cast<std::int32_t>(plan.graceDays));
        const auto reached = reachedOn(payments, owedBy);
        if (!reached || *reached > lastDay) return lastDay.addDays(1);
    }
    return std::nullopt;
}

PlanProgress planProgress(const State& s, const PlanState& plan, Date today) {
    PlanProgress out;
    out.paid = planPaid(s, plan);
    out.remaining = std::max<std::int64_t>(plan.total.minor - out.paid, 0);
    const PlanSchedule& schedule = plan.current();
    std::int64_t left = std::max<std::int64_t>(out.paid - schedule.covered, 0);
    for (std::size_t k = 0; k < schedule.installments.size(); ++k) {
        const auto& installment = schedule.installments[k];
        InstallmentProgress p;
        p.due = installment.due;
        p.amount = installment.amount;
        p.downPayment = schedule.downPayment && k == 0;
        p.paid = std::min(left, installment.amount.minor);
        left -= p.paid;
        if (p.paid >= installment.amount.minor) p.status = InstallmentStatus::Paid;
        else if (today <= installment.due) p.status = p.paid > 0 ? InstallmentStatus::PartlyPaid : InstallmentStatus::Pending;
        else if (today <= installment.due.addDays(static_cast<std::int32_t>(plan.graceDays)))
            p.status = InstallmentStatus::Late;
        else p.status = InstallmentStatus::Missed;
        if (p.status != InstallmentStatus::Paid && !out.next) out.next = k;
        out.missed += p.status == InstallmentStatus::Missed;
        out.installments.push_back(p);
    }
    const auto breaks = planBreaksOn(s, plan);
    if (plan.cancelled) out.status = PlanStatus::Cancelled;
    else if (plan.completedOn) out.status = PlanStatus::Completed;
    else if (breaks && *breaks <= today) {
        out.status = PlanStatus::Broken;
        out.brokenOn = breaks;
    }
    return out;
}

std::optional<Index> activePlan(const State& s, Index debtor) {
    const auto& plans = s.debtors[debtor].plans;
    for (auto it = plans.rbegin(); it != plans.rend(); ++it) {
        const auto& plan = s.plans[*it];
        if (!plan.cancelled && !plan.completedOn) return *it;
    }
    return std::nullopt;
}

std::int64_t offerPaid(const State& s, const OfferState& offer) {
    std::int64_t sum = 0;
    for (const auto& [date, amount] :
         paymentsTowards(s, offer.debtor, offer.invoices, offer.pay.currency, offer.madeOn, offer.deadline))
        sum = saturatingAdd(sum, amount);
    return sum;
}

std::optional<Date> offerAcceptedOn(const State& s, const OfferState& offer) {
    return reachedOn(paymentsTowards(s, offer.debtor, offer.invoices, offer.pay.currency, offer.madeOn, offer.deadline),
                     offer.pay.minor);
}

OfferStatus offerStatus(const OfferState& offer, Date today) {
    if (offer.acceptedOn) return OfferStatus::Accepted;
    return today > offer.deadline ? OfferStatus::Lapsed : OfferStatus::Open;
}

namespace {

RB_SIZE_FIRST nlohmann::json moneyJson(Money m) { return {{"currency", m.currency.str()}, {"minor", m.minor}}; }
nlohmann::json moneyJson(std::int64_t minor, CurrencyCode currency) { return moneyJson(Money{minor, currency}); }

RB_SIZE_FIRST nlohmann::json invoiceIds(const State& s, const std::vector<Index>& invoices) {
    auto out = nlohmann::json::array();
    for (Index i : invoices) out.push_back(s.invoices[i].id);
    return out;
}

RB_SIZE_FIRST nlohmann::json installmentsJson(const std::vector<PlanInstallment>& list) {
    auto out = nlohmann::json::array();
    for (const auto& i : list) out.push_back({{"amount", moneyJson(i.amount)}, {"due", i.due.iso()}});
    return out;
}

} // namespace

RB_SIZE_FIRST nlohmann::json plansJson(const State& s, Index debtor, Date today) {
    const DebtorState& d = s.debtors[debtor];
    nlohmann::json plans = nlohmann::json::array();
    for (Index i : d.plans) {
        const PlanState& plan = s.plans[i];
        const PlanProgress progress = planProgress(s, plan, today);
        const CurrencyCode currency = plan.total.currency;
        nlohmann::json installments = nlohmann::json::array();
        for (const auto& p : progress.installments)
            installments.push_back({{"amount", moneyJson(p.amount)},
                                    {"downPayment", p.downPayment},
                                    {"due", p.due.iso()},
                                    {"paid", moneyJson(p.paid, currency)},
                                    {"status", enumName(p.status)}});
        nlohmann::json schedules = nlohmann::json::array();
        for (const auto& schedule : plan.schedules)
            schedules.push_back({{"author", schedule.author},
                                 {"covered", moneyJson(schedule.covered, currency)},
                                 {"from", schedule.from.iso()},
                                 {"installments", installmentsJson(schedule.installments)},
                                 {"reason", schedule.reason}});
        nlohmann::json j{{"acceleration", plan.acceleration},
                         {"agreedOn", plan.agreedOn.iso()},
                         {"graceDays", plan.graceDays},
                         {"id", plan.id},
                         {"installments", std::move(installments)},
                         {"interest", enumName(plan.interest)},
                         {"interestAmount", moneyJson(plan.interestAmount, currency)},
                         {"invoices", invoiceIds(s, plan.invoices)},
                         {"missed", progress.missed},
                         {"paid", moneyJson(progress.paid, currency)},
                         {"reason", plan.reason},
                         {"remaining", moneyJson(progress.remaining, currency)},
                         {"schedules", std::move(schedules)},
                         {"status", enumName(progress.status)},
                         {"total", moneyJson(plan.total)}};
        j["next"] = progress.next ? nlohmann::json(*progress.next) : nlohmann::json();
        j["brokenOn"] = progress.brokenOn ? nlohmann::json(progress.brokenOn->iso()) : nlohmann::json();
        j["completedOn"] = plan.completedOn ? nlohmann::json(plan.completedOn->iso()) : nlohmann::json();
        if (plan.cancelled) j["cancelled"] = {{"on", plan.cancelledOn.iso()}, {"reason", plan.cancelReason}};
        plans.push_back(std::move(j));
    }
    nlohmann::json offers = nlohmann::json::array();
    for (Index i : d.offers) {
        const OfferState& offer = s.offers[i];
        nlohmann::json j{{"debt", moneyJson(offer.debt)},
                         {"deadline", offer.deadline.iso()},
                         {"forgiven", moneyJson(offer.forgiven, offer.pay.currency)},
                         {"id", offer.id},
                         {"invoices", invoiceIds(s, offer.invoices)},
                         {"kind", enumName(offer.kind)},
                         {"madeOn", offer.madeOn.iso()},
                         {"paid", moneyJson(offerPaid(s, offer), offer.pay.currency)},
                         {"pay", moneyJson(offer.pay)},
                         {"percent", offer.percent},
                         {"reason", offer.reason},
                         {"status", enumName(offerStatus(offer, today))}};
        j["acceptedOn"] = offer.acceptedOn ? nlohmann::json(offer.acceptedOn->iso()) : nlohmann::json();
        offers.push_back(std::move(j));
    }
    return {{"debtor", d.id}, {"offers", std::move(offers)}, {"plans", std::move(plans)}, {"today", today.iso()}};
}

} // namespace recobra
