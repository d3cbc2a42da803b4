// The fold of payment plans and offers (docs/plans-and-offers.md): plan.agreed, plan.amended,
// plan.cancelled and offer.made, and what a payment does to them. Run rarely: compiled for
// size (RB_SIZE_FIRST).
#include "core/state/fold_detail.hpp"
#include "core/state/plans.hpp"
#include "core/values/size_first.hpp"

#include <algorithm>

namespace recobra::fold_detail {

namespace {

// The late-payment interest and compensation of the invoices a plan or an offer closed: waived,
// or collected when the plan included them.
RB_SIZE_FIRST void closeCharges(State& s, const std::vector<Index>& invoices, ChargesOutcome outcome, Date on, const Event& e) {
    for (Index i : invoices)
        if (!s.invoices[i].charges) s.invoices[i].charges = ChargesClosure{outcome, on, e.ts, {}, {}};
}

} // namespace

// Offers the payments so far accept: the rest of what their invoices owe is let go.
RB_SIZE_FIRST void settleOffers(State& s, Index debtor, const Event& e) {
    for (Index o : s.debtors[debtor].offers) {
        auto& offer = s.offers[o];
        if (offer.acceptedOn) continue;
        offer.acceptedOn = offerAcceptedOn(s, offer);
        if (!offer.acceptedOn) continue;
        for (Index i : offer.invoices) {
            auto& inv = s.invoices[i];
            const std::int64_t rest = std::max<std::int64_t>(inv.outstanding(), 0);
            inv.forgiven += rest;
            offer.forgiven = saturatingAdd(offer.forgiven, rest);
        }
        closeCharges(s, offer.invoices, ChargesOutcome::Waived, *offer.acceptedOn, e);
    }
}

// Brings the debtor's plans up to date with its payments (completed ones, the day the active
// one breaks); returns a plan that has just been paid in full, if any.
RB_SIZE_FIRST Index updatePlans(State& s, Index debtor, const Event& e) {
    auto& d = s.debtors[debtor];
    Index completed = kNone;
    for (Index i : d.plans) {
        auto& plan = s.plans[i];
        if (plan.cancelled || plan.completedOn) continue;
        plan.completedOn = planCompletedOn(s, plan);
        if (!plan.completedOn) continue;
        completed = i;
        closeCharges(s, plan.invoices,
                     plan.interest == PlanInterest::Included ? ChargesOutcome::Collected : ChargesOutcome::Waived,
                     *plan.completedOn, e);
    }
    const auto active = activePlan(s, debtor);
    d.planBreaksOn = active ? planBreaksOn(s, s.plans[*active]) : std::nullopt;
    d.planReturnsTo = active ? s.plans[*active].stageBefore : std::nullopt;
    return completed;
}

// After a plan was paid or cancelled: a case still in its stage returns to the one it came
// from, unless another plan goes on (or, paid, the case closed meanwhile).
RB_SIZE_FIRST void leavePlan(State& s, Index debtor, Index plan, const Event& e, std::string reason, std::optional<Str> automatic) {
    auto& d = s.debtors[debtor];
    if (d.stage != Stage::PaymentPlan || activePlan(s, debtor)) return;
    recordStage(s, debtor, e, s.plans[plan].stageBefore, std::move(reason), automatic);
}

RB_SIZE_FIRST ApplyResult applyPayload(State& s, const Event& e, Index, const PlanAgreed& p) {
    const auto found = s.debtor(p.debtor);
    if (!found) return orphan(s, "debtor", p.debtor);
    if (s.plan(p.plan)) return duplicate(s, "plan", p.plan);
    auto& d = s.debtors[*found];
    PlanState plan;
    plan.id = p.plan;
    plan.debtor = *found;
    for (const auto& id : p.invoices)
        if (const auto i = s.invoice(id); i && s.invoices[*i].debtor == *found) plan.invoices.push_back(*i);
    plan.agreedOn = p.agreedOn.value_or(Date::ofTimestamp(e.ts));
    PlanSchedule schedule{plan.agreedOn, {}, p.downPayment.has_value(), 0, e.ts, e.author, p.reason};
    if (p.downPayment) schedule.installments.push_back(PlanInstallment{*p.downPayment, plan.agreedOn});
    schedule.installments.insert(schedule.installments.end(), p.installments.begin(), p.installments.end());
    plan.total.currency = schedule.installments.empty() ? CurrencyCode::eur() : schedule.installments[0].amount.currency;
    for (const auto& i : schedule.installments) plan.total.minor = saturatingAdd(plan.total.minor, i.amount.minor);
    plan.interest = p.interest;
    plan.interestAmount = p.interestAmount ? p.interestAmount->minor : 0;
    plan.graceDays = p.graceDays;
    plan.acceleration = p.acceleration;
    plan.reason = p.reason;
    // The stage it came from: the current one, or the one before a plan stage set by hand.
    plan.stageBefore = d.stage;
    if (d.stage == Stage::PaymentPlan)
        for (auto it = d.stageChanges.rbegin(); it != d.stageChanges.rend(); ++it)
            if (s.stageChanges[*it].to == Stage::PaymentPlan) {
                plan.stageBefore = s.stageChanges[*it].from;
                break;
            }
    plan.schedules.push_back(std::move(schedule));
    // Agreeing to pay acknowledges the debt (Código Civil art. 1973; docs/law.md).
    LegalAct act;
    act.interaction = p.plan;
    act.on = plan.agreedOn;
    act.acknowledgement = true;
    act.channel = Channel::Letter;
    act.invoices = plan.invoices;
    d.legalActs.push_back(std::move(act));
    const auto index = static_cast<Index>(s.plans.size());
    s.planById.insert(plan.id, index);
    s.plans.push_back(std::move(plan));
    d.plans.push_back(index);
    touch(d, e.ts);
    const Index completed = updatePlans(s, *found, e);
    if (completed == kNone && d.stage != Stage::PaymentPlan && !(d.stage && isClosed(*d.stage)))
        recordStage(s, *found, e, Stage::PaymentPlan, {}, Str::stage_auto_plan);
    return {};
}

RB_SIZE_FIRST ApplyResult applyPayload(State& s, const Event& e, Index, const PlanAmended& p) {
    const auto found = s.plan(p.plan);
    if (!found || s.debtor(p.debtor) != s.plans[*found].debtor) return orphan(s, "plan", p.plan);
    auto& plan = s.plans[*found];
    PlanSchedule schedule{p.on.value_or(Date::ofTimestamp(e.ts)), p.installments, false, 0, e.ts, e.author, p.reason};
    std::int64_t sum = 0;
    for (const auto& i : p.installments) sum = saturatingAdd(sum, i.amount.minor);
    schedule.covered = std::max<std::int64_t>(plan.total.minor - sum, 0);
    plan.schedules.push_back(std::move(schedule));
    touch(s.debtors[plan.debtor], e.ts);
    const Index completed = updatePlans(s, plan.debtor, e);
    if (completed != kNone) leavePlan(s, plan.debtor, completed, e, {}, Str::stage_auto_plan_done);
    return {};
}

// Of a cancellation and a payment that completed the plan (two devices), the first in the log
// stands.
RB_SIZE_FIRST ApplyResult applyPayload(State& s, const Event& e, Index, const PlanCancelled& p) {
    const auto found = s.plan(p.plan);
    if (!found || s.debtor(p.debtor) != s.plans[*found].debtor) return orphan(s, "plan", p.plan);
    auto& plan = s.plans[*found];
    if (plan.cancelled || plan.completedOn) return {};
    plan.cancelled = true;
    plan.cancelledOn = p.on.value_or(Date::ofTimestamp(e.ts));
    plan.cancelReason = p.reason;
    const Index debtor = plan.debtor;
    touch(s.debtors[debtor], e.ts);
    updatePlans(s, debtor, e);
    leavePlan(s, debtor, *found, e, p.reason, std::nullopt);
    return {};
}

RB_SIZE_FIRST ApplyResult applyPayload(State& s, const Event& e, Index, const OfferMade& p) {
    const auto found = s.debtor(p.debtor);
    if (!found) return orphan(s, "debtor", p.debtor);
    if (s.offer(p.offer)) return duplicate(s, "offer", p.offer);
    auto& d = s.debtors[*found];
    OfferState offer;
    offer.id = p.offer;
    offer.debtor = *found;
    offer.kind = p.kind;
    offer.madeOn = p.madeOn.value_or(Date::ofTimestamp(e.ts));
    offer.deadline = p.deadline;
    offer.pay = p.pay;
    offer.debt.currency = p.pay.currency;
    for (const auto& id : p.invoices)
        if (const auto i = s.invoice(id); i && s.invoices[*i].debtor == *found) {
            offer.invoices.push_back(*i);
            if (s.invoices[*i].amount.currency == p.pay.currency)
                offer.debt.minor = saturatingAdd(offer.debt.minor, std::max<std::int64_t>(s.invoices[*i].outstanding(), 0));
        }
    offer.percent = p.percent;
    offer.reason = p.reason;
    offer.at = e.ts;
    offer.author = e.author;
    const auto index = static_cast<Index>(s.offers.size());
    s.offerById.insert(offer.id, index);
    s.offers.push_back(std::move(offer));
    d.offers.push_back(index);
    touch(d, e.ts);
    settleOffers(s, *found, e);
    if (s.offers[index].acceptedOn) {
        const Index completed = d.plans.empty() ? kNone : updatePlans(s, *found, e);
        refreshDebtor(s, *found, e);
        if (completed != kNone) leavePlan(s, *found, completed, e, {}, Str::stage_auto_plan_done);
    }
    return {};
}

} // namespace recobra::fold_detail
