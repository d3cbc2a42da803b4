#pragma once
// Payment plans and offers on a given day (docs/plans-and-offers.md): what the payments come
// to against a plan's installments and against an offer, computed from the state and the day
// (no clock). The fold uses the parts that do not depend on the day (a plan completed, the day
// a plan with an acceleration clause breaks, an offer accepted); screens, the agenda, the CLI
// (`recobra plan`) and window.recobra.plan() the rest.
//
// Payments towards a plan: the debtor's payments in the plan's currency dated from the day it
// was agreed, less what they paid off invoices the plan does not cover. They go to the current
// schedule's installments in order, after what the earlier schedules took (PlanSchedule::covered).
// An installment not paid in full by its day is late through `graceDays` after it, then missed.
// With an acceleration clause, the first missed installment breaks the plan: the whole rest is
// due, the case returns to the stage it came from and the escalation ladder resumes.
#include "core/state/state.hpp"

#include <nlohmann/json.hpp>

namespace recobra {

// What was paid towards the plan (through `upTo`, when given).
std::int64_t planPaid(const State& state, const PlanState& plan, std::optional<Date> upTo = std::nullopt);
// The day the plan reached its total, if it did.
std::optional<Date> planCompletedOn(const State& state, const PlanState& plan);
// With an acceleration clause, the first day the payments so far leave the plan broken: the
// day after the grace of the first installment of the current schedule they did not cover in
// time. Nothing without the clause, or when every installment was paid in time.
std::optional<Date> planBreaksOn(const State& state, const PlanState& plan);

struct InstallmentProgress {
    Date due;
    Money amount;
    std::int64_t paid = 0;
    InstallmentStatus status = InstallmentStatus::Pending;
    bool downPayment = false;
};

struct PlanProgress {
    PlanStatus status = PlanStatus::Active;
    std::int64_t paid = 0;      // towards the plan, in its currency
    std::int64_t remaining = 0; // its total less that
    std::vector<InstallmentProgress> installments; // the current schedule's
    std::optional<std::size_t> next;               // the first one not paid in full
    std::size_t missed = 0;
    std::optional<Date> brokenOn;
};
PlanProgress planProgress(const State& state, const PlanState& plan, Date today);

// The plan the case is in: the latest neither cancelled nor completed.
std::optional<Index> activePlan(const State& state, Index debtor);

// What was paid towards an offer: the debtor's payments in its currency from the day it was
// made through its deadline, less what they paid off invoices it does not cover.
std::int64_t offerPaid(const State& state, const OfferState& offer);
// The day those payments reached what it asks, if they did.
std::optional<Date> offerAcceptedOn(const State& state, const OfferState& offer);
OfferStatus offerStatus(const OfferState& offer, Date today);

// {"debtor", "plans": [{id, status, agreedOn, total, paid, remaining, interest, graceDays,
// acceleration, invoices, installments: [{due, amount, paid, status, downPayment}], next,
// missed, brokenOn, cancelled…, schedules (history)}], "offers": [{id, kind, status, pay,
// debt, madeOn, deadline, paid, forgiven, acceptedOn, reason}], "today"}: sorted keys,
// amounts in minor units with their currency (the CLI's `recobra plan` and
// window.recobra.plan()).
nlohmann::json plansJson(const State& state, Index debtor, Date today);

} // namespace recobra
