// Loading what storage holds into the session at a start (web/bridge.js loadData): the stored
// lines in batches, or first the images of the log and of its state kept from an earlier start
// (EventLog::Image, StateImageReader), which spare decoding and folding what they hold.
#include "app/runtime.hpp"

#include "core/codec/json_codec.hpp"
#include "core/log/stored_lines.hpp"
#include "core/state/state_image.hpp"

#include <nlohmann/json.hpp>

using namespace recobra;
using namespace recobra::app;

extern "C" {

// Also loads storage's log again into a session whose released restore failed
// (Session::releaseForRestore): the session, which the UI holds, stays.
EMSCRIPTEN_KEEPALIVE void rb_load_begin(unsigned device, int writer) {
    if (!rt->session || !rt->session->reloadNeeded()) {
        rt->session = std::make_unique<Session>(rt->storage, device);
        rt->session->onReloadNeeded([] { rb_js_reload(); });
        rt->storage.onComplete([](std::uint32_t request, bool ok, const std::string& error) {
            if (rt->session) rt->session->stored(request, ok, error);
        });
    }
    rt->session->setWriter(writer != 0, &rt->storage);
    rt->session->beginLoad();
    rt->unreadableEvents = 0;
}

EMSCRIPTEN_KEEPALIVE void rb_load_batch(const char* text, int length) {
    // Each line decoded into the same Event, not into a new one per line kept in a vector: the
    // decoding and folding of two million events (a start from JSON) took 5.6-5.8 s in
    // Chromium instead of 6.0-6.3 s.
    const char* end = text + length;
    forEachStoredLine(std::string_view(text, static_cast<std::size_t>(length)), [end](std::string_view line) {
        if (rt->loadDecoder.decode(line, static_cast<std::size_t>(end - (line.data() + line.size())))) ++rt->unreadableEvents;
        else rt->session->loadOne(rt->loadDecoder.event());
    });
}

// Ends the load (a log that came out of order is sorted and folded again); `settings` is the stored settings JSON (empty on a new profile).
EMSCRIPTEN_KEEPALIVE const char* rb_load_finish(const char* settingsText, int length) {
    Settings settings;
    nlohmann::json j;
    if (length > 0 && !parseJson(std::string_view(settingsText, static_cast<std::size_t>(length)), j))
        JsonReader::readObject(j, settings); // a damaged settings record falls back to defaults
    const auto report = rt->session->finishLoad(settings);
    if (rt->ui) {
        if (auto lang = parseLang(settings.language)) rt->ui->setLanguage(*lang, false);
        rt->ui->attachSession(rt->session.get());
    }
    nlohmann::json out = {{"events", report.events},
                          {"duplicateIds", report.duplicateIds},
                          {"unreadable", rt->unreadableEvents},
                          {"unknownEvents", report.diagnostics.unknownEvents},
                          {"orphanEvents", report.diagnostics.orphanEvents}};
    rt->host.requestFrame();
    return keep(out.dump());
}

// The header (piece 0) of a stored image: how many pieces it has in all, or 0 when it is
// not an image this build can install.
EMSCRIPTEN_KEEPALIVE int rb_image_begin(const char* bytes, int length) {
    if (!rt->imageLoader.begin(std::string_view(bytes, static_cast<std::size_t>(length)))) return 0;
    return static_cast<int>(rt->imageLoader.pieces());
}

// Where the next piece's bytes go (0 when that piece has not the size the header gives).
EMSCRIPTEN_KEEPALIVE char* rb_image_buffer(int length) {
    return rt->imageLoader.buffer(static_cast<std::size_t>(length));
}

EMSCRIPTEN_KEEPALIVE int rb_image_piece_done() { return rt->imageLoader.pieceDone() ? 1 : 0; }

// The state's image (StateImageReader), for a log of `events` events: begun, then piece by
// piece (1 when the piece fits, 0 when the image is refused).
EMSCRIPTEN_KEEPALIVE void rb_state_begin(double events) {
    rt->stateReader = std::make_unique<StateImageReader>(static_cast<std::size_t>(events));
}

EMSCRIPTEN_KEEPALIVE int rb_state_add(const char* bytes, int length) {
    return rt->stateReader && rt->stateReader->add(std::string_view(bytes, static_cast<std::size_t>(length))) ? 1 : 0;
}

// Starts the load from the installed image (instead of rb_load_begin): 0 when the log's image
// was not whole and intact, and then nothing has changed. With a state image read in whole
// and of this very log (its last event the log's), nothing is folded; else the log is.
EMSCRIPTEN_KEEPALIVE int rb_image_install(unsigned device, int writer) {
    auto log = rt->imageLoader.finish();
    rt->imageLoader = EventLog::ImageLoader{}; // what a refused image had installed goes
    std::optional<State> state;
    if (rt->stateReader) state = rt->stateReader->finish();
    rt->stateReader.reset();
    if (!log) return 0;
    rb_load_begin(device, writer);
    const bool ofThisLog = state && (log->empty() ? !state->lastApplied : state->lastApplied == log->lastId());
    if (ofThisLog) rt->session->beginLoad(std::move(*log), std::move(*state));
    else rt->session->beginLoad(std::move(*log));
    return ofThisLog ? 2 : 1;
}

// Folds up to `budget` events of the installed log; 0 once it is all folded.
EMSCRIPTEN_KEEPALIVE int rb_image_fold(int budget) {
    return rt->session->workspace().foldInstalled(static_cast<std::size_t>(budget)) ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE const char* rb_last_event_id() {
    if (!rt || !rt->session || rt->session->workspace().log().empty()) return "";
    return keep(rt->session->workspace().log().lastId().str());
}

} // extern "C"
