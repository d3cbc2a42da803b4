#pragma once
// The plan of a generated data set: each debtor's story (invoices, reminders, calls,
// promises kept and broken, disputes, payments, escalation up to the agency and the court)
// simulated day by day and kept as compact steps. Events are written from the steps later,
// in time order across all debtors, so that the whole data set never sits in memory as
// events at once.
#include "core/model/events.hpp"
#include "core/sample/identity.hpp"
#include "core/sample/phrases.hpp"

#include <cstdint>
#include <vector>

namespace recobra::gen {

// How a debtor pays (docs/policy-and-agenda.md, "Segmentation").
enum class Segment : std::uint8_t { Punctual, Slip, Chronic, WontPay, Legacy };

// The currencies invoices are issued in, by index.
inline constexpr unsigned kCurrencyCount = 7;
CurrencyCode currencyAt(std::uint8_t index); // EUR, USD, MXN, COP, CLP, ARS, PEN

struct DebtorPlan {
    DebtorShape shape;
    Relationship relationship = Relationship::Regular;
    Segment segment = Segment::Punctual;
    std::int8_t assignee = -1; // member index, -1: nobody
    EventId registeredBy{};    // filled in when the registration is written
};

struct InvoicePlan {
    EventId createdBy{}; // filled in when the invoice is written
    std::int64_t amount = 0;
    std::uint32_t debtor = 0;
    std::uint32_t number = 0; // within the year of issue, once every story is planned
    std::int32_t issue = 0;   // days since 1970
    std::int32_t due = 0;
    PhraseId description = 0;
    std::uint8_t currency = 0;
    InvoiceKind kind = InvoiceKind::B2B;
};

enum class StepKind : std::uint8_t {
    Member,
    Register,
    Invoice,
    InvoiceAmount,
    InvoiceDue,
    Void,
    Dispute,
    Undispute,
    Payment,
    Interaction,
    Stage,
    Assign,
    Note,
    ContactAdd,
    ContactUpdate,
    ContactRemove,
    DebtorTag,
    PlanAgree,
    PlanCancel,
    Offer,
};

// Interaction flags.
inline constexpr std::uint8_t kInbound = 1, kFormalClaim = 2, kAcknowledges = 4, kPromise = 8;
inline constexpr std::uint8_t kNobody = 0xFF;

// One future event, 40 bytes. Which fields mean what depends on the kind:
//   Invoice, InvoiceAmount (amount), InvoiceDue (date), Void, Dispute, Undispute: ref = invoice
//   Payment: ref/count = allocations, amount, currency, date, a = method
//   Interaction: ref/count = invoices, a = channel, b = outcome, c = attitude, flags;
//                amount, currency and date are the promise's (or what the summary mentions)
//   Stage: a = stage, date and n for the reason; Assign: a = member (kNobody: none)
//   ContactAdd, ContactUpdate, ContactRemove: a = contact, amount = seed of the new details
//   PlanAgree: ref/count = invoices, amount = total, currency, date = first installment,
//              n = installments (monthly, equal in whole units, the rest on the last),
//              a = grace days, b = acceleration clause; PlanCancel: the debtor's latest plan
//   Offer: ref/count = invoices, amount = what to pay, currency, date = deadline,
//          a = OfferKind, n = percent off (a discount)
struct Step {
    Timestamp ts = 0;
    std::int64_t amount = 0;
    std::uint32_t debtor = 0;
    std::uint32_t ref = 0;
    std::int32_t date = 0;
    PhraseId text = 0;
    StepKind kind = StepKind::Note;
    std::uint8_t author = 0;
    std::uint8_t currency = 0;
    std::uint8_t count = 0;
    std::uint8_t a = 0, b = 0, c = 0, flags = 0, n = 0;
};

struct AllocationPlan {
    std::uint32_t invoice = 0;
    std::int64_t amount = 0;
};

struct World {
    std::uint64_t seed = 0;
    std::int32_t referenceDay = 0; // nothing happens on or after it
    std::int32_t windowStart = 0;  // two years before
    unsigned members = 3;
};

struct Plan {
    std::vector<DebtorPlan> debtors;
    std::vector<InvoicePlan> invoices;
    std::vector<Step> steps;
    std::vector<std::uint32_t> invoiceRefs;
    std::vector<AllocationPlan> allocations;
};

// Simulates debtor `debtor`'s story and appends it to the plan (debtors in index order).
void planDebtor(const World& world, std::uint32_t debtor, Plan& plan);

} // namespace recobra::gen
