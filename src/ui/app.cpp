#include "ui/app.hpp"

#include "core/i18n.hpp"
#include "ui/locator.hpp"
#include "ui/theme.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>
#include <nlohmann/json.hpp>

namespace recobra::ui {

namespace {
struct ScreenEntry {
    Screen screen;
    const char* name;
    Str label;
};
constexpr ScreenEntry kScreens[] = {
    {Screen::Dashboard, "dashboard", Str::menu_dashboard},
    {Screen::Debtors, "debtors", Str::menu_debtors},
    {Screen::Agenda, "agenda", Str::menu_agenda},
    {Screen::Settings, "settings", Str::menu_settings},
};
} // namespace

const char* screenName(Screen screen) {
    for (const auto& e : kScreens)
        if (e.screen == screen) return e.name;
    return "dashboard";
}

std::optional<Screen> parseScreen(std::string_view name) {
    for (const auto& e : kScreens)
        if (name == e.name) return e.screen;
    return std::nullopt;
}

UiApp::UiApp(Host& host, Lang lang) : host_(host), lang_(lang) {}

void UiApp::setScale(float scale) {
    scale_ = scale;
    applyTheme(scale);
}

void UiApp::setLanguage(Lang lang) {
    lang_ = lang;
    host_.requestFrame();
}

void UiApp::showScreen(Screen screen) {
    screen_ = screen;
    host_.requestFrame();
}

void UiApp::drawFrame() {
    beginLocatorFrame();
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("##root", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    ImGui::PopStyleVar();

    drawSidebar();
    ImGui::SameLine(0, 0);

    ImGui::PushStyleColor(ImGuiCol_ChildBg, colors::background);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(28 * scale_, 22 * scale_));
    ImGui::BeginChild("##content", ImVec2(0, 0), ImGuiChildFlags_AlwaysUseWindowPadding);
    switch (screen_) {
    case Screen::Dashboard: drawDashboard(); break;
    case Screen::Debtors: drawPlaceholder(tr(Str::menu_debtors, lang_)); break;
    case Screen::Agenda: drawPlaceholder(tr(Str::menu_agenda, lang_)); break;
    case Screen::Settings: drawSettings(); break;
    }
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
    ImGui::End();
}

void UiApp::drawSidebar() {
    const float width = 220 * scale_;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, colors::sidebar);
    ImGui::PushStyleColor(ImGuiCol_Text, colors::sidebarText);
    ImGui::PushStyleColor(ImGuiCol_Header, ImVec4(1, 1, 1, 0.12f));
    ImGui::PushStyleColor(ImGuiCol_HeaderHovered, ImVec4(1, 1, 1, 0.08f));
    ImGui::PushStyleColor(ImGuiCol_HeaderActive, ImVec4(1, 1, 1, 0.16f));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(14 * scale_, 18 * scale_));
    ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 0);
    ImGui::PushStyleVar(ImGuiStyleVar_ChildBorderSize, 0);
    ImGui::BeginChild("##sidebar", ImVec2(width, 0), ImGuiChildFlags_AlwaysUseWindowPadding);

    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    heading(tr(Str::app_name, lang_), 24);
    ImGui::PopStyleColor();
    ImGui::Dummy(ImVec2(0, 10 * scale_));

    ImGui::PushStyleVar(ImGuiStyleVar_SelectableTextAlign, ImVec2(0, 0.5f));
    for (const auto& entry : kScreens) {
        const std::string label = std::string(tr(entry.label, lang_)) + "##nav";
        if (ImGui::Selectable(label.c_str(), screen_ == entry.screen, 0, ImVec2(0, 34 * scale_)))
            showScreen(entry.screen);
        tagLastItem(std::string("nav.") + entry.name);
    }
    ImGui::PopStyleVar();

    // Language switch at the bottom of the sidebar.
    const float buttonHeight = ImGui::GetFrameHeight();
    ImGui::SetCursorPosY(ImGui::GetWindowHeight() - buttonHeight - 18 * scale_);
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(1, 1, 1, 0.08f));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(1, 1, 1, 0.16f));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(1, 1, 1, 0.24f));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 0);
    for (Lang lang : {Lang::es, Lang::en}) {
        const bool current = lang == lang_;
        if (current) ImGui::PushStyleColor(ImGuiCol_Button, colors::accent);
        const std::string label = std::string(lang == Lang::es ? "ES" : "EN") + "##lang";
        if (ImGui::Button(label.c_str(), ImVec2(44 * scale_, 0))) setLanguage(lang);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s", tr(lang == Lang::es ? Str::language_es : Str::language_en, lang_));
        tagLastItem(std::string("lang.") + langCode(lang));
        if (current) ImGui::PopStyleColor();
        ImGui::SameLine();
    }
    ImGui::NewLine();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(3);

    ImGui::EndChild();
    ImGui::PopStyleVar(3);
    ImGui::PopStyleColor(5);
}

void UiApp::drawDashboard() {
    heading(tr(Str::welcome_title, lang_), 26);
    ImGui::PushStyleColor(ImGuiCol_Text, colors::textMuted);
    ImGui::TextWrapped("%s", tr(Str::app_tagline, lang_));
    ImGui::PopStyleColor();
    ImGui::Spacing();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 640 * scale_);
    ImGui::TextWrapped("%s", tr(Str::welcome_body, lang_));
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    const auto since = *Date::fromYmd(2026, 9, 15);
    ImGui::TextUnformatted(
        trf(Str::welcome_sample, lang_, {formatMoney(euros(123456), lang_), formatDate(since, lang_)}).c_str());
    tagLastItem("welcome.sample");

    ImGui::Spacing();
    ImGui::TextUnformatted(tr(Str::scratch_label, lang_));
    ImGui::SetNextItemWidth(420 * scale_);
    ImGui::InputTextWithHint("##quick-note", tr(Str::scratch_hint, lang_), &quickNote_);
    tagLastItem("quick-note");
}

void UiApp::drawPlaceholder(const char* title) { heading(title, 26); }

void UiApp::drawSettings() {
    heading(tr(Str::menu_settings, lang_), 26);
    ImGui::Spacing();
    ImGui::TextUnformatted(tr(Str::language, lang_));
    ImGui::SetNextItemWidth(240 * scale_);
    const char* current = tr(lang_ == Lang::es ? Str::language_es : Str::language_en, lang_);
    if (ImGui::BeginCombo("##language", current)) {
        for (Lang lang : {Lang::es, Lang::en}) {
            if (ImGui::Selectable(tr(lang == Lang::es ? Str::language_es : Str::language_en, lang_), lang == lang_))
                setLanguage(lang);
        }
        ImGui::EndCombo();
    }
    tagLastItem("settings.language");
}

std::string UiApp::stateJson() const {
    nlohmann::json j;
    j["screen"] = screenName(screen_);
    j["language"] = langCode(lang_);
    j["fields"] = {{"quick-note", quickNote_}};
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace recobra::ui
