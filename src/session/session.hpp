#pragma once
// A session connects the workspace to storage: a command is validated and applied at once
// (the UI shows it, marked "saving"), written in one transaction, and reported done only
// when storage confirms it. If the write fails the event is taken out again and the caller
// hears why; nothing is ever shown as saved that is not.
#include "core/exchange/backup.hpp"
#include "core/exchange/csv_import.hpp"
#include "core/workspace/workspace.hpp"
#include "platform/storage.hpp"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace recobra {

struct CommandOutcome {
    bool ok = false;
    std::optional<Problem> problem;
    std::string createdId; // what the command created, if anything
    std::string eventId;
    std::size_t added = 0; // events added by a merge, restore or example data
};

class Session {
public:
    using Done = std::function<void(const CommandOutcome&)>;

    Session(EventStorage& storage, std::uint32_t device) : storage_(storage), workspace_(device) {}

    LoadReport load(std::vector<Event> events, Settings settings);
    // The same in pieces (Workspace::beginLoad): the browser folds each batch storage reads.
    void beginLoad();
    void beginLoad(EventLog installed); // from an image of the log (Workspace::beginLoad)
    void beginLoad(EventLog installed, State folded); // and one of its state
    void loadMore(std::vector<Event> events) { workspace_.loadMore(std::move(events)); }
    void loadOne(const Event& e) { workspace_.loadOne(e); }
    LoadReport finishLoad(Settings settings);

    // Validates, applies and persists a command; `done` runs once storage has answered (or at
    // once when the command is refused). In a tab that does not write, the command is checked
    // here and handed to the writer, as JSON; its events arrive through integrate(). The UI
    // submits typed commands; the automation API and other tabs, JSON.
    void submit(Command command, const CommandContext& context, Done done);
    void submit(const nlohmann::json& command, const CommandContext& context, Done done);
    // Whether this session writes (the browser's elected tab) or forwards to the one that does.
    void setWriter(bool writer, CommandForwarder* forwarder = nullptr);
    bool writer() const { return writer_; }
    // The writer's answer to a forwarded command.
    void forwardReply(std::uint32_t request, const CommandOutcome& outcome);
    // Every forwarded command still waiting fails with this problem (the writer went away).
    void failForwarded(const Problem& why);
    // Only validates (a tab that does not write checks a command before handing it over).
    std::optional<Problem> check(const Command& command, const CommandContext& context);
    std::optional<Problem> check(const nlohmann::json& command, const CommandContext& context);
    // Every field's problem with a command, without running it (commandProblems): a form shows
    // each beside its field. Empty when the command would be accepted now.
    std::vector<Problem> problems(const Command& command, const CommandContext& context);

    // Storage's answer to append(request).
    void stored(std::uint32_t request, bool ok, const std::string& error);
    // Events written elsewhere (another tab): added to the log if new.
    std::vector<Event> integrate(std::vector<Event> events);
    // Adds events from a file (merge) and persists the new ones.
    void importEvents(std::vector<Event> events, Done done);
    // Events a team sync server sent (core/exchange/sync.hpp, applyPulled): each checked as a
    // merge checks a file's; the refused are returned at once and left out, the rest added and
    // written in one transaction, `done` hearing of it (`added`) once storage holds them. While
    // a restore or merge is under way, or in a tab that does not write, nothing is taken and
    // `done` hears why.
    std::vector<Problem> pull(std::vector<Event> events, const std::string& source, Done done);
    // Invoices from a CSV (csv_import.hpp), all or nothing: the import's commands are applied
    // and every event they made is written in one transaction. If a command is refused or
    // the write fails, none of them stays and the workspace is as before. `done` hears it;
    // `added` is the number of events written.
    void importInvoices(const InvoiceImport& plan, const CommandContext& context, Done done);
    // Commands that stand or fall together (a bulk reassignment from the debtors list): all
    // applied and written in one transaction, or none. `added` is the number of events.
    void submitAll(std::vector<Command> commands, const CommandContext& context, Done done);

    // A backup file's contents: restore replaces everything (the settings too), merge adds
    // what is new. Both check first and change nothing on a problem; storage switches to the
    // new log in one step. `done` hears how many events were added.
    void restore(BackupContents contents, const std::string& fileName, Done done);
    void merge(BackupContents contents, const std::string& fileName, Done done);
    // The same a piece at a time, for a large file: the check and fold run in stepImport(),
    // which the app calls every frame while importing() (commands are refused meanwhile);
    // `done` then runs as with restore() and merge().
    void beginRestore(BackupContents contents, const std::string& fileName, Done done);
    void beginMerge(BackupContents contents, const std::string& fileName, Done done);
    bool importing() const { return job_ != nullptr; }
    // A file read and then neither restored nor merged (the user cancelled): what storage
    // staged of it is freed.
    void discardImport(const BackupContents& contents);

