#include "ui/update_banner.hpp"

#include "ui/locator.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

namespace recobra::ui {

bool updateBanner(const Ui& ui) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, colors::accentSoft);
    ImGui::PushStyleColor(ImGuiCol_Border, ImVec4(0.62f, 0.75f, 0.86f, 1));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ui.px(14), ui.px(10)));
    ImGui::BeginChild("##update-banner", ImVec2(0, 0),
                      ImGuiChildFlags_Borders | ImGuiChildFlags_AutoResizeY |
                          ImGuiChildFlags_AlwaysUseWindowPadding | ImGuiChildFlags_NavFlattened);
    const char* button = ui.t(Str::update_button);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float buttonWidth = ImGui::CalcTextSize(button).x + style.FramePadding.x * 2 + ui.px(16);
    // Text on the left, wrapped before the button; the button on the right, centred on it.
    const float left = ImGui::GetCursorPosX();
    const float available = ImGui::GetContentRegionAvail().x;
    const float textWidth = available - buttonWidth - ui.px(16);
    const float top = ImGui::GetCursorPosY();
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + textWidth);
    ImGui::PushStyleColor(ImGuiCol_Text, colors::accent);
    heading(ui.t(Str::update_available), 17);
    ImGui::PopStyleColor();
    tagLastItem("banner.update.text");
    mutedText(ui.t(Str::update_explain));
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    const float textHeight = ImGui::GetItemRectSize().y;
    ImGui::SameLine(left + available - buttonWidth);
    ImGui::SetCursorPosY(top + (textHeight - ImGui::GetFrameHeight()) / 2);
    const bool pressed = primaryButton(button, ImVec2(buttonWidth, 0));
    tagLastItem("banner.update");
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(2);
    return pressed;
}

} // namespace recobra::ui
