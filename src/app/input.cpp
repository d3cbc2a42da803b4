// Input from the page: the mouse wheel (ImGui's GLFW backend ignores GLFW's scroll events on
// Emscripten), text typed into the page's hidden field (dead keys, IME and paste arrive there,
// never as keypresses: web/host.js), the text caret's place for that field, and the clipboard.
#include "app/runtime.hpp"

#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>

using namespace recobra;
using namespace recobra::app;

namespace {

EM_BOOL onWheel(int, const EmscriptenWheelEvent* event, void*) {
    // One wheel "step" is 100 pixels, 3 lines or a fraction of a page, as browsers report it.
    float perUnit = 1.0f / 100.0f;
    if (event->deltaMode == DOM_DELTA_LINE) perUnit = 1.0f / 3.0f;
    else if (event->deltaMode == DOM_DELTA_PAGE) perUnit = 1.0f;
    ImGui::GetIO().AddMouseWheelEvent(-static_cast<float>(event->deltaX) * perUnit,
                                      -static_cast<float>(event->deltaY) * perUnit);
    return EM_TRUE;
}

void setImeData(ImGuiContext*, ImGuiViewport*, ImGuiPlatformImeData* data) {
    rb_js_text_input(data->WantTextInput || data->WantVisible, data->InputPos.x, data->InputPos.y,
                     data->InputLineHeight);
}

} // namespace

namespace recobra::app {

void installInput() {
    emscripten_set_wheel_callback("#canvas", nullptr, false, onWheel);
    ImGuiPlatformIO& platform = ImGui::GetPlatformIO();
    platform.Platform_SetClipboardTextFn = [](ImGuiContext*, const char* text) {
        rt->clipboard = text ? text : "";
        rb_js_copy(rt->clipboard.c_str());
    };
    // The system clipboard can only be read in a `paste` event; the page stores it here
    // (rb_set_clipboard) before ImGui handles the Ctrl/Cmd+V that caused it.
    platform.Platform_GetClipboardTextFn = [](ImGuiContext*) -> const char* { return rt->clipboard.c_str(); };
    platform.Platform_SetImeDataFn = setImeData;
}

} // namespace recobra::app

extern "C" {

EMSCRIPTEN_KEEPALIVE void rb_text_input(const char* utf8) {
    if (rt && utf8) ImGui::GetIO().AddInputCharactersUTF8(utf8);
}

EMSCRIPTEN_KEEPALIVE void rb_set_clipboard(const char* utf8) {
    if (rt) rt->clipboard = utf8 ? utf8 : "";
}

} // extern "C"
