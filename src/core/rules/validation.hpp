#pragma once
// The checks every command's validate() is made of (commands.cpp, letter_commands.cpp): a
// text's length in characters, an email, a phone, an amount, a new thing's id, a reference
// that must resolve. Each returns the Problem of its field, or nothing.
#include "core/i18n/problem.hpp"
#include "core/model/events.hpp"
#include "core/state/state.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recobra {

struct CommandContext;

namespace checks {

// The longest texts, in characters.
inline constexpr std::size_t kNameMax = 200;
inline constexpr std::size_t kShortMax = 50;
inline constexpr std::size_t kReasonMax = 1000;
inline constexpr std::size_t kTextMax = 10000;
inline constexpr std::size_t kTagsMax = 20;

// While an event from a file is checked (checkImported), every value is judged as it would be
// once normalized (trimmed, its tags without blanks and repeats), but left as the file has it:
// the event applied and stored is the file's. Only trimValue() and tags() write a payload's values,
// and validatePolicy(), which is given a copy then; a check that reads a value it normalized
// before reads its trimmed view. (Checking a copy of every payload instead cost the check of
// two million events 0.14 s under Node.)
extern thread_local bool tKeepValues;

// trim() in place, unless the values are kept; either way the trimmed text. Nothing is
// copied when there is nothing to trim (nearly every text of a file).
std::string_view trimValue(std::string& value);

std::string lower(std::string_view s); // ASCII letters in lower case

// Each check returns a Problem for `field` or nothing: a field's first problem is its own.
using Check = std::optional<Problem>;

Check text(const std::string& field, std::string& value, std::size_t max, bool required);
Check optionalText(const std::string& field, std::optional<std::string>& value, std::size_t max, bool required);
bool looksLikeEmail(std::string_view s);
bool looksLikePhone(std::string_view s);
Check email(const std::string& field, std::string& value); // blank passes
Check phone(const std::string& field, std::string& value); // blank passes
Check amount(const std::string& field, const Money& m);   // a known currency, > 0, not too large

// A new thing's id: its kind's letter, "-", then 1 to 64 letters, digits, "_", "." or "-"
// (entityId() makes the letter, "-" and 24 hex digits). A letter per kind: no id can name
// two kinds of thing; and no empty, huge or unprintable id reaches the state.
Check newId(const std::string& field, const std::string& id, char kind);

Check country(const std::string& field, std::string& value);
Check tags(const std::string& field, std::vector<std::string>& values);

// `countryCode`: the debtor's country as checked by country() (trimmed).
Check taxId(const State& s, const std::string& field, std::string& value, std::string_view countryCode,
            const std::string& self, bool importing);

// A contact's fields, each judged on its own; true when the validation is over.
bool contact(const std::string& prefix, ContactInfo& c, Findings& found);

Check activeMember(const State& s, const std::string& field, const std::string& id, bool importing);
Check debtorExists(const State& s, const std::string& id);

// Invoice numbers are unique per debtor (compared case-insensitively, ignoring spaces).
Check invoiceNumber(const State& s, Index debtor, std::string& number, const std::string& self, bool importing);

} // namespace checks

// validate() of the letters' payloads (letter_commands.cpp).
void validate(const State& s, CreditorUpdated& p, const CommandContext& ctx, Findings& found);
void validate(const State& s, TemplateSaved& p, const CommandContext& ctx, Findings& found);
// validate() of payment plans and offers (plan_commands.cpp).
void validate(const State& s, PlanAgreed& p, const CommandContext& ctx, Findings& found);
void validate(const State& s, PlanAmended& p, const CommandContext& ctx, Findings& found);
void validate(const State& s, PlanCancelled& p, const CommandContext& ctx, Findings& found);
void validate(const State& s, OfferMade& p, const CommandContext& ctx, Findings& found);
// The letter a conversation sent (its template, language, text and fingerprint).
std::optional<Problem> letterSent(LetterSent& letter, const CommandContext& ctx);

} // namespace recobra
