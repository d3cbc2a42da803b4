#pragma once
// Settings → "Tipos legales y plazos": the published rates the law's figures use (the
// late-payment rate of each half-year, the legal interest rate of each year) with their
// sources, the periods up to today that have none, and the suspensions of prescription; each
// added or corrected through a form, as an event the team shares (docs/law.md).
#include "ui/ui.hpp"

namespace recobra::ui {

void drawLawCard(Ui& ui);

} // namespace recobra::ui
