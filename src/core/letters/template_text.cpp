#include "core/letters/template_text.hpp"

#include "core/values/text.hpp"

#include <array>

namespace recobra {

namespace {

using P = Placeholder;
constexpr std::array kPlaceholders{
    PlaceholderInfo{P::CreditorName, "creditor.name", Str::ph_creditor_name, false},
    PlaceholderInfo{P::CreditorTaxId, "creditor.taxId", Str::ph_creditor_tax_id, false},
    PlaceholderInfo{P::CreditorAddress, "creditor.address", Str::ph_creditor_address, false},
    PlaceholderInfo{P::CreditorEmail, "creditor.email", Str::ph_creditor_email, false},
    PlaceholderInfo{P::CreditorPhone, "creditor.phone", Str::ph_creditor_phone, false},
    PlaceholderInfo{P::CreditorPayment, "creditor.payment", Str::ph_creditor_payment, false},
    PlaceholderInfo{P::CreditorSigner, "creditor.signer", Str::ph_creditor_signer, false},
    PlaceholderInfo{P::CreditorSignerRole, "creditor.signerRole", Str::ph_creditor_signer_role, false},
    PlaceholderInfo{P::CreditorPlace, "creditor.place", Str::ph_creditor_place, false},
    PlaceholderInfo{P::DebtorName, "debtor.name", Str::ph_debtor_name, false},
    PlaceholderInfo{P::DebtorTaxId, "debtor.taxId", Str::ph_debtor_tax_id, false},
    PlaceholderInfo{P::DebtorAddress, "debtor.address", Str::ph_debtor_address, false},
    PlaceholderInfo{P::DebtorEmail, "debtor.email", Str::ph_debtor_email, false},
    PlaceholderInfo{P::ContactName, "contact.name", Str::ph_contact_name, false},
    PlaceholderInfo{P::Invoices, "invoices", Str::ph_invoices, true},
    PlaceholderInfo{P::Claim, "claim", Str::ph_claim, true},
    PlaceholderInfo{P::Statement, "statement", Str::ph_statement, true},
    PlaceholderInfo{P::Outstanding, "outstanding", Str::ph_outstanding, false},
    PlaceholderInfo{P::DueDate, "dueDate", Str::ph_due_date, false},
    PlaceholderInfo{P::DaysOverdue, "daysOverdue", Str::ph_days_overdue, false},
    PlaceholderInfo{P::Interest, "interest", Str::ph_interest, false},
    PlaceholderInfo{P::Compensation, "compensation", Str::ph_compensation, false},
    PlaceholderInfo{P::Claimable, "claimable", Str::ph_claimable, false},
    PlaceholderInfo{P::PrescriptionDate, "prescriptionDate", Str::ph_prescription_date, false},
    PlaceholderInfo{P::Promise, "promise", Str::ph_promise, false},
    PlaceholderInfo{P::Plan, "plan", Str::ph_plan, true},
    PlaceholderInfo{P::PlanTerms, "plan.terms", Str::ph_plan_terms, false},
    PlaceholderInfo{P::OfferAmount, "offer.amount", Str::ph_offer_amount, false},
    PlaceholderInfo{P::OfferDeadline, "offer.deadline", Str::ph_offer_deadline, false},
    PlaceholderInfo{P::OfferForgiven, "offer.forgiven", Str::ph_offer_forgiven, false},
    PlaceholderInfo{P::Deadline, "deadline", Str::ph_deadline, false},
    PlaceholderInfo{P::Today, "today", Str::ph_today, false},
    PlaceholderInfo{P::User, "user", Str::ph_user, false},
    PlaceholderInfo{P::Reference, "reference", Str::ph_reference, false},
};

std::optional<Placeholder> byName(std::string_view name) {
    for (const auto& p : kPlaceholders)
        if (name == p.name) return p.id;
    return std::nullopt;
}

bool blankLine(std::string_view text, std::size_t from, std::size_t to) {
    return trim(text.substr(from, to - from)).empty();
}

} // namespace

std::span<const PlaceholderInfo> placeholders() { return kPlaceholders; }

const PlaceholderInfo& info(Placeholder p) { return kPlaceholders[static_cast<std::size_t>(p)]; }

ScannedTemplate scanTemplate(std::string_view text) {
    ScannedTemplate out;
    std::size_t from = 0, at = 0;
    while ((at = text.find("{{", at)) != std::string_view::npos) {
        const auto close = text.find("}}", at + 2);
        const auto lineEnd = text.find('\n', at);
        if (close == std::string_view::npos || (lineEnd != std::string_view::npos && lineEnd < close)) {
            at += 2;
            continue;
        }
        const std::string_view name = trim(text.substr(at + 2, close - at - 2));
        const auto placeholder = byName(name);
        if (!placeholder) { // kept as text: the renderer shows what it cannot fill
            out.unknown.emplace_back(name);
            at = close + 2;
            continue;
        }
        if (info(*placeholder).block) {
            const auto lineStart = text.rfind('\n', at);
            const std::size_t start = lineStart == std::string_view::npos ? 0 : lineStart + 1;
            const std::size_t end = lineEnd == std::string_view::npos ? text.size() : lineEnd;
            if (!blankLine(text, start, at) || !blankLine(text, close + 2, end)) out.misplaced.emplace_back(name);
        }
        out.pieces.push_back({text.substr(from, at - from), placeholder});
        from = at = close + 2;
    }
    out.pieces.push_back({text.substr(from), std::nullopt});
    return out;
}

} // namespace recobra
