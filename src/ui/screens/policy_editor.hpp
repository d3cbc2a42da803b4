#pragma once
// The collection policy in settings: a summary, and a form to edit it whole (payment terms,
// the reminder before the due date, the escalation ladder and one per segment, the contact
// limit and quiet hours, the days before a case counts as stale). Saved as one
// policy.updated event.
#include "ui/ui.hpp"

#include <memory>

namespace recobra::ui {

class Form;

void drawPolicyCard(Ui& ui);
std::shared_ptr<Form> policyForm(Ui& ui);

} // namespace recobra::ui
