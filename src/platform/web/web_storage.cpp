#include "platform/web/web_storage.hpp"

#include "core/codec/event_codec.hpp"
#include "core/codec/json_codec.hpp"
#include "platform/web/js_bridge.hpp"

namespace recobra {

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
