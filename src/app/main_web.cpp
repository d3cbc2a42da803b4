// The browser entry: Dear ImGui over Emscripten's GLFW and WebGL2. There is no main loop:
// the page (web/host.js) calls rb_frame() from requestAnimationFrame only when something
// happened, so an idle app draws nothing and costs nothing.
#include "core/locale.hpp"
#include "platform/web/js_bridge.hpp"
#include "recobra/version.hpp"
#include "ui/app.hpp"
#include "ui/locator.hpp"
#include "ui/theme.hpp"

#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <imgui_internal.h>

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

namespace {

using namespace recobra;

class WebHost final : public ui::Host {
public:
    void requestFrame() override { rb_js_request_frame(); }
    void wakeAfter(int milliseconds) override { rb_js_wake_after(milliseconds); }
    void copyToClipboard(const std::string& text) override { rb_js_copy(text.c_str()); }
};

struct Runtime {
    GLFWwindow* window = nullptr;
    WebHost host;
    std::unique_ptr<ui::UiApp> ui;
    int settleFrames = 0;     // frames still to draw after the last input
    double lastInputMs = 0;   // page time of the last input
    bool contextLost = false;
    ImGuiMouseCursor cursor = ImGuiMouseCursor_COUNT;
    std::string returned;     // holds strings returned to JavaScript until the next call
    std::string clipboard;    // the last text copied in the app or pasted from the system
};

Runtime* rt = nullptr;

// ImGui needs a couple of frames after an input to settle (a popup opens on the frame after
// the click, hover colours follow the mouse), and tooltips appear after a hover delay.
constexpr int kSettleFrames = 3;
constexpr double kHoverGraceMs = 1200;

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

const char* cssCursor(ImGuiMouseCursor cursor) {
    switch (cursor) {
    case ImGuiMouseCursor_None: return "none";
    case ImGuiMouseCursor_TextInput: return "text";
    case ImGuiMouseCursor_ResizeAll: return "move";
    case ImGuiMouseCursor_ResizeNS: return "ns-resize";
    case ImGuiMouseCursor_ResizeEW: return "ew-resize";
    case ImGuiMouseCursor_ResizeNESW: return "nesw-resize";
    case ImGuiMouseCursor_ResizeNWSE: return "nwse-resize";
    case ImGuiMouseCursor_Hand: return "pointer";
    case ImGuiMouseCursor_NotAllowed: return "not-allowed";
    default: return "default";
    }
}

ImFont* addFont(void* data, int size) {
    ImFontConfig config;
    config.FontDataOwnedByAtlas = true; // ImGui frees it with IM_FREE (malloc'd by the page)
    config.OversampleH = 1;             // text is rasterized at the screen's pixel density
    return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(data, size, ui::kBaseFontSize, &config);
}

const char* keep(std::string text) {
    rt->returned = std::move(text);
    return rt->returned.c_str();
}

} // namespace

