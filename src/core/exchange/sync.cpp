#include "core/exchange/sync.hpp"

#include "core/codec/event_codec.hpp"
#include "core/workspace/checked_fold.hpp"
#include "core/workspace/workspace.hpp"

#include <algorithm>
#include <iterator>

namespace recobra {

std::string eventRevision(const EventId& id) { return "1-" + id.compact(); }

void appendEventDocument(std::string& out, const EventLog& log, std::size_t i) {
    const EventId& id = log.id(i);
    out += "{\"_id\":\"";
    id.appendTo(out);
    out += "\",\"_rev\":\"";
    out += eventRevision(id);
    out += "\",";
    // The event's canonical object, less its opening brace.
    const std::size_t at = out.size();
    log.appendJson(i, out);
    out.erase(at, 1);
}

Outgoing outgoingEvents(const EventLog& log, const std::optional<EventId>& after, std::size_t max,
                        const std::function<bool(const EventId&)>& pending,
                        const std::function<bool(const Event&)>& local) {
    Outgoing out;
    // The first event after `after`: ids are in order.
    std::size_t lo = 0, hi = log.size();
    while (after && lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (*after < log.id(mid)) hi = mid;
        else lo = mid + 1;
    }
    out.waiting = log.size() - lo;
    out.docs = "[";
    for (std::size_t i = lo; i < log.size() && out.count < max; ++i) {
        if (pending && pending(log.id(i))) break;
        out.last = log.id(i);
        if (local && local(log[i])) continue;
        if (out.count) out.docs += ',';
        appendEventDocument(out.docs, log, i);
        ++out.count;
    }
    out.docs += ']';
    return out;
}

namespace {

Problem named(Problem p, const std::string& record, const std::string& source) {
    if (p.record.empty()) p.record = record;
    p.recordKind = RecordKind::Event;
    p.file = source;
    return p;
}

// One document read back into an event, or why not.
std::optional<Problem> readDocument(std::string_view text, const std::string& source, std::vector<Event>& into) {
    nlohmann::json doc;
    if (auto p = parseJson(text, doc)) return named(std::move(*p), "", source);
    if (!doc.is_object()) return named(problem(Str::err_type_object, ""), "", source);
    const auto idField = doc.find("_id");
    if (idField == doc.end() || !idField->is_string()) return named(problem(Str::err_required, "_id"), "", source);
    const std::string docId = idField->get<std::string>();
    const auto deleted = doc.find("_deleted");
    if (deleted != doc.end() && *deleted == true) return named(problem(Str::sync_err_deleted, "_deleted"), docId, source);
    // What replication adds to a document; every other field is the event's, checked as such.
    for (const char* field : {"_id", "_rev", "_revisions", "_deleted"}) doc.erase(field);
    DecodedEvent decoded = decodeEvent(doc);
    if (!decoded.event) return named(std::move(*decoded.problem), docId, source);
    if (decoded.event->id.str() != docId) return named(problem(Str::sync_err_doc_id, "_id"), docId, source);
    into.push_back(std::move(*decoded.event));
    return std::nullopt;
}

} // namespace

PulledDocs readPulledDocs(std::string_view lines, const std::string& source) {
    PulledDocs out;
    while (!lines.empty()) {
        const std::size_t end = std::min(lines.find('\n'), lines.size());
        const std::string_view line = lines.substr(0, end);
        lines.remove_prefix(std::min(end + 1, lines.size()));
        if (line.empty()) continue;
        if (auto p = readDocument(line, source, out.events)) out.refused.push_back(std::move(*p));
    }
    return out;
}

PullApplied applyPulled(Workspace& workspace, std::vector<Event> events, const std::string& source) {
    PullApplied out;
    auto refuse = [&](Problem p, const EventId& id) {
        p.record = id.str();
        p.file = source;
        out.refused.push_back(std::move(p));
    };
    sortAndDeduplicate(events); // a server sends a document once
    // What is here already: the same is skipped, another content refused (one copy is damaged).
    std::vector<Event> fresh;
    for (auto& e : events) {
        const auto at = workspace.log().find(e.id);
        if (!at) fresh.push_back(std::move(e));
        else if (workspace.log()[*at] == e) ++out.known;
        else refuse(problem(Str::merge_err_conflict, "", {e.id.str()}), e.id);
    }
    // Older than the end of the log: the merge's checked fold, all of them at once; a refused
    // one is taken out and the rest checked again.
    std::size_t firstNew = 0;
    while (firstNew < fresh.size() && !workspace.log().empty() && fresh[firstNew].id < workspace.log().lastId()) ++firstNew;
    std::vector<Event> older(std::make_move_iterator(fresh.begin()), std::make_move_iterator(fresh.begin() + static_cast<std::ptrdiff_t>(firstNew)));
    while (!older.empty()) {
        auto checked = workspace.mergeChecked(older, source);
        if (!checked.problem) {
            for (auto& e : older) out.added.push_back(std::move(e));
            break;
        }
        const auto id = EventId::parse(checked.problem->record);
        std::size_t bad = 0;
        while (bad < older.size() && !(id && older[bad].id == *id)) ++bad;
        if (bad == older.size()) { // not about one of them: none can be added
            for (const auto& e : older) refuse(*checked.problem, e.id);
            break;
        }
        refuse(std::move(*checked.problem), older[bad].id);
        older.erase(older.begin() + static_cast<std::ptrdiff_t>(bad));
    }
    // Newer: one by one on top of the state, each seeing those before it.
    for (std::size_t i = firstNew; i < fresh.size(); ++i) {
        if (auto p = checkIncoming(workspace.state(), fresh[i])) {
            refuse(std::move(*p), fresh[i].id);
            continue;
        }
        std::vector<Event> one;
        one.push_back(std::move(fresh[i]));
        for (auto& e : workspace.integrate(std::move(one))) out.added.push_back(std::move(e));
    }
    return out;
}

} // namespace recobra
