#pragma once
// State is the fold of the event log: what the screens read. It is rebuilt from scratch by
// fold() and kept current by apply() as events arrive. Applying the same set of events in
// id order always gives the same state, whatever order they were loaded in.
//
// Large, immutable records (interactions, notes) are not copied: the state points at them in
// the log by index. Things that change after they are created (debtors, invoices, payments,
// promises) are materialized here.
//
// Every field of every struct here is listed in its visit(): that is what the image of the
// state (state_image.hpp) writes and reads, and a field left out would come back empty after
// a start from an image (the state image tests compare it with a fold, field by field).
#include "core/i18n/problem.hpp"
#include "core/log/event_log.hpp"
#include "core/model/events.hpp"
#include "core/model/tax_id.hpp"
#include "core/state/id_index.hpp"
#include "core/state/number_index.hpp"
#include "core/values/money_bag.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace recobra {

struct DebtorProfile {
    std::string legalName;
    std::string tradeName;
    std::string taxId;
    DebtorKind kind = DebtorKind::Sme;
    std::string country = "ES";
    Relationship relationship = Relationship::Regular;
    std::optional<Money> creditLimit;
    std::string commercialRefs;
    std::string bankRefs;
    std::vector<std::string> tags;
    std::string notes;

    template <class V> void visit(V& v) {
        v("legalName", legalName);
        v("tradeName", tradeName);
        v("taxId", taxId);
        v("kind", kind);
        v("country", country);
        v("relationship", relationship);
        v("creditLimit", creditLimit);
        v("commercialRefs", commercialRefs);
        v("bankRefs", bankRefs);
        v("tags", tags);
        v("notes", notes);
    }
    friend bool operator==(const DebtorProfile&, const DebtorProfile&) = default;
};

struct StageChange {
    Index debtor = kNone;
    Timestamp at = 0;
    std::string author;
    std::optional<Stage> from; // nullopt: the stage followed the invoices
    std::optional<Stage> to;   // nullopt: back to following the invoices
    std::string reason;        // what the user wrote, or
    std::optional<Str> automaticReason; // why the fold changed it by itself

    template <class V> void visit(V& v) {
        v("debtor", debtor);
        v("at", at);
        v("author", author);
        v("from", from);
        v("to", to);
        v("reason", reason);
        v("automaticReason", automaticReason);
    }
    friend bool operator==(const StageChange&, const StageChange&) = default;
};

// What the law's figures (law/) read of a conversation that was a formal claim or an
// acknowledgement of the debt: its day, the invoices it named (none: every invoice due that
// day), its channel, and the proof of receipt attached to it later, if any.
struct LegalAct {
    std::string interaction; // its id: a proof is attached to it by id
    Date on;
    bool formalClaim = false;
    bool acknowledgement = false;
    Channel channel = Channel::Call;
    std::vector<Index> invoices;
    std::optional<ProofKind> proof;
    std::string proofReference;
    Date proofReceivedOn;

    template <class V> void visit(V& v) {
        v("interaction", interaction);
        v("on", on);
        v("formalClaim", formalClaim);
        v("acknowledgement", acknowledgement);
        v("channel", channel);
        v("invoices", invoices);
        v("proof", proof);
        v("proofReference", proofReference);
        v("proofReceivedOn", proofReceivedOn);
    }
    friend bool operator==(const LegalAct&, const LegalAct&) = default;
};

