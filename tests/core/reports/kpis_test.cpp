// The KPIs (reports/kpis.hpp) on a small book whose answers are worked out by hand here and
// in docs/kpis.md ("The worked example"): as of 31 March 2026, the period March 2026.
#include "core/reports/kpis.hpp"
#include "core/sample/demo.hpp"
#include "core/state/dashboard_figures.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

using namespace recobra;
using namespace recobra::test;

namespace {

json promiseCall(const std::string& debtor, const char* on, std::int64_t cents, const char* due) {
    return command("logInteraction", {{"debtor", debtor},
                                      {"at", at(on, 10)},
                                      {"channel", "call"},
                                      {"direction", "inbound"},
                                      {"outcome", "promise"},
                                      {"promise", {{"amount", eur(cents)}, {"dueDate", due}}}});
}

// The worked example of docs/kpis.md. Amounts in cents.
struct Example {
    Book book{1, "2026-04-15"};
    std::string ana, bruno, carla, elena, dolores;
    Example() {
        ana = book.registerDebtor("Ana García");
        book.addInvoice(ana, "A-1", 100000, "2026-01-10", "2026-02-09");
        book.addInvoice(ana, "A-2", 60000, "2026-03-10", "2026-04-09");
        book.accept(promiseCall(ana, "2026-03-02", 40000, "2026-03-06")); // kept: 400 € paid on the 5th
        book.pay(ana, 40000, "2026-03-05");
        book.accept(promiseCall(ana, "2026-03-28", 60000, "2026-04-20")); // pending on the 31st

        bruno = book.registerDebtor("Bruno Díaz");
        book.addInvoice(bruno, "B-1", 200000, "2025-11-15", "2025-12-15");
        book.addInvoice(bruno, "B-2", 50000, "2026-03-20", "2026-03-30");
        book.accept(promiseCall(bruno, "2026-03-02", 50000, "2026-03-10"));  // broken
        book.accept(promiseCall(bruno, "2026-03-28", 100000, "2026-04-10")); // pending

        carla = book.registerDebtor("Carla Ruiz");
        book.addInvoice(carla, "C-1", 30000, "2026-02-01", "2026-03-03");
        book.pay(carla, 30000, "2026-03-13");

        elena = book.registerDebtor("Elena Soto");
        book.addInvoice(elena, "E-1", 80000, "2026-01-01", "2026-01-31");
        book.pay(elena, 80000, "2026-01-30");
        book.addInvoice(elena, "E-2", 100000, "2026-03-15", "2026-04-14");
        book.addInvoice(elena, "E-3", 50000, "2026-03-25", "2026-05-24");

        dolores = book.registerDebtor("Dolores Vega");
        book.accept(command("addInvoice", {{"debtor", dolores}, {"number", "D-1"}, {"amount", money(100000, "USD")},
                                           {"issueDate", "2026-03-01"}, {"dueDate", "2026-03-31"}}));
    }
};

KpiOptions march() {
    KpiOptions o = defaultKpiOptions(day("2026-03-31"));
    CHECK(o.from == day("2026-03-01"));
    CHECK(o.to == day("2026-03-31"));
    return o;
}

const CurrencyKpis& in(const std::vector<CurrencyKpis>& list, const char* currency) {
    for (const auto& k : list)
        if (k.currency.str() == currency) return k;
    FAIL("no figures in " << currency);
    return list.front();
}

std::int64_t aging(const CurrencyKpis& k, AgingBucket b) { return k.aging[static_cast<std::size_t>(b)]; }

} // namespace

