#include "platform/web/web_storage.hpp"

#include "core/codec/event_codec.hpp"
#include "core/codec/json_codec.hpp"
#include "platform/web/js_bridge.hpp"

#include <emscripten.h>

namespace recobra {

namespace {
WebEventStorage* thePage = nullptr;
} // namespace

WebEventStorage::WebEventStorage() { thePage = this; }
WebEventStorage::~WebEventStorage() {
    if (thePage == this) thePage = nullptr;
}
WebEventStorage* WebEventStorage::page() { return thePage; }

void WebEventStorage::append(std::uint32_t request, const std::vector<Event>& events) {
    // "<id>\t<json>\n" per event: canonical JSON never holds a raw tab or newline.
    std::string text;
    for (const auto& e : events) {
        text += e.id.str();
        text.push_back('\t');
        appendEvent(text, e);
        text.push_back('\n');
    }
    rb_js_store_append(static_cast<int>(request), text.data(), static_cast<int>(text.size()));
}

void WebEventStorage::replaceAll(std::uint32_t request, const EventLog& events, std::uint64_t staged) {
    // Set up even when the events are staged: store.js falls back to pulling them in chunks if
    // the staged generation is gone or failed to write.
    replacement_ = Replacement{};
    replacement_.events = &events;
    rb_js_store_replace(static_cast<int>(request), static_cast<int>(events.size()), static_cast<double>(staged));
}

void WebEventStorage::dropStaged(std::uint64_t staged) { rb_js_stage_drop(static_cast<double>(staged)); }

bool WebEventStorage::nextReplacementChunk(std::size_t bytes) {
    auto& r = replacement_;
    r.chunk.clear();
    r.chunkCount = 0;
    if (!r.events || r.next >= r.events->size()) return false;
    r.chunkFirst = r.events->id(r.next).str();
    while (r.next < r.events->size() && r.chunk.size() < bytes) {
        r.events->appendJson(r.next++, r.chunk);
        r.chunk.push_back('\n');
        ++r.chunkCount;
    }
    return true;
}

void WebEventStorage::saveSettings(const Settings& settings) {
    std::string json;
    JsonWriter::writeObject(json, settings);
    rb_js_store_settings(json.c_str());
}

void WebEventStorage::forward(std::uint32_t request, const std::string& commandJson) {
    rb_js_forward(static_cast<int>(request), commandJson.c_str());
}

} // namespace recobra

using namespace recobra;

extern "C" {

EMSCRIPTEN_KEEPALIVE void rb_store_done(int request, int ok, const char* error, int) {
    if (auto* storage = WebEventStorage::page())
        storage->reportStored(static_cast<std::uint32_t>(request), ok != 0, error ? error : "");
}

// store.js pulls a replaced log (replaceAll) a chunk of about `bytes` at a time: its length, 0
// once every event was given; then its text, its count of events and its first event's id.
EMSCRIPTEN_KEEPALIVE int rb_replace_next(int bytes) {
    auto* storage = WebEventStorage::page();
    return storage && storage->nextReplacementChunk(static_cast<std::size_t>(bytes))
               ? static_cast<int>(storage->replacement().chunk.size())
               : 0;
}
EMSCRIPTEN_KEEPALIVE const char* rb_replace_data() { return WebEventStorage::page()->replacement().chunk.data(); }
EMSCRIPTEN_KEEPALIVE int rb_replace_count() {
    return static_cast<int>(WebEventStorage::page()->replacement().chunkCount);
}
EMSCRIPTEN_KEEPALIVE const char* rb_replace_first() {
    return WebEventStorage::page()->replacement().chunkFirst.c_str();
}

} // extern "C"
