// The KPIs (kpis.hpp, docs/kpis.md): one pass over each debtor's invoices, payments and
// promises, accumulating into a slot per (group, currency); the ratios at the end.
#include "core/reports/kpis.hpp"

#include "core/rules/segmentation.hpp"
#include "core/state/queries.hpp"
#include "core/values/rounding.hpp"

#include <algorithm>
#include <limits>
#include <map>

namespace recobra {

namespace {
Date firstOfMonth(Date d) { return d.addDays(1 - static_cast<std::int32_t>(d.day())); }
} // namespace

KpiOptions defaultKpiOptions(Date asOf) {
    KpiOptions o;
    o.asOf = asOf;
    o.to = asOf;
    o.from = firstOfMonth(asOf);
    return o;
}

AgingBucket agingBucket(int daysPastDue) {
    if (daysPastDue <= 0) return AgingBucket::NotDue;
    if (daysPastDue <= 30) return AgingBucket::Days1To30;
    if (daysPastDue <= 60) return AgingBucket::Days31To60;
    if (daysPastDue <= 90) return AgingBucket::Days61To90;
    if (daysPastDue <= 120) return AgingBucket::Days91To120;
    return AgingBucket::Over120;
}

std::pair<int, int> agingDays(AgingBucket bucket) {
    constexpr int kStarts[kAgingBuckets] = {std::numeric_limits<int>::min(), 1, 31, 61, 91, 121};
    const auto b = static_cast<std::size_t>(bucket);
    return {kStarts[b], b + 1 < kAgingBuckets ? kStarts[b + 1] - 1 : std::numeric_limits<int>::max()};
}

namespace {

// How far back the countback DSO peels: past it, the figure is flagged as capped.
constexpr std::size_t kCountbackMonths = 24;

void add(std::int64_t& total, std::int64_t amount) { total = saturatingAdd(total, amount); }

// numerator × scale / denominator, rounded half up; nothing without a denominator.
Tenths ratio(std::int64_t numerator, std::int64_t denominator, std::int64_t scale) {
    if (denominator <= 0) return std::nullopt;
    return divideRounded(static_cast<Int128>(numerator) * scale, denominator, Rounding::HalfUp);
}

// A case closed (settled, written off, prescribed, paid) on or before the day the KPIs are
// for: from that day on it owes nothing open; what it left unpaid counts as closed.
struct Closure {
    Date on;
    Stage as = Stage::ClosedPaid;
};

// Every case's closure as of `asOf`, from the stage changes made by then, in the order they
// were recorded (one pass over them, in the order they are stored).
std::vector<std::optional<Closure>> closuresAsOf(const State& state, Date asOf) {
    std::vector<std::optional<Closure>> closures(state.debtors.size());
    const Timestamp dayAfter = asOf.addDays(1).startOfDayUtc();
    for (const auto& change : state.stageChanges) {
        if (change.at >= dayAfter || change.debtor >= closures.size()) continue;
        auto& closure = closures[change.debtor];
        const bool closes = change.to && isClosed(*change.to);
        if (!closes) closure.reset();
        else if (!closure || closure->as != *change.to) closure = Closure{Date::ofTimestamp(change.at), *change.to};
    }
    return closures;
}

// Which of consecutive months (their first days, ascending) a day falls in; nothing before the
// first. A search over day numbers: no calendar arithmetic per invoice.
std::optional<std::size_t> monthIndex(const std::vector<Date>& starts, Date day) {
    const auto it = std::upper_bound(starts.begin(), starts.end(), day);
    if (it == starts.begin()) return std::nullopt;
    return static_cast<std::size_t>(it - starts.begin() - 1);
}

// One payment's share of an invoice, dated by the payment.
struct Share {
    Date date;
    std::int64_t amount;
};

// Every invoice's shares of the payments dated on or before `asOf`, oldest first: invoice i's
// are [start[i], start[i + 1]). Built in one pass over the payments, in the order stored.
struct Shares {
    std::vector<Share> all;
    std::vector<std::uint32_t> start;
};

Shares sharesAsOf(const State& state, Date asOf) {
    Shares out;
    out.start.assign(state.invoices.size() + 1, 0);
    for (const auto& payment : state.payments)
        if (payment.date <= asOf)
            for (const auto& a : payment.allocations)
                if (a.invoice < state.invoices.size()) ++out.start[a.invoice + 1];
    for (std::size_t i = 0; i < state.invoices.size(); ++i) out.start[i + 1] += out.start[i];
    out.all.resize(out.start.back());
    std::vector<std::uint32_t> next(out.start.begin(), out.start.end() - 1);
    for (const auto& payment : state.payments)
        if (payment.date <= asOf)
            for (const auto& a : payment.allocations)
                if (a.invoice < state.invoices.size()) out.all[next[a.invoice]++] = {payment.date, a.amount};
    // Oldest first: an invoice has a few shares, in recording order, mostly dated in order.
    for (std::size_t i = 0; i < state.invoices.size(); ++i)
        for (std::uint32_t a = out.start[i] + 1; a < out.start[i + 1]; ++a)
            for (std::uint32_t b = a; b > out.start[i] && out.all[b].date < out.all[b - 1].date; --b)
                std::swap(out.all[b], out.all[b - 1]);
    return out;
}

// One invoice as the KPIs see it: what it owed on any day.
struct InvoiceView {
    const InvoiceState& invoice;
    const Share* first;
    const Share* last;
    std::optional<Date> closedOn;
    std::optional<Date> forgivenOn; // the day an accepted offer let its rest (invoice.forgiven) go

