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

struct DashboardFigures {
    MoneyBag outstanding, overdue;
    std::size_t debtorsOwing = 0;
    std::size_t brokenPromises = 0;
    // Open cases only (closed ones and those owing nothing are left out), by OverdueBucket.
    std::array<std::size_t, 5> debtorsPerBucket{};
    std::array<std::int64_t, 5> amountPerBucket{}; // in the primary currency
    std::map<Stage, std::size_t> debtorsPerStage;
    struct Upcoming {
        Index promise;
        Date due;
    };
    std::vector<Upcoming> upcoming; // pending promises due within 7 days, soonest first
};

DashboardFigures computeDashboard(const State& state, Date today, CurrencyCode primary);

} // namespace recobra
