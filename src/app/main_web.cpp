// The browser entry: Dear ImGui over Emscripten's GLFW and WebGL 2. There is no main loop: the
// page (web/host.js) calls rb_frame() from requestAnimationFrame only when something happened,
// so an idle app draws nothing and costs nothing. What the page can ask of the app is spread
// over the files of src/app, one concern each (runtime.hpp lists them).
#include "app/runtime.hpp"
#include "core/state/queries.hpp"
#include "recobra/version.hpp"

#include <emscripten.h>
#include <nlohmann/json.hpp>

namespace recobra::app {

Runtime* rt = nullptr;
std::unique_ptr<PartRead> partRead;

const char* keep(std::string text) {
    static std::string returned;
    returned = std::move(text);
    return returned.c_str();
}

Lang uiLanguage() { return rt && rt->ui ? rt->ui->language() : Lang::es; }

CommandContext commandContext() {
    CommandContext context;
    context.now = static_cast<Timestamp>(rb_js_now());
    context.utcOffsetMinutes = rb_js_utc_offset_minutes();
    context.author = authorName(rt->session->settings(), rt->session->workspace().state());
    return context;
}

std::string resultJson(const CommandOutcome& outcome) {
    nlohmann::json j;
    j["ok"] = outcome.ok;
    if (outcome.ok) {
        j["id"] = outcome.createdId;
        j["eventId"] = outcome.eventId;
    } else if (outcome.problem) {
        j["error"] = outcome.problem->describe(uiLanguage());
        j["code"] = strId(outcome.problem->code);
        j["field"] = outcome.problem->field;
    }
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace recobra::app

using namespace recobra;
using namespace recobra::app;

extern "C" {

// Creates the window, ImGui and the UI, in the page's language (`lang`) and pixel density
// (`scale`). Returns 0 when WebGL 2 cannot be created.
EMSCRIPTEN_KEEPALIVE int rb_start(const char* lang, int width, int height, float scale, void* regular,
                                  int regularSize, void* bold, int boldSize) {
    if (rt) return 1;
    rt = new Runtime();
    if (!openWindow(width, height) || !startImGui(regular, regularSize, bold, boldSize)) return 0;
    installInput();
    rt->ui = std::make_unique<ui::UiApp>(rt->host, parseLang(lang ? lang : "").value_or(Lang::es));
    rt->ui->setScale(scale);
    return 1;
}

EMSCRIPTEN_KEEPALIVE const char* rb_version() { return kVersion; }

} // extern "C"