TEST_CASE("kpis: aging buckets on their edges, by days past the due date") {
    CHECK(agingBucket(-5) == AgingBucket::NotDue);
    CHECK(agingBucket(0) == AgingBucket::NotDue); // due today: not yet overdue
    CHECK(agingBucket(1) == AgingBucket::Days1To30);
    CHECK(agingBucket(30) == AgingBucket::Days1To30);
    CHECK(agingBucket(31) == AgingBucket::Days31To60);
    CHECK(agingBucket(60) == AgingBucket::Days31To60);
    CHECK(agingBucket(61) == AgingBucket::Days61To90);
    CHECK(agingBucket(90) == AgingBucket::Days61To90);
    CHECK(agingBucket(91) == AgingBucket::Days91To120);
    CHECK(agingBucket(120) == AgingBucket::Days91To120);
    CHECK(agingBucket(121) == AgingBucket::Over120);

    // Each bucket's days, as the debtors list filters on them, fall in that bucket at both ends.
    // (Not structured bindings: clang 14 cannot capture them in doctest's message lambdas.)
    for (const auto& entry : EnumTable<AgingBucket>::values) {
        const AgingBucket bucket = entry.first;
        const std::string name = entry.second;
        const std::pair<int, int> days = agingDays(bucket);
        CHECK_MESSAGE(agingBucket(days.first) == bucket, name);
        CHECK_MESSAGE(agingBucket(days.second) == bucket, name);
    }
    CHECK(agingDays(AgingBucket::Days31To60) == std::pair<int, int>{31, 60});
    CHECK(agingDays(AgingBucket::NotDue).second == 0);
    CHECK(agingDays(AgingBucket::Over120).first == 121);

    // Across a leap day: due 28 February 2028, as of 30 March 2028 it is 31 days past due.
    Book book{1, "2028-04-01"};
    const auto d = book.registerDebtor("Leap S.L.");
    book.addInvoice(d, "L-1", 1000, "2028-01-29", "2028-02-28");
    book.addInvoice(d, "L-2", 2000, "2028-01-30", "2028-02-29");
    const auto r = computeKpis(book.state(), defaultKpiOptions(day("2028-03-30")));
    CHECK(aging(in(r.currencies, "EUR"), AgingBucket::Days31To60) == 1000);
    CHECK(aging(in(r.currencies, "EUR"), AgingBucket::Days1To30) == 2000); // 30 days
    // The month of 29 February in the series ends on it.
    CHECK(r.currencies.front().months[22].end == day("2028-02-29"));
    CHECK(r.currencies.front().months[22].start == day("2028-02-01"));
}

TEST_CASE("kpis: the worked example as of 31 March 2026, the period March") {
    Example x;
    const auto r = computeKpis(x.book.state(), march());
    REQUIRE(r.currencies.size() == 2);
    const auto& eur = in(r.currencies, "EUR");

    // Owed on the 31st: A-1 600 (50 days past due), A-2 600 (not due), B-1 2,000 (106 days),
    // B-2 500 (1 day), E-2 1,000 and E-3 500 (not due).
    CHECK(eur.outstanding == 520000);
    CHECK(eur.overdue == 310000);
    CHECK(aging(eur, AgingBucket::NotDue) == 210000);
    CHECK(eur.agingInvoices[0] == 3);
    CHECK(aging(eur, AgingBucket::Days1To30) == 50000);
    CHECK(aging(eur, AgingBucket::Days31To60) == 60000);
    CHECK(aging(eur, AgingBucket::Days61To90) == 0);
    CHECK(aging(eur, AgingBucket::Days91To120) == 200000);
    CHECK(aging(eur, AgingBucket::Over120) == 0);
    CHECK(eur.debtorsOwing == 3);       // Ana, Bruno, Elena
    CHECK(eur.delinquentDebtors == 2); // Ana, Bruno

    // March: 3,300 owed on 28 February; 2,600 invoiced; 700 collected.
    CHECK(eur.beginning == 330000);
    CHECK(eur.creditSales == 260000);
    CHECK(eur.collected == 70000);
    CHECK(eur.ending == 520000);
    CHECK(eur.endingNotDue == 210000);
    // DSO = 5,200 ÷ 2,600 × 31 = 62.0; best possible = 2,100 ÷ 2,600 × 31 = 25.04 → 25.0.
    CHECK(eur.dso == 620);
    CHECK(eur.bestPossibleDso == 250);
    CHECK(eur.add == 370);
    // Countback: 5,200 − March's 2,600 (31 days) − February's 300 (28) − January's 1,800 (31)
    // − December's nothing (31) leaves 500 of November's 2,000: 30 × 500 ÷ 2,000 = 7.5 days.
    CHECK(eur.dsoCountback == 1285);
    CHECK_FALSE(eur.countbackCapped);
    // CEI = (3,300 + 2,600 − 5,200) ÷ (3,300 + 2,600 − 2,100) = 700 ÷ 3,800 = 18.42 %.
    CHECK(eur.cei == 184);
    // C-1, issued 1 February, paid in full on 13 March: 40 days.
    CHECK(eur.paidInvoices == 30000);
    CHECK(eur.averageDaysToCollect == 400);
    // Overdue during March: A-1 1,000, B-1 2,000 (from the start), B-2 500 (from the 30th),
    // C-1 300 (from the 3rd); recovered 400 of A-1 and C-1's 300.
    CHECK(eur.recoverable == 380000);
    CHECK(eur.recovered == 70000);
    CHECK(eur.recoveryRate == 184);
    // Falling due in March: Ana's 400 (kept) and Bruno's 500 (broken).
    CHECK(eur.promisesDue == 2);
    CHECK(eur.promisesKept == 1);
    CHECK(eur.promisedDue == 90000);
    CHECK(eur.promisedKept == 40000);
    CHECK(eur.promisesKeptRate == 500);

    // USD apart: D-1 1,000 US$ due today, not overdue.
    const auto& usd = in(r.currencies, "USD");
    CHECK(usd.outstanding == 100000);
    CHECK(usd.overdue == 0);
    CHECK(usd.creditSales == 100000);
    CHECK(usd.dso == 310);
}

