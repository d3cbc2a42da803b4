#include "ui/app.hpp"

#include <imgui_internal.h>

#include "core/i18n/strings.hpp"
#include "core/state/queries.hpp"
#include "ui/locator.hpp"
#include "ui/theme.hpp"
#include "ui/update_banner.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <cmath>
#include <nlohmann/json.hpp>

namespace recobra::ui {

namespace {
struct ScreenEntry {
    Screen screen;
    const char* name;
    Str label;
    bool inSidebar;
};
constexpr ScreenEntry kScreens[] = {
    {Screen::Dashboard, "dashboard", Str::menu_dashboard, true},
    {Screen::Agenda, "agenda", Str::menu_agenda, true},
    {Screen::Debtors, "debtors", Str::menu_debtors, true},
    {Screen::Debtor, "debtor", Str::menu_debtors, false},
    {Screen::Reports, "reports", Str::menu_reports, true},
    {Screen::Settings, "settings", Str::menu_settings, true},
};
constexpr Timestamp kToastMs = 3500;
constexpr float kPi = 3.14159265f;
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

UiApp::UiApp(Host& host, Lang lang) : ui_(host, lang) {
    ui_.openDebtor = [this](const std::string& id) { openDebtor(id); };
    ui_.showScreen = [this](Screen s) { showScreen(s); };
    ui_.openDebtorsPastDue = [this](std::pair<int, int> days) {
        debtors_.showPastDue(days);
        showScreen(Screen::Debtors);
    };
    ui_.toast = [this](std::string text, ToastKind kind) { toast(std::move(text), kind); };
    ui_.openForm = [this](std::shared_ptr<Form> form) {
        form_ = std::move(form);
        formOpened_ = false;
        ui_.host.requestFrame();
    };
    settings_.setLanguage = [this](Lang lang) { setLanguage(lang); };
    ui_.loadDemo = [this] { loadDemo(); };
    ui_.openAgency = [this](std::vector<std::string> listed, bool filtered, std::string single) {
        form_.reset();
        agencyDialog_.open(ui_, std::move(listed), filtered, std::move(single));
    };
    ui_.clearDemo = [this] { clearDemo(); };
    ui_.openLetter = [this](Index debtor, std::string templateId, std::optional<Channel> channel) {
        form_.reset();
        letterDialog_.open(ui_, debtor, std::move(templateId), channel);
    };
    ui_.openLetters = [this](std::vector<std::pair<Index, std::string>> letters, std::optional<Channel> channel) {
        form_.reset();
        std::vector<LetterDialog::Pick> picks;
        for (auto& [debtor, templateId] : letters) picks.push_back({.debtor = debtor, .templateId = std::move(templateId)});
        letterDialog_.openBulk(ui_, std::move(picks), channel);
    };
    ui_.openBusinessSettings = [this] {
        settings_.showBusiness();
        showScreen(Screen::Settings);
    };
}

void UiApp::offerUnreadBackup(std::string fileName, ImportMode mode, double bytes, Timestamp modified) {
    form_.reset();
    importDialog_.offerUnread(ui_, std::move(fileName), mode, bytes, modified);
    ui_.host.requestFrame();
}

void UiApp::offerMergeFile(std::string fileName, BackupRead read) {
    form_.reset();
    importDialog_.offerMerge(ui_, std::move(fileName), std::move(read));
    ui_.host.requestFrame();
}

void UiApp::restoreRead(BackupRead read) {
    importDialog_.restoreRead(ui_, std::move(read));
    ui_.host.requestFrame();
}

void UiApp::offerCsvImport(std::string fileName, std::string text, std::optional<Problem> problem) {
    if (!ui_.session) return;
    form_.reset();
    csvDialog_.offer(ui_, std::move(fileName), std::move(text), std::move(problem));
    ui_.host.requestFrame();
}

void UiApp::loadDemo(Session::Done done) {
    if (!ui_.session) return;
    toast(ui_.t(Str::demo_loading), ToastKind::Info);
    ui_.session->loadDemo(ui_.today(), [this, done = std::move(done)](const CommandOutcome& outcome) {
        if (outcome.ok) {
            toast(ui_.tf(Str::demo_added, {std::to_string(ui_.state().debtors.size())}), ToastKind::Success);
            showScreen(Screen::Dashboard);
        } else if (outcome.problem) {
            toast(outcome.problem->reason(ui_.lang), ToastKind::Error);
        }
        if (done) done(outcome);
    });
}

void UiApp::clearDemo(Session::Done done) {
    if (!ui_.session) return;
    ui_.session->clearDemo([this, done = std::move(done)](const CommandOutcome& outcome) {
        if (outcome.ok) toast(ui_.t(Str::demo_removed), ToastKind::Success);
        else if (outcome.problem) toast(outcome.problem->reason(ui_.lang), ToastKind::Error);
        if (done) done(outcome);
    });
    if (screen_ == Screen::Debtor && !ui_.state().debtor(debtorView_.debtorId())) showScreen(Screen::Debtors);
}

void UiApp::attachSession(Session* session) {
    ui_.session = session;
    ui_.host.requestFrame();
}

void UiApp::setScale(float scale) {
    ui_.scale = scale;
    applyTheme(scale);
}

void UiApp::setLanguage(Lang lang, bool remember) {
    ui_.lang = lang;
    if (remember && ui_.session && ui_.session->settings().language != langCode(lang)) {
        Settings settings = ui_.session->settings();
        settings.language = langCode(lang);
        ui_.session->updateSettings(settings);
    }
    ui_.host.requestFrame();
}

void UiApp::showScreen(Screen screen) {
    // Every screen opens at its top: the content area is one window, and its scroll would
    // otherwise carry over from the screen before.
    if (screen != screen_ || screen == Screen::Debtor) scrollToTop_ = focusScreenStart_ = true;
    screen_ = screen;
    ui_.host.requestFrame();
}

bool UiApp::openDebtor(const std::string& id) {
    if (!ui_.session || !ui_.state().debtor(id)) return false;
    debtorView_.open(id);
    showScreen(Screen::Debtor);
    return true;
}

void UiApp::toast(std::string text, ToastKind kind) {
    mirror::announce(text, kind == ToastKind::Error); // toasts are drawn by hand: told to the mirror
    toasts_.push_back(Toast{std::move(text), kind, ui_.now() + kToastMs});
    ui_.host.wakeAfter(static_cast<int>(kToastMs) + 50);
    ui_.host.requestFrame();
}

void UiApp::handleShortcuts() {
    const ImGuiIO& io = ImGui::GetIO();
    // Not while a field takes the keys, nor under a dialog or form (their own keys: Esc, Enter).
    if (!ui_.session || io.WantTextInput || io.KeyCtrl || io.KeyAlt || io.KeySuper || form_ ||
        ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel))
        return;
    static constexpr std::pair<ImGuiKey, Screen> screens[] = {
        {ImGuiKey_1, Screen::Dashboard}, {ImGuiKey_2, Screen::Agenda},   {ImGuiKey_3, Screen::Debtors},
        {ImGuiKey_4, Screen::Reports},   {ImGuiKey_5, Screen::Settings},
    };
    for (const auto& [key, screen] : screens)
        if (ImGui::IsKeyPressed(key, false) && !io.KeyShift) showScreen(screen);
    // "?" is a character (Shift and a key that differs by layout); "/" the same.
    bool help = ImGui::IsKeyPressed(ImGuiKey_F1, false), search = false;
    for (const ImWchar c : io.InputQueueCharacters) {
        help = help || c == '?';
        search = search || c == '/';
    }
    if (help) shortcutsHelp_ = true;
    if (search) {
        showScreen(Screen::Debtors);
        debtors_.focusSearch();
    }
}

// The keys, in a dialog (docs/accessibility.md has the same list).
void UiApp::drawShortcutsHelp() {
    if (!shortcutsHelp_) return;
    if (!beginDialog("###shortcuts", shortcutsHelpOpened_, ImVec2(std::min(ui_.px(640), ImGui::GetMainViewport()->Size.x - ui_.px(40)), 0))) {
        shortcutsHelp_ = shortcutsHelpOpened_ = false;
        return;
    }
    heading(ui_.t(Str::keys_title), 20);
    ImGui::Spacing();
    const std::pair<const char*, Str> rows[] = {
        {"1 – 5", Str::keys_screens},
        {"/", Str::keys_search},
        {ui_.t(Str::keys_move_keys), Str::keys_move},
        {ui_.t(Str::keys_arrow_keys), Str::keys_arrows},
        {ui_.t(Str::keys_activate_keys), Str::keys_activate},
        {"Esc", Str::keys_escape},
        {"? · F1", Str::keys_show_help},
    };
    if (ImGui::BeginTable("##keys", 2, ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn("##key", ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableSetupColumn("##what", ImGuiTableColumnFlags_WidthStretch);
        for (const auto& [keys, what] : rows) {
            nextRow();
            nextCell();
            ImGui::TextUnformatted(keys);
            nextCell();
            ImGui::TextWrapped("%s", ui_.t(what));
        }
        ImGui::EndTable();
    }
    ImGui::Spacing();
    ImGui::PushTextWrapPos(0);
    mutedText(ui_.t(Str::keys_order));
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    const bool closing = primaryButton(ui_.t(Str::action_close));
    tagLastItem("shortcuts.close");
    if (closing || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
        shortcutsHelp_ = shortcutsHelpOpened_ = false;
        ImGui::CloseCurrentPopup();
    }
    endDialog();
}

void UiApp::drawFrame() {
    beginLocatorFrame();
    handleShortcuts();
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    // The keyboard works from the first key: with no window focused (nothing clicked yet, or
    // the dialog that had it gone) Tab would move nothing.
    if (!ImGui::GetCurrentContext()->NavWindow) ImGui::SetNextWindowFocus();
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("##root", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    ImGui::PopStyleVar();

    // The screen first, the sidebar (on its left) after: the keyboard's order (Tab) and the
    // screen reader's reading order start with the screen (docs/accessibility.md).
    const bool rail = ImGui::GetMainViewport()->Size.x < ui_.px(1000);
    ImGui::SetCursorPos(ImVec2(ui_.px(rail ? 60 : 220), 0));
    if (focusScreenStart_) { // a new screen: the next Tab goes to its first control
        ImGui::GetCurrentContext()->NavId = 0;
        ImGui::SetNavCursorVisible(false);
        focusScreenStart_ = false;
    }
    ImGui::PushStyleColor(ImGuiCol_ChildBg, colors::background);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ui_.px(28), ui_.px(22)));
    if (scrollToTop_) ImGui::SetNextWindowScroll(ImVec2(0, 0));
    scrollToTop_ = false;
    ImGui::BeginChild("##content", ImVec2(0, 0), ImGuiChildFlags_AlwaysUseWindowPadding | ImGuiChildFlags_NavFlattened);
    if (ui_.session && ui_.session->released()) {
        // A restore let go of the loaded data: nothing to show until the backup's or, if it
        // was refused, storage's is in place.
        if (ui_.reloadFailed && !importDialog_.isOpen()) reloadPageNotice(ui_); // else the dialog says it
        else mutedText(ui_.t(ui_.session->reloadNeeded() ? Str::import_reloading : Str::import_replacing));
    } else if (ui_.session) {
        if (ui_.session->workspace().revision() != demoCheckedAt_) {
            ui_.demoLoaded = ui_.session->hasDemo();
            demoCheckedAt_ = ui_.session->workspace().revision();
        }
        drawBanners();
        switch (screen_) {
        case Screen::Dashboard: dashboard_.draw(ui_); break;
        case Screen::Debtors: debtors_.draw(ui_); break;
        case Screen::Debtor: debtorView_.draw(ui_); break;
        case Screen::Agenda: agenda_.draw(ui_); break;
        case Screen::Reports: reports_.draw(ui_); break;
        case Screen::Settings: settings_.draw(ui_); break;
        }
    }
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
    ImGui::SetCursorPos(ImVec2(0, 0));
    drawSidebar(rail);
    drawForm();
    importDialog_.draw(ui_);
    csvDialog_.draw(ui_);
    agencyDialog_.draw(ui_);
    letterDialog_.draw(ui_);
    drawShortcutsHelp();
    drawToasts();
    ImGui::End();
}

namespace {
// The rail's pictures of the screens, drawn (the font has no icons): a grid of tiles (panel),
// a calendar (agenda), a person (debtors), bars (reports), a cog (settings). `r`: half the size.
void navIcon(ImDrawList* draw, Screen screen, ImVec2 c, float r, ImU32 col) {
    const float t = r / 9; // a stroke
    switch (screen) {
    case Screen::Dashboard:
        for (float x : {-r, t})
            for (float y : {-r, t}) draw->AddRectFilled(ImVec2(c.x + x, c.y + y), ImVec2(c.x + x + r - t, c.y + y + r - t), col, t * 1.5f);
        break;
    case Screen::Agenda:
        draw->AddRect(ImVec2(c.x - r, c.y - r * 0.8f), ImVec2(c.x + r, c.y + r), col, t * 1.5f, 0, t * 1.6f);
        draw->AddRectFilled(ImVec2(c.x - r, c.y - r * 0.8f), ImVec2(c.x + r, c.y - r * 0.3f), col, t * 1.5f);
        for (float x : {-0.6f, -0.1f, 0.4f})
            for (float y : {0.0f, 0.5f})
                draw->AddRectFilled(ImVec2(c.x + x * r, c.y + y * r - t), ImVec2(c.x + x * r + t * 2.4f, c.y + y * r + t * 1.4f), col);
        break;
    case Screen::Debtors:
    case Screen::Debtor:
        draw->AddCircleFilled(ImVec2(c.x, c.y - r * 0.45f), r * 0.45f, col);
        draw->PathArcTo(ImVec2(c.x, c.y + r), r * 0.85f, kPi, 2 * kPi);
        draw->PathFillConvex(col);
        break;
    case Screen::Reports:
        for (float i : {0.0f, 1.0f, 2.0f})
            draw->AddRectFilled(ImVec2(c.x - r + i * r * 0.75f, c.y + r - r * (0.8f + 0.6f * i)),
                                ImVec2(c.x - r + i * r * 0.75f + r * 0.5f, c.y + r), col, t);
        break;
    case Screen::Settings:
        for (float a = 0; a < 2 * kPi - 0.1f; a += kPi / 4)
            draw->AddLine(ImVec2(c.x + std::cos(a) * r * 0.5f, c.y + std::sin(a) * r * 0.5f),
                          ImVec2(c.x + std::cos(a) * r, c.y + std::sin(a) * r), col, t * 2.6f);
        draw->AddCircle(c, r * 0.55f, col, 0, t * 3);
        break;
    }
}
} // namespace

void UiApp::drawSidebar(bool rail) {
    // Narrower than 1,000 px the sidebar folds to a rail of pictures, each named on hover: the
    // screens keep the width (docs/architecture.md, "Small windows").
    const float width = ui_.px(rail ? 60 : 220);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, colors::sidebar);
    ImGui::PushStyleColor(ImGuiCol_Text, colors::sidebarText);
    ImGui::PushStyleColor(ImGuiCol_Header, ImVec4(1, 1, 1, 0.12f));
    ImGui::PushStyleColor(ImGuiCol_HeaderHovered, ImVec4(1, 1, 1, 0.08f));
    ImGui::PushStyleColor(ImGuiCol_HeaderActive, ImVec4(1, 1, 1, 0.16f));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ui_.px(rail ? 8 : 14), ui_.px(18)));
    ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 0);
    ImGui::PushStyleVar(ImGuiStyleVar_ChildBorderSize, 0);
    ImGui::BeginChild("##sidebar", ImVec2(width, 0), ImGuiChildFlags_AlwaysUseWindowPadding | ImGuiChildFlags_NavFlattened);

    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    if (rail) ImGui::SetCursorPosX((width - ImGui::CalcTextSize("R").x * 24 / ImGui::GetFontSize()) / 2);
    heading(rail ? "R" : ui_.t(Str::app_name), 24);
    ImGui::PopStyleColor();
    ImGui::Dummy(ImVec2(0, ui_.px(10)));

    ImGui::PushStyleVar(ImGuiStyleVar_SelectableTextAlign, ImVec2(0, 0.5f));
    for (const auto& entry : kScreens) {
        if (!entry.inSidebar) continue;
        const bool current = screen_ == entry.screen || (entry.screen == Screen::Debtors && screen_ == Screen::Debtor);
        const std::string label = rail ? std::string("##nav-") + entry.name : std::string(ui_.t(entry.label)) + "##nav";
        if (ImGui::Selectable(label.c_str(), current, 0, ImVec2(0, ui_.px(rail ? 40 : 34)))) showScreen(entry.screen);
        if (current) mirror::current();
        if (rail) mirror::name(ui_.t(entry.label)); // a picture on screen
        if (rail) {
            const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
            navIcon(ImGui::GetWindowDrawList(), entry.screen, ImVec2((min.x + max.x) / 2, (min.y + max.y) / 2), ui_.px(9),
                    ImGui::GetColorU32(current ? ImVec4(1, 1, 1, 1) : colors::sidebarText));
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ui_.t(entry.label));
        }
        tagLastItem(std::string("nav.") + entry.name);
        if (entry.screen == Screen::Agenda) drawAgendaBadge(rail);
    }
    ImGui::PopStyleVar();

    // Bottom: whether everything is saved, then the language switch (on the rail a dot that
    // says it on hover, and the two languages one above the other).
    const float buttonHeight = ImGui::GetFrameHeight();
    const float lineHeight = ImGui::GetTextLineHeightWithSpacing();
    const float languagesHeight = rail ? buttonHeight * 2 + ImGui::GetStyle().ItemSpacing.y : buttonHeight;
    ImGui::SetCursorPosY(ImGui::GetWindowHeight() - languagesHeight - (rail ? lineHeight : lineHeight * 2.4f) - ui_.px(18));
    if (ui_.session) {
        const Session& session = *ui_.session;
        std::string status;
        ImVec4 tint = colors::sidebarText;
        if (session.storageProblem()) {
            status = ui_.tf(Str::status_not_saved, {session.storageProblem()->reason(ui_.lang)});
            tint = ImVec4(1.0f, 0.62f, 0.58f, 1);
        } else if (session.saving()) {
            status = ui_.tf(Str::status_saving_n, {std::to_string(session.writesInFlight())});
        } else if (!session.writer()) {
            status = ui_.t(Str::status_reader_tab);
        } else {
            status = ui_.t(Str::status_all_saved);
            tint = ImVec4(0.62f, 0.85f, 0.66f, 1);
        }
        if (rail) {
            const float dot = ui_.px(10);
            ImGui::SetCursorPosX((width - dot) / 2);
            const ImVec2 at = ImGui::GetCursorScreenPos();
            ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(at.x + dot / 2, at.y + dot / 2), dot / 2, ImGui::GetColorU32(tint));
            ImGui::Dummy(ImVec2(dot, dot));
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", status.c_str());
        } else {
            ImGui::PushStyleColor(ImGuiCol_Text, tint);
            ImGui::PushTextWrapPos(0);
            ImGui::TextWrapped("%s", status.c_str());
            ImGui::PopTextWrapPos();
            ImGui::PopStyleColor();
        }
        tagLastItem("status.save");
    }
    ImGui::SetCursorPosY(ImGui::GetWindowHeight() - languagesHeight - ui_.px(18));
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(1, 1, 1, 0.08f));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(1, 1, 1, 0.16f));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(1, 1, 1, 0.24f));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 0);
    for (Lang lang : {Lang::es, Lang::en}) {
        const bool current = lang == ui_.lang;
        if (current) ImGui::PushStyleColor(ImGuiCol_Button, colors::accent);
        const std::string label = std::string(lang == Lang::es ? "ES" : "EN") + "##lang";
        if (ImGui::Button(label.c_str(), ImVec2(ui_.px(44), 0))) setLanguage(lang);
        mirror::name(ui_.t(lang == Lang::es ? Str::language_es : Str::language_en));
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s", ui_.t(lang == Lang::es ? Str::language_es : Str::language_en));
        tagLastItem(std::string("lang.") + langCode(lang));
        if (current) ImGui::PopStyleColor();
        if (!rail) ImGui::SameLine();
    }
    if (!rail) {
        // The keyboard's shortcuts, for whoever has not pressed "?" yet.
        if (ImGui::Button("?##shortcuts", ImVec2(ui_.px(44), 0))) shortcutsHelp_ = true;
        mirror::name(ui_.t(Str::keys_help_button));
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ui_.t(Str::keys_help_button));
        tagLastItem("nav.shortcuts");
    }

    ImGui::PopStyleVar();
    ImGui::PopStyleColor(3);

    ImGui::EndChild();
    ImGui::PopStyleVar(3);
    ImGui::PopStyleColor(5);
}

