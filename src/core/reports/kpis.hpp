#pragma once
// The collection KPIs, as of any day (docs/kpis.md states each with its formula and a worked
// example; tests/core/kpis_test.cpp follows it): outstanding, overdue and its aging; DSO
// (standard and countback), best possible DSO and ADD; CEI; average days to collect;
// recovery rate; promises kept; what closed cases wrote off, settled or let prescribe; the
// cash expected in the next 4 weeks and 3 months; and monthly series for the last 24 months.
//
// "As of D" reads everything the log knows today, as it was on D: invoices issued on or
// before D, payments dated on or before D (one recorded later but dated before D counts),
// promises made on or before D, and the stage changes made on or before D. Every figure is
// per currency, never summed across currencies, for the whole book and, when asked, per
// assignee or per segment: the groups add up to the whole.
//
// Ratios are exact integers in tenths (a DSO of 45.3 days is 453, a CEI of 87.5 % is 875),
// rounded half up once through divideRounded (values/rounding.hpp); nothing when the ratio
// has no denominator (no sales in the period, nothing overdue).
#include "core/state/state.hpp"

#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace recobra {

enum class KpiGrouping { None, Assignee, Segment };

inline constexpr int kMaxKpiMonths = 120;

struct KpiOptions {
    Date asOf;
    Date from, to;  // the period the flow figures cover, both days included; to ≤ asOf
    KpiGrouping by = KpiGrouping::None;
    int months = 24; // monthly series: the month of `asOf` (up to it) and the months before
};

// The period when none is given: the calendar month of `asOf`, from its first day to `asOf`.
KpiOptions defaultKpiOptions(Date asOf);

// Aging of what is owed as of the day, by days past each invoice's due date.
inline constexpr std::size_t kAgingBuckets = 6;
enum class AgingBucket { NotDue, Days1To30, Days31To60, Days61To90, Days91To120, Over120 };
template <> struct EnumTable<AgingBucket> {
    static constexpr std::array<std::pair<AgingBucket, const char*>, kAgingBuckets> values{
        {{AgingBucket::NotDue, "not_due"},
         {AgingBucket::Days1To30, "1_30"},
         {AgingBucket::Days31To60, "31_60"},
         {AgingBucket::Days61To90, "61_90"},
         {AgingBucket::Days91To120, "91_120"},
         {AgingBucket::Over120, "over_120"}}};
};
AgingBucket agingBucket(int daysPastDue); // 0 or less: not yet due
// The days past due a bucket holds, both ends included (NotDue from INT_MIN to 0, Over120 from
// 121 to INT_MAX): the debtors list filters on them (DebtorFilter::pastDue).
std::pair<int, int> agingDays(AgingBucket bucket);

using Tenths = std::optional<std::int64_t>;

// What is expected to come in within a window, from each source, at face value and weighted
// by each debtor's own record (docs/kpis.md, "Cash expected").
struct CashExpected {
    std::int64_t promised = 0, promisedWeighted = 0;       // pending promises falling due
    std::int64_t fallingDue = 0, fallingDueWeighted = 0;   // invoices falling due, not disputed
    std::int64_t instalments = 0, instalmentsWeighted = 0; // payment plans (none yet: zero)
    std::int64_t expected() const { return promisedWeighted + fallingDueWeighted + instalmentsWeighted; }
};

// One month of the series: stocks at its last day (or at `asOf` for the current month), flows
// over its days.
struct MonthKpis {
    Date start, end;
    std::int64_t outstanding = 0, overdue = 0, notDue = 0;
    std::int64_t creditSales = 0, collected = 0, closed = 0;
    std::uint32_t promisesDue = 0, promisesKept = 0;
    Tenths dso, cei, promisesKeptRate;
};

struct CurrencyKpis {
    CurrencyCode currency;
    // Stocks as of `asOf`.
    std::int64_t outstanding = 0, overdue = 0;
    std::array<std::int64_t, kAgingBuckets> aging{};
    std::array<std::uint32_t, kAgingBuckets> agingInvoices{};
    std::uint32_t debtorsOwing = 0, delinquentDebtors = 0; // open cases owing / with something overdue
    // Flows over the period [from, to].
    std::int64_t beginning = 0;           // outstanding the day before `from`
    std::int64_t ending = 0, endingNotDue = 0; // outstanding at `to`, and the part not yet due
    std::int64_t creditSales = 0;         // invoiced in the period
    std::int64_t collected = 0;           // payments dated in the period
    std::int64_t writtenOff = 0, settled = 0, prescribed = 0, closedOther = 0; // left unpaid by cases closed in it
    std::int64_t recoverable = 0, recovered = 0; // the recovery rate's parts
    std::int64_t paidInvoices = 0, paidInvoiceDays = 0; // weights of the average days to collect
    std::uint32_t promisesDue = 0, promisesKept = 0;
    std::int64_t promisedDue = 0, promisedKept = 0;
    Tenths dso, bestPossibleDso, add, dsoCountback, cei, averageDaysToCollect, recoveryRate, promisesKeptRate;
    bool countbackCapped = false; // the countback reached the series' first month with something left
    CashExpected next4Weeks, next3Months;
    std::vector<MonthKpis> months; // oldest first
};

struct KpiGroup {
    std::string key;  // the assignee's member id ("" unassigned) or the segment's name
    std::string name; // the member's name; the segment's name
    std::vector<CurrencyKpis> currencies;
};

struct KpiReport {
    KpiOptions options;
    std::vector<CurrencyKpis> currencies; // the whole book, by currency code
    std::vector<KpiGroup> groups;         // when options.by asks, by key
};

// Every figure above in one pass over the book's invoices, payments and promises.
KpiReport computeKpis(const State& state, const KpiOptions& options);

// The report as JSON (sorted keys: the same book and options always give the same bytes):
// what `recobra kpis` prints and window.recobra.kpis() returns.
nlohmann::json kpisJson(const KpiReport& report);

// Reads {asOf, from, to, by, months} (dates "YYYY-MM-DD", by "assignee" | "segment"),
// defaults from `today`; a problem names the field.
struct KpiOptionsRead {
    KpiOptions options;
    std::optional<Problem> problem;
};
KpiOptionsRead readKpiOptions(const nlohmann::json& args, Date today);

} // namespace recobra
