#pragma once
// The whole UI: a sidebar to move between screens, the current screen, the language.
// It reads state and issues commands; business rules live in the core.
#include "core/locale.hpp"
#include "ui/host.hpp"

#include <string>
#include <string_view>

namespace recobra::ui {

enum class Screen { Dashboard, Debtors, Agenda, Settings };

const char* screenName(Screen screen);
std::optional<Screen> parseScreen(std::string_view name);

class UiApp {
public:
    UiApp(Host& host, Lang lang);

    void setScale(float scale);
    float scale() const { return scale_; }
    void drawFrame(); // the widgets of one frame (between ImGui::NewFrame and ImGui::Render)

    Lang language() const { return lang_; }
    void setLanguage(Lang lang);
    Screen screen() const { return screen_; }
    void showScreen(Screen screen);

    // JSON for window.recobra.uiState(): screen, language and the text of named fields.
    std::string stateJson() const;

private:
    void drawSidebar();
    void drawDashboard();
    void drawPlaceholder(const char* title);
    void drawSettings();

    Host& host_;
    Lang lang_;
    Screen screen_ = Screen::Dashboard;
    float scale_ = 1.0f;
    std::string quickNote_;
};

} // namespace recobra::ui
