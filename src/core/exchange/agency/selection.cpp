#include "core/exchange/agency/selection.hpp"

#include "core/state/queries.hpp"

namespace recobra {

AgencySelected selectDebtors(const State& state, const AgencySelection& selection, Date today) {
    AgencySelected out;
    if (!selection.debtors.empty()) {
        std::vector<bool> chosen(state.debtors.size(), false);
        for (const auto& id : selection.debtors) {
            const auto d = state.debtor(id);
            if (!d) {
                out.problem = problem(Str::err_ref_unknown, "debtor", {id});
                out.debtors.clear();
                return out;
            }
            chosen[*d] = true;
        }
        for (Index i = 0; i < state.debtors.size(); ++i)
            if (chosen[i]) out.debtors.push_back(i);
        return out;
    }
    for (Index i = 0; i < state.debtors.size(); ++i) {
        const auto& d = state.debtors[i];
        if (!selection.stages.empty() && !selection.stages.count(effectiveStage(d, today))) continue;
        if (selection.minDaysOverdue && daysOverdue(d, today) < *selection.minDaysOverdue) continue;
        out.debtors.push_back(i);
    }
    return out;
}

} // namespace recobra
