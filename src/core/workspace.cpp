#include "workspace.hpp"

#include "backup.hpp"

#include <algorithm>
#include <iterator>

namespace recobra {

namespace {

// Keeps the order of equal ids; events already in order are not moved.
void sortById(std::vector<Event>& events) {
    const auto byId = [](const Event& a, const Event& b) { return a.id < b.id; };
    if (!std::is_sorted(events.begin(), events.end(), byId)) std::stable_sort(events.begin(), events.end(), byId);
}

} // namespace

std::optional<Problem> sortRefusingDuplicates(std::vector<Event>& events) {
    sortById(events);
    const auto twice = std::adjacent_find(events.begin(), events.end(),
                                          [](const Event& a, const Event& b) { return a.id == b.id; });
    if (twice == events.end()) return std::nullopt;
    Problem p = problem(Str::err_id_duplicate, "id", {twice->id.str()});
    p.record = twice->id.str();
    return p;
}

std::size_t sortAndDeduplicate(std::vector<Event>& events) {
    // What storage and backups hold is already in order, each id once: nothing to move then.
    const auto unordered = std::adjacent_find(events.begin(), events.end(),
                                              [](const Event& a, const Event& b) { return !(a.id < b.id); });
    if (unordered == events.end()) return 0;
    sortById(events);
    const auto end = std::unique(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.id == b.id; });
    const auto dropped = static_cast<std::size_t>(events.end() - end);
    events.erase(end, events.end());
    return dropped;
}

LoadReport Workspace::load(std::vector<Event> events) {
    beginLoad();
    loadMore(std::move(events));
    return finishLoad();
}

void Workspace::beginLoad() {
    log_ = EventLog{};
    state_ = State{};
    pending_.clear();
    loadInOrder_ = true;
}

void Workspace::loadMore(std::vector<Event> events) {
    auto& log = log_.events;
    const auto first = static_cast<Index>(log.size());
    if (log.empty()) log = std::move(events); // taken whole: never two copies of a large log
    else std::move(events.begin(), events.end(), std::back_inserter(log));
    for (Index i = first; loadInOrder_ && i < log.size(); ++i) {
        if (i > 0 && !(log[i - 1].id < log[i].id)) loadInOrder_ = false;
        else apply(state_, log_, i);
    }
}

LoadReport Workspace::finishLoad() {
    LoadReport report;
    if (loadInOrder_) {
        ++revision_;
        ++folds_;
    } else {
        report.duplicateIds = sortAndDeduplicate(log_.events);
        refold();
    }
    loadInOrder_ = true;
    report.events = log_.size();
    report.diagnostics = state_.diagnostics;
    if (!log_.events.empty()) hlc_.observe(log_.events.back().id);
    return report;
}

void Workspace::refold() {
    state_ = fold(log_);
    ++revision_;
    ++folds_;
}

DispatchResult Workspace::dispatch(const nlohmann::json& command, const CommandContext& context) {
    DispatchResult result;
    auto prepared = prepareCommand(state_, command, context, hlc_);
    if (!prepared.event) {
        result.problem = std::move(prepared.problem);
        return result;
    }
    // The clock only moves forward, so the new event sorts after every event in the log.
    log_.events.push_back(*prepared.event);
    apply(state_, log_, static_cast<Index>(log_.size() - 1));
    pending_.insert(prepared.event->id);
    ++revision_;
    result.event = std::move(prepared.event);
    result.createdId = std::move(prepared.createdId);
    return result;
}

std::vector<EventId> Workspace::remove(const std::function<bool(const Event&)>& which) {
    std::vector<EventId> removed;
    for (const auto& e : log_.events)
        if (which(e)) removed.push_back(e.id);
    if (removed.empty()) return removed;
    for (const auto& id : removed) pending_.erase(id);
    std::erase_if(log_.events, which);
    refold();
    return removed;
}

bool hasDemoData(const EventLog& log) {
    return std::any_of(log.events.begin(), log.events.end(), [](const Event& e) { return isDemoDevice(e.id.device); });
}

