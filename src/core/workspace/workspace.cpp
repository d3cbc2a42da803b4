#include "core/workspace/workspace.hpp"

#include "core/workspace/checked_fold.hpp"

#include <algorithm>
#include <limits>

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

LoadReport Workspace::load(EventLog log) {
    beginLoad();
    log_ = std::move(log);
    LoadReport report;
    report.duplicateIds = sortAndDeduplicate(log_);
    refold();
    report.events = log_.size();
    report.diagnostics = state_.diagnostics;
    if (!log_.empty()) hlc_.observe(log_.lastId());
    return report;
}

void Workspace::beginLoad() {
    log_ = EventLog{};
    state_ = State{};
    pending_.clear();
    loadInOrder_ = true;
    folded_ = 0;
    skipped_ = 0;
}

void Workspace::beginLoad(EventLog installed) {
    beginLoad();
    log_ = std::move(installed);
    loadInOrder_ = log_.sortedUnique();
}

void Workspace::beginLoad(EventLog installed, State folded) {
    beginLoad(std::move(installed));
    if (!loadInOrder_) return; // the image's log out of order: finishLoad() folds it all
    state_ = std::move(folded);
    folded_ = static_cast<Index>(log_.size());
}

bool Workspace::foldInstalled(std::size_t budget) {
    if (!loadInOrder_) return false; // finishLoad() sorts and folds it all
    Event e;
    for (; folded_ < log_.size() && budget > 0; ++folded_, --budget) {
        log_.decode(folded_, e);
        apply(state_, e, folded_);
    }
    return folded_ < log_.size();
}

void Workspace::loadMore(std::vector<Event> events) {
    log_.reserve(log_.size() + events.size());
    for (auto& e : events) {
        loadOne(e);
        e = Event{}; // its strings go now, not with the whole batch
    }
}

void Workspace::loadOne(const Event& e) {
    if (folded_ < log_.size()) foldInstalled(std::numeric_limits<std::size_t>::max()); // an image's, first
    if (!log_.empty() && !(log_.lastId() < e.id)) {
        if (log_.find(e.id)) { // read twice: the image held it, or storage repeated it
            ++skipped_;
            return;
        }
        loadInOrder_ = false;
    }
    log_.push_back(e);
    if (loadInOrder_) apply(state_, e, static_cast<Index>(log_.size() - 1));
    folded_ = static_cast<Index>(log_.size());
}

LoadReport Workspace::finishLoad() {
    LoadReport report;
    while (loadInOrder_ && foldInstalled(std::numeric_limits<std::size_t>::max())) {
    }
    if (loadInOrder_) {
        ++revision_;
        ++folds_;
    } else {
        report.duplicateIds = sortAndDeduplicate(log_);
        refold();
    }
    report.duplicateIds += skipped_;
    loadInOrder_ = true;
    folded_ = 0;
    skipped_ = 0;
    report.events = log_.size();
    report.diagnostics = state_.diagnostics;
    if (!log_.empty()) hlc_.observe(log_.lastId());
    return report;
}

void Workspace::refold() {
    state_ = fold(log_);
    ++revision_;
    ++folds_;
}

DispatchResult Workspace::dispatch(Command command, const CommandContext& context) {
    return take(prepareCommand(state_, std::move(command), context, hlc_));
}

DispatchResult Workspace::dispatch(const nlohmann::json& command, const CommandContext& context) {
    return take(prepareCommand(state_, command, context, hlc_));
}

DispatchAllResult Workspace::dispatchAll(std::vector<Command> commands, const CommandContext& context) {
    DispatchAllResult out;
    std::vector<EventId> dispatched;
    for (std::size_t i = 0; i < commands.size(); ++i) {
        auto result = dispatch(std::move(commands[i]), context);
        if (!result.ok()) {
            discard(dispatched);
            out.events.clear();
            out.problem = std::move(result.problem);
            out.refused = i;
            return out;
        }
        dispatched.push_back(result.event->id);
        out.events.push_back(std::move(*result.event));
    }
    return out;
}

DispatchResult Workspace::take(PreparedCommand prepared) {
    DispatchResult result;
    if (!prepared.event) {
        result.problem = std::move(prepared.problem);
        return result;
    }
    // The clock only moves forward, so the new event sorts after every event in the log.
    log_.push_back(*prepared.event);
    apply(state_, *prepared.event, static_cast<Index>(log_.size() - 1));
    pending_.insert(prepared.event->id);
    ++revision_;
    result.event = std::move(prepared.event);
    result.createdId = std::move(prepared.createdId);
    return result;
}