// How many things the agenda holds today, at the right end of its sidebar entry.
void UiApp::drawAgendaBadge(bool rail) {
    if (!ui_.session) return;
    agenda_.refresh(ui_);
    const std::size_t n = agenda_.count();
    if (n == 0) return;
    const std::string text = n > 999 ? std::string("999+") : std::to_string(n);
    const ImVec2 next = ImGui::GetCursorScreenPos(); // where the next sidebar entry goes
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    // On the rail, smaller, at the picture's top right corner.
    if (rail) ImGui::PushFont(nullptr, ImGui::GetFontSize() * 0.75f);
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    const float padX = ui_.px(rail ? 4 : 7), padY = ui_.px(rail ? 1 : 2);
    const ImVec2 end = rail ? ImVec2(max.x, min.y + size.y + padY * 2)
                            : ImVec2(max.x - ui_.px(8), (min.y + max.y) / 2 + size.y / 2 + padY);
    const ImVec2 start(end.x - size.x - padX * 2, end.y - size.y - padY * 2);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(start, end, ImGui::GetColorU32(colors::danger), size.y);
    draw->AddText(ImVec2(start.x + padX, start.y + padY), IM_COL32_WHITE, text.c_str());
    if (rail) ImGui::PopFont();
    ImGui::SetCursorScreenPos(start);
    ImGui::Dummy(ImVec2(end.x - start.x, end.y - start.y));
    tagLastItem("nav.agenda.badge");
    ImGui::SetCursorScreenPos(next);
}

