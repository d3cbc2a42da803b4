#pragma once
// The daily agenda: what to do today, computed from the state, the policy and the day, and
// nothing else (no clock, no I/O): the same data and day always give the same agenda, in the
// same order, in the app, the CLI (`recobra agenda`) and window.recobra.agenda().
//
// The rules (docs/policy-and-agenda.md explains each with an example):
//   due_soon           an open invoice falls due within the policy's reminderDaysBefore
//   escalation         the debtor's ladder (by segment) reached a step not yet taken
//   promise_due        the latest promise falls due today and is not kept yet
//   promise_broken     the latest promise passed its day without being kept, and it is owed
//   installment_due    an installment of the plan the case is in falls due today, or is late
//                      (inside its grace days), and is not paid in full
//   installment_missed the latest installment missed (past its grace days); with an
//                      acceleration clause, the plan broken: the whole rest is due
//   stale_stage        a case sat in an active stage with no activity for staleDays
//   contact_limit      the debtor had contactLimit outbound contacts in the last 7 days
//   credit_limit       the debtor owes more than its credit limit
//   prescription_near  an invoice still owed prescribes within 90 days (high within 30: a
//                      documented formal claim starts the term again; docs/law.md)
//   prescribed         an invoice's prescription deadline passed: close the case as prescribed?
// Closed cases have nothing to do. A pause of the whole debtor silences every rule that
// chases it (all but contact_limit, credit_limit and the two of prescription: a pause stops
// the chasing, not the law's clock); a pause of one invoice takes that
// invoice out of due_soon and escalation, and paused days do not count on the ladder.
//
// Payment plans are their own records (plans.hpp): while one runs, the ladder of the
// invoices it covers stands still; broken, the case is back in its earlier stage and the
// ladder resumes from where it stood.
//
// An item is identified by its key (kind, debtor, and the invoice, step, promise or date of
// that occurrence). agenda.done removes it for good; agenda.snoozed until a day. An item not
// handled stays until handled or until its cause is gone (paid, superseded by the next step).
#include "core/model/policy.hpp"
#include "core/rules/segmentation.hpp"
#include "core/state/state.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace recobra {

enum class AgendaKind {
    DueSoon,
    Escalation,
    PromiseDue,
    PromiseBroken,
    InstallmentDue,
    InstallmentMissed,
    StaleStage,
    ContactLimit,
    CreditLimit,
    PrescriptionNear,
    Prescribed
};
// High first. High: a broken promise or installment, a formal step (formal demand, agency,
// court). Medium: the other ladder steps, a promise due today, a credit limit exceeded.
// Low: reminders before the due date, stale cases, the contact limit.
enum class Priority { High, Medium, Low };

template <> struct EnumTable<AgendaKind> {
    static constexpr std::array<std::pair<AgendaKind, const char*>, 11> values{
        {{AgendaKind::DueSoon, "due_soon"},
         {AgendaKind::Escalation, "escalation"},
         {AgendaKind::PromiseDue, "promise_due"},
         {AgendaKind::PromiseBroken, "promise_broken"},
         {AgendaKind::InstallmentDue, "installment_due"},
         {AgendaKind::InstallmentMissed, "installment_missed"},
         {AgendaKind::StaleStage, "stale_stage"},
         {AgendaKind::ContactLimit, "contact_limit"},
         {AgendaKind::CreditLimit, "credit_limit"},
         {AgendaKind::PrescriptionNear, "prescription_near"},
         {AgendaKind::Prescribed, "prescribed"}}};
};
template <> struct EnumTable<Priority> {
    static constexpr std::array<std::pair<Priority, const char*>, 3> values{
        {{Priority::High, "high"}, {Priority::Medium, "medium"}, {Priority::Low, "low"}}};
};

