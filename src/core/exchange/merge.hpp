#pragma once
// Merging a teammate's export into one's own data (README.md, "Backups"). Events are immutable
// and their ids unique, so a merge adds the events the base does not have, by id, and
// nothing else: merging the same file twice adds nothing the second time (idempotent), and
// A merged with B folds to the same state as B merged with A (commutative), because the state
// is the fold of the union in id order. What is added must make sense on top of the base
// (checkIntegrity); if anything does not, nothing is merged.
#include "core/exchange/backup.hpp"
#include "core/i18n/strings.hpp"
#include "core/state/state.hpp"
#include "core/workspace/workspace.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recobra {

struct MergeSummary {
    std::size_t eventsInFile = 0;
    std::size_t eventsAdded = 0;
    std::size_t eventsAlreadyPresent = 0;
    std::map<std::string, std::size_t> addedByType; // "interaction.logged" -> how many were added
    std::size_t debtorsAdded = 0;   // debtors the added events register
    std::size_t debtorsUpdated = 0; // debtors already known that the added events are about
};

struct MergePlan {
    std::vector<Event> added; // the events the base lacks, in id order
    MergeSummary summary;
    std::optional<Problem> problem; // set: nothing may be merged (file, record, field)
};

struct MergeOptions {
    std::string fileName; // the incoming file, named by problems in it
    // Check what is added against the base (checkIntegrity). A caller that checks and applies
    // in one fold afterwards (Workspace::mergeChecked) can leave it to that.
    bool check = true;
};

// What merging `incoming` into the base adds, checked; nothing changes. An event whose id
// the base already holds is skipped, but the same id with different content is refused: one
// of the two files is damaged, and keeping either silently would lose the other.
MergePlan planMerge(const EventLog& base, const State& baseState, EventLog incoming, const MergeOptions& options);

// Both sides from files (the CLI): every event of both is checked, as restoring their union
// would check it, in one fold; a problem names the file its event came from.
struct FileMerge {
    EventLog events; // the union, in id order
    MergeSummary summary;
    std::optional<Problem> problem;
};
FileMerge mergeFiles(EventLog base, const std::string& baseFile, EventLog incoming, const std::string& incomingFile);

// Adds a plan's events to the workspace (Workspace::integrate); returns them, to persist.
std::vector<Event> applyMerge(Workspace& workspace, MergePlan&& plan);

// A backup, or the cases.json of an agency package: both carry events to merge.
BackupRead readMergeable(std::string_view text, const std::string& fileName);

struct MergeResult {
    std::optional<MergeSummary> summary; // set when merged (possibly nothing new)
    std::vector<Event> added;            // to persist
    std::optional<Problem> problem;      // set: nothing changed
};

// Reads `text` (readMergeable), plans and applies the merge into the workspace.
MergeResult mergeFile(Workspace& workspace, std::string_view text, const std::string& fileName);

// The summary as lines a person reads: the totals, then one line per kind of event added.
std::vector<std::string> describeMergeSummary(const MergeSummary& summary, const std::string& fileName, Lang lang);

} // namespace recobra
