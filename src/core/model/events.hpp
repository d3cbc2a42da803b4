#pragma once
// Every change is one immutable event: an envelope (id, timestamp, author, type, schema
// version) and a payload. Payloads are plain structs; each lists its fields once in
// visit(), in the alphabetical order of their JSON keys, and the codecs (JSON reader and
// writer, binary snapshot) are generated from that list.
//
// Commands have the same shape as the payload of the event they produce: the command
// `addInvoice` is validated and becomes the event `invoice.added` (see commands.hpp).
#include "core/model/creditor.hpp"
#include "core/model/field.hpp"
#include "core/model/policy.hpp"
#include "core/model/vocabulary.hpp"
#include "core/values/ids.hpp"

#include <string>
#include <variant>
#include <vector>

namespace recobra {

inline constexpr int kSchemaVersion = 1;

struct ContactInfo {
    std::string address;
    std::string email;
    std::string id;
    std::string name;
    std::string phone;
    std::optional<Channel> preferredChannel;
    std::string role;

    template <class V> void visit(V& v) {
        v("address", address, Opt);
        v("email", email, Opt);
        v("id", id);
        v("name", name);
        v("phone", phone, Opt);
        v("preferredChannel", preferredChannel, Opt);
        v("role", role, Opt);
    }

    friend bool operator==(const ContactInfo&, const ContactInfo&) = default;
};

struct DebtorRegistered {
    static constexpr const char* kType = "debtor.registered";
    static constexpr const char* kCommand = "registerDebtor";
    std::string assignee; // member id, empty when nobody
    std::string bankRefs;
    std::string commercialRefs;
    std::vector<ContactInfo> contacts;
    std::string country = "ES"; // ISO 3166-1 alpha-2
    std::optional<Money> creditLimit;
    std::string debtor;
    DebtorKind kind = DebtorKind::Sme;
    std::string legalName;
    std::string notes;
    Relationship relationship = Relationship::Regular;
    std::vector<std::string> tags;
    std::string taxId;
    std::string tradeName;

    template <class V> void visit(V& v) {
        v("assignee", assignee, Opt);
        v("bankRefs", bankRefs, Opt);
        v("commercialRefs", commercialRefs, Opt);
        v("contacts", contacts, Opt);
        v("country", country);
        v("creditLimit", creditLimit, Opt);
        v("debtor", debtor);
        v("kind", kind);
        v("legalName", legalName);
        v("notes", notes, Opt);
        v("relationship", relationship, Opt);
        v("tags", tags, Opt);
        v("taxId", taxId, Opt);
        v("tradeName", tradeName, Opt);
    }

    friend bool operator==(const DebtorRegistered&, const DebtorRegistered&) = default;
};

// Only the fields present change, so two people editing different fields of the same
// debtor offline both keep their edit after a merge.
struct DebtorUpdated {
    static constexpr const char* kType = "debtor.updated";
    static constexpr const char* kCommand = "updateDebtor";
    std::optional<std::string> bankRefs;
    bool clearCreditLimit = false;
    std::optional<std::string> commercialRefs;
    std::optional<std::string> country;
    std::optional<Money> creditLimit;
    std::string debtor;
    std::optional<DebtorKind> kind;
    std::optional<std::string> legalName;
    std::optional<std::string> notes;
    std::optional<Relationship> relationship;
    std::optional<std::vector<std::string>> tags;
    std::optional<std::string> taxId;
    std::optional<std::string> tradeName;

    template <class V> void visit(V& v) {
        v("bankRefs", bankRefs, Opt);
        v("clearCreditLimit", clearCreditLimit, Opt);
        v("commercialRefs", commercialRefs, Opt);
        v("country", country, Opt);
        v("creditLimit", creditLimit, Opt);
        v("debtor", debtor);
        v("kind", kind, Opt);
        v("legalName", legalName, Opt);
        v("notes", notes, Opt);
        v("relationship", relationship, Opt);
        v("tags", tags, Opt);
        v("taxId", taxId, Opt);
        v("tradeName", tradeName, Opt);
    }