struct DebtorState {
    std::string id;
    DebtorProfile profile;
    std::string assignee;       // member id
    std::optional<Stage> stage; // set explicitly; nullopt: not due / overdue from invoices
    Timestamp registeredAt = 0;
    Timestamp lastActivityAt = 0; // last interaction, payment, promise or stage change
    std::uint32_t version = 0;    // bumped by every event that touches this debtor (caches key on it)
    std::vector<Index> contacts, invoices, payments, interactions /* log */, promises, notes /* log */,
        stageChanges;
    MoneyBag outstanding; // what the open invoices still owe
    MoneyBag credit;      // paid but not allocated to any invoice
    std::optional<Date> oldestOpenDue;
    // What the policy and the segmentation read of the conversations (the log holds the rest).
    std::vector<Index> pauses;
    std::vector<Timestamp> outboundContacts; // when each outbound contact happened, ascending
    Timestamp lastRefusalAt = 0;             // the latest conversation where the debtor refused to pay
    std::uint32_t refusals = 0;
    std::uint32_t unansweredStreak = 0; // outbound contacts without an answer since the last answer
    // The law's: the prescription term set for all of its debts, and its formal claims and
    // acknowledgements, in the order they were recorded.
    std::optional<PrescriptionTerm> prescriptionTerm;
    std::vector<LegalAct> legalActs;
    std::vector<Index> plans, offers; // in the order they were agreed, made
    // While the case is in a plan with an acceleration clause: the day the payments so far
    // leave it broken (plans.hpp), when the stage shows again the one it came from.
    std::optional<Date> planBreaksOn;
    std::optional<Stage> planReturnsTo;

    template <class V> void visit(V& v) {
        v("id", id);
        v("profile", profile);
        v("assignee", assignee);
        v("stage", stage);
        v("registeredAt", registeredAt);
        v("lastActivityAt", lastActivityAt);
        v("version", version);
        v("contacts", contacts);
        v("invoices", invoices);
        v("payments", payments);
        v("interactions", interactions);
        v("promises", promises);
        v("notes", notes);
        v("stageChanges", stageChanges);
        v("outstanding", outstanding);
        v("credit", credit);
        v("oldestOpenDue", oldestOpenDue);
        v("pauses", pauses);
        v("outboundContacts", outboundContacts);
        v("lastRefusalAt", lastRefusalAt);
        v("refusals", refusals);
        v("unansweredStreak", unansweredStreak);
        v("prescriptionTerm", prescriptionTerm);
        v("legalActs", legalActs);
        v("plans", plans);
        v("offers", offers);
        v("planBreaksOn", planBreaksOn);
        v("planReturnsTo", planReturnsTo);
    }
    friend bool operator==(const DebtorState&, const DebtorState&) = default;
};

struct ContactState {
    Index debtor = kNone;
    ContactInfo info;
    bool removed = false;

    template <class V> void visit(V& v) {
        v("debtor", debtor);
        v("info", info);
        v("removed", removed);
    }
    friend bool operator==(const ContactState&, const ContactState&) = default;
};

// An invoice marked disputed or no longer disputed, from that day on (the event's UTC day).
struct DisputeChange {
    Date on;
    bool disputed = false;

    template <class V> void visit(V& v) {
        v("on", on);
        v("disputed", disputed);
    }
    friend bool operator==(const DisputeChange&, const DisputeChange&) = default;
};

// The late-payment interest (through `on`) and compensation of an invoice, collected or waived.
struct ChargesClosure {
    ChargesOutcome outcome = ChargesOutcome::Collected;
    Date on;
    Timestamp at = 0;
    std::string author;
    std::string reason;

    template <class V> void visit(V& v) {
        v("outcome", outcome);
        v("on", on);
        v("at", at);
        v("author", author);
        v("reason", reason);
    }
    friend bool operator==(const ChargesClosure&, const ChargesClosure&) = default;
};

struct InvoiceState {
    std::string id;
    Index debtor = kNone;
    std::string number;
    Date issueDate;
    Date dueDate;
    Money amount;
    InvoiceKind kind = InvoiceKind::B2B;
    std::string description;
    bool voided = false;
    std::string voidReason;
    bool disputed = false;
    std::string disputeReason;
    std::int64_t paid = 0;     // minor units allocated from payments
    std::int64_t forgiven = 0; // what an accepted offer let go (a discount given, a settlement's rest)
    Timestamp addedAt = 0;
    std::vector<DisputeChange> disputes;             // in the order they were recorded
    std::optional<PrescriptionTerm> prescriptionTerm; // set for this invoice (wins over the debtor's)
    std::optional<ChargesClosure> charges;

