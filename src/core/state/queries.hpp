#pragma once
// Figures derived from the state for a given day: they depend on `today`, so they are
// computed when asked, never stored. Screens, the CLI and the automation API all read them
// from here.
#include "core/model/settings.hpp"
#include "core/state/state.hpp"

#include <map>
#include <nlohmann/json.hpp>

namespace recobra {

// Days past the due date (0 when not yet due or nothing is owed).
int daysOverdue(const InvoiceState& invoice, Date today);
// The oldest open invoice's days overdue.
int daysOverdue(const DebtorState& debtor, Date today);

// The stage a case is in: the one set by hand or by the fold, else not due / overdue from
// the invoices. A case in a plan its acceleration clause broke (plans.hpp) is back in the
// stage it came from.
Stage effectiveStage(const DebtorState& debtor, Date today);

// A promise is kept when payments dated from the day it was made to its due date add up to
// its amount; broken when its due date has passed without that; pending until then.
PromiseStatus promiseStatus(const State& state, const PromiseState& promise, Date today);
// What has been paid towards a promise so far (same rule).
std::int64_t promisePaid(const State& state, const PromiseState& promise);

// Aging: the buckets of days overdue the dashboard, the debtors list and the agency use.
enum class OverdueBucket { NotDue, UpTo30, UpTo60, UpTo90, Over90 };
template <> struct EnumTable<OverdueBucket> {
    static constexpr std::array<std::pair<OverdueBucket, const char*>, 5> values{{{OverdueBucket::NotDue, "not_due"},
                                                                                    {OverdueBucket::UpTo30, "0_30"},
                                                                                    {OverdueBucket::UpTo60, "31_60"},
                                                                                    {OverdueBucket::UpTo90, "61_90"},
                                                                                    {OverdueBucket::Over90, "90_plus"}}};
};
// How old a debt is, from its days overdue: 0 (nothing due yet) is NotDue; 1–30, 31–60,
// 61–90, more.
OverdueBucket overdueBucket(int daysOverdue);

// One definition of an open case for every screen and figure (the dashboard, the debtors
// list and its chips, the summary, the KPIs): a case is open while its stage is not a closed
// one (paid, settled, written off, prescribed). What an open case owes is "pending", and
// "overdue" once due; what a closed case still shows unpaid is neither: it is the amount
// written off, settled or prescribed (DashboardFigures::closedUnpaid).
bool isOpenCase(const DebtorState& debtor, Date today);
// The age of an open case that owes something, by its oldest open invoice; nothing for a
// closed case or one that owes nothing (no chip, no bar of the dashboard counts it).
std::optional<OverdueBucket> caseBucket(const DebtorState& debtor, Date today);

// Amounts overdue (open invoices past their due date) per currency.
MoneyBag overdueAmount(const DebtorState& debtor, const State& state, Date today);

// Who this person's events name as their author: the name of the member they said they are
// (settings.memberId) while that member exists, else the name they typed (settings.userName).
std::string authorName(const Settings& settings, const State& state);
// The member this person said they are, while it exists.
std::optional<Index> myMember(const Settings& settings, const State& state);

// Counts and totals, for `recobra stats` and window.recobra.summary(): sorted keys,
// amounts in minor units per currency. Outstanding and overdue count open cases only (as the
// dashboard does); closedUnpaid is what closed cases leave unpaid.
nlohmann::json summarize(const State& state, std::size_t eventCount, Date today);

} // namespace recobra