    friend bool operator==(const DebtorUpdated&, const DebtorUpdated&) = default;
};

struct ContactAdded {
    static constexpr const char* kType = "contact.added";
    static constexpr const char* kCommand = "addContact";
    ContactInfo contact;
    std::string debtor;

    template <class V> void visit(V& v) {
        v("contact", contact);
        v("debtor", debtor);
    }

    friend bool operator==(const ContactAdded&, const ContactAdded&) = default;
};

struct ContactUpdated {
    static constexpr const char* kType = "contact.updated";
    static constexpr const char* kCommand = "updateContact";
    std::optional<std::string> address;
    std::string contact;
    std::optional<std::string> email;
    std::optional<std::string> name;
    std::optional<std::string> phone;
    std::optional<Channel> preferredChannel;
    std::optional<std::string> role;

    template <class V> void visit(V& v) {
        v("address", address, Opt);
        v("contact", contact);
        v("email", email, Opt);
        v("name", name, Opt);
        v("phone", phone, Opt);
        v("preferredChannel", preferredChannel, Opt);
        v("role", role, Opt);
    }

    friend bool operator==(const ContactUpdated&, const ContactUpdated&) = default;
};

struct ContactRemoved {
    static constexpr const char* kType = "contact.removed";
    static constexpr const char* kCommand = "removeContact";
    std::string contact;

    template <class V> void visit(V& v) { v("contact", contact); }

    friend bool operator==(const ContactRemoved&, const ContactRemoved&) = default;
};

struct InvoiceAdded {
    static constexpr const char* kType = "invoice.added";
    static constexpr const char* kCommand = "addInvoice";
    Money amount;
    std::string debtor;
    std::string description;
    Date dueDate;
    std::string invoice;
    Date issueDate;
    InvoiceKind kind = InvoiceKind::B2B;
    std::string number;

    template <class V> void visit(V& v) {
        v("amount", amount);
        v("debtor", debtor);
        v("description", description, Opt);
        v("dueDate", dueDate);
        v("invoice", invoice);
        v("issueDate", issueDate);
        v("kind", kind, Opt);
        v("number", number);
    }

    friend bool operator==(const InvoiceAdded&, const InvoiceAdded&) = default;
};

struct InvoiceUpdated {
    static constexpr const char* kType = "invoice.updated";
    static constexpr const char* kCommand = "updateInvoice";
    std::optional<Money> amount;
    std::optional<std::string> description;
    std::optional<Date> dueDate;
    std::string invoice;
    std::optional<Date> issueDate;
    std::optional<InvoiceKind> kind;
    std::optional<std::string> number;

    template <class V> void visit(V& v) {
        v("amount", amount, Opt);
        v("description", description, Opt);
        v("dueDate", dueDate, Opt);
        v("invoice", invoice);
        v("issueDate", issueDate, Opt);
        v("kind", kind, Opt);
        v("number", number, Opt);
    }

    friend bool operator==(const InvoiceUpdated&, const InvoiceUpdated&) = default;
};

struct InvoiceVoided {
    static constexpr const char* kType = "invoice.voided";
    static constexpr const char* kCommand = "voidInvoice";
    std::string invoice;
    std::string reason;

    template <class V> void visit(V& v) {
        v("invoice", invoice);
        v("reason", reason);
    }

    friend bool operator==(const InvoiceVoided&, const InvoiceVoided&) = default;
};

struct InvoiceDisputeSet {
    static constexpr const char* kType = "invoice.dispute_set";
    static constexpr const char* kCommand = "setInvoiceDisputed";
    bool disputed = true;
    std::string invoice;
    std::string reason;

    template <class V> void visit(V& v) {
        v("disputed", disputed);
        v("invoice", invoice);
        v("reason", reason, Opt);
    }

    friend bool operator==(const InvoiceDisputeSet&, const InvoiceDisputeSet&) = default;
};

struct Allocation {
    std::int64_t amount = 0; // minor units of the payment's currency
    std::string invoice;

    template <class V> void visit(V& v) {
        v("amount", amount);
        v("invoice", invoice);
    }

