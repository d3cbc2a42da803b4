// The letters' commands (docs/letters.md): the creditor's details, a template saved or reset,
// and the letter a logged conversation sent.
#include "core/letters/template_text.hpp"
#include "core/letters/templates.hpp"
#include "core/model/tax_id.hpp"
#include "core/rules/commands.hpp"
#include "core/rules/validation.hpp"
#include "core/values/sha256.hpp"
#include "core/values/text.hpp"

#include <algorithm>

namespace recobra {

using namespace checks;

namespace {

constexpr std::size_t kTemplateIdMax = 40;
constexpr std::size_t kSubjectMax = 300;
constexpr std::size_t kBodyMax = 20000;
constexpr std::size_t kLetterMax = 100000; // a letter with its tables, as sent

Check templateId(const std::string& field, std::string& id) {
    const std::string_view v = trimValue(id);
    const bool ok = !v.empty() && v.size() <= kTemplateIdMax && std::all_of(v.begin(), v.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
    if (!ok) return problem(Str::err_template_id, field, {std::string(v)});
    return std::nullopt;
}

Check lang(const std::string& field, std::string& code) {
    const std::string_view v = trimValue(code);
    if (!parseLang(v)) return problem(Str::err_lang, field, {std::string(v)});
    return std::nullopt;
}

// Every placeholder known, and a table's alone on its line.
Check placeholdersOf(const std::string& field, const std::string& text) {
    const auto scanned = scanTemplate(text);
    if (!scanned.unknown.empty()) return problem(Str::err_placeholder_unknown, field, {scanned.unknown.front()});
    if (!scanned.misplaced.empty()) return problem(Str::err_placeholder_block, field, {scanned.misplaced.front()});
    return std::nullopt;
}

Check iban(const std::string& field, std::string& value) {
    const std::string_view v = trimValue(value);
    if (v.empty()) return std::nullopt;
    const std::string norm = normalizeTaxId(v);
    if (!isValidIban(norm)) return problem(Str::err_iban_invalid, field, {std::string(v)});
    if (!tKeepValues) value = norm;
    return std::nullopt;
}

bool looksSpanish(std::string_view id) {
    auto digits = [&](std::size_t from, std::size_t n) {
        return std::all_of(id.begin() + static_cast<std::ptrdiff_t>(from), id.begin() + static_cast<std::ptrdiff_t>(from + n),
                           [](char c) { return c >= '0' && c <= '9'; });
    };
    if (id.size() != 9) return false;
    const bool letterLast = id[8] >= 'A' && id[8] <= 'Z';
    if (digits(0, 8) && letterLast) return true;                                                     // DNI
    if (std::string_view("XYZKLM").find(id[0]) != std::string_view::npos && digits(1, 7)) return true; // NIE, K/L/M
    return std::string_view("ABCDEFGHJNPQRSUVW").find(id[0]) != std::string_view::npos && digits(1, 7); // CIF
}

Check creditorTaxId(const std::string& field, std::string& value) {
    const std::string_view v = trimValue(value);
    if (v.empty()) return std::nullopt;
    const std::string norm = normalizeTaxId(v);
    // What has the shape of a Spanish NIF, NIE or CIF must check; another country's tax id
    // (a Mexican RFC, a Colombian NIT) is only bounded.
    if (norm.size() < 5 || norm.size() > 20 || (looksSpanish(norm) && !isValidSpanishTaxId(norm)))
        return problem(Str::err_taxid_invalid, field, {std::string(v)});
    if (!tKeepValues) value = norm;
    return std::nullopt;
}

} // namespace

void validate(const State&, CreditorUpdated& p, const CommandContext&, Findings& found) {
    Creditor& c = p.creditor;
    if (found.add(text("creditor.legalName", c.legalName, kNameMax, false))) return;
    if (found.add(text("creditor.tradeName", c.tradeName, kNameMax, false))) return;
    if (found.add(creditorTaxId("creditor.taxId", c.taxId))) return;
    if (found.add(text("creditor.address", c.address, kReasonMax, false))) return;
    if (found.add(email("creditor.email", c.email))) return;
    if (found.add(phone("creditor.phone", c.phone))) return;
    if (found.add(iban("creditor.iban", c.iban))) return;
    if (found.add(text("creditor.paymentOther", c.paymentOther, kReasonMax, false))) return;
    if (found.add(text("creditor.signerName", c.signerName, kNameMax, false))) return;
    if (found.add(text("creditor.signerRole", c.signerRole, kNameMax, false))) return;
    found.add(text("creditor.place", c.place, kNameMax, false));
}

void validate(const State& s, TemplateSaved& p, const CommandContext&, Findings& found) {
    if (found.stop(templateId("template", p.templateId))) return;
    if (found.stop(lang("lang", p.lang))) return;
    const bool shipped = findShipped(trim(p.templateId)) != nullptr;
    if (p.reset) {
        const bool edited = std::any_of(s.letters.templates.begin(), s.letters.templates.end(), [&](const auto& t) {
            return t.templateId == trim(p.templateId) && t.lang == trim(p.lang);
        });
        if (!edited) found.fail(problem(Str::err_nothing_to_change, "template"));
        return;
    }
    if (shipped && !trim(p.name).empty()) return found.fail(problem(Str::err_template_shipped_name, "name"));
    if (found.add(text("name", p.name, kNameMax, !shipped))) return;
    if (found.add(text("subject", p.subject, kSubjectMax, false))) return;
    if (found.add(placeholdersOf("subject", p.subject))) return;
    if (found.add(text("body", p.body, kBodyMax, true))) return;
    found.add(placeholdersOf("body", p.body));
}

std::optional<Problem> letterSent(LetterSent& letter, const CommandContext&) {
    if (auto p = templateId("letter.template", letter.templateId)) return p;
    if (auto p = lang("letter.lang", letter.lang)) return p;
    if (auto p = text("letter.subject", letter.subject, kSubjectMax, false)) return p;
    if (auto p = text("letter.reference", letter.reference, kNameMax, false)) return p;
    // The text as sent, untrimmed: its fingerprint is of these very bytes.
    if (trim(letter.text).empty()) return problem(Str::err_required, "letter.text");
    if (characterCount(letter.text) > kLetterMax)
        return problem(Str::err_too_long, "letter.text", {std::to_string(kLetterMax)});
    const std::string computed = sha256Hex(letter.text);
    if (letter.sha256.empty() && !tKeepValues) letter.sha256 = computed;
    else if (letter.sha256 != computed) return problem(Str::err_sha256_mismatch, "letter.sha256");
    return std::nullopt;
}

} // namespace recobra
