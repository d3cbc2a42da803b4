#pragma once
// The collection side of the 360° view: the debtor's payment-behaviour segment and why,
// the pauses of its escalation ladder (set one, lift one), and what today's agenda holds for
// it, each item done or snoozed from here as from the agenda.
#include "core/state/state.hpp"
#include "ui/ui.hpp"

#include <memory>

namespace recobra::ui {

class Form;

void drawCollectionCard(Ui& ui, Index debtor);

std::shared_ptr<Form> pauseForm(Ui& ui, Index debtor);
std::shared_ptr<Form> resumeForm(Ui& ui, Index pause);

} // namespace recobra::ui
