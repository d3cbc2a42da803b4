#pragma once
// Payment plans and offers in the 360° view (docs/plans-and-offers.md): each plan's progress
// (installments paid, next, late, missed; broken, cancelled or paid in full), amended or
// cancelled from here; the offers and what became of them; and their events in the timeline.
#include "ui/screens/debtor_view.hpp"

namespace recobra::ui {

// The "Plan & offers" tab.
void drawPlans(Ui& ui, Index debtor);
// plan.agreed, plan.amended, plan.cancelled and offer.made, in words, for the timeline.
void addPlanEntries(const Ui& ui, Index debtor, std::vector<TimelineEntry>& entries);

} // namespace recobra::ui
