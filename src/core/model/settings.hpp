#pragma once
// What one person sets on their own device: language, their name (the author of their
// actions), the default currency, how often to be reminded to back up. Stored beside the
// event log and carried in backups.
#include "core/i18n/problem.hpp"
#include "core/model/field.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace recobra {

struct Settings {
    std::int64_t backupReminderDays = 7;
    std::string currency = "EUR";
    std::string language; // "es" or "en" once chosen; empty: follow the browser
    std::int64_t lastBackupAt = 0; // ms; 0 = never
    std::string userName;
    // Which member of the team this person is (a member's id; empty: not said). Their events
    // carry that member's name as author, and "mine" filters on the debtors they are assigned.
    std::string memberId;

    template <class V> void visit(V& v) {
        v("backupReminderDays", backupReminderDays);
        v("currency", currency);
        v("language", language, Opt);
        v("lastBackupAt", lastBackupAt, Opt);
        v("memberId", memberId, Opt);
        v("userName", userName, Opt);
    }
};

// What a file's settings may hold (the UI offers the same): a reminder every 1 to 365 days, a
// currency Recobra knows, "es", "en" or nothing, a last backup between 1970 and 2200.
inline constexpr std::int64_t kMinBackupReminderDays = 1;
inline constexpr std::int64_t kMaxBackupReminderDays = 365;
// The longest name a person goes by, as an event's author or the settings' userName.
inline constexpr std::size_t kMaxAuthorCharacters = 200;
inline constexpr std::size_t kMaxMemberIdCharacters = 100;
// The latest moment an event or a setting may name: 2200-01-01T00:00:00Z in milliseconds
// (dates end in 2200 too: values/date.hpp).
inline constexpr std::int64_t kMaxTimestamp = 7'258'118'400'000;

std::optional<Problem> validateSettings(const Settings& settings);

} // namespace recobra
