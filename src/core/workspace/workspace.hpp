#pragma once
// The live model of one session: the event log, the state folded from it, the clock that
// names new events and the writes not yet confirmed by storage. Pure: storage, clock and
// device id are the caller's. The browser and the CLI drive it the same way:
//
//   load(events)            everything storage holds
//   dispatch(command)       validate -> event -> applied at once, pending until stored
//   acknowledge(id)         storage committed it: it is saved
//   discard(id)             storage failed: the event is taken out, the state refolded
//   integrate(events)       events from elsewhere (another tab, a teammate's export)
#include "core/rules/commands.hpp"
#include "core/state/state.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <vector>

namespace recobra {

struct LoadReport {
    std::size_t events = 0;
    std::size_t duplicateIds = 0; // the same id twice: kept once
    FoldDiagnostics diagnostics;
};

struct DispatchResult {
    std::optional<Event> event; // applied and pending: persist it
    std::optional<Problem> problem;
    std::string createdId;
    bool ok() const { return event.has_value(); }
};

struct DispatchAllResult {
    std::vector<Event> events;      // applied and pending: persist them together
    std::optional<Problem> problem; // one was refused: none is applied
    std::size_t refused = 0;        // which one (0 for the first)
};

class CheckedFold; // checked_fold.hpp
struct CheckedLog;

class Workspace {
public:
    explicit Workspace(std::uint32_t device) : hlc_(device) {}

    LoadReport load(std::vector<Event> events);
    LoadReport load(EventLog log); // a log read from a file: sorted and folded here
    // The same in pieces, as storage reads the log: events that come in id order (as storage
    // keeps them) are applied as they arrive, so folding overlaps reading. After one out of
    // order or repeated, the rest is only collected and finishLoad() sorts and folds again.
    void beginLoad();
    // Starts from a log installed from an image (EventLog::ImageLoader): foldInstalled() folds
    // it a piece at a time, then loadMore() adds what storage holds beyond it. Events the
    // image already holds are skipped by id.
    void beginLoad(EventLog installed);
    // The same with the state already folded from it (StateImageReader): nothing to fold.
    void beginLoad(EventLog installed, State folded);
    // Folds up to `budget` more events of the installed log; false once all are folded.
    bool foldInstalled(std::size_t budget);
    void loadMore(std::vector<Event> events);
    // One event of what storage holds, as loadMore() takes each: the browser decodes a batch
    // line by line into one reused Event (EventDecoder) instead of a vector of new ones.
    void loadOne(const Event& e);
    LoadReport finishLoad();
    DispatchResult dispatch(Command command, const CommandContext& context);
    DispatchResult dispatch(const nlohmann::json& command, const CommandContext& context);
    // Commands that stand or fall together (a bulk reassignment): dispatched in order; if one
    // is refused, those already dispatched are taken out again and nothing has changed.
    DispatchAllResult dispatchAll(std::vector<Command> commands, const CommandContext& context);
    void acknowledge(const EventId& id);
    void discard(const EventId& id);
    void discard(const std::vector<EventId>& ids); // several at once, one refold
    // Adds the events not already in the log; returns those added (in id order).
    std::vector<Event> integrate(std::vector<Event> events);
    // A file's events, checked before anything changes: merge adds those not yet in the log;
    // replace makes them the whole log (restore). On a problem nothing changes.
    struct Checked {
        std::optional<Problem> problem;
        std::size_t added = 0;
    };
    Checked mergeChecked(std::vector<Event> events, const std::string& fileName);
    Checked replaceChecked(std::vector<Event> events, const std::string& fileName);
    // The same a piece at a time, for large files: beginChecked() makes the fold (a copy of
    // the log as its base when merging), the caller steps it, and adopt() takes what it made
    // without a problem (CheckedFold::take()), whole. Nothing changes here until adopt(): the
    // caller may first have storage write the log, and adopt it only once that is durable.
    std::unique_ptr<CheckedFold> beginChecked(EventLog events, const std::string& fileName,
                                              bool replace) const;
    Checked adopt(CheckedLog checked, bool replace);
    // The state adopt() replaced is freed a slice at a time, by the caller (freed at once, a
    // large one froze the page: bench/README.md). True while any remains.
    bool releaseRetired(std::size_t budget);
    bool hasRetired() const { return !retired_.states.empty(); }
    // Lets go of the log and its state (the state freed a slice at a time, as adopt()'s), so
    // that a restore's file can have their memory. The workspace is then empty until a load
    // or adopt(); the clock keeps the last id it gave. Writes still pending are forgotten:
    // the caller lets go only when storage has answered them all.
    void releaseAll();
    // A state that is not this workspace's (a refused file's, folded up to its problem), freed
    // a slice at a time with the others.
    void retire(State state);

    // Takes events out of the log for good (only example data is ever removed) and folds
    // again; returns the ids removed.
    std::vector<EventId> remove(const std::function<bool(const Event&)>& which);

    const State& state() const { return state_; }
    const EventLog& log() const { return log_; }
    Hlc& hlc() { return hlc_; }
    // A tab that starts writing takes the profile's device id for the events it names.
    void setDevice(std::uint32_t device);
    bool isPending(const EventId& id) const { return pending_.count(id) > 0; }
    std::size_t pendingCount() const { return pending_.size(); }
    // Increases with every change: screens cache what they compute against it.
    std::uint64_t revision() const { return revision_; }
    // Increases every time the state is folded again from the log (a discard, an out-of-order
    // merge): caches keyed on debtor versions start over then.
    std::uint64_t folds() const { return folds_; }

private:
    void refold();
    DispatchResult take(PreparedCommand prepared); // a command prepared: applied, pending

    EventLog log_;
    State state_;
    // States replaced by adopt(), being freed: garbage, so a copy of the workspace has none.
    struct Retired {
        std::vector<std::unique_ptr<State>> states;
        Retired() = default;
        Retired(const Retired&) {}
        Retired& operator=(const Retired&) { return *this; } // keeps its own, to be freed
        Retired(Retired&&) = default;
        Retired& operator=(Retired&&) = default;
        ~Retired() = default;
    };
    Retired retired_;
    Hlc hlc_;
    std::set<EventId> pending_;
    std::uint64_t revision_ = 0;
    std::uint64_t folds_ = 0;
    bool loadInOrder_ = true; // between beginLoad() and finishLoad()
    Index folded_ = 0;        // events of an installed log folded so far
    std::size_t skipped_ = 0; // events loaded that the log already held
};

// Example data: generated on devices 0xde300000 and up, so it is recognised and removed
// again with everything recorded about its debtors.
inline constexpr std::uint32_t kDemoDevice = 0xde300000u;
inline bool isDemoDevice(std::uint32_t device) { return (device & 0xffff0000u) == kDemoDevice; }
bool hasDemoData(const EventLog& log);
// The example events and every event about an example debtor.
std::function<bool(const Event&)> demoEvents(const State& state, const EventLog& log);

// Sorts by id and keeps one event per id. Returns how many duplicates were dropped.
std::size_t sortAndDeduplicate(std::vector<Event>& events);
// Sorts a file's events by id (events already in order, as this app writes them, are not
// moved); an id twice means the file is damaged: the problem names that id (the caller
// names the file).
std::optional<Problem> sortRefusingDuplicates(std::vector<Event>& events);

} // namespace recobra