    friend bool operator==(const Allocation&, const Allocation&) = default;
};

// Without allocations a payment goes to the debtor's open invoices, oldest due first.
struct PaymentRecorded {
    static constexpr const char* kType = "payment.recorded";
    static constexpr const char* kCommand = "recordPayment";
    std::vector<Allocation> allocations;
    Money amount;
    Date date;
    std::string debtor;
    PaymentMethod method = PaymentMethod::Transfer;
    std::string payment;
    std::string reference;

    template <class V> void visit(V& v) {
        v("allocations", allocations, Opt);
        v("amount", amount);
        v("date", date);
        v("debtor", debtor);
        v("method", method, Opt);
        v("payment", payment);
        v("reference", reference, Opt);
    }

    friend bool operator==(const PaymentRecorded&, const PaymentRecorded&) = default;
};

// The letter a conversation sent (the composer, docs/letters.md), kept whole as evidence: the
// template and language it came from, the subject and the text as sent, and the SHA-256 of
// that text (its UTF-8 bytes, in lower-case hex), so any later change to it shows. A letter
// sent by burofax carries the burofax's reference once known.
struct LetterSent {
    std::string lang; // "es" or "en"
    std::string reference;
    std::string sha256;
    std::string subject;
    std::string templateId;
    std::string text;

    template <class V> void visit(V& v) {
        v("lang", lang);
        v("reference", reference, Opt);
        v("sha256", sha256, Opt); // a command leaves it out: the check fills it in
        v("subject", subject, Opt);
        v("template", templateId);
        v("text", text);
    }

    friend bool operator==(const LetterSent&, const LetterSent&) = default;
};

struct PromiseTerms {
    Money amount;
    Date dueDate;
    std::string id;

    template <class V> void visit(V& v) {
        v("amount", amount);
        v("dueDate", dueDate);
        v("id", id);
    }

    friend bool operator==(const PromiseTerms&, const PromiseTerms&) = default;
};

// A conversation with the debtor. A promise to pay is made in one (outcome "promise").
// formalClaim marks a documented out-of-court claim (burofax, registered letter), which
// restarts the prescription period (Código Civil art. 1973); acknowledgesDebt records the
// debtor acknowledging the debt, which does too.
struct InteractionLogged {
    static constexpr const char* kType = "interaction.logged";
    static constexpr const char* kCommand = "logInteraction";
    bool acknowledgesDebt = false;
    Timestamp at = 0;
    Attitude attitude = Attitude::Unknown;
    Channel channel = Channel::Call;
    std::string debtor;
    Direction direction = Direction::Outbound;
    bool formalClaim = false;
    std::string interaction;
    std::vector<std::string> invoices;
    std::optional<LetterSent> letter;
    // Why an outbound contact beyond the policy's limit or in quiet hours was still made
    // (commands refuse such a contact without one; policy.hpp).
    std::string limitOverride;
    Outcome outcome = Outcome::Other;
    std::optional<PromiseTerms> promise;
    std::string summary;

    template <class V> void visit(V& v) {
        v("acknowledgesDebt", acknowledgesDebt, Opt);
        v("at", at);
        v("attitude", attitude, Opt);
        v("channel", channel);
        v("debtor", debtor);
        v("direction", direction);
        v("formalClaim", formalClaim, Opt);
        v("interaction", interaction);
        v("invoices", invoices, Opt);
        v("letter", letter, Opt);
        v("limitOverride", limitOverride, Opt);
        v("outcome", outcome);
        v("promise", promise, Opt);
        v("summary", summary, Opt);
    }

    friend bool operator==(const InteractionLogged&, const InteractionLogged&) = default;
};

// Whether a formal claim made in this conversation reached the debtor: a call, visit or
// meeting nobody answered, or one with the wrong person, claims nothing (docs/law.md).
inline bool claimReachedDebtor(const InteractionLogged& p) {
    if (p.outcome == Outcome::WrongContact) return false;
    return p.outcome != Outcome::NoAnswer ||
           !(p.channel == Channel::Call || p.channel == Channel::Visit || p.channel == Channel::Meeting);
}
// Whether the debtor could have acknowledged the debt in it: not without answering.
inline bool debtorAnswered(const InteractionLogged& p) {
    return p.outcome != Outcome::NoAnswer && p.outcome != Outcome::WrongContact;
}

struct StageChanged {
    static constexpr const char* kType = "stage.changed";
    static constexpr const char* kCommand = "changeStage";
    std::string debtor;
    std::string reason;
    Stage stage = Stage::Overdue;