    std::int64_t paidBy(Date day) const {
        std::int64_t paid = 0;
        for (const Share* a = first; a != last && a->date <= day; ++a) add(paid, a->amount);
        return paid;
    }
    // Owed and open on `day`: issued by then, the case not yet closed.
    std::int64_t owedOn(Date day) const {
        if (day < invoice.issueDate || (closedOn && *closedOn <= day)) return 0;
        const std::int64_t forgiven = forgivenOn && *forgivenOn <= day ? invoice.forgiven : 0;
        return std::max<std::int64_t>(0, invoice.amount.minor - paidBy(day) - forgiven);
    }
    // The day the payments reached the whole amount, if they did.
    std::optional<Date> paidInFullOn() const {
        std::int64_t paid = 0;
        for (const Share* a = first; a != last; ++a) {
            add(paid, a->amount);
            if (paid >= invoice.amount.minor) return a->date;
        }
        return std::nullopt;
    }
};

InvoiceView viewOf(const InvoiceState& invoice, Index i, const Shares& shares, std::optional<Date> closedOn,
                   std::optional<Date> forgivenOn = std::nullopt) {
    return {invoice, shares.all.data() + shares.start[i], shares.all.data() + shares.start[i + 1], closedOn,
            forgivenOn};
}

// The day each invoice's rest was let go by an accepted offer (plans.hpp), where one was.
std::vector<std::optional<Date>> forgivenDays(const State& state) {
    std::vector<std::optional<Date>> out(state.offers.empty() ? 0 : state.invoices.size());
    for (const auto& offer : state.offers)
        if (offer.acceptedOn)
            for (Index i : offer.invoices)
                if (!out[i]) out[i] = offer.acceptedOn;
    return out;
}

// A debtor's record, for weighting what it is expected to pay.
struct Record {
    std::int64_t promisesKept = 0, promisesResolved = 0; // promises due before the day
    std::int64_t onTime = 0, judged = 0;                 // invoice amounts due a grace period ago
    void operator+=(const Record& r) {
        add(promisesKept, r.promisesKept);
        add(promisesResolved, r.promisesResolved);
        add(onTime, r.onTime);
        add(judged, r.judged);
    }
};

struct Weight {
    std::int64_t numerator = 1, denominator = 2; // an even chance when nothing is known
};

Weight promiseWeight(const Record& own, const Record& segment, const Record& book) {
    for (const Record* r : {&own, &segment, &book})
        if (r->promisesResolved > 0) return {r->promisesKept, r->promisesResolved};
    return {};
}

Weight invoiceWeight(const Record& own, const Record& segment, const Record& book) {
    for (const Record* r : {&own, &segment, &book})
        if (r->judged > 0) return {r->onTime, r->judged};
    return {};
}

std::int64_t weighted(std::int64_t amount, Weight w) {
    return divideRounded(static_cast<Int128>(amount) * w.numerator, w.denominator, Rounding::HalfUp).value_or(0);
}

struct Slot {
    CurrencyKpis k;
    std::vector<std::int64_t> countbackSales; // invoiced in the month `back` months before `to`
    std::int64_t beforeSeries = 0;            // outstanding the day before the series' first month
};

class Accumulator {
public:
    Accumulator(const KpiOptions& options, std::size_t groups) : options_(options), slots_(groups + 1) {
        const int n = std::max(1, options.months);
        for (int k = 0; k < n; ++k) {
            MonthKpis m;
            m.end = k == n - 1 ? options.asOf : options.asOf.addMonths(k - (n - 1)).endOfMonth();
            m.start = firstOfMonth(m.end);
            months_.push_back(m);
        }
    }