    template <class V> void visit(V& v) {
        v("id", id);
        v("debtor", debtor);
        v("number", number);
        v("issueDate", issueDate);
        v("dueDate", dueDate);
        v("amount", amount);
        v("kind", kind);
        v("description", description);
        v("voided", voided);
        v("voidReason", voidReason);
        v("disputed", disputed);
        v("disputeReason", disputeReason);
        v("paid", paid);
        v("forgiven", forgiven);
        v("addedAt", addedAt);
        v("disputes", disputes);
        v("prescriptionTerm", prescriptionTerm);
        v("charges", charges);
    }

    std::int64_t outstanding() const { return voided ? 0 : amount.minor - paid - forgiven; }
    bool open() const { return !voided && outstanding() > 0; }
    InvoiceStatus status() const;
    friend bool operator==(const InvoiceState&, const InvoiceState&) = default;
};

struct AppliedAllocation {
    Index invoice = kNone;
    std::int64_t amount = 0;

    template <class V> void visit(V& v) {
        v("invoice", invoice);
        v("amount", amount);
    }
    friend bool operator==(const AppliedAllocation&, const AppliedAllocation&) = default;
};

struct PaymentState {
    std::string id;
    Index debtor = kNone;
    Date date;
    Money amount;
    PaymentMethod method = PaymentMethod::Transfer;
    std::string reference;
    std::vector<AppliedAllocation> allocations;
    std::int64_t unallocated = 0;
    Timestamp recordedAt = 0;
    std::string author;

    template <class V> void visit(V& v) {
        v("id", id);
        v("debtor", debtor);
        v("date", date);
        v("amount", amount);
        v("method", method);
        v("reference", reference);
        v("allocations", allocations);
        v("unallocated", unallocated);
        v("recordedAt", recordedAt);
        v("author", author);
    }
    friend bool operator==(const PaymentState&, const PaymentState&) = default;
};

struct PromiseState {
    std::string id;
    Index debtor = kNone;
    Index interaction = kNone; // log index of the interaction it was made in
    Money amount;
    Date madeOn;
    Date dueDate;

    template <class V> void visit(V& v) {
        v("id", id);
        v("debtor", debtor);
        v("interaction", interaction);
        v("amount", amount);
        v("madeOn", madeOn);
        v("dueDate", dueDate);
    }
    friend bool operator==(const PromiseState&, const PromiseState&) = default;
};

// One schedule of a plan: the one agreed (from its day, down payment first), then each
// amendment's (from its day). `covered` is what the schedules before it took of the total:
// payments towards the plan beyond it go to these installments, in order.
struct PlanSchedule {
    Date from;
    std::vector<PlanInstallment> installments;
    bool downPayment = false; // the first installment is the down payment
    std::int64_t covered = 0;
    Timestamp at = 0;
    std::string author;
    std::string reason;

    template <class V> void visit(V& v) {
        v("from", from);
        v("installments", installments);
        v("downPayment", downPayment);
        v("covered", covered);
        v("at", at);
        v("author", author);
        v("reason", reason);
    }
    friend bool operator==(const PlanSchedule&, const PlanSchedule&) = default;
};

struct PlanState {
    std::string id;
    Index debtor = kNone;
    std::vector<Index> invoices;
    Date agreedOn;
    Money total; // the down payment and the installments of the first schedule
    PlanInterest interest = PlanInterest::Waived;
    std::int64_t interestAmount = 0;
    std::int64_t graceDays = 0;
    bool acceleration = false;
    std::optional<Stage> stageBefore; // the stage the case was in when it was agreed
    std::vector<PlanSchedule> schedules; // the first, then the amendments in event order
    bool cancelled = false;
    Date cancelledOn;
    std::string cancelReason;
    std::optional<Date> completedOn; // the day the payments reached its total
    std::string reason;

