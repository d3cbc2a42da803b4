#pragma once
// What the fold's files share (state.cpp, plan_fold.cpp): not for use outside the fold.
#include "core/state/state.hpp"

namespace recobra::fold_detail {

// An event that names what does not exist, or creates what already does: counted, not applied.
ApplyResult orphan(State& s, std::string field, const std::string& id);
ApplyResult duplicate(State& s, std::string field, const std::string& id);
void touch(DebtorState& d, Timestamp at);
// A stage change, by a person (`automatic` none) or by the fold itself.
void recordStage(State& s, Index debtor, const Event& e, std::optional<Stage> to, std::string reason,
                 std::optional<Str> automatic);
// What a debtor owes, from its invoices, and the stage that follows (closed as paid, reopened).
void refreshDebtor(State& s, Index debtor, const Event& e);

// Payment plans and offers (plan_fold.cpp, plans.hpp): the offers the payments so far accept,
// the plans they complete (returns one just paid in full, if any), and the stage a case leaves
// a plan for.
void settleOffers(State& s, Index debtor, const Event& e);
Index updatePlans(State& s, Index debtor, const Event& e);
void leavePlan(State& s, Index debtor, Index plan, const Event& e, std::string reason, std::optional<Str> automatic);
ApplyResult applyPayload(State& s, const Event& e, Index, const PlanAgreed& p);
ApplyResult applyPayload(State& s, const Event& e, Index, const PlanAmended& p);
ApplyResult applyPayload(State& s, const Event& e, Index, const PlanCancelled& p);
ApplyResult applyPayload(State& s, const Event& e, Index, const OfferMade& p);

} // namespace recobra::fold_detail