extern "C" {

// Creates the window, ImGui and the UI. Fonts arrive as malloc'd buffers the atlas takes over.
// Returns 0 when WebGL 2 cannot be created.
EMSCRIPTEN_KEEPALIVE int rb_start(const char* lang, int width, int height, float scale, void* regular,
                                  int regularSize, void* bold, int boldSize) {
    if (rt) return 1;
    rt = new Runtime();
    if (!glfwInit()) return 0;
    glfwWindowHint(GLFW_ALPHA_BITS, 0);
    glfwWindowHint(GLFW_DEPTH_BITS, 0);
    glfwWindowHint(GLFW_STENCIL_BITS, 0);
    rt->window = glfwCreateWindow(width, height, "Recobra", nullptr, nullptr);
    if (!rt->window) return 0;
    glfwMakeContextCurrent(rt->window);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard | ImGuiConfigFlags_NoMouseCursorChange;
    io.ConfigInputTextCursorBlink = false; // a blinking caret would redraw forever while idle

    auto& fonts = ui::fonts();
    fonts.regular = addFont(regular, regularSize);
    fonts.bold = addFont(bold, boldSize);
    if (!fonts.regular || !fonts.bold) return 0;

    ImGui_ImplGlfw_InitForOpenGL(rt->window, true);
    // Text arrives from the page's textarea (dead keys, IME, paste), never from keypress.
    glfwSetCharCallback(rt->window, nullptr);
    ImGui_ImplOpenGL3_Init("#version 300 es");
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

    rt->ui = std::make_unique<ui::UiApp>(rt->host, parseLang(lang ? lang : "").value_or(Lang::es));
    rt->ui->setScale(scale);
    return 1;
}

// Draws one frame. `input` says the user did something since the last frame. Returns 1
// when another frame is needed soon, 0 when the app can rest until the next event.
EMSCRIPTEN_KEEPALIVE int rb_frame(int input, double nowMs) {
    if (!rt || !rt->ui || rt->contextLost) return 0;
    if (input) {
        rt->settleFrames = kSettleFrames;
        rt->lastInputMs = nowMs;
    }
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    rt->ui->drawFrame();
    ImGui::Render();

    int width = 0, height = 0;
    glfwGetFramebufferSize(rt->window, &width, &height);
    glViewport(0, 0, width, height);
    const ImVec4 bg = ui::colors::background;
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

    const ImGuiMouseCursor cursor = ImGui::GetMouseCursor();
    if (cursor != rt->cursor) {
        rt->cursor = cursor;
        rb_js_set_cursor(cssCursor(cursor));
    }

    bool more = false;
    if (rt->settleFrames > 0) {
        --rt->settleFrames;
        more = true;
    }
    if (ImGui::GetCurrentContext()->InputEventsQueue.Size > 0) more = true;
    if (ImGui::GetHoveredID() != 0 && nowMs - rt->lastInputMs < kHoverGraceMs) more = true;
    return more ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE void rb_set_scale(float scale) {
    if (rt && rt->ui) rt->ui->setScale(scale);
}

EMSCRIPTEN_KEEPALIVE void rb_text_input(const char* utf8) {
    if (rt && utf8) ImGui::GetIO().AddInputCharactersUTF8(utf8);
}

EMSCRIPTEN_KEEPALIVE void rb_set_clipboard(const char* utf8) {
    if (rt) rt->clipboard = utf8 ? utf8 : "";
}

EMSCRIPTEN_KEEPALIVE void rb_context_lost() {
    if (rt) rt->contextLost = true;
}

// Every GL object died with the old context: rebuild the backend's objects; ImGui sees its
// textures destroyed and uploads the font atlas again on the next frame.
EMSCRIPTEN_KEEPALIVE void rb_context_restored() {
    if (!rt) return;
    ImGui_ImplOpenGL3_DestroyDeviceObjects();
    ImGui_ImplOpenGL3_CreateDeviceObjects();
    rt->contextLost = false;
}

EMSCRIPTEN_KEEPALIVE const char* rb_version() { return kVersion; }

EMSCRIPTEN_KEEPALIVE int rb_set_language(const char* code) {
    const auto lang = parseLang(code ? code : "");
    if (!rt || !rt->ui || !lang) return 0;
    rt->ui->setLanguage(*lang);
    return 1;
}

EMSCRIPTEN_KEEPALIVE const char* rb_language() { return rt && rt->ui ? langCode(rt->ui->language()) : "es"; }

EMSCRIPTEN_KEEPALIVE int rb_show_screen(const char* name) {
    const auto screen = ui::parseScreen(name ? name : "");
    if (!rt || !rt->ui || !screen) return 0;
    rt->ui->showScreen(*screen);
    return 1;
}

EMSCRIPTEN_KEEPALIVE const char* rb_screen() { return rt && rt->ui ? ui::screenName(rt->ui->screen()) : ""; }

EMSCRIPTEN_KEEPALIVE const char* rb_ui_state() { return rt && rt->ui ? keep(rt->ui->stateJson()) : "{}"; }

// Where a tagged widget was drawn in the last frame, in canvas pixels, or "null".
EMSCRIPTEN_KEEPALIVE const char* rb_locate(const char* id) {
    if (!rt) return "null";
    const auto rect = ui::locate(id ? id : "");
    if (!rect) return "null";
    nlohmann::json j = {{"x", rect->x}, {"y", rect->y}, {"width", rect->width}, {"height", rect->height}};
    return keep(j.dump());
}

} // extern "C"
