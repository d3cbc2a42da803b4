#pragma once
// The debtors list: text search over name, trade name, tax id, invoice numbers and contacts
// (accent- and case-insensitive), filters by stage, assignee and overdue bucket, sorting by
// any column, and the count and outstanding total of what is shown.
//
// DebtorList keeps its work: it re-folds the search text only of debtors that changed,
// refilters only what the new filter can change (typing one more letter narrows the
// previous matches, which are already sorted), and does nothing when nothing changed.
// A search narrowed over many rows can be spread over several calls (a budget of rows a
// call): rows() are then the matches found so far, in their final order, until complete().
#include "core/law/tables.hpp"
#include "core/rules/segmentation.hpp"
#include "core/state/queries.hpp"
#include "core/state/state.hpp"

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace recobra {

enum class DebtorColumn { Name, Kind, Outstanding, Claimable, DaysOverdue, Stage, NextDate, Assignee };

struct DebtorFilter {
    std::string text;
    std::set<Stage> stages;              // empty: any stage
    std::optional<std::string> assignee; // nullopt: anyone; "": nobody assigned
    std::set<OverdueBucket> buckets;     // empty: any
    std::set<Segment> segments;          // empty: any (segmentation.hpp)
    // Debtors of open cases with an open invoice this many days past its due date, both ends
    // included (0 or less: not yet due); the reports' aging bars open the list on one
    // (reports/kpis.hpp, agingDays). Unset: any.
    std::optional<std::pair<int, int>> pastDue;
    friend bool operator==(const DebtorFilter&, const DebtorFilter&) = default;
};

// Open cases come before closed ones whatever the column, unless the filter asks for a closed
// stage (then the order is the column's alone).
struct DebtorSort {
    DebtorColumn column = DebtorColumn::DaysOverdue;
    bool descending = true;
    friend bool operator==(const DebtorSort&, const DebtorSort&) = default;
};

// One row as the table shows it, with everything it sorts and filters on.
struct DebtorRow {
    Index debtor = kNone;
    std::int64_t outstanding = 0; // in the primary currency
    int daysOverdue = 0;
    Stage stage = Stage::NotDue;
    std::optional<Date> nextDate; // the next pending promise
    bool open = true;             // isOpenCase: a closed case owes nothing "pending"
    std::optional<OverdueBucket> bucket; // caseBucket: the chip that counts it, if any
};

// Row data for one debtor on `today`.
DebtorRow debtorRow(const State& state, Index debtor, Date today, CurrencyCode primary);

class DebtorList {
public:
    // Brings the rows up to date; returns whether they changed. Cheap when nothing did. A search
    // that narrows the rows looks at no more than `budget` of them in a call, and goes on in the
    // next (with the same filter, or one narrowing it further) until complete().
    bool update(const State& state, const DebtorFilter& filter, const DebtorSort& sort, Date today,
                CurrencyCode primary, std::size_t budget = SIZE_MAX);
    // Whether rows() and the totals are the whole answer, not the matches found so far.
    bool complete() const { return scanned_ == unscanned_.size(); }

    const std::vector<DebtorRow>& rows() const { return rows_; }
    // What may be claimed from a debtor today in the primary currency (law/claim.hpp): computed
    // when first asked and kept per debtor version, day and law revision. The table asks for the
    // rows it draws; sorting by it asks for every row.
    std::int64_t claimable(const State& state, Index debtor, Date today, CurrencyCode primary);
    // What the open cases shown owe (closed ones are not "pending": isOpenCase), and what the
    // closed cases shown leave unpaid (written off, settled, prescribed).
    const MoneyBag& total() const { return total_; }
    const MoneyBag& closedUnpaid() const { return closedUnpaid_; }
    // With a filter on days past due: the shown debtors' open invoices in that range, and what
    // they still owe (the figure the reports' aging bar shows, as of the same day).
    std::size_t pastDueInvoices() const { return pastDueInvoices_; }
    const MoneyBag& pastDueAmount() const { return pastDueAmount_; }
    std::size_t updates() const { return updates_; } // how many times rows were recomputed

private:
    void refreshSearchText(const State& state);
    bool passes(const State& state, const DebtorRow& row, const DebtorFilter& filter, const std::string& needle) const;
    void sortRows(const State& state, const DebtorSort& sort, const DebtorFilter& filter, Date today,
                  CurrencyCode primary);
    // Segments are read from each debtor's history only while the filter asks for them.
    void refreshSegments(const State& state, Date today);
    // The totals (below) of what is listed, from nothing; then one row at a time.
    void clearTotals();
    void addToTotals(const State& state, const DebtorRow& row, const DebtorFilter& filter);
    // Looks at up to `budget` more of the rows left to narrow; the matches join rows_.
    void narrow(const State& state, const DebtorFilter& filter, const std::string& needle, std::size_t budget);

    // Folded search text and the version it was made from, per debtor.
    std::vector<std::string> haystack_;
    std::vector<std::uint32_t> indexedVersion_;
    std::vector<std::string> sortName_;

    std::vector<DebtorRow> all_; // every debtor, for `today`
    std::vector<std::uint32_t> rowVersion_;
    Date rowsDay_;
    CurrencyCode rowsCurrency_;

    std::vector<std::int64_t> claimable_;
    std::vector<std::uint32_t> claimableVersion_;
    Date claimableDay_;
    CurrencyCode claimableCurrency_;
    std::uint32_t claimableLaw_ = 0xFFFFFFFFu;
    std::unique_ptr<LawTables> tables_;

    Date today_; // the day of the last update (the filter on days past due counts from it)
    std::vector<Segment> segment_;
    std::vector<std::uint32_t> segmentVersion_;
    Date segmentDay_;

    std::vector<DebtorRow> rows_;
    // While a narrowing search is spread over calls: the rows still to look at (in order, after
    // rows_), and how many of them were looked at.
    std::vector<DebtorRow> unscanned_;
    std::size_t scanned_ = 0;
    MoneyBag total_;
    MoneyBag closedUnpaid_;
    std::size_t pastDueInvoices_ = 0;
    MoneyBag pastDueAmount_;
    bool computed_ = false;
    DebtorFilter lastFilter_;
    std::string lastNeedle_;
    DebtorSort lastSort_;
    std::size_t updates_ = 0;
};

} // namespace recobra
