#pragma once
// A letter written for one debtor from a template (docs/letters.md): its subject, its text as
// plain text (an email's body, the clipboard) and as HTML (the printed page), with every
// placeholder filled from the debtor's record, the claim the law allows (law/claim.hpp) and
// the creditor's details. A value the debtor's record lacks is never left blank: the text
// marks it ("[falta: dirección del deudor]") and the letter carries a warning for it.
// Pure: `today` and the sender's name are passed in.
#include "core/law/tables.hpp"
#include "core/letters/templates.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <variant>
#include <vector>

namespace recobra {

struct LetterOptions {
    Lang lang = Lang::es;
    Date today;
    int deadlineDays = 10; // {{deadline}}: today + this many days
    std::string user;      // {{user}}: who sends it (settings: my name); empty: the signer
};

struct LetterWarning {
    std::string placeholder; // its name ("debtor.address"); empty for the letter as a whole
    std::string message;
};

struct Letter {
    Index debtor = kNone;
    std::string templateId;
    TemplateKind kind = TemplateKind::Letter;
    Lang lang = Lang::es;
    Date today;
    std::string subject;
    std::string text; // plain text, lines ending in "\n"
    std::string html; // the body as HTML: paragraphs and tables, every value escaped
    std::vector<LetterWarning> warnings;
    std::string to;            // the debtor's email, if any
    std::string recipientName; // the debtor's legal name
    std::string attention;     // the person addressed, if not the debtor itself
    std::string recipientAddress;
    std::string reference; // the invoice numbers concerned
};

// The creditor fields a letter cannot go without, by name ("legalName"); empty when complete.
std::vector<std::string> missingCreditorFields(const LetterSetup& setup);

// The letter, or why it cannot be written: no such template, the creditor's details missing.
std::variant<Letter, Problem> writeLetter(const State& state, const LawTables& tables, Index debtor,
                                          std::string_view templateId, const LetterOptions& options);
// The same from a template's text as given (the editor's preview of a text not saved yet);
// the letter is in the text's language.
std::variant<Letter, Problem> writeLetter(const State& state, const LawTables& tables, Index debtor,
                                          const TemplateText& text, const LetterOptions& options);

// The letter as JSON (`recobra letter --format json`, window.recobra.letter): template, lang,
// kind, to, subject, text, html and warnings [{placeholder, message}].
nlohmann::json letterJson(const Letter& letter);

} // namespace recobra