    template <class V> void visit(V& v) {
        v("debtor", debtor);
        v("reason", reason);
        v("stage", stage);
    }

    friend bool operator==(const StageChanged&, const StageChanged&) = default;
};

struct DebtorAssigned {
    static constexpr const char* kType = "debtor.assigned";
    static constexpr const char* kCommand = "assignDebtor";
    std::string debtor;
    std::string member; // empty: nobody

    template <class V> void visit(V& v) {
        v("debtor", debtor);
        v("member", member, Opt);
    }

    friend bool operator==(const DebtorAssigned&, const DebtorAssigned&) = default;
};

struct NoteAdded {
    static constexpr const char* kType = "note.added";
    static constexpr const char* kCommand = "addNote";
    std::string debtor;
    std::string note;
    std::string text;

    template <class V> void visit(V& v) {
        v("debtor", debtor);
        v("note", note);
        v("text", text);
    }

    friend bool operator==(const NoteAdded&, const NoteAdded&) = default;
};

struct MemberAdded {
    static constexpr const char* kType = "member.added";
    static constexpr const char* kCommand = "addMember";
    std::string email;
    std::string member;
    std::string name;
    std::string role;

    template <class V> void visit(V& v) {
        v("email", email, Opt);
        v("member", member);
        v("name", name);
        v("role", role, Opt);
    }

    friend bool operator==(const MemberAdded&, const MemberAdded&) = default;
};

struct MemberUpdated {
    static constexpr const char* kType = "member.updated";
    static constexpr const char* kCommand = "updateMember";
    std::optional<bool> active;
    std::optional<std::string> email;
    std::string member;
    std::optional<std::string> name;
    std::optional<std::string> role;

    template <class V> void visit(V& v) {
        v("active", active, Opt);
        v("email", email, Opt);
        v("member", member);
        v("name", name, Opt);
        v("role", role, Opt);
    }

    friend bool operator==(const MemberUpdated&, const MemberUpdated&) = default;
};

// The collection policy, whole (policy.hpp). The latest one applies; before any, the default.
struct PolicyUpdated {
    static constexpr const char* kType = "policy.updated";
    static constexpr const char* kCommand = "updatePolicy";
    Policy policy;

    template <class V> void visit(V& v) { v("policy", policy); }

    friend bool operator==(const PolicyUpdated&, const PolicyUpdated&) = default;
};

// Stops the escalation ladder for a debtor, or for one of its invoices (a dispute, an agreed
// arrangement, the debtor in hospital) from `from` through `until`; it resumes by itself the
// day after. Commands fill `from` with today when it is left out.
struct PauseSet {
    static constexpr const char* kType = "pause.set";
    static constexpr const char* kCommand = "setPause";
    std::string debtor;
    std::optional<Date> from;
    std::string invoice; // empty: the whole debtor
    std::string pause;
    std::string reason;
    Date until;

    template <class V> void visit(V& v) {
        v("debtor", debtor);
        v("from", from, Opt);
        v("invoice", invoice, Opt);
        v("pause", pause);
        v("reason", reason);
        v("until", until);
    }

    friend bool operator==(const PauseSet&, const PauseSet&) = default;
};

// Ends a pause early; `on` is the first day the ladder runs again (commands fill it with today).
struct PauseLifted {
    static constexpr const char* kType = "pause.lifted";
    static constexpr const char* kCommand = "liftPause";
    std::optional<Date> on;
    std::string pause;
    std::string reason;

    template <class V> void visit(V& v) {
        v("on", on, Opt);
        v("pause", pause);
        v("reason", reason, Opt);
    }