    template <class V> void visit(V& v) {
        v("id", id);
        v("debtor", debtor);
        v("invoices", invoices);
        v("agreedOn", agreedOn);
        v("total", total);
        v("interest", interest);
        v("interestAmount", interestAmount);
        v("graceDays", graceDays);
        v("acceleration", acceleration);
        v("stageBefore", stageBefore);
        v("schedules", schedules);
        v("cancelled", cancelled);
        v("cancelledOn", cancelledOn);
        v("cancelReason", cancelReason);
        v("completedOn", completedOn);
        v("reason", reason);
    }
    const PlanSchedule& current() const { return schedules.back(); }
    friend bool operator==(const PlanState&, const PlanState&) = default;
};

struct OfferState {
    std::string id;
    Index debtor = kNone;
    OfferKind kind = OfferKind::Discount;
    std::vector<Index> invoices;
    Date madeOn;
    Date deadline;
    Money pay;
    Money debt; // what the invoices owed when it was made
    std::int64_t percent = 0;
    std::string reason;
    Timestamp at = 0;
    std::string author;
    std::optional<Date> acceptedOn; // the day the payments reached `pay`
    std::int64_t forgiven = 0;       // what was let go when accepted

    template <class V> void visit(V& v) {
        v("id", id);
        v("debtor", debtor);
        v("kind", kind);
        v("invoices", invoices);
        v("madeOn", madeOn);
        v("deadline", deadline);
        v("pay", pay);
        v("debt", debt);
        v("percent", percent);
        v("reason", reason);
        v("at", at);
        v("author", author);
        v("acceptedOn", acceptedOn);
        v("forgiven", forgiven);
    }
    friend bool operator==(const OfferState&, const OfferState&) = default;
};

// A pause of the escalation ladder (PauseSet): active from `from` through `until`, or
// through the day before it was lifted.
struct PauseState {
    std::string id;
    Index debtor = kNone;
    Index invoice = kNone; // kNone: the whole debtor
    std::string reason;
    Date from;
    Date until;
    Timestamp setAt = 0;
    std::string author;
    bool lifted = false;
    Date liftedOn; // the first day the ladder runs again
    Timestamp liftedAt = 0;
    std::string liftedBy;
    std::string liftReason;

    template <class V> void visit(V& v) {
        v("id", id);
        v("debtor", debtor);
        v("invoice", invoice);
        v("reason", reason);
        v("from", from);
        v("until", until);
        v("setAt", setAt);
        v("author", author);
        v("lifted", lifted);
        v("liftedOn", liftedOn);
        v("liftedAt", liftedAt);
        v("liftedBy", liftedBy);
        v("liftReason", liftReason);
    }

    Date lastDay() const { return lifted ? std::min(until, liftedOn.addDays(-1)) : until; }
    bool activeOn(Date day) const { return from <= day && day <= lastDay(); }
    friend bool operator==(const PauseState&, const PauseState&) = default;
};

// What was done with an agenda item, by its key: done for good, or snoozed until a day.
struct AgendaHandling {
    bool done = false;
    Date snoozedUntil; // when not done: the item is back on this day
    Timestamp at = 0;
    std::string author;
    std::string reason;

    template <class V> void visit(V& v) {
        v("done", done);
        v("snoozedUntil", snoozedUntil);
        v("at", at);
        v("author", author);
        v("reason", reason);
    }
    friend bool operator==(const AgendaHandling&, const AgendaHandling&) = default;
};

struct MemberState {
    std::string id;
    std::string name;
    std::string email;
    std::string role;
    bool active = true;

    template <class V> void visit(V& v) {
        v("id", id);
        v("name", name);
        v("email", email);
        v("role", role);
        v("active", active);
    }
    friend bool operator==(const MemberState&, const MemberState&) = default;
};

// The user's additions to the law's published tables (law/tables.hpp ships the rest): rates
// of a half-year or a year, and suspensions of prescription.
struct RateAmendment {
    RateTable table = RateTable::LatePayment;
    std::string period; // "2026-H2", "2026"
    std::int64_t basisPoints = 0;
    std::string source;
    Timestamp at = 0;
    std::string author;

