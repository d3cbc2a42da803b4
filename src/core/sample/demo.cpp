#include "core/sample/demo.hpp"

#include "core/sample/generator.hpp"
#include "core/state/queries.hpp"
#include "core/workspace/workspace.hpp"

#include <algorithm>
#include <set>

namespace recobra {

std::vector<Event> demoDataset(Date today) {
    // A larger book than shown, from which a selection covers every stage: which stages a
    // small book happens to reach depends on the day.
    GeneratorOptions options;
    options.debtors = 240;
    options.seed = 2026;
    options.referenceDate = today;
    options.device = kDemoDevice;
    std::vector<Event> events = generateDataset(options);
    const State state = fold(EventLog(events));

    constexpr std::size_t kShown = 40;
    constexpr std::size_t kPerStage = 3;
    std::set<Index> chosen;
    std::array<std::size_t, EnumTable<Stage>::values.size()> perStage{};
    for (Index d = 0; d < state.debtors.size(); ++d) { // up to three of every stage first
        auto& count = perStage[static_cast<std::size_t>(effectiveStage(state.debtors[d], today))];
        if (count < kPerStage) {
            ++count;
            chosen.insert(d);
        }
    }
    for (Index d = 0; d < state.debtors.size() && chosen.size() < kShown; ++d) { // then open cases
        if (!isClosed(effectiveStage(state.debtors[d], today))) chosen.insert(d);
    }
    std::vector<Event> out;
    for (auto& e : events) {
        const auto debtor = affectedDebtor(state, e.payload);
        if (!debtor || chosen.count(*debtor)) out.push_back(std::move(e));
    }
    return out;
}

} // namespace recobra
