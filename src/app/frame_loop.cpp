// The window and the frames: WebGL 2 through Emscripten's GLFW, Dear ImGui over it, and one frame
// drawn each time the page asks (rb_frame) — only after input, a data change or a timer, so an idle
// app draws nothing. A lost WebGL context is rebuilt when the browser gives it back.
#include "app/runtime.hpp"

#include "ui/mirror.hpp"
#include "ui/theme.hpp"

#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <imgui_internal.h>

#include <cstring>
#include <vector>

using namespace recobra;
using namespace recobra::app;

namespace {

// What the canvas shows: the draw data of the last frame sent to the GPU, flattened. A frame
// that would draw the same picture is not sent: WebGL presents only a buffer drawn into, so the
// canvas keeps its picture and the browser composites nothing new. After input the app draws
// kSettleFrames more frames, most of them the same, and drawing one is the page's largest cost
// per frame where the GPU is a software one (SwiftShader, as in the browser tests: some 40 ms
// at 1280x800, against 2-4 ms to build it).
std::vector<char> shown, drawing;

bool alreadyShown(const ImDrawData& data, int width, int height) {
    if (data.Textures)
        for (const ImTextureData* texture : *data.Textures)
            if (texture->Status != ImTextureStatus_OK) return false; // the font atlas grew
    drawing.clear();
    const auto put = [](const void* bytes, std::size_t size) {
        const std::size_t at = drawing.size();
        drawing.resize(at + size);
        std::memcpy(drawing.data() + at, bytes, size);
    };
    const int size[] = {width, height};
    put(size, sizeof size);
    for (const ImVec2* v : {&data.DisplayPos, &data.DisplaySize, &data.FramebufferScale}) put(v, sizeof *v);
    for (const ImDrawList* list : data.CmdLists) {
        put(list->VtxBuffer.Data, static_cast<std::size_t>(list->VtxBuffer.size_in_bytes()));
        put(list->IdxBuffer.Data, static_cast<std::size_t>(list->IdxBuffer.size_in_bytes()));
        put(list->CmdBuffer.Data, static_cast<std::size_t>(list->CmdBuffer.size_in_bytes()));
    }
    if (drawing.size() == shown.size() && std::memcmp(drawing.data(), shown.data(), shown.size()) == 0) return true;
    shown.swap(drawing);
    return false;
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

} // namespace

namespace recobra::app {

bool openWindow(int width, int height) {
    if (!glfwInit()) return false;
    glfwWindowHint(GLFW_ALPHA_BITS, 0);
    glfwWindowHint(GLFW_DEPTH_BITS, 0);
    glfwWindowHint(GLFW_STENCIL_BITS, 0);
    rt->window = glfwCreateWindow(width, height, "Recobra", nullptr, nullptr);
    if (!rt->window) return false;
    glfwMakeContextCurrent(rt->window);
    return true;
}

bool startImGui(void* regular, int regularSize, void* bold, int boldSize) {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard | ImGuiConfigFlags_NoMouseCursorChange;
    io.ConfigInputTextCursorBlink = false; // a blinking caret would redraw forever while idle
    ui::mirror::setOn(rb_js_mirror_wanted() != 0);

    auto& fonts = ui::fonts();
    fonts.regular = addFont(regular, regularSize);
    fonts.bold = addFont(bold, boldSize);
    if (!fonts.regular || !fonts.bold) return false;

    ImGui_ImplGlfw_InitForOpenGL(rt->window, true);
    // Text arrives from the page's textarea (dead keys, IME, paste), never from keypress.
    glfwSetCharCallback(rt->window, nullptr);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    return true;
}

} // namespace recobra::app

extern "C" {

// Draws one frame. `input` says the user did something since the last frame. Returns 1
// when another frame is needed soon, 0 when the app can rest until the next event.
EMSCRIPTEN_KEEPALIVE int rb_frame(int input, double) {
    if (!rt || !rt->ui || rt->contextLost) return 0;
    if (input) {
        rt->settleFrames = kSettleFrames;
    }
    // A backup being restored or merged is checked in slices by the page (rb_import_step);
    // the frames go on meanwhile, showing how far it got, until it is done.
    const bool importing = rt->session && rt->session->importing();
    if (importing && !rt->importPumping) {
        rt->importPumping = true;
        rb_js_import_pump();
    }
    // The state a restore or merge replaced is freed task by task, not in one long stall.
    if (rt->session && rt->session->workspace().hasRetired() && !rt->releasing) {
        rt->releasing = true;
        rb_js_release_pump();
    }
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    ui::mirror::beginFrame();
    rt->ui->drawFrame();
    if (const std::string changes = ui::mirror::endFrame(); !changes.empty())
        rb_js_mirror(changes.data(), static_cast<int>(changes.size()));
    ImGui::Render();

    int width = 0, height = 0;
    glfwGetFramebufferSize(rt->window, &width, &height);
    if (!alreadyShown(*ImGui::GetDrawData(), width, height)) {
        glViewport(0, 0, width, height);
        const ImVec4 bg = ui::colors::background;
        glClearColor(bg.x, bg.y, bg.z, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    }

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
    if (input && ImGui::GetHoveredID() != 0) {
        const ImGuiStyle& style = ImGui::GetStyle();
        rb_js_wake_after(static_cast<int>(style.HoverStationaryDelay * 1000) + 30);
        rb_js_wake_after(static_cast<int>(style.HoverDelayNormal * 1000) + 30);
        rb_js_wake_after(static_cast<int>((style.HoverStationaryDelay + style.HoverDelayNormal) * 1000) + 30);
    }
    return more ? 1 : 0;
}

// The screen-reader mirror (web/mirror.js): its copy of a widget got the focus or was clicked
// (a screen reader's activation); the widget takes the focus, or is pressed, in the next frame.
EMSCRIPTEN_KEEPALIVE void rb_mirror_focus(unsigned id, int press) {
    if (press) ui::mirror::activate(id);
    else ui::mirror::focus(id);
}

EMSCRIPTEN_KEEPALIVE void rb_set_scale(float scale) {
    if (rt && rt->ui) rt->ui->setScale(scale);
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
    shown.clear(); // the canvas is blank: the next frame is drawn
}

} // extern "C"