void UiApp::drawBanners() {
    if (updateReady_) {
        if (updateBanner(ui_)) ui_.host.applyUpdate();
        ImGui::Spacing();
    }
    const auto& info = ui_.storageInfo;
    const bool usedBefore = info.value("usedBefore", false);
    const bool nothingLoaded = info.value("loadedEvents", -1) == 0;
    if (usedBefore && nothingLoaded && ui_.state().debtors.empty()) {
        errorBanner(ui_.t(Str::banner_data_missing));
        tagLastItem("banner.dataMissing");
        ImGui::Spacing();
    }
    if (otherVersion_) {
        errorBanner(ui_.t(Str::banner_other_version));
        ImGui::Spacing();
    }
    if (authorName(ui_.session->settings(), ui_.state()).empty() && screen_ != Screen::Settings && !ui_.state().debtors.empty()) {
        mutedText(ui_.t(Str::banner_your_name));
        ImGui::SameLine();
        if (ImGui::SmallButton(ui_.t(Str::banner_go_settings))) showScreen(Screen::Settings);
        tagLastItem("banner.yourName");
        ImGui::Spacing();
    }
    // A reminder to export a backup: never done with real data, or older than the setting.
    const Settings& settings = ui_.session->settings();
    const bool realData = !ui_.state().debtors.empty() && !ui_.demoLoaded;
    const auto daysSince = settings.lastBackupAt > 0 ? (ui_.now() - settings.lastBackupAt) / 86'400'000 : -1;
    if (realData && screen_ != Screen::Settings &&
        (daysSince < 0 ? ui_.session->workspace().log().size() >= 20 : daysSince >= settings.backupReminderDays)) {
        mutedText(daysSince < 0 ? std::string(ui_.t(Str::backup_reminder_never))
                                : ui_.tf(Str::backup_reminder_banner, {std::to_string(daysSince)}));
        ImGui::SameLine();
        if (ImGui::SmallButton(ui_.t(Str::backup_export))) ui_.host.downloadBackup();
        tagLastItem("banner.export");
        ImGui::Spacing();
    }
    if (ui_.demoLoaded && screen_ != Screen::Settings) {
        mutedText(ui_.t(Str::demo_loaded_banner));
        if (ui_.clearDemo) {
            ImGui::SameLine();
            if (ImGui::SmallButton(ui_.t(Str::demo_remove))) ui_.clearDemo();
            tagLastItem("banner.clearDemo");
        }
        ImGui::Spacing();
    }
}