std::vector<EventId> Workspace::remove(const std::function<bool(const Event&)>& which) {
    std::vector<EventId> removed;
    std::vector<bool> drop(log_.size(), false);
    Index i = 0;
    for (const Event& e : log_) {
        if (which(e)) {
            drop[i] = true;
            removed.push_back(e.id);
        }
        ++i;
    }
    if (removed.empty()) return removed;
    for (const auto& id : removed) pending_.erase(id);
    log_.retain([&](Index k) { return !drop[k]; });
    refold();
    return removed;
}

bool hasDemoData(const EventLog& log) {
    for (Index i = 0; i < log.size(); ++i)
        if (isDemoDevice(log.id(i).device)) return true;
    return false;
}

std::function<bool(const Event&)> demoEvents(const State& state, const EventLog& log) {
    std::set<Index> demoDebtors;
    for (Index i = 0; i < log.size(); ++i) {
        if (!isDemoDevice(log.id(i).device)) continue;
        const Event e = log[i];
        if (const auto* p = std::get_if<DebtorRegistered>(&e.payload))
            if (const auto d = state.debtor(p->debtor)) demoDebtors.insert(*d);
    }
    return [demoDebtors, &state](const Event& e) {
        if (isDemoDevice(e.id.device)) return true;
        const auto debtor = affectedDebtor(state, e.payload);
        return debtor && demoDebtors.count(*debtor) > 0;
    };
}

Workspace::Checked Workspace::mergeChecked(std::vector<Event> events, const std::string& fileName) {
    CheckedLog checked = foldChecked(log_, EventLog(events), fileName);
    if (checked.problem) return Checked{std::move(checked.problem), 0};
    return adopt(std::move(checked), false);
}

Workspace::Checked Workspace::replaceChecked(std::vector<Event> events, const std::string& fileName) {
    EventLog none;
    CheckedLog checked = foldChecked(none, EventLog(events), fileName);
    if (checked.problem) return Checked{std::move(checked.problem), 0};
    return adopt(std::move(checked), true);
}

std::unique_ptr<CheckedFold> Workspace::beginChecked(EventLog events, const std::string& fileName,
                                                     bool replace) const {
    // A copy of the log shares its records (only the ids and positions are copied).
    return std::make_unique<CheckedFold>(replace ? EventLog{} : log_, std::move(events), fileName);
}

// The state is folded anew: every cache keyed on debtor versions starts over (folds_).
Workspace::Checked Workspace::adopt(CheckedLog checked, bool replace) {
    log_ = std::move(checked.log);
    retired_.states.push_back(std::make_unique<State>(std::move(state_)));
    state_ = std::move(checked.state);
    if (replace) pending_.clear();
    if (!log_.empty()) hlc_.observe(log_.lastId());
    ++revision_;
    ++folds_;
    return Checked{std::nullopt, checked.added};
}

void Workspace::releaseAll() {
    retired_.states.push_back(std::make_unique<State>(std::move(state_)));
    state_ = State{};
    log_ = EventLog{};
    pending_.clear();
    ++revision_;
    ++folds_;
}

void Workspace::retire(State state) { retired_.states.push_back(std::make_unique<State>(std::move(state))); }

bool Workspace::releaseRetired(std::size_t budget) {
    auto& states = retired_.states;
    while (!states.empty() && budget > 0) {
        const std::size_t slice = std::min<std::size_t>(budget, 4096);
        budget -= slice;
        if (!releaseSome(*states.back(), slice)) states.pop_back();
    }
    return !states.empty();
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
    if (*index + 1 == log_.size()) log_.pop_back();
    else log_.retain([&](Index i) { return i != *index; });
    refold();
}

void Workspace::discard(const std::vector<EventId>& ids) {
    if (ids.size() == 1) return discard(ids.front());
    const std::set<EventId> drop(ids.begin(), ids.end());
    for (const auto& id : ids) pending_.erase(id);
    const auto before = log_.size();
    log_.retain([&](Index i) { return drop.count(log_.id(i)) == 0; });
    if (log_.size() != before) refold();
}

std::vector<Event> Workspace::integrate(std::vector<Event> events) {
    sortAndDeduplicate(events);
    std::vector<Event> added;
    for (auto& e : events)
        if (!log_.find(e.id)) added.push_back(std::move(e));
    if (added.empty()) return added;
    for (const auto& e : added) hlc_.observe(e.id);
    const bool inOrder = log_.empty() || log_.lastId() < added.front().id;
    if (inOrder) {
        for (const auto& e : added) {
            log_.push_back(e);
            apply(state_, e, static_cast<Index>(log_.size() - 1));
        }
        ++revision_;
    } else {
        // Older than what is already folded: merge into place and fold again, so the state
        // is the same as if the events had always been there.
        log_ = mergeById(log_, EventLog(added));
        refold();
    }
    return added;
}

} // namespace recobra
