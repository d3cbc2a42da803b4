// Other tabs of the same profile (web/store-tabs.js): one writes and the others hand it their
// commands; every tab hears of what the writer stored and of settings changed elsewhere.
#include "app/runtime.hpp"

#include "core/codec/event_codec.hpp"
#include "core/codec/json_codec.hpp"
#include "core/log/stored_lines.hpp"

#include <nlohmann/json.hpp>

using namespace recobra;
using namespace recobra::app;

namespace {

std::vector<Event> decodeLines(std::string_view text, std::size_t& unreadable) {
    std::vector<Event> events;
    forEachStoredLine(text, [&](std::string_view line) {
        auto decoded = decodeEventText(line);
        if (decoded.event) events.push_back(std::move(*decoded.event));
        else ++unreadable;
    });
    return events;
}

} // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE void rb_integrate(const char* text, int length) {
    if (!rt || !rt->session) return;
    std::size_t unreadable = 0;
    rt->session->integrate(decodeLines(std::string_view(text, static_cast<std::size_t>(length)), unreadable));
}

EMSCRIPTEN_KEEPALIVE void rb_set_writer(int writer, unsigned device) {
    if (!rt || !rt->session) return;
    rt->session->workspace().setDevice(device);
    rt->session->setWriter(writer != 0, &rt->storage);
    rt->session->failForwarded(problem(Str::err_writer_gone, ""));
}

// The writer runs a command another tab handed over and answers it when stored.
EMSCRIPTEN_KEEPALIVE void rb_forwarded(int local, const char* text, int length) {
    if (!rt || !rt->session) return;
    const auto command = nlohmann::json::parse(text, text + length, nullptr, false);
    rt->session->submit(command, commandContext(), [local](const CommandOutcome& outcome) {
        rb_js_reply(local, outcomeToJson(outcome).c_str());
    });
}

EMSCRIPTEN_KEEPALIVE void rb_forward_reply(int request, const char* text, int length) {
    if (!rt || !rt->session) return;
    CommandOutcome outcome;
    if (length == 0) outcome.problem = problem(Str::err_writer_gone, "");
    else outcome = outcomeFromJson(std::string_view(text, static_cast<std::size_t>(length)));
    rt->session->forwardReply(static_cast<std::uint32_t>(request), outcome);
}

EMSCRIPTEN_KEEPALIVE void rb_remote_settings(const char* text, int length) {
    if (!rt || !rt->session) return;
    Settings settings;
    nlohmann::json j;
    if (parseJson(std::string_view(text, static_cast<std::size_t>(length)), j)) return;
    if (JsonReader::readObject(j, settings)) return;
    rt->session->adoptSettings(settings);
    if (auto lang = parseLang(settings.language); lang && rt->ui) rt->ui->setLanguage(*lang, false);
}

} // extern "C"