    template <class V> void visit(V& v) {
        v("table", table);
        v("period", period);
        v("basisPoints", basisPoints);
        v("source", source);
        v("at", at);
        v("author", author);
    }
    friend bool operator==(const RateAmendment&, const RateAmendment&) = default;
};

struct SuspensionAmendment {
    std::string id;
    Date from, until;
    std::string source;
    Timestamp at = 0;
    std::string author;

    template <class V> void visit(V& v) {
        v("id", id);
        v("from", from);
        v("until", until);
        v("source", source);
        v("at", at);
        v("author", author);
    }
    friend bool operator==(const SuspensionAmendment&, const SuspensionAmendment&) = default;
};

struct LawAmendments {
    std::vector<RateAmendment> rates; // one per (table, period)
    std::vector<SuspensionAmendment> suspensions; // one per id
    std::uint32_t revision = 0; // bumped by every change (caches key on it)

    template <class V> void visit(V& v) {
        v("rates", rates);
        v("suspensions", suspensions);
        v("revision", revision);
    }
    friend bool operator==(const LawAmendments&, const LawAmendments&) = default;
};

// A template as the team wrote it in one language (template.saved, docs/letters.md).
struct TemplateEdit {
    std::string templateId;
    std::string lang;
    std::string name, subject, body;
    Timestamp at = 0;
    std::string author;

    template <class V> void visit(V& v) {
        v("templateId", templateId);
        v("lang", lang);
        v("name", name);
        v("subject", subject);
        v("body", body);
        v("at", at);
        v("author", author);
    }
    friend bool operator==(const TemplateEdit&, const TemplateEdit&) = default;
};

// What the letters are written with: the creditor's details and the team's templates.
struct LetterSetup {
    std::optional<Creditor> creditor;
    Timestamp creditorSetAt = 0;
    std::string creditorSetBy;
    std::vector<TemplateEdit> templates; // one per (templateId, lang), in that order
    std::uint32_t revision = 0; // bumped by every change (caches key on it)

    template <class V> void visit(V& v) {
        v("creditor", creditor);
        v("creditorSetAt", creditorSetAt);
        v("creditorSetBy", creditorSetBy);
        v("templates", templates);
        v("revision", revision);
    }
    friend bool operator==(const LetterSetup&, const LetterSetup&) = default;
};

// What apply() could not make sense of: kept in the log, counted here.
struct FoldDiagnostics {
    std::size_t unknownEvents = 0; // types or schema versions this version does not know
    std::size_t orphanEvents = 0;  // refer to something that does not exist
    std::size_t duplicateEntities = 0; // create something whose id already exists

    template <class V> void visit(V& v) {
        v("unknownEvents", unknownEvents);
        v("orphanEvents", orphanEvents);
        v("duplicateEntities", duplicateEntities);
    }
    friend bool operator==(const FoldDiagnostics&, const FoldDiagnostics&) = default;
};

struct State {
    std::vector<DebtorState> debtors;
    std::vector<ContactState> contacts;
    std::vector<InvoiceState> invoices;
    std::vector<PaymentState> payments;
    std::vector<PromiseState> promises;
    std::vector<StageChange> stageChanges;
    std::vector<MemberState> members;
    std::vector<PauseState> pauses;
    std::vector<PlanState> plans;
    std::vector<OfferState> offers;
    std::optional<Policy> policy; // nullopt: the default policy applies
    Timestamp policySetAt = 0;
    std::string policySetBy;
    std::uint32_t policyRevision = 0; // bumped by every policy.updated (caches key on it)
    std::unordered_map<std::string, AgendaHandling> agendaHandled;
    LawAmendments law;
    LetterSetup letters;
    std::size_t interactionCount = 0;
    std::size_t noteCount = 0;

