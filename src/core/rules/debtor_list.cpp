#include "core/rules/debtor_list.hpp"

#include "core/law/claim.hpp"
#include "core/values/text.hpp"

#include <algorithm>

namespace recobra {

DebtorRow debtorRow(const State& state, Index debtor, Date today, CurrencyCode primary) {
    const auto& d = state.debtors[debtor];
    DebtorRow row;
    row.debtor = debtor;
    row.outstanding = d.outstanding.in(primary);
    row.daysOverdue = daysOverdue(d, today);
    row.stage = effectiveStage(d, today);
    row.open = !isClosed(row.stage);
    row.bucket = caseBucket(d, today);
    for (Index p : d.promises) {
        const auto& promise = state.promises[p];
        if (promiseStatus(state, promise, today) != PromiseStatus::Pending) continue;
        if (!row.nextDate || promise.dueDate < *row.nextDate) row.nextDate = promise.dueDate;
    }
    return row;
}

namespace {

// Calls f on each open invoice of the debtor whose days past due are in the range.
template <class F> void eachInvoicePastDue(const State& state, const DebtorState& d, Date today, std::pair<int, int> range, F&& f) {
    for (Index i : d.invoices) {
        const auto& invoice = state.invoices[i];
        if (!invoice.open()) continue;
        const int days = daysBetween(invoice.dueDate, today);
        if (range.first <= days && days <= range.second) f(invoice);
    }
}

bool hasInvoicePastDue(const State& state, const DebtorState& d, Date today, std::pair<int, int> range) {
    bool found = false;
    eachInvoicePastDue(state, d, today, range, [&](const InvoiceState&) { found = true; });
    return found;
}

std::string searchText(const State& state, const DebtorState& d) {
    std::string text = d.profile.legalName;
    auto add = [&](const std::string& part) {
        if (part.empty()) return;
        text.push_back('\n'); // never matched by a search: parts don't run into each other
        text += part;
    };
    add(d.profile.tradeName);
    add(d.profile.taxId);
    add(normalizeTaxId(d.profile.taxId));
    for (Index c : d.contacts) {
        const auto& contact = state.contacts[c];
        if (contact.removed) continue;
        add(contact.info.name);
        add(contact.info.email);
        add(contact.info.phone);
    }
    for (Index i : d.invoices) add(state.invoices[i].number);
    return foldForSearch(text);
}

} // namespace

void DebtorList::refreshSearchText(const State& state) {
    const std::size_t n = state.debtors.size();
    haystack_.resize(n);
    sortName_.resize(n);
    indexedVersion_.resize(n, 0xFFFFFFFFu);
    for (std::size_t i = 0; i < n; ++i) {
        const auto& d = state.debtors[i];
        if (indexedVersion_[i] == d.version) continue;
        haystack_[i] = searchText(state, d);
        sortName_[i] = foldForSearch(d.profile.legalName);
        indexedVersion_[i] = d.version;
    }
}

bool DebtorList::passes(const State& state, const DebtorRow& row, const DebtorFilter& filter,
                        const std::string& needle) const {
    if (!filter.stages.empty() && !filter.stages.count(row.stage)) return false;
    if (!filter.buckets.empty() && !(row.bucket && filter.buckets.count(*row.bucket))) return false;
    if (filter.assignee && state.debtors[row.debtor].assignee != *filter.assignee) return false;
    if (!filter.segments.empty() && !filter.segments.count(segment_[row.debtor])) return false;
    if (filter.pastDue && (!row.open || !hasInvoicePastDue(state, state.debtors[row.debtor], today_, *filter.pastDue)))
        return false;
    return containsFolded(haystack_[row.debtor], needle);
}

void DebtorList::refreshSegments(const State& state, Date today) {
    const std::size_t n = state.debtors.size();
    if (!(segmentDay_ == today)) segmentVersion_.assign(n, 0xFFFFFFFFu);
    segment_.resize(n, Segment::New);
    segmentVersion_.resize(n, 0xFFFFFFFFu);
    for (Index i = 0; i < n; ++i) {
        if (segmentVersion_[i] == state.debtors[i].version) continue;
        segment_[i] = classifyDebtor(state, i, today).segment;
        segmentVersion_[i] = state.debtors[i].version;
    }
    segmentDay_ = today;
}

std::int64_t DebtorList::claimable(const State& state, Index debtor, Date today, CurrencyCode primary) {
    const std::size_t n = state.debtors.size();
    if (!(claimableDay_ == today) || !(claimableCurrency_ == primary) || claimableLaw_ != state.law.revision) {
        claimableVersion_.assign(n, 0xFFFFFFFFu);
        tables_ = std::make_unique<LawTables>(state.law);
        claimableDay_ = today;
        claimableCurrency_ = primary;
        claimableLaw_ = state.law.revision;
    }
    claimable_.resize(n, 0);
    claimableVersion_.resize(n, 0xFFFFFFFFu);
    if (claimableVersion_[debtor] != state.debtors[debtor].version) {
        claimable_[debtor] = claimableIn(state, *tables_, debtor, today, primary);
        claimableVersion_[debtor] = state.debtors[debtor].version;
    }
    return claimable_[debtor];
}

void DebtorList::sortRows(const State& state, const DebtorSort& sort, const DebtorFilter& filter, Date today,
                          CurrencyCode primary) {
    const bool closedAsked = std::any_of(filter.stages.begin(), filter.stages.end(), isClosed);
    if (sort.column == DebtorColumn::Claimable)
        for (const auto& row : rows_) claimable(state, row.debtor, today, primary);
    auto memberName = [&](Index debtor) -> std::string {
        const auto m = state.member(state.debtors[debtor].assignee);
        return m ? foldForSearch(state.members[*m].name) : std::string();
    };
    std::vector<std::string> assigneeKey;
    if (sort.column == DebtorColumn::Assignee) {
        assigneeKey.resize(state.debtors.size());
        for (const auto& row : rows_) assigneeKey[row.debtor] = memberName(row.debtor);
    }
    // -1, 0, 1 on the sorted column; ties fall back to the name, then to the debtor.
    auto compare = [&](const DebtorRow& a, const DebtorRow& b) -> int {
        auto cmp = [](const auto& x, const auto& y) { return x < y ? -1 : (y < x ? 1 : 0); };
        switch (sort.column) {
        case DebtorColumn::Name: return 0;
        case DebtorColumn::Kind:
            return cmp(static_cast<int>(state.debtors[a.debtor].profile.kind),
                       static_cast<int>(state.debtors[b.debtor].profile.kind));
        case DebtorColumn::Outstanding: return cmp(a.outstanding, b.outstanding);
        case DebtorColumn::Claimable: return cmp(claimable_[a.debtor], claimable_[b.debtor]);
        case DebtorColumn::DaysOverdue: return cmp(a.daysOverdue, b.daysOverdue);
        case DebtorColumn::Stage: return cmp(static_cast<int>(a.stage), static_cast<int>(b.stage));
        case DebtorColumn::NextDate:
            if (a.nextDate.has_value() != b.nextDate.has_value()) return a.nextDate ? -1 : 1;
            return a.nextDate ? cmp(*a.nextDate, *b.nextDate) : 0;
        case DebtorColumn::Assignee: {
            const auto& x = assigneeKey[a.debtor];
            const auto& y = assigneeKey[b.debtor];
            if (x.empty() != y.empty()) return x.empty() ? 1 : -1;
            return cmp(x, y);
        }
        }
        return 0;
    };
    const bool nextDateMissingLast = sort.column == DebtorColumn::NextDate;
    std::sort(rows_.begin(), rows_.end(), [&](const DebtorRow& a, const DebtorRow& b) {
        if (a.open != b.open && !closedAsked) return a.open; // what is finished goes last
        int c = compare(a, b);
        if (c != 0) {
            // Rows without a date (or without anyone assigned) stay at the end either way.
            const bool missing = (nextDateMissingLast && a.nextDate.has_value() != b.nextDate.has_value()) ||
                                 (sort.column == DebtorColumn::Assignee &&
                                  assigneeKey[a.debtor].empty() != assigneeKey[b.debtor].empty());
            return (sort.descending && !missing) ? c > 0 : c < 0;
        }
        const int byName = sortName_[a.debtor].compare(sortName_[b.debtor]);
        if (byName != 0) return sort.descending && sort.column == DebtorColumn::Name ? byName > 0 : byName < 0;
        return a.debtor < b.debtor;
    });
}

void DebtorList::clearTotals() {
    total_ = MoneyBag();
    closedUnpaid_ = MoneyBag();
    pastDueInvoices_ = 0;
    pastDueAmount_ = MoneyBag();
}

void DebtorList::addToTotals(const State& state, const DebtorRow& row, const DebtorFilter& filter) {
    for (const auto& m : state.debtors[row.debtor].outstanding.amounts()) (row.open ? total_ : closedUnpaid_).add(m);
    if (filter.pastDue)
        eachInvoicePastDue(state, state.debtors[row.debtor], today_, *filter.pastDue, [&](const InvoiceState& invoice) {
            ++pastDueInvoices_;
            pastDueAmount_.add(Money{invoice.outstanding(), invoice.amount.currency});
        });
}

void DebtorList::narrow(const State& state, const DebtorFilter& filter, const std::string& needle, std::size_t budget) {
    const std::size_t end = unscanned_.size() - scanned_ > budget ? scanned_ + budget : unscanned_.size();
    for (; scanned_ < end; ++scanned_) {
        const DebtorRow& row = unscanned_[scanned_];
        if (!containsFolded(haystack_[row.debtor], needle)) continue;
        rows_.push_back(row);
        addToTotals(state, row, filter);
    }
    if (complete()) {
        unscanned_.clear();
        scanned_ = 0;
    }
}

bool DebtorList::update(const State& state, const DebtorFilter& filter, const DebtorSort& sort, Date today,
                        CurrencyCode primary, std::size_t budget) {
    const std::size_t n = state.debtors.size();
    bool dataChanged = !computed_ || all_.size() != n || !(rowsDay_ == today) || !(rowsCurrency_ == primary) ||
                       (sort.column == DebtorColumn::Claimable && claimableLaw_ != state.law.revision);
    if (!dataChanged) {
        for (std::size_t i = 0; i < n; ++i)
            if (rowVersion_[i] != state.debtors[i].version) {
                dataChanged = true;
                break;
            }
    }
    if (!dataChanged && filter == lastFilter_ && sort == lastSort_) {
        if (complete()) return false;
        narrow(state, filter, lastNeedle_, budget); // a search spread over calls goes on
        ++updates_;
        return true;
    }

    if (dataChanged) {
        const bool everyRow = !computed_ || !(rowsDay_ == today) || !(rowsCurrency_ == primary);
        all_.resize(n);
        rowVersion_.resize(n, 0xFFFFFFFFu);
        for (std::size_t i = 0; i < n; ++i) {
            if (!everyRow && rowVersion_[i] == state.debtors[i].version) continue;
            all_[i] = debtorRow(state, static_cast<Index>(i), today, primary);
            rowVersion_[i] = state.debtors[i].version;
        }
        rowsDay_ = today;
        rowsCurrency_ = primary;
        refreshSearchText(state);
    }

    today_ = today;
    if (!filter.segments.empty()) refreshSegments(state, today);
    const std::string needle = foldForSearch(filter.text);
    DebtorFilter otherThanText = filter;
    otherThanText.text = lastFilter_.text;
    const bool narrowing = computed_ && !dataChanged && sort == lastSort_ && otherThanText == lastFilter_ &&
                           needle.find(lastNeedle_) != std::string::npos;
    clearTotals();
    if (narrowing) {
        // The previous matches are a superset, already sorted: keep the ones that still match.
        // Those of a search not yet done are too, with the rows it had still to look at after them.
        std::vector<DebtorRow> superset = std::move(rows_);
        superset.insert(superset.end(), unscanned_.begin() + static_cast<std::ptrdiff_t>(scanned_), unscanned_.end());
        unscanned_ = std::move(superset);
        scanned_ = 0;
        rows_.clear();
        narrow(state, filter, needle, budget);
    } else {
        unscanned_.clear();
        scanned_ = 0;
        rows_.clear();
        for (const auto& row : all_)
            if (passes(state, row, filter, needle)) rows_.push_back(row);
        sortRows(state, sort, filter, today, primary);
        for (const auto& row : rows_) addToTotals(state, row, filter);
    }
    computed_ = true;
    lastFilter_ = filter;
    lastNeedle_ = needle;
    lastSort_ = sort;
    ++updates_;
    return true;
}

} // namespace recobra
