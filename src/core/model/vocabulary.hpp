#pragma once
// The vocabulary of debt collection: who owes (Debtor, Contact), what (Invoice), what was
// paid (Payment), what was said (Interaction) and promised (Promise), where each case stands
// (Stage) and who works it (Member). Enumerations carry their stable text names, used in
// events, exports and the automation API.
#include "core/values/date.hpp"
#include "core/values/money.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace recobra {

enum class DebtorKind { Consumer, Autonomo, Sme, LargeCompany, PublicAdministration };
enum class Relationship { Regular, Occasional };
enum class Channel { Call, Email, Letter, Burofax, Sms, WhatsApp, Visit, Meeting };
enum class Direction { Outbound, Inbound };
enum class Outcome { NoAnswer, Promise, Dispute, Refusal, Paid, WrongContact, Other };
enum class Attitude { Unknown, Cooperative, Forgot, InDifficulty, Evasive, Hostile };
enum class InvoiceKind { B2B, B2C, PublicAdministration };
enum class PaymentMethod { Transfer, Card, Cash, Cheque, DirectDebit, Other };

// The life of a case. NotDue and Overdue follow from the invoices; the others are set by
// the user (with a reason) or, for ClosedPaid, by the fold when everything is paid.
enum class Stage {
    NotDue,
    Overdue,
    Reminded,
    Negotiating,
    PaymentPlan,
    FormalDemand,
    Agency,
    Legal,
    ClosedPaid,
    ClosedSettled,
    ClosedWrittenOff,
    ClosedPrescribed,
};
bool isClosed(Stage stage);

enum class PromiseStatus { Pending, Kept, Broken };

// The law's vocabulary (docs/law.md). Published rates: the late-payment rate of commercial
// transactions per half-year (Ley 3/2004, art. 7) and the legal interest rate per year.
enum class RateTable { LatePayment, LegalInterest };
// The prescription term of a debt: 5 years (Código Civil art. 1964.2), or 3 years for the
// debts art. 1967 lists (fees of professionals; goods sold to consumers or to a business of
// another trade).
enum class PrescriptionTerm { FiveYears, ThreeYears };
// What proves that the debtor received an out-of-court claim (LO 1/2025, art. 10).
enum class ProofKind { BurofaxReceipt, CertifiedEmail, NotarialAct, MediationCertificate, SignedAcknowledgement };
// How the late-payment interest and compensation of an invoice were settled.
enum class ChargesOutcome { Collected, Waived };
enum class InvoiceStatus { Open, PartiallyPaid, Paid, Void, Disputed };

// Payment plans and offers (docs/plans-and-offers.md). What a plan does with the late-payment
// interest: waived as a concession, or included in its total.
enum class PlanInterest { Waived, Included };
// How a schedule's installments follow each other when it is built from a count.
enum class PlanFrequency { Weekly, Fortnightly, Monthly };
// An offer to close the case for less: a discount for paying everything now, or a settlement
// (quita) accepting less than the debt.
enum class OfferKind { Discount, Settlement };
enum class InstallmentStatus { Pending, PartlyPaid, Paid, Late, Missed };
enum class PlanStatus { Active, Completed, Broken, Cancelled };
enum class OfferStatus { Open, Accepted, Lapsed };

// Stable names for every enumeration: enumNames<E>() lists {value, "name"} pairs.
template <class E> struct EnumTable;

#define RB_ENUM_TABLE(E, N, ...)                                                                                 \
    template <> struct EnumTable<E> {                                                                            \
        static constexpr std::array<std::pair<E, const char*>, N> values{{__VA_ARGS__}};                         \
    }

RB_ENUM_TABLE(DebtorKind, 5, {DebtorKind::Consumer, "consumer"}, {DebtorKind::Autonomo, "autonomo"},
              {DebtorKind::Sme, "sme"}, {DebtorKind::LargeCompany, "large_company"},
              {DebtorKind::PublicAdministration, "public_administration"});
RB_ENUM_TABLE(Relationship, 2, {Relationship::Regular, "regular"}, {Relationship::Occasional, "occasional"});
RB_ENUM_TABLE(Channel, 8, {Channel::Call, "call"}, {Channel::Email, "email"}, {Channel::Letter, "letter"},
              {Channel::Burofax, "burofax"}, {Channel::Sms, "sms"}, {Channel::WhatsApp, "whatsapp"},
              {Channel::Visit, "visit"}, {Channel::Meeting, "meeting"});
RB_ENUM_TABLE(Direction, 2, {Direction::Outbound, "outbound"}, {Direction::Inbound, "inbound"});
RB_ENUM_TABLE(Outcome, 7, {Outcome::NoAnswer, "no_answer"}, {Outcome::Promise, "promise"},
              {Outcome::Dispute, "dispute"}, {Outcome::Refusal, "refusal"}, {Outcome::Paid, "paid"},
              {Outcome::WrongContact, "wrong_contact"}, {Outcome::Other, "other"});