    const std::vector<MonthKpis>& months() const { return months_; }

    // The slots an amount of this currency goes to: the whole book's and its group's.
    // (A loop, so that the compiler writes `f` once: the page's size budget pays for code.)
    template <class F> void each(std::size_t group, CurrencyCode currency, F&& f) {
        Slot* targets[2] = {&slot(0, currency), slots_.size() > 1 ? &slot(group + 1, currency) : nullptr};
        for (Slot* target : targets)
            if (target) f(*target);
    }

    std::vector<CurrencyKpis> finish(std::size_t index) {
        std::vector<CurrencyKpis> out;
        for (auto& s : slots_[index]) {
            finishSlot(s);
            out.push_back(std::move(s.k));
        }
        // By currency code: a handful, sorted in place.
        for (std::size_t i = 1; i < out.size(); ++i)
            for (std::size_t j = i; j > 0 && out[j].currency < out[j - 1].currency; --j) std::swap(out[j], out[j - 1]);
        return out;
    }

private:
    Slot& slot(std::size_t index, CurrencyCode currency) {
        auto& list = slots_[index];
        for (auto& s : list)
            if (s.k.currency == currency) return s;
        Slot s;
        s.k.currency = currency;
        s.k.months = months_;
        s.countbackSales.assign(kCountbackMonths, 0);
        list.push_back(std::move(s));
        return list.back();
    }

    void finishSlot(Slot& s) const {
        auto& k = s.k;
        const std::int64_t days = daysBetween(options_.from, options_.to) + 1;
        k.dso = ratio(k.ending, k.creditSales, days * 10);
        k.bestPossibleDso = ratio(k.endingNotDue, k.creditSales, days * 10);
        if (k.dso && k.bestPossibleDso) k.add = *k.dso - *k.bestPossibleDso;
        countback(s);
        const std::int64_t closed =
            saturatingAdd(saturatingAdd(k.writtenOff, k.settled), saturatingAdd(k.prescribed, k.closedOther));
        k.cei = cei(k.beginning, k.creditSales, k.ending, k.endingNotDue, closed);
        k.averageDaysToCollect = ratio(k.paidInvoiceDays, k.paidInvoices, 10);
        k.recoveryRate = ratio(k.recovered, k.recoverable, 1000);
        k.promisesKeptRate = ratio(k.promisesKept, k.promisesDue, 1000);
        std::int64_t beginning = s.beforeSeries;
        for (auto& m : k.months) {
            m.notDue = m.outstanding - m.overdue;
            m.dso = ratio(m.outstanding, m.creditSales, (daysBetween(m.start, m.end) + 1) * 10);
            m.cei = cei(beginning, m.creditSales, m.outstanding, m.notDue, m.closed);
            m.promisesKeptRate = ratio(m.promisesKept, m.promisesDue, 1000);
            beginning = m.outstanding;
        }
    }

    // (beginning + sales − ending − closed) ÷ (beginning + sales − ending not yet due − closed),
    // in tenths of a percent: what was collected of what could have been.
    static Tenths cei(std::int64_t beginning, std::int64_t sales, std::int64_t ending, std::int64_t endingNotDue,
                      std::int64_t closed) {
        const Int128 base = static_cast<Int128>(beginning) + sales - closed;
        const Int128 numerator = base - ending, denominator = base - endingNotDue;
        if (denominator <= 0) return std::nullopt;
        return divideRounded(numerator * 1000, denominator, Rounding::HalfUp);
    }