    friend bool operator==(const PauseLifted&, const PauseLifted&) = default;
};

// An item of the daily agenda (agenda.hpp) dealt with: it does not come back. `key` names the
// occurrence (debtor, kind, step or promise, date), so the next step is a new item.
struct AgendaDone {
    static constexpr const char* kType = "agenda.done";
    static constexpr const char* kCommand = "markAgendaDone";
    std::string debtor;
    std::string key;
    std::string reason;

    template <class V> void visit(V& v) {
        v("debtor", debtor);
        v("key", key);
        v("reason", reason);
    }

    friend bool operator==(const AgendaDone&, const AgendaDone&) = default;
};

// An agenda item put off: it is back on `until`.
struct AgendaSnoozed {
    static constexpr const char* kType = "agenda.snoozed";
    static constexpr const char* kCommand = "snoozeAgendaItem";
    std::string debtor;
    std::string key;
    std::string reason;
    Date until;

    template <class V> void visit(V& v) {
        v("debtor", debtor);
        v("key", key);
        v("reason", reason);
        v("until", until);
    }

    friend bool operator==(const AgendaSnoozed&, const AgendaSnoozed&) = default;
};

// A published rate added or corrected by the user (docs/law.md): the late-payment rate of a
// half-year ("2026-H2") or the legal interest rate of a year ("2026"), in hundredths of a
// percentage point (1215 = 12.15 %), with where it was published. `clear` takes the user's
// value away: the shipped one (if any) applies again. The latest word on a period stands.
struct RateSet {
    static constexpr const char* kType = "law.rate_set";
    static constexpr const char* kCommand = "setRate";
    std::int64_t basisPoints = 0;
    bool clear = false;
    std::string period;
    std::string source;
    RateTable table = RateTable::LatePayment;

    template <class V> void visit(V& v) {
        v("basisPoints", basisPoints, Opt);
        v("clear", clear, Opt);
        v("period", period);
        v("source", source, Opt);
        v("table", table);
    }

    friend bool operator==(const RateSet&, const RateSet&) = default;
};

// A suspension of every prescription term, from `from` through `until` (a state of alarm),
// added by the user beside the one shipped; `clear` removes one the user added.
struct SuspensionSet {
    static constexpr const char* kType = "law.suspension_set";
    static constexpr const char* kCommand = "setSuspension";
    bool clear = false;
    Date from;
    std::string source;
    std::string suspension; // its id, chosen by the user ("es-2030-alarma")
    Date until;

    template <class V> void visit(V& v) {
        v("clear", clear, Opt);
        v("from", from);
        v("source", source, Opt);
        v("suspension", suspension);
        v("until", until);
    }

    friend bool operator==(const SuspensionSet&, const SuspensionSet&) = default;
};

// The prescription term of a debtor's debts, or of one invoice (which then wins over the
// debtor's): five years (Código Civil art. 1964.2, the default) or three (art. 1967).
struct PrescriptionTermSet {
    static constexpr const char* kType = "prescription.term_set";
    static constexpr const char* kCommand = "setPrescriptionTerm";
    std::string debtor;
    std::string invoice; // empty: the whole debtor
    std::string reason;
    PrescriptionTerm term = PrescriptionTerm::FiveYears;

    template <class V> void visit(V& v) {
        v("debtor", debtor);
        v("invoice", invoice, Opt);
        v("reason", reason, Opt);
        v("term", term);
    }

    friend bool operator==(const PrescriptionTermSet&, const PrescriptionTermSet&) = default;
};

// The proof that the debtor received an out-of-court claim or acknowledged the debt, attached
// to the conversation that made it (a formal claim, an acknowledgement): a burofax receipt, a
// certified email, a notarial act, a mediation certificate, a signed acknowledgement.
struct ProofAttached {
    static constexpr const char* kType = "proof.attached";
    static constexpr const char* kCommand = "attachProof";
    std::string debtor;
    std::string interaction;
    ProofKind kind = ProofKind::BurofaxReceipt;
    Date receivedOn;
    std::string reference;

    template <class V> void visit(V& v) {
        v("debtor", debtor);
        v("interaction", interaction);
        v("kind", kind);
        v("receivedOn", receivedOn);
        v("reference", reference, Opt);
    }

