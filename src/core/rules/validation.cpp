#include "core/rules/validation.hpp"

#include "core/model/tax_id.hpp"
#include "core/rules/commands.hpp"
#include "core/values/text.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace recobra::checks {

thread_local bool tKeepValues = false;

std::string_view trimValue(std::string& value) {
    const std::string_view kept = trim(value);
    if (tKeepValues || kept.size() == value.size()) return kept;
    value = std::string(kept);
    return value;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

Check text(const std::string& field, std::string& value, std::size_t max, bool required) {
    const std::string_view v = trimValue(value);
    if (required && v.empty()) return problem(Str::err_required, field);
    if (characterCount(v) > max) return problem(Str::err_too_long, field, {std::to_string(max)});
    return std::nullopt;
}

Check optionalText(const std::string& field, std::optional<std::string>& value, std::size_t max, bool required) {
    if (!value) return std::nullopt;
    return text(field, *value, max, required);
}

bool looksLikeEmail(std::string_view s) {
    const auto at = s.find('@');
    if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos) return false;
    const auto domain = s.substr(at + 1);
    const auto dot = domain.find('.');
    if (dot == std::string_view::npos || dot == 0 || domain.back() == '.') return false;
    return std::none_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == ','; });
}

bool looksLikePhone(std::string_view s) {
    int digits = 0;
    for (char c : s) {
        if (c >= '0' && c <= '9') ++digits;
        else if (c != ' ' && c != '+' && c != '-' && c != '(' && c != ')' && c != '.') return false;
    }
    return digits >= 6 && digits <= 15;
}

Check email(const std::string& field, std::string& value) {
    const std::string_view v = trimValue(value);
    if (!v.empty() && !looksLikeEmail(v)) return problem(Str::err_email_invalid, field, {std::string(v)});
    return std::nullopt;
}

Check phone(const std::string& field, std::string& value) {
    const std::string_view v = trimValue(value);
    if (!v.empty() && !looksLikePhone(v)) return problem(Str::err_phone_invalid, field, {std::string(v)});
    return std::nullopt;
}

Check amount(const std::string& field, const Money& m) {
    if (!findCurrency(m.currency)) return problem(Str::err_currency_unknown, field, {m.currency.str()});
    if (m.minor <= 0) return problem(Str::err_amount_positive, field);
    if (m.minor > maxAmountMinor(m.currency)) return problem(Str::err_amount_too_large, field);
    return std::nullopt;
}

// A new thing's id: its kind's letter, "-", then 1 to 64 letters, digits, "_", "." or "-"
// (entityId() makes the letter, "-" and 24 hex digits). A letter per kind: no id can name
// two kinds of thing; and no empty, huge or unprintable id reaches the state.
Check newId(const std::string& field, const std::string& id, char kind) {
    constexpr std::size_t kMaxIdTail = 64;
    const bool ok = id.size() >= 3 && id.size() <= 2 + kMaxIdTail && id[0] == kind && id[1] == '-' &&
                    std::all_of(id.begin() + 2, id.end(), [](char c) {
                        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                               c == '_' || c == '.' || c == '-';
                    });
    if (ok) return std::nullopt;
    return problem(Str::err_id_format, field, {id, std::string(1, kind)});
}

Check country(const std::string& field, std::string& value) {
    const std::string_view v = trimValue(value);
    if (v.size() != 2 || !std::isupper(static_cast<unsigned char>(v[0])) ||
        !std::isupper(static_cast<unsigned char>(v[1])))
        return problem(Str::err_country_invalid, field, {std::string(v)});
    return std::nullopt;
}

Check tags(const std::string& field, std::vector<std::string>& values) {
    if (values.size() > kTagsMax) return problem(Str::err_too_many, field, {std::to_string(kTagsMax)});
    std::set<std::string> seen;
    std::vector<std::string> out;
    for (auto& t : values) {
        const std::string_view v = trimValue(t);
        if (v.empty()) continue;
        if (characterCount(v) > kShortMax) return problem(Str::err_too_long, field, {std::to_string(kShortMax)});
        if (!tKeepValues && seen.insert(lower(v)).second) out.emplace_back(v);
    }
    if (!tKeepValues) values = std::move(out);
    return std::nullopt;
}

// `countryCode`: the debtor's country as checked by country() (trimmed).
Check taxId(const State& s, const std::string& field, std::string& value, std::string_view countryCode,
            const std::string& self, bool importing) {
    const std::string_view v = trimValue(value);
    if (v.empty()) return std::nullopt;
    const std::string norm = normalizeTaxId(v);
    if (norm.size() < 5 || norm.size() > 20) return problem(Str::err_taxid_invalid, field, {std::string(v)});
    if (countryCode == "ES" && !isValidSpanishTaxId(norm))
        return problem(Str::err_taxid_invalid, field, {std::string(v)});
    const auto it = s.debtorByTaxId.find(norm);
    if (!importing && it != s.debtorByTaxId.end() && s.debtors[it->second].id != self)
        return problem(Str::err_taxid_duplicate, field, {s.debtors[it->second].profile.legalName});
    return std::nullopt;
}

// A contact's fields, each judged on its own; true when the validation is over.
bool contact(const std::string& prefix, ContactInfo& c, Findings& found) {
    return found.add(text(prefix + "name", c.name, kNameMax, true)) ||
           found.add(text(prefix + "role", c.role, kNameMax, false)) || found.add(phone(prefix + "phone", c.phone)) ||
           found.add(email(prefix + "email", c.email)) ||
           found.add(text(prefix + "address", c.address, kReasonMax, false));
}

Check activeMember(const State& s, const std::string& field, const std::string& id, bool importing) {
    if (id.empty()) return std::nullopt;
    const auto m = s.member(id);
    if (!m) return problem(Str::err_ref_unknown, field, {id});
    if (!importing && !s.members[*m].active) return problem(Str::err_member_inactive, field, {s.members[*m].name});
    return std::nullopt;
}

Check debtorExists(const State& s, const std::string& id) {
    if (!s.debtor(id)) return problem(Str::err_ref_unknown, "debtor", {id});
    return std::nullopt;
}

// Invoice numbers are unique per debtor (compared case-insensitively, ignoring spaces).
Check invoiceNumber(const State& s, Index debtor, std::string& number, const std::string& self, bool importing) {
    if (auto p = text("number", number, kShortMax, true)) return p;
    if (importing) return std::nullopt;
    if (s.hasInvoiceNumber(debtor, number, self)) return problem(Str::err_invoice_number_duplicate, "number", {number});
    return std::nullopt;
}

} // namespace recobra::checks
