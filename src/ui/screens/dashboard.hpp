#pragma once
// The dashboard: what is owed and overdue, debtors per stage and per age of debt, the
// promises falling due this week; or, for a newcomer, what Recobra is for and a way in.
#include "core/rules/debtor_list.hpp"
#include "ui/context.hpp"

#include <array>
#include <map>

namespace recobra::ui {

struct DashboardFigures {
    MoneyBag outstanding, overdue;
    std::size_t debtorsOwing = 0;
    std::size_t brokenPromises = 0;
    std::array<std::size_t, 5> debtorsPerBucket{};
    std::array<std::int64_t, 5> amountPerBucket{}; // primary currency
    std::map<Stage, std::size_t> debtorsPerStage;
    struct Upcoming {
        Index promise;
        Date due;
    };
    std::vector<Upcoming> upcoming; // pending promises due within 7 days, soonest first
};

DashboardFigures computeDashboard(const State& state, Date today, CurrencyCode primary);

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