std::function<bool(const Event&)> demoEvents(const State& state, const EventLog& log) {
    std::set<Index> demoDebtors;
    for (const auto& e : log.events)
        if (isDemoDevice(e.id.device))
            if (const auto* p = std::get_if<DebtorRegistered>(&e.payload))
                if (const auto d = state.debtor(p->debtor)) demoDebtors.insert(*d);
    return [demoDebtors, &state](const Event& e) {
        if (isDemoDevice(e.id.device)) return true;
        const auto debtor = affectedDebtor(state, e.payload);
        return debtor && demoDebtors.count(*debtor) > 0;
    };
}

Workspace::Checked Workspace::mergeChecked(std::vector<Event> events, const std::string& fileName) {
    CheckedLog checked = foldChecked(log_.events, std::move(events), fileName);
    if (checked.problem) return Checked{std::move(checked.problem), 0};
    return adopt(std::move(checked), false);
}

Workspace::Checked Workspace::replaceChecked(std::vector<Event> events, const std::string& fileName) {
    std::vector<Event> none;
    CheckedLog checked = foldChecked(none, std::move(events), fileName);
    if (checked.problem) return Checked{std::move(checked.problem), 0};
    return adopt(std::move(checked), true);
}

std::unique_ptr<CheckedFold> Workspace::beginChecked(std::vector<Event> events, const std::string& fileName,
                                                     bool replace) const {
    return std::make_unique<CheckedFold>(replace ? std::vector<Event>{} : log_.events, std::move(events), fileName);
}

Workspace::Checked Workspace::adoptChecked(CheckedFold& fold, bool replace) {
    CheckedLog checked = fold.take();
    if (checked.problem) return Checked{std::move(checked.problem), 0};
    return adopt(std::move(checked), replace);
}

// The state is folded anew: every cache keyed on debtor versions starts over (folds_).
Workspace::Checked Workspace::adopt(CheckedLog checked, bool replace) {
    log_ = std::move(checked.log);
    state_ = std::move(checked.state);
    if (replace) pending_.clear();
    if (!log_.events.empty()) hlc_.observe(log_.events.back().id);
    ++revision_;
    ++folds_;
    return Checked{std::nullopt, checked.added};
}

void Workspace::setDevice(std::uint32_t device) {
    const EventId last = hlc_.last();
    hlc_ = Hlc(device);
    hlc_.observe(last);
}

void Workspace::acknowledge(const EventId& id) {
    if (pending_.erase(id)) ++revision_;
}

void Workspace::discard(const EventId& id) {
    pending_.erase(id);
    const auto index = log_.find(id);
    if (!index) return;
    log_.events.erase(log_.events.begin() + static_cast<std::ptrdiff_t>(*index));
    refold();
}

void Workspace::discard(const std::vector<EventId>& ids) {
    if (ids.size() == 1) return discard(ids.front());
    const std::set<EventId> drop(ids.begin(), ids.end());
    for (const auto& id : ids) pending_.erase(id);
    const auto before = log_.size();
    std::erase_if(log_.events, [&](const Event& e) { return drop.count(e.id) > 0; });
    if (log_.size() != before) refold();
}

std::vector<Event> Workspace::integrate(std::vector<Event> events) {
    sortAndDeduplicate(events);
    std::vector<Event> added;
    for (auto& e : events)
        if (!log_.find(e.id)) added.push_back(std::move(e));
    if (added.empty()) return added;
    for (const auto& e : added) hlc_.observe(e.id);
    const bool inOrder = log_.events.empty() || log_.events.back().id < added.front().id;
    if (inOrder) {
        for (const auto& e : added) {
            log_.events.push_back(e);
            apply(state_, log_, static_cast<Index>(log_.size() - 1));
        }
        ++revision_;
    } else {
        // Older than what is already folded: merge into place and fold again, so the state
        // is the same as if the events had always been there.
        std::vector<Event> merged;
        merged.reserve(log_.size() + added.size());
        std::merge(std::make_move_iterator(log_.events.begin()), std::make_move_iterator(log_.events.end()),
                   added.begin(), added.end(), std::back_inserter(merged),
                   [](const Event& a, const Event& b) { return a.id < b.id; });
        log_.events = std::move(merged);
        refold();
    }
    return added;
}

} // namespace recobra
