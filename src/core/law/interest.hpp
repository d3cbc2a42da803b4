#pragma once
// Interest on one invoice up to a day (docs/law.md):
//
//   commercial  B2B and public-administration invoices (Ley 3/2004, arts. 5 and 7): from the
//               day after the due date, each day at the late-payment rate of its half-year;
//   legal       consumer invoices (Código Civil arts. 1100 and 1108): from the day of the
//               first formal claim that names the invoice (or names none), each day at the
//               legal interest rate of its year; none before such a claim.
//
// Simple interest on what was still unpaid that day (a payment lowers the base from the day
// after it is paid), actual days / 365 in every year, nothing on a day the invoice was
// disputed (a pause still accrues: it stops chasing, not the law), through `today` or the day
// of the payment that settled it. The day's amounts are summed exactly and rounded half up to
// the cent once per invoice. Only invoices in euros: the Spanish rates are for euro debts.
#include "core/law/tables.hpp"
#include "core/state/state.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace recobra {

enum class InterestKind { None, Commercial, Legal };
template <> struct EnumTable<InterestKind> {
    static constexpr std::array<std::pair<InterestKind, const char*>, 3> values{
        {{InterestKind::None, "none"}, {InterestKind::Commercial, "commercial"}, {InterestKind::Legal, "legal"}}};
};

// Days in a row with the same base, the same rate and in the same period.
struct InterestRow {
    std::string period; // "2026-H1" (commercial) or "2026" (legal)
    Date from, to;      // both included
    std::int32_t days = 0;
    std::int64_t base = 0;        // minor units still unpaid on those days
    std::int64_t basisPoints = 0; // the yearly rate: 1015 = 10.15 %
    std::int64_t amount = 0;      // minor units; the rows add up to the invoice's interest
};

struct InvoiceInterest {
    InterestKind kind = InterestKind::None;
    std::optional<Str> notComputed; // why there is none (not in euros, no formal claim yet…)
    std::optional<Date> claimedOn;  // legal interest: the formal claim it runs from
    std::vector<InterestRow> rows;
    std::int64_t amount = 0; // minor units, rounded once
    // Periods with days that would accrue but whose rate nobody entered: the amount leaves
    // them out, and says it is incomplete.
    std::vector<std::string> missingPeriods;
    // Whether the invoice was ever late on a day it was not disputed (the compensation's rule).
    bool late = false;
    bool incomplete() const { return !missingPeriods.empty(); }
};

// The dividing of Σ base × rate × days: minor units × hundredths of a point, over 365 days
// and 100 × 100.
inline constexpr std::int64_t kInterestDivisor = 365 * 100 * 100;

InvoiceInterest interestOn(const State& state, const LawTables& tables, Index invoice, Date today);

// Ley 3/2004, art. 8: 40 € for every late B2B or public-administration invoice, once.
inline constexpr std::int64_t kCompensationCents = 4000;

} // namespace recobra
