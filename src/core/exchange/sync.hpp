#pragma once
// Team sync through Apache CouchDB (docs/sync.md): one event, one document, its _id the
// event's id and its body the event. This is the pure part of the replication the page runs
// (web/sync.js): the documents that go up, and the documents that come down read back into
// events and checked as a merge checks a file's (checked_fold.hpp) — except that a bad one is
// refused alone, named, and the rest are added.
#include "core/i18n/problem.hpp"
#include "core/log/event_log.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recobra {

class Workspace;

// The one revision an event's document has: "1-" and the id's 24 hex digits. An event never
// changes, so every device that pushes it pushes the same revision, and _revs_diff finds
// nothing missing where another device put it already (no conflicting branch is ever made).
std::string eventRevision(const EventId& id);

// {"_id":…,"_rev":…, then the event's canonical fields}: one event of `log` as its document.
void appendEventDocument(std::string& out, const EventLog& log, std::size_t i);

struct Outgoing {
    std::string docs;            // a JSON array of documents
    std::size_t count = 0;
    std::optional<EventId> last; // the last event sent or passed over: where the next batch starts
    std::size_t waiting = 0;     // events after `after` (stored ones and not), `count` among them
};

// Up to `max` events of the log after `after` (from the start when null), in id order, as
// documents; it stops before the first one storage has not confirmed yet (`pending`): only
// what is saved on this device goes up. Events `local` names stay on this device: they are
// passed over (`last` moves past them; a batch may hold none). The app names the example data
// that way (demoEvents, workspace.hpp): a newcomer's trial never reaches the team's database.
Outgoing outgoingEvents(const EventLog& log, const std::optional<EventId>& after, std::size_t max,
                        const std::function<bool(const EventId&)>& pending,
                        const std::function<bool(const Event&)>& local = nullptr);

struct PulledDocs {
    std::vector<Event> events;    // read, in the order sent
    std::vector<Problem> refused; // unreadable: record = the document's _id, field, file = source
};

// Documents a server sent (one JSON object per line, as _bulk_get gives them), read back into
// events: the replication's _rev and _revisions go, the _id must be the event's id, a deleted
// document or one that is not an event as a backup holds it (docs/backup-format.md) is refused.
PulledDocs readPulledDocs(std::string_view lines, const std::string& source);

struct PullApplied {
    std::vector<Event> added;     // checked and now in the workspace, in id order: to store
    std::vector<Problem> refused; // each names `source`, the event and the field
    std::size_t known = 0;        // already here, the same
};

// Adds pulled events to the workspace, each checked as a merge checks a file's events: against
// the state just before it, as if it had been a command then. Events after the end of the log
// (a teammate's new work, a first sync) are checked and added one by one on top of the state;
// older ones go through the merge's checked fold of the whole log, a refused one taken out and
// the rest checked again. The same id with other content is refused (one copy is damaged).
PullApplied applyPulled(Workspace& workspace, std::vector<Event> events, const std::string& source);

} // namespace recobra
