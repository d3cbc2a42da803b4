#pragma once
// What one person sets on their own device: language, their name (the author of their
// actions), the default currency, how often to be reminded to back up. Stored beside the
// event log and carried in backups.
#include "core/model/field.hpp"

#include <cstdint>
#include <string>

namespace recobra {

struct Settings {
    std::int64_t backupReminderDays = 7;
    std::string currency = "EUR";
    std::string language; // "es" or "en" once chosen; empty: follow the browser
    std::int64_t lastBackupAt = 0; // ms; 0 = never
    std::string userName;

    template <class V> void visit(V& v) {
        v("backupReminderDays", backupReminderDays);
        v("currency", currency);
        v("language", language, Opt);
        v("lastBackupAt", lastBackupAt, Opt);
        v("userName", userName, Opt);
    }
};

} // namespace recobra
