#pragma once
// The dashboard: what is owed and overdue, debtors per stage and per age of debt, the
// promises falling due this week; or, for a newcomer, what Recobra is for and a way in.
#include "core/state/dashboard_figures.hpp"
#include "ui/ui.hpp"

namespace recobra::ui {

class Dashboard {
public:
    void draw(Ui& ui);

private:
    void drawEmpty(Ui& ui);
    DashboardFigures figures_;
    float middleRowHeight_ = 0; // what the stages card needed last frame (it grows to show them all)
    std::uint64_t revision_ = ~0ull;
    Date day_;
};

} // namespace recobra::ui