    friend bool operator==(const ProofAttached&, const ProofAttached&) = default;
};

// The late-payment interest (up to `on`) and the compensation of an invoice, collected or
// waived: they leave the claim. Interest on what is still owed after `on` accrues again.
struct ChargesClosed {
    static constexpr const char* kType = "charges.closed";
    static constexpr const char* kCommand = "closeCharges";
    std::string invoice;
    Date on;
    ChargesOutcome outcome = ChargesOutcome::Collected;
    std::string reason;

    template <class V> void visit(V& v) {
        v("invoice", invoice);
        v("on", on);
        v("outcome", outcome);
        v("reason", reason, Opt);
    }

    friend bool operator==(const ChargesClosed&, const ChargesClosed&) = default;
};

// The creditor's own details (creditor.hpp), whole: the latest stands.
struct CreditorUpdated {
    static constexpr const char* kType = "creditor.updated";
    static constexpr const char* kCommand = "updateCreditor";
    Creditor creditor;

    template <class V> void visit(V& v) { v("creditor", creditor); }

    friend bool operator==(const CreditorUpdated&, const CreditorUpdated&) = default;
};

// A letter or call-script template written in one language (docs/letters.md), shared by the
// team: its name, subject and body. The latest word on a template and language stands.
// `reset` takes the edit of a shipped template away (the shipped text applies again) and
// removes one of the user's own.
struct TemplateSaved {
    static constexpr const char* kType = "template.saved";
    static constexpr const char* kCommand = "saveTemplate";
    std::string body;
    std::string lang; // "es" or "en"
    std::string name;
    bool reset = false;
    std::string subject;
    std::string templateId; // lower-case letters, digits and "_": "friendly_reminder"

    template <class V> void visit(V& v) {
        v("body", body, Opt);
        v("lang", lang);
        v("name", name, Opt);
        v("reset", reset, Opt);
        v("subject", subject, Opt);
        v("template", templateId);
    }

    friend bool operator==(const TemplateSaved&, const TemplateSaved&) = default;
};

// --- payment plans and offers (docs/plans-and-offers.md) ------------------------------------

struct PlanInstallment {
    Money amount;
    Date due;

    template <class V> void visit(V& v) {
        v("amount", amount);
        v("due", due);
    }

    friend bool operator==(const PlanInstallment&, const PlanInstallment&) = default;
};

// A payment plan agreed with the debtor: the invoices it covers (commands fill every open,
// undisputed invoice when none is named), an optional down payment due the day it is agreed,
// the installments in date order, adding up with the down payment to exactly what the
// invoices owe plus the interest it includes. Its agreement acknowledges the debt (it starts
// the prescription term again, docs/law.md). `graceDays` after an installment's date it counts
// as missed; with `acceleration` (cláusula de vencimiento anticipado) one missed installment
// makes the whole rest due and the plan is broken.
struct PlanAgreed {
    static constexpr const char* kType = "plan.agreed";
    static constexpr const char* kCommand = "agreePlan";
    bool acceleration = false;
    std::optional<Date> agreedOn; // commands fill today
    std::string debtor;
    std::optional<Money> downPayment;
    std::int64_t graceDays = 0;
    std::vector<PlanInstallment> installments;
    PlanInterest interest = PlanInterest::Waived;
    std::optional<Money> interestAmount; // when included
    std::vector<std::string> invoices;
    std::string plan;
    std::string reason;

    template <class V> void visit(V& v) {
        v("acceleration", acceleration, Opt);
        v("agreedOn", agreedOn, Opt);
        v("debtor", debtor);
        v("downPayment", downPayment, Opt);
        v("graceDays", graceDays, Opt);
        v("installments", installments);
        v("interest", interest, Opt);
        v("interestAmount", interestAmount, Opt);
        v("invoices", invoices, Opt);
        v("plan", plan);
        v("reason", reason, Opt);
    }

    friend bool operator==(const PlanAgreed&, const PlanAgreed&) = default;
};

// A new schedule for what is left of a plan from `on`: its installments add up to the plan's
// total less what was paid towards it. The earlier schedules stay in the plan's history; of
// two amendments (two devices offline), the later event stands.
struct PlanAmended {
    static constexpr const char* kType = "plan.amended";
    static constexpr const char* kCommand = "amendPlan";
    std::string debtor;
    std::vector<PlanInstallment> installments;
    std::optional<Date> on; // commands fill today
    std::string plan;
    std::string reason;

