#pragma once
// A template's text and its placeholders (docs/letters.md): `{{debtor.name}}` stands for a
// value of the letter's debtor, creditor or claim; a block placeholder (`{{invoices}}`) stands
// alone on its line and becomes a table. One list of placeholders, here: the renderer fills
// them, the editor lists them, and saving a template refuses any name not in it.
#include "core/i18n/strings.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace recobra {

enum class Placeholder {
    CreditorName,
    CreditorTaxId,
    CreditorAddress,
    CreditorEmail,
    CreditorPhone,
    CreditorPayment,
    CreditorSigner,
    CreditorSignerRole,
    CreditorPlace,
    DebtorName,
    DebtorTaxId,
    DebtorAddress,
    DebtorEmail,
    ContactName,
    Invoices,
    Claim,
    Statement,
    Outstanding,
    DueDate,
    DaysOverdue,
    Interest,
    Compensation,
    Claimable,
    PrescriptionDate,
    Promise,
    Plan,
    PlanTerms,
    OfferAmount,
    OfferDeadline,
    OfferForgiven,
    Deadline,
    Today,
    User,
    Reference,
};

struct PlaceholderInfo {
    Placeholder id;
    const char* name; // as written between the braces: "debtor.name"
    Str meaning;      // what it stands for, in the user's language (the editor's list)
    bool block;       // a table: alone on its line
};

std::span<const PlaceholderInfo> placeholders();
const PlaceholderInfo& info(Placeholder p);

// A template cut at its placeholders: text, then a placeholder, then text… `{{` with no `}}`
// after it on the same line is text.
struct TemplatePiece {
    std::string_view text;
    std::optional<Placeholder> placeholder;
};
struct ScannedTemplate {
    std::vector<TemplatePiece> pieces;
    std::vector<std::string> unknown;  // names between braces that are no placeholder, in order
    std::vector<std::string> misplaced; // block placeholders with other text on their line
};
ScannedTemplate scanTemplate(std::string_view text);

} // namespace recobra
