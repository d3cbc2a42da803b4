#include "core/workspace/checked_fold.hpp"

#include "core/rules/commands.hpp"
#include "core/workspace/workspace.hpp"

#include <limits>

namespace recobra {

namespace {

// Checks one event against the state just before it, as if it had been a command then (only
// an event from the file: the base's are the base's), and folds it in as the file has it.
std::optional<Problem> checkAndApply(State& state, const Event& e, Index position, bool fromFile) {
    if (fromFile)
        if (auto p = checkIncoming(state, e)) return p;
    const auto result = apply(state, e, position);
    if (fromFile && result.problem) {
        Problem p = *result.problem;
        p.record = e.id.str();
        return p;
    }
    return std::nullopt;
}

} // namespace

std::optional<Problem> checkIncoming(const State& state, const Event& e) {
    if (!e.known()) return std::nullopt; // a later version's event: kept, not read
    // No author: the checks do not read it (copying it cost two million allocations).
    CommandContext context;
    context.now = e.ts;
    auto p = checkImported(state, e.payload, context);
    if (p) {
        p->field = p->field.empty() ? "payload" : "payload." + p->field;
        p->record = e.id.str();
    }
    return p;
}

void RestoreCheck::add(const Event& e) {
    if (stopped_) return;
    if ((last_ && !(*last_ < e.id)) || checkAndApply(state_, e, added_, true)) return stop();
    last_ = e.id;
    ++added_;
}

void RestoreCheck::stop() {
    stopped_ = true;
    state_ = State{};
}

std::optional<State> RestoreCheck::take() {
    if (stopped_) return std::nullopt;
    stopped_ = true; // taken once
    return std::move(state_);
}

CheckedFold::CheckedFold(EventLog base, EventLog incoming, std::string fileName) : fileName_(std::move(fileName)) {
    // Base and incoming together in id order; each incoming event is later checked against
    // the state just before it, as if it had been a command then. An event already in the
    // base (same id) is the base's. Records are copied as they are stored, never decoded.
    sortAndDeduplicate(incoming);
    // A restore (no base): the file's log is taken whole.
    if (base.empty()) {
        out_.added = incoming.size();
        fromFile_.assign(incoming.size(), true);
        out_.log = std::move(incoming);
        return;
    }
    // The same id with other content: one of the two is damaged (`recobra merge` says the same).
    for (Index a = 0, b = 0; a < base.size() && b < incoming.size();) {
        if (base.id(a) < incoming.id(b)) {
            ++a;
        } else if (incoming.id(b) < base.id(a)) {
            ++b;
        } else if (base[a] == incoming[b]) {
            ++a;
            ++b;
        } else {
            Problem p = problem(Str::merge_err_conflict, "", {incoming.id(b).str()});
            p.record = incoming.id(b).str();
            p.file = fileName_;
            out_.problem = std::move(p);
            base_ = std::move(base);
            done_ = true;
            return;
        }
    }
    // A file all newer than the base: the base is kept as it is and the file's events follow.
    if (incoming.empty() || base.lastId() < incoming.id(0)) {
        out_.added = incoming.size();
        fromFile_.assign(base.size(), false);
        fromFile_.resize(base.size() + incoming.size(), true);
        out_.log = std::move(base);
        out_.log.reserve(out_.log.size() + incoming.size());
        for (Index b = 0; b < incoming.size(); ++b) out_.log.append(incoming, b);
        return;
    }
    out_.log.reserve(base.size() + incoming.size());
    fromFile_.reserve(base.size() + incoming.size());
    Index a = 0, b = 0;
    while (a < base.size() || b < incoming.size()) {
        const bool takeBase = b >= incoming.size() || (a < base.size() && !(incoming.id(b) < base.id(a)));
        if (takeBase) {
            if (b < incoming.size() && base.id(a) == incoming.id(b)) ++b; // already there
            out_.log.append(base, a++);
            fromFile_.push_back(false);
        } else {
            out_.log.append(incoming, b++);
            fromFile_.push_back(true);
            ++out_.added;
        }
    }
}

void CheckedFold::fail(Problem p) {
    base_.clear();
    for (Index i = 0; i < out_.log.size(); ++i)
        if (!fromFile_[i]) base_.append(out_.log, i);
    out_.log.clear();
    out_.added = 0; // the state folded so far stays, for the caller to free (CheckedLog::state)
    p.file = fileName_;
    out_.problem = std::move(p);
    done_ = true;
}

CheckedFold::CheckedFold(EventLog incoming, State state, std::size_t checked, std::string fileName)
    : fileName_(std::move(fileName)) {
    if (!incoming.sortedUnique() || checked > incoming.size()) {
        *this = CheckedFold(EventLog{}, std::move(incoming), fileName_);
        return;
    }
    out_.added = incoming.size();
    fromFile_.assign(incoming.size(), true);
    out_.log = std::move(incoming);
    out_.state = std::move(state);
    next_ = static_cast<Index>(checked);
    reserveFor(out_.state, out_.log, next_); // room for the rest
    if (next_ >= out_.log.size()) done_ = true;
}

bool CheckedFold::step(std::size_t budget) {
    const auto size = static_cast<Index>(out_.log.size());
    if (next_ == 0 && !done_) reserveFor(out_.state, out_.log); // a fold from nothing: room for all
    for (; !done_ && budget > 0 && next_ < size; --budget, ++next_) {
        const Index i = next_;
        const std::size_t type = out_.log.payloadIndex(i);
        Event& e = scratch_[type];
        out_.log.decode(i, e);
        if (auto p = checkAndApply(out_.state, e, i, fromFile_[i])) {
            fail(std::move(*p));
            return false;
        }
    }
    if (next_ >= size) done_ = true;
    return !done_;
}

double CheckedFold::progress() const {
    if (done_ || out_.log.empty()) return 1.0;
    return static_cast<double>(next_) / static_cast<double>(out_.log.size());
}

CheckedLog foldChecked(EventLog& base, EventLog incoming, const std::string& fileName) {
    CheckedFold fold(std::move(base), std::move(incoming), fileName);
    base.clear();
    while (fold.step(std::numeric_limits<std::size_t>::max())) {
    }
    if (fold.failed()) base = fold.takeBase();
    return fold.take();
}

std::optional<Problem> checkIntegrity(const EventLog& base, const EventLog& incoming, const std::string& fileName) {
    EventLog copy = base;
    return foldChecked(copy, incoming, fileName).problem;
}

} // namespace recobra