RB_ENUM_TABLE(Attitude, 6, {Attitude::Unknown, "unknown"}, {Attitude::Cooperative, "cooperative"},
              {Attitude::Forgot, "forgot"}, {Attitude::InDifficulty, "in_difficulty"},
              {Attitude::Evasive, "evasive"}, {Attitude::Hostile, "hostile"});
RB_ENUM_TABLE(InvoiceKind, 3, {InvoiceKind::B2B, "b2b"}, {InvoiceKind::B2C, "b2c"},
              {InvoiceKind::PublicAdministration, "public_administration"});
RB_ENUM_TABLE(PaymentMethod, 6, {PaymentMethod::Transfer, "transfer"}, {PaymentMethod::Card, "card"},
              {PaymentMethod::Cash, "cash"}, {PaymentMethod::Cheque, "cheque"},
              {PaymentMethod::DirectDebit, "direct_debit"}, {PaymentMethod::Other, "other"});
RB_ENUM_TABLE(Stage, 12, {Stage::NotDue, "not_due"}, {Stage::Overdue, "overdue"}, {Stage::Reminded, "reminded"},
              {Stage::Negotiating, "negotiating"}, {Stage::PaymentPlan, "payment_plan"},
              {Stage::FormalDemand, "formal_demand"}, {Stage::Agency, "agency"}, {Stage::Legal, "legal"},
              {Stage::ClosedPaid, "closed_paid"}, {Stage::ClosedSettled, "closed_settled"},
              {Stage::ClosedWrittenOff, "closed_written_off"}, {Stage::ClosedPrescribed, "closed_prescribed"});
RB_ENUM_TABLE(PromiseStatus, 3, {PromiseStatus::Pending, "pending"}, {PromiseStatus::Kept, "kept"},
              {PromiseStatus::Broken, "broken"});
RB_ENUM_TABLE(InvoiceStatus, 5, {InvoiceStatus::Open, "open"}, {InvoiceStatus::PartiallyPaid, "partially_paid"},
              {InvoiceStatus::Paid, "paid"}, {InvoiceStatus::Void, "void"}, {InvoiceStatus::Disputed, "disputed"});
RB_ENUM_TABLE(RateTable, 2, {RateTable::LatePayment, "late_payment"}, {RateTable::LegalInterest, "legal_interest"});
RB_ENUM_TABLE(PrescriptionTerm, 2, {PrescriptionTerm::FiveYears, "five_years"},
              {PrescriptionTerm::ThreeYears, "three_years"});
RB_ENUM_TABLE(ProofKind, 5, {ProofKind::BurofaxReceipt, "burofax_receipt"},
              {ProofKind::CertifiedEmail, "certified_email"}, {ProofKind::NotarialAct, "notarial_act"},
              {ProofKind::MediationCertificate, "mediation_certificate"},
              {ProofKind::SignedAcknowledgement, "signed_acknowledgement"});
RB_ENUM_TABLE(ChargesOutcome, 2, {ChargesOutcome::Collected, "collected"}, {ChargesOutcome::Waived, "waived"});
RB_ENUM_TABLE(PlanInterest, 2, {PlanInterest::Waived, "waived"}, {PlanInterest::Included, "included"});
RB_ENUM_TABLE(PlanFrequency, 3, {PlanFrequency::Weekly, "weekly"}, {PlanFrequency::Fortnightly, "fortnightly"},
              {PlanFrequency::Monthly, "monthly"});
RB_ENUM_TABLE(OfferKind, 2, {OfferKind::Discount, "discount"}, {OfferKind::Settlement, "settlement"});
RB_ENUM_TABLE(InstallmentStatus, 5, {InstallmentStatus::Pending, "pending"},
              {InstallmentStatus::PartlyPaid, "partly_paid"}, {InstallmentStatus::Paid, "paid"},
              {InstallmentStatus::Late, "late"}, {InstallmentStatus::Missed, "missed"});
RB_ENUM_TABLE(PlanStatus, 4, {PlanStatus::Active, "active"}, {PlanStatus::Completed, "completed"},
              {PlanStatus::Broken, "broken"}, {PlanStatus::Cancelled, "cancelled"});
RB_ENUM_TABLE(OfferStatus, 3, {OfferStatus::Open, "open"}, {OfferStatus::Accepted, "accepted"},
              {OfferStatus::Lapsed, "lapsed"});
#undef RB_ENUM_TABLE

template <class E> const char* enumName(E value) {
    for (const auto& [v, name] : EnumTable<E>::values)
        if (v == value) return name;
    return "";
}

template <class E> std::optional<E> parseEnum(std::string_view name) {
    for (const auto& [v, n] : EnumTable<E>::values)
        if (name == n) return v;
    return std::nullopt;
}

// "a, b, c": the valid names, for error messages.
template <class E> std::string enumChoices() {
    std::string out;
    for (const auto& [v, n] : EnumTable<E>::values) {
        if (!out.empty()) out += ", ";
        out += n;
    }
    return out;
}

} // namespace recobra