void UiApp::drawForm() {
    if (!form_) return;
    const std::string id = std::string(form_->title(ui_)) + "###form";
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    if (beginDialog(id.c_str(), formOpened_, {}, ImVec2(viewport->Size.x * 0.95f, viewport->Size.y * 0.92f))) {
        heading(form_->title(ui_), 20);
        ImGui::Spacing();
        form_->draw(ui_);
        if (form_->finished()) {
            ImGui::CloseCurrentPopup();
            form_.reset();
        }
        endDialog();
    } else {
        form_.reset();
    }
}

void UiApp::drawToasts() {
    const Timestamp now = ui_.now();
    std::erase_if(toasts_, [&](const Toast& t) { return t.until <= now; });
    if (toasts_.empty()) return;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    float y = viewport->Pos.y + viewport->Size.y - ui_.px(20);
    for (auto it = toasts_.rbegin(); it != toasts_.rend(); ++it) {
        const ImVec2 size = ImGui::CalcTextSize(it->text.c_str());
        const ImVec2 padding(ui_.px(16), ui_.px(10));
        const ImVec2 max(viewport->Pos.x + viewport->Size.x - ui_.px(20), y);
        const ImVec2 min(max.x - size.x - padding.x * 2, y - size.y - padding.y * 2);
        ImDrawList* draw = ImGui::GetForegroundDrawList();
        const ImVec4 bg = it->kind == ToastKind::Error     ? colors::danger
                          : it->kind == ToastKind::Success ? ImVec4(0.16f, 0.42f, 0.20f, 1)
                                                           : colors::sidebar;
        draw->AddRectFilled(min, max, ImGui::ColorConvertFloat4ToU32(bg), ui_.px(8));
        draw->AddText(ImVec2(min.x + padding.x, min.y + padding.y), IM_COL32_WHITE, it->text.c_str());
        y = min.y - ui_.px(8);
    }
}

