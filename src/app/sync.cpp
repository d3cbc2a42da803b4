// Team sync (docs/sync.md): the page's replicator (web/sync.js) speaks CouchDB's protocol; the
// app gives it the events to send and takes what it receives through the checked path
// (core/exchange/sync.hpp, Session::pull). Only the writing tab syncs; other tabs hear of the
// pulled events as they hear of any this tab writes (store-tabs.js).
#include "app/runtime.hpp"

#include "core/exchange/sync.hpp"
#include "core/workspace/workspace.hpp"

#include <cstdint>

#include <nlohmann/json.hpp>

using namespace recobra;
using namespace recobra::app;

extern "C" {

// Up to `max` documents after event `after` ("" from the start), only events storage holds:
// {"count", "last", "waiting", "docs": [...]}.
EMSCRIPTEN_KEEPALIVE const char* rb_sync_outgoing(int max, const char* after, int length) {
    if (!rt || !rt->session) return "{\"count\":0,\"waiting\":0,\"docs\":[]}";
    const Workspace& ws = rt->session->workspace();
    // The example data stays here (docs/sync.md). Whether there is any is looked for again only
    // when the log has changed (a first sync asks some 2,000 times).
    static const Workspace* checked = nullptr;
    static std::uint64_t checkedAt = 0;
    static std::size_t checkedSize = 0;
    static bool example = false;
    if (checked != &ws || checkedAt != ws.revision() || checkedSize != ws.log().size()) {
        example = hasDemoData(ws.log());
        checked = &ws;
        checkedAt = ws.revision();
        checkedSize = ws.log().size();
    }
    const auto from = EventId::parse(std::string_view(after, static_cast<std::size_t>(length)));
    const Outgoing out = outgoingEvents(ws.log(), from, static_cast<std::size_t>(max),
                                        [&ws](const EventId& id) { return ws.isPending(id); },
                                        example ? demoEvents(ws.state(), ws.log()) : nullptr);
    std::string text = "{\"count\":" + std::to_string(out.count) + ",\"waiting\":" + std::to_string(out.waiting) +
                       ",\"last\":\"" + (out.last ? out.last->str() : std::string()) + "\",\"docs\":";
    text += out.docs;
    text += '}';
    return keep(std::move(text));
}

// Of the ids given (one a line), those this device lacks: the local half of _revs_diff.
EMSCRIPTEN_KEEPALIVE const char* rb_sync_missing(const char* text, int length) {
    std::string missing;
    if (!rt || !rt->session) return "";
    std::string_view ids(text, static_cast<std::size_t>(length));
    const EventLog& log = rt->session->workspace().log();
    while (!ids.empty()) {
        const std::size_t end = std::min(ids.find('\n'), ids.size());
        const std::string_view id = ids.substr(0, end);
        ids.remove_prefix(std::min(end + 1, ids.size()));
        const auto parsed = EventId::parse(id);
        // Anything that is not an event's id is fetched too: it is refused, named, when read.
        if (!id.empty() && (!parsed || !log.find(*parsed))) missing.append(id).push_back('\n');
    }
    return keep(std::move(missing));
}

// Documents the server sent, one a line, after a first line naming where from ("server/
// database"): the refused are described at once (a line each; Settings shows them too); the others are added and, once storage holds them, rb_js_sync_pulled(request, ok,
// error) answers (at once when nothing was added).
EMSCRIPTEN_KEEPALIVE const char* rb_sync_pull(int request, const char* text, int length) {
    if (!rt || !rt->session) return "";
    std::string_view lines(text, static_cast<std::size_t>(length));
    const std::string source(lines.substr(0, std::min(lines.find('\n'), lines.size())));
    lines.remove_prefix(std::min(source.size() + 1, lines.size()));
    PulledDocs read = readPulledDocs(lines, source);
    auto refused = rt->session->pull(std::move(read.events), source, [request](const CommandOutcome& outcome) {
        rb_js_sync_pulled(request, outcome.ok ? 1 : 0,
                          outcome.problem ? outcome.problem->describe(uiLanguage()).c_str() : "");
        rt->host.requestFrame();
    });
    std::string described;
    for (auto* list : {&read.refused, &refused})
        for (auto& p : *list) {
            described += p.describe(uiLanguage()) + '\n';
            if (rt->ui) rt->ui->noticeSyncRefused(std::move(p));
        }
    rt->host.requestFrame();
    return keep(std::move(described));
}

// The replicator's state for Settings -> Sync (web/sync.js status()).
EMSCRIPTEN_KEEPALIVE void rb_sync_status(const char* text, int length) {
    if (!rt || !rt->ui) return;
    auto j = nlohmann::json::parse(text, text + length, nullptr, false);
    if (j.is_object()) rt->ui->setSyncInfo(std::move(j));
    rt->host.requestFrame();
}

} // extern "C"
