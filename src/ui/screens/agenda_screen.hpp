#pragma once
// The daily agenda: today's work grouped by priority, each item one click from the debtor,
// done or snoozed with a reason (an event each). The agenda is computed in the core
// (agenda.hpp) and kept between frames: only debtors that changed are looked at again, and
// nothing at all while nothing changed.
#include "core/rules/agenda.hpp"
#include "ui/ui.hpp"

#include <imgui.h>
#include <memory>
#include <set>
#include <nlohmann/json.hpp>
#include <vector>

namespace recobra::ui {

class AgendaScreen {
public:
    // Brings the agenda up to date with the data and the day (cheap when neither changed).
    void refresh(Ui& ui);
    std::size_t count() const { return cache_.items().size(); }
    void draw(Ui& ui);
    // For window.recobra.uiState(): the items as shown (first ones), in the UI language.
    nlohmann::json stateJson(const Ui& ui) const;

private:
    struct Row {
        const AgendaItem* item = nullptr; // nullptr: the heading of a priority group
        Priority priority = Priority::High;
        std::size_t count = 0; // headings: items in the group
        std::size_t index = 0; // items: position in the agenda
    };
    void rebuildRows(const State& state);

    AgendaCache cache_;
    // "Only mine": the items of debtors assigned to the member this person is (settings).
    bool mineOnly_ = false;
    std::string mine_; // the member id the rows were built for ("": every item)
    std::size_t shown_ = 0;
    std::uint64_t revision_ = ~0ull;
    Date day_;
    std::vector<Row> rows_;
    // Items picked to prepare their letters together (by key): all of one ladder action.
    std::set<std::string> picked_;
    LadderAction pickedAction_ = LadderAction::FriendlyReminder;
};

class Form;
// Done and snooze, for the agenda screen and the 360° view.
std::shared_ptr<Form> agendaDoneForm(Ui& ui, const AgendaItem& item);
std::shared_ptr<Form> agendaSnoozeForm(Ui& ui, const AgendaItem& item);
ImVec4 priorityColor(Priority priority);

} // namespace recobra::ui