    template <class V> void visit(V& v) {
        v("debtor", debtor);
        v("installments", installments);
        v("on", on, Opt);
        v("plan", plan);
        v("reason", reason);
    }

    friend bool operator==(const PlanAmended&, const PlanAmended&) = default;
};

// A plan given up: the case returns to the stage it was in before the plan.
struct PlanCancelled {
    static constexpr const char* kType = "plan.cancelled";
    static constexpr const char* kCommand = "cancelPlan";
    std::string debtor;
    std::optional<Date> on; // commands fill today
    std::string plan;
    std::string reason;

    template <class V> void visit(V& v) {
        v("debtor", debtor);
        v("on", on, Opt);
        v("plan", plan);
        v("reason", reason);
    }

    friend bool operator==(const PlanCancelled&, const PlanCancelled&) = default;
};

// An offer to close the case for `pay` if paid in full from `madeOn` through `deadline`: a
// discount for paying now (`percent` off, in hundredths of a point, when it was given as one)
// or a settlement (quita) accepting less than the debt. Paid in time, the rest of the invoices
// it covers is forgiven and the case closes (as paid, or as settled); past the deadline it
// lapses by itself and the whole debt stands.
struct OfferMade {
    static constexpr const char* kType = "offer.made";
    static constexpr const char* kCommand = "makeOffer";
    Date deadline;
    std::string debtor;
    std::vector<std::string> invoices; // commands fill every open, undisputed invoice
    OfferKind kind = OfferKind::Discount;
    std::optional<Date> madeOn; // commands fill today
    std::string offer;
    Money pay;
    std::int64_t percent = 0; // discount: basis points off (1000 = 10 %), 0 when given as an amount
    std::string reason;

    template <class V> void visit(V& v) {
        v("deadline", deadline);
        v("debtor", debtor);
        v("invoices", invoices, Opt);
        v("kind", kind);
        v("madeOn", madeOn, Opt);
        v("offer", offer);
        v("pay", pay);
        v("percent", percent, Opt);
        v("reason", reason, Opt);
    }

    friend bool operator==(const OfferMade&, const OfferMade&) = default;
};

// An event this version does not understand (a newer app wrote it, or a type added later):
// kept byte for byte and carried through exports, never dropped.
struct UnknownEvent {
    std::string type;
    std::string json; // the whole event, canonical JSON (sorted keys)

    friend bool operator==(const UnknownEvent&, const UnknownEvent&) = default;
};

using Payload = std::variant<DebtorRegistered, DebtorUpdated, ContactAdded, ContactUpdated, ContactRemoved,
                             InvoiceAdded, InvoiceUpdated, InvoiceVoided, InvoiceDisputeSet, PaymentRecorded,
                             InteractionLogged, StageChanged, DebtorAssigned, NoteAdded, MemberAdded, MemberUpdated,
                             PolicyUpdated, PauseSet, PauseLifted, AgendaDone, AgendaSnoozed, RateSet, SuspensionSet,
                             PrescriptionTermSet, ProofAttached, ChargesClosed, CreditorUpdated, TemplateSaved,
                             PlanAgreed, PlanAmended, PlanCancelled, OfferMade, UnknownEvent>;

struct Event {
    EventId id;
    Timestamp ts = 0; // wall-clock time it was recorded
    std::string author;
    int version = kSchemaVersion;
    Payload payload;

    const char* type() const;
    bool known() const { return !std::holds_alternative<UnknownEvent>(payload); }

    friend bool operator==(const Event&, const Event&) = default;
};

// Calls f(Tag<T>{}) for every known payload type T.
template <class T> struct Tag {
    using type = T;
};
template <class F> void forEachPayloadType(F&& f) {
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        (f(Tag<std::variant_alternative_t<I, Payload>>{}), ...);
    }(std::make_index_sequence<std::variant_size_v<Payload> - 1>{});
}

} // namespace recobra
