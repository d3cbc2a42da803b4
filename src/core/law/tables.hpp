#pragma once
// The published figures the law's computations read (docs/law.md), shipped with Recobra and
// amended by the user (RateSet and SuspensionSet events, state's LawAmendments):
//
//   late_payment     Ley 3/2004, art. 7.2: for each half-year, the ECB's main refinancing rate
//                    of its most recent operation before the half-year began, plus 8 points,
//                    as the Treasury publishes it in the BOE
//   legal_interest   the interés legal del dinero of each year (Ley de Presupuestos)
//   suspensions      periods in which every prescription term stood still (2020's state of
//                    alarm)
//
// Only values checked against a published source are shipped; a day whose rate nobody knows
// has none, and the figures built on it say so instead of guessing.
#include "core/state/state.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recobra {

// A rate in hundredths of a percentage point: 1215 is 12.15 % a year.
struct RateEntry {
    RateTable table = RateTable::LatePayment;
    std::string period; // "2025-H2" (late payment), "2025" (legal interest)
    std::int64_t basisPoints = 0;
    std::string source; // where it was published
    bool userSet = false; // added or corrected by the user (else shipped)
};

struct SuspensionEntry {
    std::string id;
    Date from, until; // both included
    std::string source;
    bool userSet = false;
};

// The id of the suspension Recobra ships: Spain's 2020 state of alarm.
inline constexpr std::string_view kShippedSuspensionId = "es-2020-alarma";

// The period a day falls in, for a table: "2026-H2" or "2026".
std::string ratePeriodOf(RateTable table, Date day);
// The first and last day of a period (as ratePeriodOf writes it); nullopt if it is not one.
std::optional<std::pair<Date, Date>> ratePeriodDays(RateTable table, std::string_view period);

// The shipped tables and the user's amendments, merged: the user's value of a period wins.
class LawTables {
public:
    explicit LawTables(const LawAmendments& amendments);
    LawTables(LawTables&&) = default; // the index points into rates_, whose buffer moves with it
    LawTables& operator=(LawTables&&) = default;
    LawTables(const LawTables&) = delete;
    LawTables& operator=(const LawTables&) = delete;
    static LawTables shipped(); // without amendments

    // The rate that applies on `day`, or nullopt when none is known for its period.
    const RateEntry* rateOn(RateTable table, Date day) const;
    const RateEntry* rate(RateTable table, std::string_view period) const;
    // Every rate of a table, oldest period first.
    std::vector<const RateEntry*> rates(RateTable table) const;
    // Every suspension, earliest first.
    const std::vector<SuspensionEntry>& suspensions() const { return suspensions_; }

private:
    LawTables() = default;
    void index();
    std::vector<RateEntry> rates_; // sorted by table, then period
    // The rate of each period from kFirstYear on, by its number (a half-year's: (year −
    // kFirstYear) × 2 + half; a year's: year − kFirstYear): looked up for every stretch of days.
    static constexpr int kFirstYear = 1990;
    std::vector<const RateEntry*> byHalfYear_, byYear_;
    std::vector<SuspensionEntry> suspensions_;
};

} // namespace recobra