TEST_CASE("kpis: cash expected, weighted by each debtor's record") {
    Example x;
    const auto eur = in(computeKpis(x.book.state(), march()).currencies, "EUR");
    // Ana kept every promise she made (1 of 1): her 600 € due 20 April counts whole. Bruno
    // kept none (0 of 1): his 1,000 € due 10 April counts nothing.
    CHECK(eur.next4Weeks.promised == 160000);
    CHECK(eur.next4Weeks.promisedWeighted == 60000);
    // Invoices falling due: Ana's A-2 (she paid nothing of A-1 on time: 0 %) and Elena's E-2
    // (she paid E-1 on time: 100 %); E-3, due 24 May, only in the three months.
    CHECK(eur.next4Weeks.fallingDue == 160000);
    CHECK(eur.next4Weeks.fallingDueWeighted == 100000);
    CHECK(eur.next4Weeks.expected() == 160000);
    CHECK(eur.next3Months.fallingDue == 210000);
    CHECK(eur.next3Months.fallingDueWeighted == 150000);
    CHECK(eur.next3Months.expected() == 210000);
    CHECK(eur.next3Months.instalments == 0);
    // Dolores has no record of her own: her segment's (every debtor is new here) pays 800 on
    // time of 4,100 judged: 1,000 US$ × 800 ÷ 4,100 = 195.12 US$.
    const auto usd = in(computeKpis(x.book.state(), march()).currencies, "USD");
    CHECK(usd.next4Weeks.fallingDue == 100000);
    CHECK(usd.next4Weeks.fallingDueWeighted == 19512);
}

TEST_CASE("kpis: CEI, DSO and collections over three months, and the monthly series") {
    Example x;
    KpiOptions o = march();
    o.from = day("2026-01-01");
    o.months = 3;
    const auto eur = in(computeKpis(x.book.state(), o).currencies, "EUR");
    // B-1's 2,000 owed on 31 December; 1,800 + 300 + 2,600 invoiced; 800 + 700 collected.
    CHECK(eur.beginning == 200000);
    CHECK(eur.creditSales == 470000);
    CHECK(eur.collected == 150000);
    // CEI over the period as one (not the mean of the months): 1,500 ÷ 4,600 = 32.6 %.
    CHECK(eur.cei == 326);
    // DSO = 5,200 ÷ 4,700 × 90 days = 99.6.
    CHECK(eur.dso == 996);

    REQUIRE(eur.months.size() == 3);
    const auto& jan = eur.months[0];
    const auto& feb = eur.months[1];
    const auto& mar = eur.months[2];
    CHECK(jan.start == day("2026-01-01"));
    CHECK(jan.end == day("2026-01-31"));
    CHECK(mar.end == day("2026-03-31"));
    CHECK(jan.outstanding == 300000); // A-1 and B-1; E-1 paid on the 30th
    CHECK(jan.collected == 80000);
    CHECK(feb.outstanding == 330000);
    CHECK(feb.overdue == 300000); // C-1 not due until 3 March
    CHECK(feb.collected == 0);
    CHECK(feb.creditSales == 30000);
    // February collected nothing of what it could: (3,000 + 300 − 3,300) ÷ (3,000 + 300 − 300).
    CHECK(feb.cei == 0);
    CHECK(mar.outstanding == 520000);
    CHECK(mar.cei == 184);
    CHECK(mar.dso == 620);
    CHECK(mar.promisesDue == 2);
    CHECK(mar.promisesKeptRate == 500);
}

