#pragma once
// The whole UI: a sidebar to move between screens (with the save status and the language),
// the current screen, the form being filled in, banners and toasts. It reads state and
// issues commands; business rules live in the core.
#include "ui/dialogs/agency_dialog.hpp"
#include "ui/ui.hpp"
#include "ui/dialogs/invoices_csv_dialog.hpp"
#include "ui/forms/form.hpp"
#include "ui/dialogs/backup_dialog.hpp"
#include "ui/dialogs/letter_dialog.hpp"
#include "ui/screens/agenda_screen.hpp"
#include "ui/screens/dashboard.hpp"
#include "ui/screens/debtor_view.hpp"
#include "ui/screens/debtors_screen.hpp"
#include "ui/screens/reports_screen.hpp"
#include "ui/screens/settings_screen.hpp"

#include <string>
#include <string_view>

namespace recobra::ui {

const char* screenName(Screen screen);
std::optional<Screen> parseScreen(std::string_view name);

class UiApp {
public:
    UiApp(Host& host, Lang lang);

    // The data has loaded: from now on screens read the session's state.
    void attachSession(Session* session);
    void setScale(float scale);
    float scale() const { return ui_.scale; }
    void drawFrame(); // the widgets of one frame (between ImGui::NewFrame and ImGui::Render)

    Lang language() const { return ui_.lang; }
    // Switches the language and, unless told otherwise, remembers it in the settings.
    void setLanguage(Lang lang, bool remember = true);
    Screen screen() const { return screen_; }
    void showScreen(Screen screen);
    bool openDebtor(const std::string& id);

    void setStorageInfo(nlohmann::json info) { ui_.storageInfo = std::move(info); }
    void setSyncInfo(nlohmann::json info) { ui_.syncInfo = std::move(info); }
    void noticeSyncRefused(Problem why) {
        if (ui_.syncRefused.size() >= 3) ui_.syncRefused.erase(ui_.syncRefused.begin());
        ui_.syncRefused.push_back(std::move(why));
    }
    // A backup file: offered unread (to restore, or dropped: restore or merge), read to merge,
    // or read once a restore was confirmed (dialogs/backup_dialog.hpp).
    void offerUnreadBackup(std::string fileName, ImportMode mode, double bytes, Timestamp modified);
    void offerMergeFile(std::string fileName, BackupRead read);
    void restoreRead(BackupRead read);
    // A CSV of invoices has been read (picked or dropped): the import dialog opens on it.
    void offerCsvImport(std::string fileName, std::string text, std::optional<Problem> problem = std::nullopt);
    void noticeOtherVersion() { otherVersion_ = true; }
    void noticeReloadFailed() {
        ui_.reloadFailed = true;
        ui_.host.requestFrame();
    }
    // A new build is installed and waiting (web/offline.js): offer it in a banner.
    void noticeUpdate() {
        updateReady_ = true;
        ui_.host.requestFrame();
    }
    Ui& ui() { return ui_; }

    // Example data, for the empty state, settings and window.recobra.loadDemo()/clearDemo().
    void loadDemo(Session::Done done = nullptr);
    void clearDemo(Session::Done done = nullptr);

    // JSON for window.recobra.uiState(): screen, language, named fields, the open form and
    // its errors, the debtor shown and its timeline, the list's count.
    std::string stateJson() const;

private:
    void drawSidebar(bool rail);
    void drawAgendaBadge(bool rail);
    void drawBanners();
    void drawForm();
    void drawToasts();
    // One-key shortcuts (1-5 the screens, / the search, ? or F1 the help) and the help that
    // lists them with the keyboard's order (docs/accessibility.md).
    void handleShortcuts();
    void drawShortcutsHelp();
    void toast(std::string text, ToastKind kind);

    Ui ui_;
    Screen screen_ = Screen::Dashboard;
    bool scrollToTop_ = false; // the next frame shows the content from its top (showScreen)
    bool focusScreenStart_ = false; // and the keyboard's focus before its first control
    Dashboard dashboard_;
    DebtorsScreen debtors_;
    DebtorView debtorView_;
    AgendaScreen agenda_;
    ReportsScreen reports_;
    BackupDialog importDialog_;
    InvoicesCsvDialog csvDialog_;
    AgencyDialog agencyDialog_;
    LetterDialog letterDialog_;
    SettingsScreen settings_;
    std::shared_ptr<Form> form_;
    bool formOpened_ = false;
    bool shortcutsHelp_ = false, shortcutsHelpOpened_ = false;
    bool otherVersion_ = false;
    bool updateReady_ = false;
    std::uint64_t demoCheckedAt_ = ~0ull; // workspace revision when demoLoaded was computed
    struct Toast {
        std::string text;
        ToastKind kind;
        Timestamp until;
    };
    std::vector<Toast> toasts_;
};

} // namespace recobra::ui
