// A backup leaving the app a chunk at a time (BackupWriter), pulled by the page (web/files-out.js)
// into a download, never held as one string.
#include "app/runtime.hpp"

#include "core/exchange/backup.hpp"

using namespace recobra;
using namespace recobra::app;

extern "C" {

// -1 while a restore has let go of the loaded data (nothing to export until it is back).
EMSCRIPTEN_KEEPALIVE int rb_export_begin() {
    if (!rt->session || rt->session->released()) return -1;
    rb_image_release(); // an image being written out gives way (its buffers would grow memory)
    auto& e = rt->exporting;
    e = Export{};
    e.writer = std::make_unique<BackupWriter>(e.chunk);
    e.writer->begin();
    return static_cast<int>(rt->session->workspace().log().size());
}

// Fills the next chunk of about `bytes`; returns its length, 0 once everything was given.
EMSCRIPTEN_KEEPALIVE int rb_export_next(int bytes) {
    auto& e = rt->exporting;
    if (!e.writer) return 0;
    const EventLog& events = rt->session->workspace().log();
    if (e.handedOut) e.chunk.clear(); // the first chunk starts with the head begin() wrote
    e.handedOut = true;
    while (e.next < events.size() && e.chunk.size() < static_cast<std::size_t>(bytes)) e.writer->add(events, e.next++);
    if (e.next >= events.size() && !e.ended) {
        e.writer->end(rt->session->settings());
        e.ended = true;
    }
    return static_cast<int>(e.chunk.size());
}

EMSCRIPTEN_KEEPALIVE const char* rb_export_data() { return rt->exporting.chunk.data(); }

EMSCRIPTEN_KEEPALIVE int rb_export_progress() { return static_cast<int>(rt->exporting.next); }

EMSCRIPTEN_KEEPALIVE const char* rb_export_file_name() {
    const Timestamp local = static_cast<Timestamp>(rb_js_now()) + rb_js_utc_offset_minutes() * 60'000LL;
    return keep("recobra-backup-" + Date::ofTimestamp(local).iso() + ".json");
}

// The download started: remember when, for the reminder.
EMSCRIPTEN_KEEPALIVE void rb_export_finished(int ok) {
    rt->exporting = Export{};
    if (!ok || !rt->session) return;
    Settings settings = rt->session->settings();
    settings.lastBackupAt = static_cast<Timestamp>(rb_js_now());
    rt->session->updateSettings(settings);
    rt->host.requestFrame();
}

} // extern "C"
