#pragma once
// A file's events checked before anything changes: each one as if it had been a command at
// its time (checkImported), against the state folded from the events before it, then folded
// in as the file has it. A merge checks a file on top of the log it has; a restore on top of
// nothing. The first problem stops the check and names the event; nothing is adopted until
// the whole file passed (Workspace::adopt).
#include "core/i18n/problem.hpp"
#include "core/log/event_log.hpp"
#include "core/state/state.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace recobra {

// Checks one event from elsewhere against the state just before it, as if it had been a
// command then (checkImported, its time as now); the problem names the event and its field.
// An event of a later version (unknown) is kept unread: nothing to check.
std::optional<Problem> checkIncoming(const State& state, const Event& e);

// Checks a restore's events and folds them as a file is read, when they come in id order (a
// file laid out as writeBackup gives it): once the file is read, so is its check, the same one
// CheckedFold makes. The first event out of order or with a problem stops it and frees what
// it folded: the file is then checked after reading, as any file, and that check reports the
// problem. `recobra validate` reads this way. The browser checks a large file's first part this
// way while a worker reads the second (BackupStreamReader::adopt), then goes on from there
// after reading; checking a whole file so on the page's one thread made a restore slower
// (bench/README.md).
class RestoreCheck {
public:
    RestoreCheck() = default;
    // The file's next event (the position it has in the file's log is the count added so far).
    void add(const Event& e);
    bool stopped() const { return stopped_; }
    std::size_t added() const { return added_; }
    // The state folded from the added() events, unless the check stopped; taken once.
    std::optional<State> take();

private:
    void stop();
    State state_;
    Index added_ = 0;
    std::optional<EventId> last_;
    bool stopped_ = false;
};

// A log checked and folded: base events plus those of a file, in id order, with the state.
struct CheckedLog {
    EventLog log;
    State state; // after a problem, what was folded before it: the caller frees it (Workspace::retire)
    std::size_t added = 0; // events from the file that were not already in the base
    std::optional<Problem> problem;
};

// foldChecked a piece at a time, so the app can show progress and keep drawing while a large
// file (two million events) is checked: construct, call step() until it returns false, then
// take() the result; after a problem, takeBase() gives the base events back as they were.
class CheckedFold {
public:
    CheckedFold(EventLog base, EventLog incoming, std::string fileName);
    // A restore's fold (no base) resumed after the first `checked` events of `incoming`, which
    // were checked and folded into `state` while the file was read (BackupContents::restoreState).
    // If `incoming` is not in id order those positions mean nothing: it folds from the start.
    CheckedFold(EventLog incoming, State state, std::size_t checked, std::string fileName);
    // Checks and folds up to `budget` more events; false once finished or failed.
    bool step(std::size_t budget);
    double progress() const; // 0 to 1
    bool failed() const { return out_.problem.has_value(); }
    CheckedLog take() { return std::move(out_); }
    EventLog takeBase() { return std::move(base_); }

private:
    void fail(Problem p);

    CheckedLog out_;
    std::vector<bool> fromFile_;
    EventLog base_; // only after a failure: the base, given back
    std::string fileName_;
    Index next_ = 0;
    bool done_ = false;
    // The event being checked, one per payload type: decoding reuses the texts and lists of
    // the last event of that type instead of allocating them anew whenever the type changes.
    std::vector<Event> scratch_ = std::vector<Event>(std::variant_size_v<Payload>);
};

// Folds `base` (moved in; given back untouched when a problem is found) with `incoming`,
// checking every incoming event against the state just before it: values sane, references
// resolved. What is already in the base (same id) is skipped.
CheckedLog foldChecked(EventLog& base, EventLog incoming, const std::string& fileName);

// Checks that `incoming` makes sense on top of `base` (empty for a restore): every event's
// values are sane and every reference resolves. Problems name the event. `now` bounds dates.
std::optional<Problem> checkIntegrity(const EventLog& base, const EventLog& incoming,
                                      const std::string& fileName);

} // namespace recobra
