#include "core/state/dashboard_figures.hpp"

#include <algorithm>

namespace recobra {

DashboardFigures computeDashboard(const State& state, Date today) {
    DashboardFigures f;
    for (const auto& [stage, name] : EnumTable<Stage>::values) f.debtorsPerStage[stage] = 0;
    for (const auto& d : state.debtors) {
        ++f.debtorsPerStage[effectiveStage(d, today)];
        if (!isOpenCase(d, today)) {
            if (d.outstanding.anyPositive()) ++f.debtorsClosedUnpaid;
            for (const auto& m : d.outstanding.amounts()) f.closedUnpaid.add(m);
            continue;
        }
        for (const auto& m : d.outstanding.amounts()) f.outstanding.add(m);
        const MoneyBag overdue = overdueAmount(d, state, today);
        for (const auto& m : overdue.amounts()) f.overdue.add(m);
        const auto bucket = caseBucket(d, today);
        if (!bucket) continue;
        ++f.debtorsOwing;
        const auto b = static_cast<std::size_t>(*bucket);
        ++f.debtorsPerBucket[b];
        for (const auto& m : d.outstanding.amounts()) f.amountPerBucket[b].add(m);
    }
    const Date horizon = today.addDays(7);
    for (Index p = 0; p < state.promises.size(); ++p) {
        const auto& promise = state.promises[p];
        const auto status = promiseStatus(state, promise, today);
        if (status == PromiseStatus::Broken) ++f.brokenPromises;
        if (status == PromiseStatus::Pending && promise.dueDate <= horizon) f.upcoming.push_back({p, promise.dueDate});
    }
    std::sort(f.upcoming.begin(), f.upcoming.end(), [](const auto& a, const auto& b) {
        return a.due != b.due ? a.due < b.due : a.promise < b.promise;
    });
    return f;
}

} // namespace recobra