std::string UiApp::stateJson() const {
    nlohmann::json j;
    j["screen"] = screenName(screen_);
    j["language"] = langCode(ui_.lang);
    j["fields"] = {{"debtors.search", debtors_.filter().text}};
    if (form_) {
        nlohmann::json form = {{"tag", form_->tag()}, {"saving", form_->saving()}, {"errors", form_->errors()},
                               {"error", form_->generalError()}};
        j["form"] = form;
    } else {
        j["form"] = nullptr;
    }
    nlohmann::json listed = nlohmann::json::array(); // the first 500 listed, in order
    for (const auto& row : debtors_.list().rows()) {
        if (listed.size() == 500) break;
        listed.push_back(ui_.state().debtors[row.debtor].id);
    }
    const auto& assignee = debtors_.filter().assignee;
    j["debtors"] = {{"shown", debtors_.list().rows().size()},
                    {"search", debtors_.filter().text},
                    {"listed", listed},
                    {"assignee", assignee ? nlohmann::json(*assignee) : nlohmann::json(nullptr)},
                    {"pastDue", debtors_.filter().pastDue ? nlohmann::json::array({debtors_.filter().pastDue->first,
                                                                                   debtors_.filter().pastDue->second})
                                                          : nlohmann::json(nullptr)}};
    j["agendaBadge"] = agenda_.count(); // what the sidebar badge shows (0: no badge)
    if (screen_ == Screen::Debtor) j["debtor"] = debtorView_.stateJson(ui_);
    if (screen_ == Screen::Agenda) j["agenda"] = agenda_.stateJson(ui_);
    if (screen_ == Screen::Reports) j["reports"] = reports_.stateJson();
    if (screen_ == Screen::Settings) j["settings"] = settings_.stateJson();
    nlohmann::json toasts = nlohmann::json::array();
    for (const auto& t : toasts_) toasts.push_back(t.text);
    j["toasts"] = toasts;
    j["demoLoaded"] = ui_.demoLoaded;
    j["focus"] = mirror::focused(); // the widget with the keyboard focus (web/mirror.js's key, in base 10)
    j["updateOffered"] = updateReady_;
    j["import"] = importDialog_.stateJson();
    j["csvImport"] = csvDialog_.stateJson();
    j["agency"] = agencyDialog_.stateJson();
    j["letter"] = letterDialog_.stateJson();
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace recobra::ui
