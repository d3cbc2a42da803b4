#pragma once
// A payment plan's schedule built from a count (docs/plans-and-offers.md): what the plan
// builder previews as it is typed, the CLI and the data generator use, and a plan.agreed
// records as its list of installments.
#include "core/model/events.hpp"

#include <vector>

namespace recobra {

struct ScheduleRequest {
    Money total;                      // what the plan pays in all, the down payment included
    std::optional<Money> downPayment; // due the day the plan is agreed, before the installments
    int count = 1;                    // installments after the down payment, 1 to kMaxInstallments
    PlanFrequency frequency = PlanFrequency::Monthly;
    Date first;         // the first installment's day
    int dayOfMonth = 0; // monthly: the day of each month (0: the first's); past a month's end, its last day
};

inline constexpr int kMaxInstallments = 120;

// The installments: equal amounts, the cents that do not divide going to the last, so they add
// up exactly to the total less the down payment; weekly or fortnightly from `first`, or
// monthly on the day asked (31 → 28 or 29 February, 30 April). Empty when the request cannot
// be met (no count, more than kMaxInstallments, a down payment of the whole total or more, a
// total smaller than one minor unit per installment).
std::vector<PlanInstallment> buildSchedule(const ScheduleRequest& request);

} // namespace recobra
