#pragma once
// When an invoice's debt prescribes, and why (docs/law.md):
//
//   term          5 years (Código Civil art. 1964.2), or 3 years where the user marked the
//                 debtor or the invoice so (art. 1967); the invoice's mark wins
//   counted       date to date from the due date (a day the final month lacks becomes its
//                 last day): the deadline is the last day a claim still counts
//   interrupted   (art. 1973; LO 1/2025 art. 7) by a documented formal claim, an acknowledgement
//                 (a payment towards the invoice, a promise to pay, a signed acknowledgement)
//                 or a court claim (the case moved to the legal stage): the whole term runs
//                 again from that day. A call with no answer interrupts nothing; nothing
//                 interrupts a debt already prescribed
//   suspended     the days of a suspension (2020's state of alarm, 82 days) that fall inside a
//                 running term are added to it
//   transitional  a debt due before 7 October 2015 (Ley 42/2015, DT 5ª, and art. 1939) kept
//                 its old 15-year term, but no later than 7 October 2020 (plus the suspension)
#include "core/law/tables.hpp"
#include "core/state/state.hpp"

#include <vector>

namespace recobra {

enum class PrescriptionStepKind {
    Due,            // the term starts at the due date
    Transitional,   // a debt due before Ley 42/2015: 15 years, at most until 7 October 2020
    FormalClaim,    // interrupted by a formal claim
    Acknowledgement,// interrupted by the debtor's acknowledgement
    Promise,        // interrupted by a promise to pay
    Payment,        // interrupted by a payment towards it
    CourtClaim,     // interrupted by a claim in court (the case moved to the legal stage)
    Suspended,      // days added by a suspension
};
template <> struct EnumTable<PrescriptionStepKind> {
    static constexpr std::array<std::pair<PrescriptionStepKind, const char*>, 8> values{
        {{PrescriptionStepKind::Due, "due"},
         {PrescriptionStepKind::Transitional, "transitional"},
         {PrescriptionStepKind::FormalClaim, "formal_claim"},
         {PrescriptionStepKind::Acknowledgement, "acknowledgement"},
         {PrescriptionStepKind::Promise, "promise"},
         {PrescriptionStepKind::Payment, "payment"},
         {PrescriptionStepKind::CourtClaim, "court_claim"},
         {PrescriptionStepKind::Suspended, "suspended"}}};
};

struct PrescriptionStep {
    PrescriptionStepKind kind = PrescriptionStepKind::Due;
    Date on;                  // the day it happened (a suspension: its first day)
    Date deadline;            // the deadline after it
    std::int32_t days = 0;    // a suspension: the days it added
    std::string suspension;   // a suspension: its id
};

struct Prescription {
    PrescriptionTerm term = PrescriptionTerm::FiveYears;
    bool termSetOnInvoice = false; // else on the debtor, or the default
    Date deadline;                 // the last day a claim still counts
    std::vector<PrescriptionStep> steps; // in order; the last one set the deadline
    bool prescribedOn(Date day) const { return deadline < day; }
};

Prescription prescriptionOf(const State& state, const LawTables& tables, Index invoice);

// Ley 42/2015 came into force on 7 October 2015.
inline constexpr Date kLey42_2015 = Date::fromDaysSinceEpoch(16715); // 2015-10-07

} // namespace recobra
