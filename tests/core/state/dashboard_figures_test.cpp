// The dashboard's figures (state/dashboard_figures.hpp), worked out by hand on a small book:
// what is owed and overdue per currency, debtors and amounts by age of debt, stages, and the
// promises of the coming week.
#include "core/state/dashboard_figures.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

using namespace recobra;
using namespace recobra::test;

TEST_CASE("dashboard: owed, overdue, aging and stages of a small book on 10 March 2026") {
    Book book;
    // Ana owes 1,000 € due 1 March (9 days overdue) and 500 € due 1 April (not due).
    const auto ana = book.registerDebtor("Ana García");
    book.addInvoice(ana, "A-1", 100000, "2026-01-30", "2026-03-01");
    book.addInvoice(ana, "A-2", 50000, "2026-03-01", "2026-04-01");
    // Bruno owes 200 € due 30 November 2025 (100 days overdue) and 300 US$ not due.
    const auto bruno = book.registerDebtor("Bruno Díaz");
    book.addInvoice(bruno, "B-1", 20000, "2025-10-31", "2025-11-30");
    book.accept(command("addInvoice", {{"debtor", bruno}, {"number", "B-2"}, {"amount", money(30000, "USD")},
                                       {"issueDate", "2026-03-01"}, {"dueDate", "2026-03-31"}}));
    // Carla paid everything: she owes nothing.
    const auto carla = book.registerDebtor("Carla Ruiz");
    book.addInvoice(carla, "C-1", 7000, "2026-01-01", "2026-02-01");
    book.pay(carla, 7000, "2026-02-01");

    const auto owed = computeDashboard(book.state(), day("2026-03-10"), CurrencyCode::eur());
    CHECK(owed.outstanding.in(CurrencyCode::eur()) == 100000 + 50000 + 20000);
    CHECK(owed.outstanding.in(*CurrencyCode::parse("USD")) == 30000);
    CHECK(owed.overdue.in(CurrencyCode::eur()) == 100000 + 20000);
    CHECK(owed.overdue.in(*CurrencyCode::parse("USD")) == 0);
    CHECK(owed.debtorsOwing == 2); // Ana and Bruno

    // Dani owes 400 €, 40 days overdue, and his case was written off.
    const auto dani = book.registerDebtor("Dani Sanz");
    book.addInvoice(dani, "D-1", 40000, "2025-12-30", "2026-01-29");
    book.accept(command("changeStage", {{"debtor", dani}, {"stage", "closed_written_off"}, {"reason", "insolvente"}}));

    const auto f = computeDashboard(book.state(), day("2026-03-10"), CurrencyCode::eur());
    // By age of the oldest open invoice, open cases only (Dani's is closed, Carla owes nothing).
    CHECK(f.debtorsPerBucket[static_cast<std::size_t>(OverdueBucket::UpTo30)] == 1);
    CHECK(f.amountPerBucket[static_cast<std::size_t>(OverdueBucket::UpTo30)] == 150000); // Ana's whole debt
    CHECK(f.debtorsPerBucket[static_cast<std::size_t>(OverdueBucket::Over90)] == 1);
    CHECK(f.amountPerBucket[static_cast<std::size_t>(OverdueBucket::Over90)] == 20000); // euros only
    CHECK(f.debtorsPerBucket[static_cast<std::size_t>(OverdueBucket::UpTo60)] == 0);

    CHECK(f.debtorsPerStage.at(Stage::Overdue) == 2);
    CHECK(f.debtorsPerStage.at(Stage::ClosedPaid) == 1);
    CHECK(f.debtorsPerStage.at(Stage::ClosedWrittenOff) == 1);
    CHECK(f.debtorsPerStage.at(Stage::NotDue) == 0);
}

TEST_CASE("dashboard: a promise due within seven days is upcoming, soonest first; a broken one is counted") {
    Book book;
    const auto ana = book.registerDebtor("Ana García");
    book.addInvoice(ana, "A-1", 100000, "2026-01-30", "2026-03-01");
    auto promise = [&](const char* due, std::int64_t cents) {
        book.accept(command("logInteraction", {{"debtor", ana}, {"at", book.context.now}, {"channel", "call"},
                                               {"direction", "outbound"}, {"outcome", "promise"},
                                               {"promise", {{"amount", eur(cents)}, {"dueDate", due}}}}));
    };
    promise("2026-03-17", 10000); // the 7th day: in
    promise("2026-03-12", 10000);
    promise("2026-03-18", 10000); // the 8th day: out
    book.setNow("2026-03-01");
    promise("2026-03-05", 10000); // due before today, nothing paid: broken
    book.setNow("2026-03-10");

    const auto f = computeDashboard(book.state(), day("2026-03-10"), CurrencyCode::eur());
    REQUIRE(f.upcoming.size() == 2);
    CHECK(f.upcoming[0].due == day("2026-03-12"));
    CHECK(f.upcoming[1].due == day("2026-03-17"));
    CHECK(f.brokenPromises == 1);
}
