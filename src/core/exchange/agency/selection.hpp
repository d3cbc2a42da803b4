#pragma once
// Which debtors go to a collection agency: picked by hand, or by stage and days overdue.
#include "core/i18n/problem.hpp"
#include "core/state/state.hpp"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace recobra {

// Which debtors go to the agency: by hand (their ids, exactly those), or by filter: in any
// of `stages` on `today` (none: any stage) and at least `minDaysOverdue` days overdue.
struct AgencySelection {
    std::vector<std::string> debtors;
    std::set<Stage> stages;
    std::optional<int> minDaysOverdue;
};

struct AgencySelected {
    std::vector<Index> debtors; // in the order the state holds them (registration order)
    std::optional<Problem> problem; // an id that names no debtor
};

AgencySelected selectDebtors(const State& state, const AgencySelection& selection, Date today);

} // namespace recobra