    // Position in the list above from the entity's id (the ids are not copied: see IdIndex).
    // Looked up with debtor(id), contact(id)…; added to by apply().
    // Each knows the letter of the ids the app makes for its list (fillIds in commands.cpp).
    IdIndex debtorById{'d'}, contactById{'c'}, invoiceById{'i'}, paymentById{'p'}, promiseById{'r'},
        memberById{'m'}, pauseById{'h'}, planById{'q'}, offerById{'o'};
    std::unordered_map<std::string, Index> debtorByTaxId; // normalized tax id
    // A debtor's invoices by number as commands compare them: without the blanks at the ends,
    // ASCII letters in either case ("f-001 " is "F-001"). Looked up with hasInvoiceNumber().
    // Derived, and built when first asked (hasInvoiceNumber): a state read from its image
    // starts without it, so a cold start does not pay for it (80 ms natively at 100,000
    // debtors). Not a fact: equal states compare equal whether or not it is built.
    struct InvoiceNumbers {
        NumberIndex index;
        bool built = true;
        friend bool operator==(const InvoiceNumbers&, const InvoiceNumbers&) { return true; }
    };
    mutable InvoiceNumbers invoiceByNumber;
    FoldDiagnostics diagnostics;
    std::optional<EventId> lastApplied;

    std::optional<Index> debtor(std::string_view id) const;
    std::optional<Index> contact(std::string_view id) const;
    std::optional<Index> invoice(std::string_view id) const;
    std::optional<Index> payment(std::string_view id) const;
    std::optional<Index> promise(std::string_view id) const;
    std::optional<Index> member(std::string_view id) const;
    std::optional<Index> pause(std::string_view id) const;
    std::optional<Index> plan(std::string_view id) const;
    std::optional<Index> offer(std::string_view id) const;
    // Whether the debtor has an invoice with this number (compared as invoiceByNumber does)
    // other than the invoice whose id is `self`.
    bool hasInvoiceNumber(Index debtor, std::string_view number, std::string_view self = {}) const;

    friend bool operator==(const State&, const State&) = default; // every fact, the indexes too
};

// The policy recorded in the log, or the default one.
const Policy& effectivePolicy(const State& state);

// Why an event did not change the state (loading tolerates this; imports refuse it).
struct ApplyResult {
    bool applied = true;
    std::optional<Problem> problem;
};

// The debtor an event is about, found from the ids in its payload (nullopt for events about
// no debtor, such as team changes).
std::optional<Index> affectedDebtor(const State& state, const Payload& payload);

// Applies `event`, which sits at `index` of the log (events must come in id order).
ApplyResult apply(State& state, const Event& event, Index index);
// Rebuilds the state from the whole log.
State fold(const EventLog& log);
// Makes room in `state` for the debtors, invoices and payments `log` registers from event
// `from` on (counted from its records' types, without decoding them), so that folding it does
// not grow and rehash those lists and indexes as it goes.
void reserveFor(State& state, const EventLog& log, std::size_t from = 0);

// Frees about `budget` of a state's items (debtors, invoices, index entries…), so that a large
// one (millions of allocations) can be freed a slice at a time without freezing the page
// (bench/README.md). True while anything remains.
bool releaseSome(State& state, std::size_t budget);

// The debtor's invoices a payment without allocations pays off, in the order it pays them:
// open, in the payment's currency, not disputed, oldest due date first (then issue date,
// number). The same rule for the fold and for the preview a form shows.
std::vector<Index> automaticAllocationOrder(const State& state, Index debtor, CurrencyCode currency);

// Fills invoiceByNumber from the invoices (done when first asked, for a state read from its
// image, which does not hold it).
void indexInvoiceNumbers(const State& state);

// How many invoices the fold and the commands have looked at one at a time while going
// through a debtor's invoices (summing what it owes, ordering its open invoices for a
// payment, comparing invoice numbers), on this thread so far. Tests read it to keep a path
// linear: adding an invoice looks at none or one of them, however many the debtor has.
std::uint64_t invoiceVisits();

} // namespace recobra