    // Peels the receivables at `to` back month by month: whole months while what is owed is
    // more than the month's sales, then the share of the last month's days.
    void countback(Slot& s) const {
        auto& k = s.k;
        std::int64_t left = k.ending, tenths = 0;
        const Date periodEnd = options_.to;
        for (std::size_t back = 0; back < s.countbackSales.size() && left > 0; ++back) {
            const Date monthEnd = back == 0 ? periodEnd : periodEnd.addMonths(-static_cast<int>(back)).endOfMonth();
            const std::int64_t days = static_cast<std::int64_t>(monthEnd.day()); // day 1 to the month's end (or `to`)
            const std::int64_t sales = s.countbackSales[back];
            if (sales >= left) {
                tenths += divideRounded(static_cast<Int128>(left) * days * 10, sales, Rounding::HalfUp).value_or(0);
                left = 0;
            } else {
                left -= sales;
                tenths += days * 10;
            }
        }
        k.dsoCountback = tenths;
        k.countbackCapped = left > 0;
    }

    const KpiOptions& options_;
    std::vector<std::vector<Slot>> slots_;
    std::vector<MonthKpis> months_;

};

// Which group each debtor is in, and the groups' keys and names.
struct Grouping {
    std::vector<std::size_t> of; // by debtor
    std::vector<KpiGroup> groups;
};

Grouping groupDebtors(const State& state, const KpiOptions& options, const std::vector<Segment>& segments) {
    Grouping g;
    if (options.by == KpiGrouping::None) {
        g.of.assign(state.debtors.size(), 0);
        return g;
    }
    std::map<std::string, std::size_t> index;
    std::vector<std::string> keys(state.debtors.size());
    for (Index d = 0; d < state.debtors.size(); ++d) {
        keys[d] = options.by == KpiGrouping::Assignee ? state.debtors[d].assignee : std::string(enumName(segments[d]));
        index.emplace(keys[d], 0);
    }
    for (auto& [key, position] : index) {
        position = g.groups.size();
        KpiGroup group;
        group.key = key;
        if (options.by == KpiGrouping::Segment) group.name = key;
        else if (const auto m = state.member(key)) group.name = state.members[*m].name;
        g.groups.push_back(std::move(group));
    }
    g.of.resize(state.debtors.size());
    for (Index d = 0; d < state.debtors.size(); ++d) g.of[d] = index[keys[d]];
    return g;
}

bool inside(Date day, Date from, Date to) { return from <= day && day <= to; }

} // namespace

KpiReport computeKpis(const State& state, const KpiOptions& options) {
    // Every pass walks a list of the state in the order it is stored (invoices, payments,
    // promises, stage changes): at 100,000 debtors a walk debtor by debtor jumps around
    // hundreds of megabytes and costs several times more.
    KpiReport report;
    report.options = options;
    const Date asOf = options.asOf, from = options.from, to = options.to;
    const std::size_t n = state.debtors.size();
    const auto closures = closuresAsOf(state, asOf);
    const Shares shares = sharesAsOf(state, asOf);

    // Each debtor's payments, compact (debtor d's are [paymentStart[d], paymentStart[d + 1])):
    // what a promise was paid is read from them, not from the payments' full records.
    struct Paid {
        Date date;
        CurrencyCode currency;
        std::int64_t amount;
    };
    std::vector<std::uint32_t> paymentStart(n + 1, 0);
    for (const auto& payment : state.payments)
        if (payment.debtor < n) ++paymentStart[payment.debtor + 1];
    for (std::size_t d = 0; d < n; ++d) paymentStart[d + 1] += paymentStart[d];
    std::vector<Paid> paid(paymentStart.back());
    {
        std::vector<std::uint32_t> next(paymentStart.begin(), paymentStart.end() - 1);
        for (const auto& payment : state.payments)
            if (payment.debtor < n) paid[next[payment.debtor]++] = {payment.date, payment.amount.currency, payment.amount.minor};
    }
    // Paid by the debtor in the promise's currency from the day it was made through `until`.
    auto paidTowards = [&](const PromiseState& promise, Date until) {
        std::int64_t total = 0;
        for (std::uint32_t q = paymentStart[promise.debtor]; q < paymentStart[promise.debtor + 1]; ++q)
            if (paid[q].currency == promise.amount.currency && promise.madeOn <= paid[q].date && paid[q].date <= until)
                add(total, paid[q].amount);
        return total;
    };

    // Each debtor's record as of the day, its segment's and the book's. A promise is kept when
    // the payments from the day it was made to its day add up to it (promiseStatus, queries.hpp).
    std::vector<Record> records(n);
    std::vector<std::uint8_t> promiseKept(state.promises.size(), 0);
    for (Index p = 0; p < state.promises.size(); ++p) {
        const auto& promise = state.promises[p];
        if (promise.madeOn > asOf || promise.debtor >= n) continue;
        promiseKept[p] = paidTowards(promise, promise.dueDate) >= promise.amount.minor;
        if (promise.dueDate >= asOf) continue;
        ++records[promise.debtor].promisesResolved;
        records[promise.debtor].promisesKept += promiseKept[p];
    }
    for (Index i = 0; i < state.invoices.size(); ++i) {
        const auto& invoice = state.invoices[i];
        if (invoice.voided || invoice.debtor >= n || invoice.dueDate.addDays(kGraceDays) >= asOf) continue;
        const InvoiceView view = viewOf(invoice, i, shares, std::nullopt);
        Record& r = records[invoice.debtor];
        add(r.judged, invoice.amount.minor);
        add(r.onTime, std::min(invoice.amount.minor, view.paidBy(invoice.dueDate.addDays(kGraceDays))));
    }
    std::vector<Segment> segments(n, Segment::New);
    std::map<Segment, Record> segmentRecords;
    Record bookRecord;
    for (Index d = 0; d < n; ++d) {
        segments[d] = classifyDebtor(state, d, asOf).segment;
        segmentRecords[segments[d]] += records[d];
        bookRecord += records[d];
    }
    std::vector<Weight> promiseWeights(n), invoiceWeights(n);
    for (Index d = 0; d < n; ++d) {
        promiseWeights[d] = promiseWeight(records[d], segmentRecords[segments[d]], bookRecord);
        invoiceWeights[d] = invoiceWeight(records[d], segmentRecords[segments[d]], bookRecord);
    }

    const Grouping grouping = groupDebtors(state, options, segments);
    Accumulator acc(options, grouping.groups.size());
    const auto& months = acc.months();
    const Date beforeSeries = months.front().start.addDays(-1);
    const Date windowEnd4 = asOf.addDays(27), windowEnd3 = asOf.addMonths(3).addDays(-1);
    std::vector<Date> monthStarts;
    for (const auto& m : months) monthStarts.push_back(m.start);
    auto monthOf = [&](Date day) -> std::optional<std::size_t> {
        return day > asOf ? std::nullopt : monthIndex(monthStarts, day);
    };
    // The countback's months, from the one of `to` back (their first days, ascending).
    std::vector<Date> countbackStarts(kCountbackMonths);
    for (std::size_t back = 0; back < kCountbackMonths; ++back)
        countbackStarts[kCountbackMonths - 1 - back] = firstOfMonth(to.addMonths(-static_cast<int>(back)));
    const auto countbackSlice = [&](Date issued) -> std::optional<std::size_t> {
        if (issued > to) return std::nullopt;
        const auto i = monthIndex(countbackStarts, issued);
        return i ? std::optional<std::size_t>(kCountbackMonths - 1 - *i) : std::nullopt;
    };

    // Which currencies each debtor owes in, and is overdue in (a bit per currency seen).
    std::vector<CurrencyCode> currencies;
    auto currencyBit = [&](CurrencyCode c) -> std::uint64_t {
        auto it = std::find(currencies.begin(), currencies.end(), c);
        if (it == currencies.end()) it = currencies.insert(currencies.end(), c);
        const auto index = static_cast<std::size_t>(it - currencies.begin());
        return index < 64 ? std::uint64_t{1} << index : 0;
    };
    std::vector<std::uint64_t> owing(n, 0), delinquent(n, 0);

    std::vector<std::int64_t> monthOwed(months.size());
    const auto forgiven = forgivenDays(state);
    for (Index i = 0; i < state.invoices.size(); ++i) {
        const auto& invoice = state.invoices[i];
        if (invoice.voided || invoice.issueDate > asOf || invoice.debtor >= n) continue;
        const Index d = invoice.debtor;
        const std::size_t group = grouping.of[d];
        const auto& closure = closures[d];
        const bool open = !closure;
        const InvoiceView view = viewOf(invoice, i, shares, closure ? std::optional<Date>(closure->on) : std::nullopt,
                                        forgiven.empty() ? std::nullopt : forgiven[i]);
        const CurrencyCode currency = invoice.amount.currency;
        const std::int64_t amount = invoice.amount.minor;
        const std::int64_t owed = view.owedOn(asOf);
        const int pastDue = daysBetween(invoice.dueDate, asOf);
        const std::int64_t owedFrom = view.owedOn(from.addDays(-1)), owedTo = view.owedOn(to);
        const auto fullyPaid = view.paidInFullOn();
        // The recovery rate's part: what it owed when first overdue in the period.
        const Date firstOverdueDay = std::max(from.addDays(-1), invoice.dueDate);
        const std::int64_t recoverable = invoice.dueDate < to ? view.owedOn(firstOverdueDay) : 0;
        // What the case left unpaid of it the day it closed.
        const std::int64_t closedAmount = closure && invoice.issueDate <= closure->on
                                              ? std::max<std::int64_t>(0, amount - view.paidBy(closure->on))
                                              : 0;
        // The months it owed something at the end of: from the month it was issued until it was
        // paid in full or its case closed (both for good: every later month owes 0).
        const auto issueMonth = monthOf(invoice.issueDate);
        const auto back = countbackSlice(invoice.issueDate);
        const std::size_t firstMonth = invoice.issueDate < months.front().start ? 0 : issueMonth.value_or(months.size());
        std::size_t endMonth = firstMonth;
        while (endMonth < months.size() && (monthOwed[endMonth] = view.owedOn(months[endMonth].end)) > 0) ++endMonth;
        const auto closedMonth = closure && closedAmount > 0 ? monthOf(closure->on) : std::nullopt;
        const Weight invoiceW = invoiceWeights[d];

        if (owed > 0) {
            const std::uint64_t bit = currencyBit(currency);
            owing[d] |= bit;
            if (pastDue > 0) delinquent[d] |= bit;
        }
        const std::int64_t owedBeforeSeries = view.owedOn(beforeSeries);
        acc.each(group, currency, [&](Slot& s) {
            auto& k = s.k;
            add(s.beforeSeries, owedBeforeSeries);
            if (owed > 0) {
                add(k.outstanding, owed);
                if (pastDue > 0) add(k.overdue, owed);
                const auto b = static_cast<std::size_t>(agingBucket(pastDue));
                add(k.aging[b], owed);
                ++k.agingInvoices[b];
            }
            add(k.beginning, owedFrom);
            add(k.ending, owedTo);
            if (invoice.dueDate >= to) add(k.endingNotDue, owedTo);
            if (inside(invoice.issueDate, from, to)) add(k.creditSales, amount);
            if (back) add(s.countbackSales[*back], amount);
            if (fullyPaid && inside(*fullyPaid, from, to)) {
                add(k.paidInvoices, amount);
                const auto days = std::max<std::int64_t>(0, daysBetween(invoice.issueDate, *fullyPaid));
                add(k.paidInvoiceDays,
                    static_cast<std::int64_t>(std::min<Int128>(static_cast<Int128>(amount) * days, INT64_MAX)));
            }
            if (recoverable > 0) {
                add(k.recoverable, recoverable);
                add(k.recovered, std::min(recoverable, view.paidBy(to) - view.paidBy(firstOverdueDay)));
            }
            if (closure && inside(closure->on, from, to) && closedAmount > 0) {
                switch (closure->as) {
                case Stage::ClosedWrittenOff: add(k.writtenOff, closedAmount); break;
                case Stage::ClosedSettled: add(k.settled, closedAmount); break;
                case Stage::ClosedPrescribed: add(k.prescribed, closedAmount); break;
                default: add(k.closedOther, closedAmount); break;
                }
            }
            for (std::size_t mi = firstMonth; mi < endMonth; ++mi) {
                auto& m = k.months[mi];
                add(m.outstanding, monthOwed[mi]);
                if (invoice.dueDate < m.end) add(m.overdue, monthOwed[mi]);
            }
            if (issueMonth) add(k.months[*issueMonth].creditSales, amount);
            if (closedMonth) add(k.months[*closedMonth].closed, closedAmount);
            // Cash expected: what falls due from today, weighted by the debtor's record.
            if (open && owed > 0 && !invoice.disputed && invoice.dueDate >= asOf) {
                const std::int64_t w = weighted(owed, invoiceW);
                if (invoice.dueDate <= windowEnd4) {
                    add(k.next4Weeks.fallingDue, owed);
                    add(k.next4Weeks.fallingDueWeighted, w);
                }
                if (invoice.dueDate <= windowEnd3) {
                    add(k.next3Months.fallingDue, owed);
                    add(k.next3Months.fallingDueWeighted, w);
                }
            }
        });
    }
    for (Index d = 0; d < n; ++d) {
        if (closures[d] || !owing[d]) continue;
        for (std::size_t c = 0; c < currencies.size() && c < 64; ++c) {
            const std::uint64_t bit = std::uint64_t{1} << c;
            if (!(owing[d] & bit)) continue;
            acc.each(grouping.of[d], currencies[c], [&](Slot& s) {
                ++s.k.debtorsOwing;
                if (delinquent[d] & bit) ++s.k.delinquentDebtors;
            });
        }
    }

    for (const auto& payment : state.payments) {
        if (payment.date > asOf || payment.debtor >= n) continue;
        const auto month = monthOf(payment.date);
        const bool inPeriod = inside(payment.date, from, to);
        if (!month && !inPeriod) continue;
        acc.each(grouping.of[payment.debtor], payment.amount.currency, [&](Slot& s) {
            if (inPeriod) add(s.k.collected, payment.amount.minor);
            if (month) add(s.k.months[*month].collected, payment.amount.minor);
        });
    }

    for (Index p = 0; p < state.promises.size(); ++p) {
        const auto& promise = state.promises[p];
        if (promise.madeOn > asOf || promise.debtor >= n) continue;
        const Index d = promise.debtor;
        const bool kept = promiseKept[p] != 0;
        const auto month = promise.dueDate <= asOf ? monthOf(promise.dueDate) : std::nullopt;
        // A pending promise: what is still to come of it, by its day.
        std::int64_t pending = 0;
        if (!closures[d] && promise.dueDate >= asOf)
            pending = std::max<std::int64_t>(0, promise.amount.minor - paidTowards(promise, asOf));
        const bool inPeriod = inside(promise.dueDate, from, to);
        if (!inPeriod && !month && pending == 0) continue;
        acc.each(grouping.of[d], promise.amount.currency, [&](Slot& s) {
            auto& k = s.k;
            if (inPeriod) {
                ++k.promisesDue;
                add(k.promisedDue, promise.amount.minor);
                if (kept) {
                    ++k.promisesKept;
                    add(k.promisedKept, promise.amount.minor);
                }
            }
            if (month) {
                ++k.months[*month].promisesDue;
                if (kept) ++k.months[*month].promisesKept;
            }
            if (pending > 0) {
                const std::int64_t w = weighted(pending, promiseWeights[d]);
                if (promise.dueDate <= windowEnd4) {
                    add(k.next4Weeks.promised, pending);
                    add(k.next4Weeks.promisedWeighted, w);
                }
                if (promise.dueDate <= windowEnd3) {
                    add(k.next3Months.promised, pending);
                    add(k.next3Months.promisedWeighted, w);
                }
            }
        });
    }

    report.currencies = acc.finish(0);
    report.groups = grouping.groups;
    for (std::size_t g = 0; g < report.groups.size(); ++g) report.groups[g].currencies = acc.finish(g + 1);
    return report;
}

} // namespace recobra