struct AgendaItem {
    Index debtor = kNone;
    AgendaKind kind = AgendaKind::DueSoon;
    Priority priority = Priority::Low;
    Date due; // since when it is to be done
    std::string key;
    // What the reason is made of; which fields are set depends on the kind.
    Index invoice = kNone;          // due_soon, prescription_*; escalation: the invoice furthest up
                                    // the ladder
    Index promise = kNone;          // promise_due, promise_broken
    Index plan = kNone;             // installment_*
    bool broken = false;            // installment_missed: the plan broken, the rest due
    Segment segment = Segment::New; // escalation
    std::optional<LadderStep> step; // escalation
    std::int64_t count = 0;         // escalation: days on the ladder; stale_stage: days idle;
                                    // installment_*: its number (1 for the first);
                                    // contact_limit: contacts in the last 7 days;
                                    // prescription_near: days left
    std::int64_t limit = 0;         // contact_limit: the policy's limit the agenda was computed with;
                                    // installment_*: how many the schedule has
    Date date;  // due_soon: the invoice's due date; promises: the promise's; stale_stage: the
                // last activity; contact_limit: the first day a contact is allowed again;
                // prescription_*: the deadline
    Money amount; // due_soon, escalation: owed; promises, installments: promised (a broken
                  // plan: the whole rest); credit_limit: owed
    Money other;  // escalation: overdue in all; promises, installments: paid; credit_limit: the limit
    Stage stage = Stage::NotDue; // stale_stage; installment_missed: the stage the case is in
};

struct Agenda {
    Date today;
    std::vector<AgendaItem> items; // not handled, sorted (sortAgenda)
    std::size_t snoozed = 0;       // items that would be due but are snoozed until later
};

// The whole agenda for `today` under `policy`.
Agenda computeAgenda(const State& state, const Policy& policy, Date today);
// Under the policy the state holds (effectivePolicy).
Agenda computeAgenda(const State& state, Date today);

// One debtor's items, sorted; with `includeHandled`, also those done or snoozed.
std::vector<AgendaItem> debtorAgenda(const State& state, const Policy& policy, Index debtor, Date today,
                                     bool includeHandled = false);

// Priority, then due date (oldest first), debtor name, kind, key: a total order.
void sortAgenda(const State& state, std::vector<AgendaItem>& items);
bool agendaBefore(const State& state, const AgendaItem& a, const AgendaItem& b);

// Why the item is there, in plain words.
std::string agendaReason(const State& state, const AgendaItem& item, Lang lang);

// {"count", "items": [{debtor, debtorName, due, key, kind, priority, reason: {en, es}, and
// invoice, promise, segment, step when they apply}], "snoozed", "today"}: sorted keys, so the
// same agenda always prints the same bytes (the CLI and window.recobra.agenda() use this).
nlohmann::json agendaJson(const State& state, const Agenda& agenda);

// Outbound contacts in the rolling 7 days before `at` (the instant, 7 × 24 hours), and
// whether one more at `at` breaks the policy: over the limit, or in quiet hours (local time
// from `utcOffsetMinutes`) on a channel they apply to.
struct ContactCheck {
    std::size_t recent = 0; // outbound contacts in (at − 7 days, at]
    bool overLimit = false;
    bool quietHours = false;
    Timestamp allowedFrom = 0; // when over the limit: the first instant another is allowed
};
ContactCheck checkContact(const State& state, const Policy& policy, Index debtor, Timestamp at, Channel channel,
                          int utcOffsetMinutes);

// Keeps the agenda between frames: recomputes only the debtors whose version changed, and
// everything when the day, the policy or the fold (`generation`) changed.
class AgendaCache {
public:
    // Returns whether the agenda changed.
    bool update(const State& state, Date today, std::uint64_t generation);
    const std::vector<const AgendaItem*>& items() const { return sorted_; }
    std::size_t snoozed() const { return snoozedTotal_; }
    Date day() const { return day_; }
    std::size_t recomputed() const { return recomputed_; } // debtors recomputed so far (for tests)

private:
    std::vector<std::vector<AgendaItem>> perDebtor_;
    std::vector<std::uint32_t> versions_;
    std::vector<std::uint32_t> snoozed_;
    std::vector<const AgendaItem*> sorted_;
    std::size_t snoozedTotal_ = 0;
    Date day_;
    std::uint32_t policyRevision_ = 0;
    std::uint32_t lawRevision_ = 0;
    std::uint64_t generation_ = 0;
    bool computed_ = false;
    std::size_t recomputed_ = 0;
};

} // namespace recobra
