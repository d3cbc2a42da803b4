#pragma once
// The dashboard's figures for a day: what is owed and overdue (per currency, never summed
// across currencies), how many debtors owe, the debtors and amounts per age of debt and per
// stage, broken promises and the promises falling due in the next seven days.
#include "core/state/queries.hpp"
#include "core/state/state.hpp"

#include <array>
#include <map>
#include <vector>

namespace recobra {

// Open cases only (isOpenCase, queries.hpp), as the debtors list counts them: the list's
// chip for a bucket shows the same debtors and amounts as the bar for it.
struct DashboardFigures {
    MoneyBag outstanding, overdue;
    std::size_t debtorsOwing = 0;
    std::size_t brokenPromises = 0;
    // By caseBucket (closed cases and those owing nothing are left out), every currency.
    std::array<std::size_t, 5> debtorsPerBucket{};
    std::array<MoneyBag, 5> amountPerBucket{};
    // What closed cases (settled, written off, prescribed) leave unpaid: out of the figures
    // above, shown apart.
    MoneyBag closedUnpaid;
    std::size_t debtorsClosedUnpaid = 0;
    std::map<Stage, std::size_t> debtorsPerStage;
    struct Upcoming {
        Index promise;
        Date due;
    };
    std::vector<Upcoming> upcoming; // pending promises due within 7 days, soonest first
};

DashboardFigures computeDashboard(const State& state, Date today);

} // namespace recobra