    // A restore that lets go of what is loaded first, so that the file's log and state take
    // its memory instead of adding to it (a large book held twice: bench/README.md). False, and
    // nothing changes, in a tab that does not write or while anything else is under way.
    // From here the workspace is empty (released()) and commands wait, until the restore is
    // adopted; or, when it fails (the file refused while read or checked, the write failed),
    // until storage's log is loaded again: the reload handler runs, the caller loads
    // (beginLoad ... finishLoad), and only then does the restore's `done` hear why.
    bool releaseForRestore();
    bool released() const { return released_; }
    // The released restore's file was refused before its check began (while it was read).
    void failReleased(const Problem& why, Done done);
    void onReloadNeeded(std::function<void()> handler) { reloadNeeded_ = std::move(handler); }
    bool reloadNeeded() const { return failure_ != nullptr; }
    // Checks up to `budget` more events; false once the import is finished (or failed).
    bool stepImport(std::size_t budget);
    double importProgress() const; // 0 to 1
    // While a restore or merge is being checked or written, commands wait their turn (refused).
    bool busy() const { return busy_ || job_ != nullptr || released_; }

    // Example data: a small, realistic book of debtors (every stage represented) dated up to
    // `today`, added in one write; and removed again with all that was recorded about it.
    void loadDemo(Date today, Done done);
    void clearDemo(Done done);
    bool hasDemo() const;

    const Workspace& workspace() const { return workspace_; }
    Workspace& workspace() { return workspace_; }
    const Settings& settings() const { return settings_; }
    void updateSettings(const Settings& settings); // and store them
    void adoptSettings(const Settings& settings) { settings_ = settings; } // stored by another tab

    bool saving() const { return !inFlight_.empty(); }
    std::size_t writesInFlight() const { return inFlight_.size(); }
    // The last storage failure, until the next successful write.
    const std::optional<Problem>& storageProblem() const { return storageProblem_; }
    std::uint64_t savedWrites() const { return savedWrites_; }

private:
    // Writes events already applied in the workspace in one transaction.
    void writeTogether(const std::vector<Event>& events, Done done);
    template <class AnyCommand> void submitAny(AnyCommand command, const CommandContext& context, Done done);
    // A restore's or merge's checked log, shown only once storage holds it: if the write
    // fails the workspace stays what storage still has.
    struct Adoption {
        CheckedLog checked;
        bool replace = false;
        std::optional<Settings> settings; // a restore's
    };
    struct Write {
        std::vector<EventId> events;
        Done done;
        std::string createdId;
        bool replacement = false; // the whole log rewritten: nothing to take back if it fails
        std::size_t added = 0;    // events a replacement brought in
        std::unique_ptr<Adoption> adoption; // a replacement's log, adopted once it is written
    };

    EventStorage& storage_;
    Workspace workspace_;
    Settings settings_;
    std::map<std::uint32_t, Write> inFlight_;
    std::map<std::uint32_t, Done> forwarded_;
    bool writer_ = true;
    CommandForwarder* forwarder_ = nullptr;
    std::uint32_t nextRequest_ = 1;
    std::optional<Problem> storageProblem_;
    bool busy_ = false;
    struct ImportJob {
        std::unique_ptr<CheckedFold> fold;
        bool replace = false;
        Settings settings; // a restore's
        std::uint64_t staged = 0; // BackupContents::staged (used only by a restore)
        Done done;
    };
    std::unique_ptr<ImportJob> job_;
    bool released_ = false; // releaseForRestore(): empty until adopted or loaded again
    struct Failure {
        Done done;
        CommandOutcome outcome;
    };
    std::unique_ptr<Failure> failure_; // a released restore's, told once storage's log is back
    std::function<void()> reloadNeeded_;
    // Tells `done` the outcome, or holds a released restore's failure until the reload.
    void report(const Done& done, CommandOutcome outcome);
    void beginImport(BackupContents contents, const std::string& fileName, bool replace, Done done);
    void replaceStored(Write write, const EventLog& log, std::uint64_t staged);
    std::uint64_t savedWrites_ = 0;
};

// Outcomes cross between tabs as JSON.
std::string outcomeToJson(const CommandOutcome& outcome);
CommandOutcome outcomeFromJson(std::string_view json);
std::string problemToJson(const Problem& problem);

// A storage error as a Problem: quota exceeded is told apart (the disk or the browser's
// allowance is full), anything else is reported with the browser's own words.
Problem storageProblem(const std::string& error);

} // namespace recobra