TEST_CASE("kpis: a payment recorded today, dated last month, changes the figures as of last month") {
    Example x;
    const auto before = in(computeKpis(x.book.state(), march()).currencies, "EUR");
    x.book.pay(x.bruno, 50000, "2026-03-25"); // recorded on 15 April
    const auto after = in(computeKpis(x.book.state(), march()).currencies, "EUR");
    CHECK(after.collected == before.collected + 50000);
    CHECK(after.outstanding == before.outstanding - 50000);
    CHECK(after.aging[static_cast<std::size_t>(AgingBucket::Days91To120)] == 150000); // paid towards B-1
    // As of 20 March it had not been paid yet.
    const auto early = in(computeKpis(x.book.state(), defaultKpiOptions(day("2026-03-20"))).currencies, "EUR");
    CHECK(early.collected == 70000);
}

TEST_CASE("kpis: a case written off leaves outstanding the day it is closed, as written off") {
    Book book{1, "2026-02-15"};
    const auto fede = book.registerDebtor("Fede Gil");
    book.addInvoice(fede, "F-1", 100000, "2026-01-05", "2026-02-04");
    book.pay(fede, 20000, "2026-02-10");
    book.setNow("2026-03-20");
    book.accept(command("changeStage", {{"debtor", fede}, {"stage", "closed_written_off"}, {"reason", "insolvente"}}));

    const auto before = in(computeKpis(book.state(), defaultKpiOptions(day("2026-03-15"))).currencies, "EUR");
    CHECK(before.outstanding == 80000);
    CHECK(before.delinquentDebtors == 1);
    CHECK(before.writtenOff == 0);

    const auto after = in(computeKpis(book.state(), march()).currencies, "EUR");
    CHECK(after.outstanding == 0);
    CHECK(after.overdue == 0);
    CHECK(after.delinquentDebtors == 0);
    CHECK(after.writtenOff == 80000);
    // Written off is not collected: CEI = (800 − 0 − 800) ÷ (800 − 0 − 800): nothing to say.
    CHECK(after.beginning == 80000);
    CHECK_FALSE(after.cei.has_value());
    CHECK(after.months.back().closed == 80000);
}

TEST_CASE("kpis: per assignee and per segment, the groups add up to the whole") {
    Example x;
    const auto luis = x.book.accept(command("addMember", {{"name", "Luis Ruiz"}}));
    x.book.accept(command("assignDebtor", {{"debtor", x.ana}, {"member", luis}}));
    x.book.accept(command("assignDebtor", {{"debtor", x.bruno}, {"member", luis}}));
    for (const auto by : {KpiGrouping::Assignee, KpiGrouping::Segment}) {
        KpiOptions o = march();
        o.by = by;
        const auto r = computeKpis(x.book.state(), o);
        const auto& whole = in(r.currencies, "EUR");
        std::int64_t outstanding = 0, collected = 0, expected = 0;
        std::uint32_t promisesDue = 0;
        std::array<std::int64_t, 24> monthly{};
        for (const auto& g : r.groups)
            for (const auto& k : g.currencies)
                if (k.currency.str() == "EUR") {
                    outstanding += k.outstanding;
                    collected += k.collected;
                    expected += k.next3Months.expected();
                    promisesDue += k.promisesDue;
                    for (std::size_t m = 0; m < k.months.size(); ++m) monthly[m] += k.months[m].outstanding;
                }
        CHECK(outstanding == whole.outstanding);
        CHECK(collected == whole.collected);
        CHECK(expected == whole.next3Months.expected());
        CHECK(promisesDue == whole.promisesDue);
        for (std::size_t m = 0; m < whole.months.size(); ++m) CHECK(monthly[m] == whole.months[m].outstanding);
        if (by == KpiGrouping::Assignee) {
            REQUIRE(r.groups.size() == 2);
            CHECK(r.groups[0].key.empty()); // unassigned first
            CHECK(r.groups[1].key == luis);
            CHECK(r.groups[1].name == "Luis Ruiz");
            CHECK(in(r.groups[1].currencies, "EUR").outstanding == 120000 + 250000);
        }
    }
}

