#pragma once
// The debtors list: search, filters, a sortable table clipped to what is visible, the
// count and total of the filtered set. Work is done only when the data or the filter
// changed (DebtorList), never in frames where nothing did.
#include "core/rules/debtor_list.hpp"
#include "ui/ui.hpp"

namespace recobra::ui {

class DebtorsScreen {
public:
    void draw(Ui& ui);
    // For window.recobra.uiState() and tests: what the table currently lists.
    const DebtorList& list() const { return list_; }
    const DebtorFilter& filter() const { return filter_; }
    void setSearch(const std::string& text) { filter_.text = text; }
    void focusSearch() { focusSearch_ = true; } // the keyboard's "/" (UiApp::handleShortcuts)
    // Lists only the debtors with an open invoice this many days past due (from the reports'
    // aging bars): every other filter is cleared, so the list matches the bar.
    void showPastDue(std::pair<int, int> days) {
        filter_ = DebtorFilter{};
        filter_.pastDue = days;
    }

private:
    void drawFilters(Ui& ui);
    void drawTable(Ui& ui);
    // "Reassign these N to…": one assignment per listed debtor, all or none (Session::submitAll).
    void drawReassign(Ui& ui);

    DebtorFilter filter_;
    std::optional<std::string> reassignTo_; // chosen, waiting for confirmation ("": nobody)
    bool reassigning_ = false;
    bool focusSearch_ = false;
    DebtorSort sort_;
    DebtorList list_;
    // The row the arrow keys moved to while typing in the search (-1: none); Enter opens it.
    int cursor_ = -1;
    bool cursorMoved_ = false; // scroll it into view on the next table drawn
};

} // namespace recobra::ui
