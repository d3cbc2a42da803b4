#pragma once
// Ui: what every screen and form works with — the session (state and commands), the
// language, the scale, today's date, and ways to talk to the rest of the UI (toasts,
// navigation).
#include "core/i18n/locale.hpp"
#include "core/i18n/strings.hpp"
#include "session/session.hpp"
#include "ui/host.hpp"

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace recobra::ui {

class Form;

enum class Screen { Dashboard, Debtors, Debtor, Agenda, Reports, Settings };
enum class ToastKind { Info, Success, Error };

class Ui {
public:
    Ui(Host& host, Lang lang) : host(host), lang(lang) {}

    Host& host;
    Session* session = nullptr; // set once the data has loaded
    Lang lang;
    float scale = 1.0f;

    const char* t(Str id) const { return tr(id, lang); }
    std::string tf(Str id, std::initializer_list<std::string_view> args) const { return trf(id, lang, args); }
    float px(float cssPixels) const { return cssPixels * scale; }

    Timestamp now() const { return host.now(); }
    Date today() const { return Date::ofTimestamp(now() + host.utcOffsetMinutes() * 60'000LL); }
    CurrencyCode currency() const;
    const State& state() const { return session->workspace().state(); }
    CommandContext commandContext() const;
    // Runs a command; `done` hears the outcome once it is durable or refused.
    void submit(Command command, Session::Done done);
    // Every field's problem with a command, without running it (Session::problems).
    std::vector<Problem> problems(const Command& command) const;

    std::string money(Money m) const { return formatMoney(m, lang); }
    std::string money(const MoneyBag& bag) const; // "1.234,56 € + 50,00 US$"; "0,00 €" when empty
    std::string date(Date d) const { return formatDate(d, lang); }
    std::string dateTime(Timestamp ts) const { return formatDateTime(ts, host.utcOffsetMinutes(), lang); }

    // Navigation and messages, served by the app shell.
    std::function<void(const std::string& debtorId)> openDebtor;
    std::function<void(Screen)> showScreen;
    // The debtors list, filtered to the debtors with an open invoice this many days past due
    // (DebtorFilter::pastDue): what a click on a reports' aging bar opens.
    std::function<void(std::pair<int, int> daysPastDue)> openDebtorsPastDue;
    std::function<void(std::string text, ToastKind kind)> toast;
    std::function<void(std::shared_ptr<Form>)> openForm;
    // "Send to agency": the debtors a list shows (`filtered`: it is narrowed by a filter), or
    // one debtor (`single`, from the 360° view).
    std::function<void(std::vector<std::string> listed, bool filtered, std::string single)> openAgency;
    // The composer (dialogs/letter_dialog.hpp): a letter or call script for one debtor from a
    // template (empty: the friendly reminder), sent by `channel` (an agenda step's) if given.
    std::function<void(Index debtor, std::string templateId, std::optional<Channel> channel)> openLetter;
    // Several letters at once (the agenda's items of one action): each debtor with its template.
    std::function<void(std::vector<std::pair<Index, std::string>> letters, std::optional<Channel> channel)> openLetters;
    // Settings, at "Your business" (a letter needs the creditor's details).
    std::function<void()> openBusinessSettings;
    // Example data: loaded in one click, removed again (null until the page provides them).
    std::function<void()> loadDemo;
    std::function<void()> clearDemo;
    bool demoLoaded = false;
    // A restore let go of the loaded data, was refused, and storage's data could not be read
    // again (rare: IndexedDB failed): the page must be reloaded (Host::reloadPage).
    bool reloadFailed = false;

    // What the page knows about storage (persisted?, usage, quota, writer tab…), as JSON.
    nlohmann::json storageInfo = nlohmann::json::object();
    // Team sync's state (web/sync.js status()) and the last documents it refused coming down.
    nlohmann::json syncInfo = nlohmann::json::object();
    std::vector<Problem> syncRefused;
};

} // namespace recobra::ui