TEST_CASE("kpis: an empty book and a book of one month give figures, not errors") {
    Book empty;
    const auto none = computeKpis(empty.state(), defaultKpiOptions(day("2026-03-10")));
    CHECK(none.currencies.empty());
    const auto j = kpisJson(none);
    CHECK(j["currencies"].empty());
    CHECK(j["asOf"] == "2026-03-10");

    Book one{1, "2026-03-10"};
    const auto d = one.registerDebtor("Nuevo S.L.");
    one.addInvoice(d, "N-1", 5000, "2026-03-02", "2026-04-01");
    const auto k = in(computeKpis(one.state(), defaultKpiOptions(day("2026-03-10"))).currencies, "EUR");
    CHECK(k.outstanding == 5000);
    CHECK(k.dso == 100); // 50 ÷ 50 × 10 days
    CHECK(k.dsoCountback == 100); // all of it this month: 10 days
    CHECK_FALSE(k.cei.has_value()); // nothing was due: no collection to judge
    CHECK_FALSE(k.averageDaysToCollect.has_value());
    CHECK_FALSE(k.recoveryRate.has_value());
    CHECK_FALSE(k.promisesKeptRate.has_value());
    REQUIRE(k.months.size() == 24);
    CHECK(k.months.front().outstanding == 0);
    CHECK_FALSE(k.months.front().dso.has_value());
}

TEST_CASE("kpis: options read from JSON, refused naming the field") {
    const Date today = day("2026-03-10");
    auto read = [&](const char* text) { return readKpiOptions(json::parse(text), today); };
    const auto plain = read("{}");
    REQUIRE_FALSE(plain.problem);
    CHECK(plain.options.asOf == today);
    CHECK(plain.options.from == day("2026-03-01"));
    const auto q = read(R"({"asOf":"2026-06-30","from":"2026-04-01","by":"assignee","months":12})");
    REQUIRE_FALSE(q.problem);
    CHECK(q.options.to == day("2026-06-30"));
    CHECK(q.options.from == day("2026-04-01"));
    CHECK(q.options.by == KpiGrouping::Assignee);
    CHECK(q.options.months == 12);
    CHECK(read(R"({"asOf":"2026-02-30"})").problem->field == "asOf");
    CHECK(code(read(R"({"asOf":"2026-03-31","to":"2026-04-01"})").problem) == "err_kpi_after_as_of");
    CHECK(code(read(R"({"from":"2026-03-09","to":"2026-03-08"})").problem) == "err_kpi_period_order");
    CHECK(read(R"({"by":"team"})").problem->field == "by");
    CHECK(read(R"({"months":0})").problem->field == "months");
    CHECK(read(R"({"months":121})").problem->field == "months");
    CHECK(code(read("[1]").problem) == "err_type_object");
}

TEST_CASE("kpis: outstanding and overdue as of today are the dashboard's, currency by currency") {
    // One definition of each figure (issue: the dashboard and the list disagreed): the KPIs as
    // of today count open cases only, as the dashboard does.
    const Date today = day("2026-03-10");
    Workspace w(3);
    w.load(demoDataset(today));
    const auto dashboard = computeDashboard(w.state(), today);
    const auto r = computeKpis(w.state(), defaultKpiOptions(today));
    REQUIRE_FALSE(r.currencies.empty());
    for (const auto& k : r.currencies) {
        INFO(k.currency.str());
        CHECK(k.outstanding == dashboard.outstanding.in(k.currency));
        CHECK(k.overdue == dashboard.overdue.in(k.currency));
    }
    CHECK(r.currencies.size() == dashboard.outstanding.amounts().size());
}
