#include "core/model/settings.hpp"

#include "core/values/money.hpp"
#include "core/values/text.hpp"

namespace recobra {

std::optional<Problem> validateSettings(const Settings& s) {
    if (s.backupReminderDays < kMinBackupReminderDays || s.backupReminderDays > kMaxBackupReminderDays)
        return problem(Str::err_between, "settings.backupReminderDays",
                       {std::to_string(kMinBackupReminderDays), std::to_string(kMaxBackupReminderDays)});
    const auto code = CurrencyCode::parse(s.currency);
    if (!code || !findCurrency(*code)) return problem(Str::err_currency_unknown, "settings.currency", {s.currency});
    if (!s.language.empty() && s.language != "es" && s.language != "en")
        return problem(Str::err_field_choice, "settings.language", {s.language, "es, en"});
    if (s.lastBackupAt < 0 || s.lastBackupAt > kMaxTimestamp) return problem(Str::err_ts_range, "settings.lastBackupAt");
    if (!isValidUtf8(s.userName) || characterCount(s.userName) > kMaxAuthorCharacters)
        return problem(Str::err_too_long, "settings.userName", {std::to_string(kMaxAuthorCharacters)});
    // A member's id (a member that no longer exists is simply not found: nobody is "me").
    if (!isValidUtf8(s.memberId) || characterCount(s.memberId) > kMaxMemberIdCharacters)
        return problem(Str::err_too_long, "settings.memberId", {std::to_string(kMaxMemberIdCharacters)});
    return std::nullopt;
}

} // namespace recobra
