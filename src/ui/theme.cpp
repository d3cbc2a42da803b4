#include "ui/theme.hpp"
#include "ui/mirror.hpp"

namespace recobra::ui {

Fonts& fonts() {
    static Fonts f;
    return f;
}

void applyTheme(float scale) {
    ImGuiStyle style;
    ImGui::StyleColorsLight(&style);
    style.WindowPadding = ImVec2(20, 16);
    style.FramePadding = ImVec2(10, 6);
    style.CellPadding = ImVec2(8, 6);
    style.ItemSpacing = ImVec2(10, 8);
    style.ItemInnerSpacing = ImVec2(8, 6);
    style.ScrollbarSize = 14;
    style.GrabMinSize = 12;
    style.WindowRounding = 0;
    style.ChildRounding = 6;
    style.FrameRounding = 6;
    style.PopupRounding = 6;
    style.ScrollbarRounding = 7;
    style.GrabRounding = 6;
    style.TabRounding = 6;
    style.WindowBorderSize = 0;
    style.ChildBorderSize = 1;
    style.FrameBorderSize = 1;
    style.PopupBorderSize = 1;

    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = colors::text;
    c[ImGuiCol_TextDisabled] = colors::textMuted;
    c[ImGuiCol_WindowBg] = colors::background;
    c[ImGuiCol_ChildBg] = colors::surface;
    c[ImGuiCol_PopupBg] = colors::surface;
    c[ImGuiCol_Border] = colors::border;
    c[ImGuiCol_FrameBg] = colors::surface;
    c[ImGuiCol_FrameBgHovered] = ImVec4(0.96f, 0.975f, 0.99f, 1.0f);
    c[ImGuiCol_FrameBgActive] = colors::surface;
    c[ImGuiCol_Button] = ImVec4(0.910f, 0.933f, 0.953f, 1.0f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.860f, 0.898f, 0.929f, 1.0f);
    c[ImGuiCol_ButtonActive] = ImVec4(0.820f, 0.867f, 0.906f, 1.0f);
    c[ImGuiCol_Header] = colors::accentSoft;
    c[ImGuiCol_HeaderHovered] = ImVec4(0.82f, 0.89f, 0.94f, 1.0f);
    c[ImGuiCol_HeaderActive] = ImVec4(0.76f, 0.85f, 0.92f, 1.0f);
    c[ImGuiCol_CheckMark] = colors::accent;
    c[ImGuiCol_SliderGrab] = colors::accent;
    c[ImGuiCol_TableHeaderBg] = ImVec4(0.925f, 0.941f, 0.953f, 1.0f);
    c[ImGuiCol_TableBorderLight] = colors::border;
    c[ImGuiCol_TableBorderStrong] = colors::border;
    c[ImGuiCol_TableRowBgAlt] = ImVec4(0.976f, 0.98f, 0.984f, 1.0f);
    c[ImGuiCol_TextSelectedBg] = ImVec4(0.122f, 0.373f, 0.545f, 0.25f);
    c[ImGuiCol_NavCursor] = colors::accent;
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0.1f, 0.14f, 0.19f, 0.45f);

    style.FontSizeBase = kBaseFontSize;
    style.ScaleAllSizes(scale);
    style.FontScaleDpi = scale;
    ImGui::GetStyle() = style;
}

bool primaryButton(const char* label, ImVec2 size) {
    ImGui::PushStyleColor(ImGuiCol_Button, colors::accent);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, colors::accentHover);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, colors::accent);
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    const bool pressed = ImGui::Button(label, size);
    ImGui::PopStyleColor(4);
    return pressed;
}

void heading(const char* text, float size) {
    mirror::flush();
    ImGui::PushFont(fonts().bold, size);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
    mirror::heading(text, size >= 24 ? 1 : size >= 17 ? 2 : 3);
}

} // namespace recobra::ui
