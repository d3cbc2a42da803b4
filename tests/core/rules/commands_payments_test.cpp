// recordPayment: what a payment pays (oldest due first, or as the user allocates it), what
// is left over (credit), and how the case closes as paid and reopens by itself.
#include "support.hpp"

#include <doctest/doctest.h>

using namespace recobra;
using namespace recobra::test;

namespace {

// Gráficas Peña owes three invoices, not added in the order they fall due:
//   F-001  200 €  due 15 December 2025
//   F-002  300 €  due 10 January 2026
//   F-003  100 €  due  1 February 2026
struct ThreeInvoices {
    Book book;
    std::string pena, f1, f2, f3;

    ThreeInvoices() {
        pena = book.registerDebtor("Gráficas Peña S.L.", "B12345674");
        f2 = book.addInvoice(pena, "F-002", 30000, "2025-12-11", "2026-01-10");
        f3 = book.addInvoice(pena, "F-003", 10000, "2026-01-02", "2026-02-01");
        f1 = book.addInvoice(pena, "F-001", 20000, "2025-11-15", "2025-12-15");
    }
    std::int64_t paid(const std::string& invoice) const { return book.invoice(invoice).paid; }
};

json allocation(const std::string& invoice, std::int64_t cents) {
    return {{"invoice", invoice}, {"amount", cents}};
}

} // namespace

TEST_CASE("a payment without allocations pays the invoice that fell due first, then the next") {
    struct Row {
        std::int64_t payment;
        std::int64_t f1, f2, f3, credit;
    };
    const Row rows[] = {
        {5000, 5000, 0, 0, 0},              // 50 €: part of the oldest
        {20000, 20000, 0, 0, 0},            // exactly the oldest
        {25000, 20000, 5000, 0, 0},         // the oldest and part of the next
        {60000, 20000, 30000, 10000, 0},    // everything
        {65000, 20000, 30000, 10000, 5000}, // everything and 50 € over: credit
    };
    for (const auto& row : rows) {
        INFO("a payment of ", row.payment, " cents");
        ThreeInvoices t;
        const auto id = t.book.pay(t.pena, row.payment, "2026-03-09");
        CHECK(t.paid(t.f1) == row.f1);
        CHECK(t.paid(t.f2) == row.f2);
        CHECK(t.paid(t.f3) == row.f3);
        CHECK(t.book.credit(t.pena) == row.credit);
        CHECK(t.book.payment(id).unallocated == row.credit);
        CHECK(t.book.outstanding(t.pena) == 60000 - row.payment + row.credit);
    }
}

TEST_CASE("a payment records what it paid, invoice by invoice") {
    ThreeInvoices t;
    auto& book = t.book;
    const auto result = book.dispatch(command("recordPayment", {{"debtor", t.pena},
                                                                {"amount", eur(25000)},
                                                                {"date", "2026-03-09"},
                                                                {"method", "card"},
                                                                {"reference", " TPV 4411 "}}));
    REQUIRE(result.ok());
    const auto& p = book.payment(result.createdId);
    CHECK(result.createdId == entityId('p', result.event->id));
    CHECK(p.amount == euros(25000));
    CHECK(p.date == day("2026-03-09"));
    CHECK(p.method == PaymentMethod::Card);
    CHECK(p.reference == "TPV 4411");
    CHECK(p.author == "Ana");
    CHECK(p.recordedAt == book.context.now);
    REQUIRE(p.allocations.size() == 2);
    CHECK(book.state().invoices[p.allocations[0].invoice].id == t.f1);
    CHECK(p.allocations[0].amount == 20000);
    CHECK(book.state().invoices[p.allocations[1].invoice].id == t.f2);
    CHECK(p.allocations[1].amount == 5000);
    CHECK(book.invoice(t.f1).status() == InvoiceStatus::Paid);
    CHECK(book.invoice(t.f2).status() == InvoiceStatus::PartiallyPaid);
    CHECK(book.invoice(t.f3).status() == InvoiceStatus::Open);
    CHECK(book.debtor(t.pena).oldestOpenDue == day("2026-01-10"));
    CHECK(book.debtor(t.pena).lastActivityAt == book.context.now);
    CHECK(book.debtor(t.pena).payments.size() == 1);
}

TEST_CASE("invoices falling due the same day are paid in order of issue, then of number") {
    Book book;
    const auto d = book.registerDebtor("Taller Ruiz S.L.");
    const auto b = book.addInvoice(d, "R-2", 10000, "2026-01-05", "2026-02-28");
    const auto c = book.addInvoice(d, "R-1", 10000, "2026-01-05", "2026-02-28");
    const auto a = book.addInvoice(d, "R-9", 10000, "2026-01-01", "2026-02-28");
    book.pay(d, 15000, "2026-03-01");
    CHECK(book.invoice(a).paid == 10000); // issued first
    CHECK(book.invoice(c).paid == 5000);  // same issue day: R-1 before R-2
    CHECK(book.invoice(b).paid == 0);
}

TEST_CASE("a payment without allocations leaves disputed invoices and other currencies alone") {
    ThreeInvoices t;
    auto& book = t.book;
    book.accept(
        command("setInvoiceDisputed", {{"invoice", t.f1}, {"disputed", true}, {"reason", "Calidad"}}));
    const auto usd = book.accept(command("addInvoice", {{"debtor", t.pena},
                                                        {"number", "F-USD"},
                                                        {"amount", money(50000, "USD")},
                                                        {"issueDate", "2025-10-01"},
                                                        {"dueDate", "2025-10-01"}}));
    book.pay(t.pena, 35000, "2026-03-09");
    CHECK(t.paid(t.f1) == 0);
    CHECK(book.invoice(usd).paid == 0);
    CHECK(t.paid(t.f2) == 30000);
    CHECK(t.paid(t.f3) == 5000);
    // A payment in dollars pays the dollar invoice.
    book.accept(command("recordPayment",
                        {{"debtor", t.pena}, {"amount", money(20000, "USD")}, {"date", "2026-03-09"}}));
    CHECK(book.invoice(usd).paid == 20000);
    CHECK(book.outstanding(t.pena, "USD") == 30000);
}

TEST_CASE("explicit allocations are honoured, whatever the due dates") {
    ThreeInvoices t;
    auto& book = t.book;
    // The debtor pays the newest invoice and part of the middle one, and says so.
    book.pay(t.pena, 15000, "2026-03-09", json::array({allocation(t.f3, 10000), allocation(t.f2, 5000)}));
    CHECK(t.paid(t.f1) == 0);
    CHECK(t.paid(t.f2) == 5000);
    CHECK(t.paid(t.f3) == 10000);
    CHECK(book.credit(t.pena) == 0);
}

TEST_CASE("what explicit allocations leave unallocated is credit, not paid elsewhere") {
    ThreeInvoices t;
    auto& book = t.book;
    const auto id = book.pay(t.pena, 25000, "2026-03-09", json::array({allocation(t.f3, 10000)}));
    CHECK(t.paid(t.f3) == 10000);
    CHECK(t.paid(t.f1) == 0);
    CHECK(book.payment(id).unallocated == 15000);
    CHECK(book.credit(t.pena) == 15000);
    CHECK(book.outstanding(t.pena) == 50000);
}

TEST_CASE("a payment larger than the whole debt pays everything and leaves the rest as credit") {
    ThreeInvoices t;
    auto& book = t.book;
    book.pay(t.pena, 70000, "2026-03-09");
    CHECK(book.outstanding(t.pena) == 0);
    CHECK(book.credit(t.pena) == 10000);
    CHECK_FALSE(book.debtor(t.pena).oldestOpenDue.has_value());
    // A second payment with nothing owed is all credit.
    book.pay(t.pena, 2500, "2026-03-10");
    CHECK(book.credit(t.pena) == 12500);
}

TEST_CASE("voiding a paid invoice turns what was paid into credit") {
    ThreeInvoices t;
    auto& book = t.book;
    book.pay(t.pena, 25000, "2026-03-09"); // F-001 paid, 50 € on F-002
    book.accept(command("voidInvoice", {{"invoice", t.f2}, {"reason", "Abono"}}));
    CHECK(t.paid(t.f2) == 0);
    CHECK(book.credit(t.pena) == 5000);
    CHECK(book.outstanding(t.pena) == 10000);
    book.accept(command("voidInvoice", {{"invoice", t.f1}, {"reason", "Abono"}}));
    CHECK(book.credit(t.pena) == 25000);
}

TEST_CASE(
    "a case closes as paid by itself when the last invoice is paid, and reopens when money is owed again") {
    ThreeInvoices t;
    auto& book = t.book;
    book.pay(t.pena, 50000, "2026-03-09");
    CHECK_FALSE(book.debtor(t.pena).stage.has_value());
    book.pay(t.pena, 10000, "2026-03-10");
    const auto& d = book.debtor(t.pena);
    CHECK(d.stage == Stage::ClosedPaid);
    REQUIRE(d.stageChanges.size() == 1);
    const auto& closed = book.state().stageChanges[d.stageChanges[0]];
    CHECK_FALSE(closed.from.has_value());
    CHECK(closed.to == Stage::ClosedPaid);
    CHECK(closed.automaticReason == Str::stage_auto_paid);
    CHECK(closed.author.empty()); // Recobra did it, not a person
    CHECK(closed.at == book.context.now);

    book.addInvoice(t.pena, "F-004", 8000, "2026-03-10", "2026-04-09");
    CHECK_FALSE(d.stage.has_value());
    REQUIRE(d.stageChanges.size() == 2);
    const auto& reopened = book.state().stageChanges[d.stageChanges[1]];
    CHECK(reopened.from == Stage::ClosedPaid);
    CHECK_FALSE(reopened.to.has_value());
    CHECK(reopened.automaticReason == Str::stage_auto_reopened);
}

TEST_CASE("raising a paid invoice's amount reopens the case; voiding the unpaid rest closes it") {
    ThreeInvoices t;
    auto& book = t.book;
    book.pay(t.pena, 60000, "2026-03-09");
    REQUIRE(book.debtor(t.pena).stage == Stage::ClosedPaid);
    book.accept(command("updateInvoice", {{"invoice", t.f3}, {"amount", eur(12100)}}));
    CHECK_FALSE(book.debtor(t.pena).stage.has_value());
    CHECK(book.outstanding(t.pena) == 2100);
    book.accept(command("voidInvoice", {{"invoice", t.f3}, {"reason", "Se rehace"}}));
    // F-003's 100 € paid became credit; the rest is paid: closed again.
    CHECK(book.debtor(t.pena).stage == Stage::ClosedPaid);
    CHECK(book.credit(t.pena) == 10000);
}

TEST_CASE(
    "a case in negotiation closes as paid when everything is paid; one closed as settled stays closed") {
    ThreeInvoices t;
    auto& book = t.book;
    Book settled = book;
    book.accept(
        command("changeStage", {{"debtor", t.pena}, {"stage", "negotiating"}, {"reason", "Pide plazos"}}));
    book.pay(t.pena, 60000, "2026-03-09");
    CHECK(book.debtor(t.pena).stage == Stage::ClosedPaid);
    CHECK(book.state().stageChanges.back().from == Stage::Negotiating);

    settled.accept(command("changeStage",
                           {{"debtor", t.pena}, {"stage", "closed_settled"}, {"reason", "Quita del 30 %"}}));
    settled.pay(t.pena, 42000, "2026-03-09");
    CHECK(settled.debtor(t.pena).stage == Stage::ClosedSettled);
    settled.addInvoice(t.pena, "F-004", 8000, "2026-03-10", "2026-04-09");
    CHECK(settled.debtor(t.pena).stage == Stage::ClosedSettled);
}

TEST_CASE("a payment dated today in the user's time zone is not in the future") {
    // 10 March, 23:30 UTC is already 11 March, 00:30 in Madrid (UTC+1 in winter).
    Book book(1, "2026-03-10");
    const auto d = book.registerDebtor("Gráficas Peña S.L.");
    book.setNow("2026-03-10", 23, 30);
    book.context.utcOffsetMinutes = 60;
    book.pay(d, 1000, "2026-03-11");
    const auto p =
        book.refuse(command("recordPayment", {{"debtor", d}, {"amount", eur(1000)}, {"date", "2026-03-12"}}));
    CHECK(p.field == "date");
    CHECK(code(p) == "err_date_future");
    // In Mexico City (UTC−6) it is still 10 March, 17:30: the 11th is tomorrow.
    book.context.utcOffsetMinutes = -360;
    book.refuse(command("recordPayment", {{"debtor", d}, {"amount", eur(1000)}, {"date", "2026-03-11"}}));
    book.pay(d, 1000, "2026-03-10");
}

TEST_CASE("recording a payment is refused when a rule is broken") {
    ThreeInvoices t;
    const auto ruiz = t.book.registerDebtor("Taller Ruiz S.L.");
    const auto ruizInvoice = t.book.addInvoice(ruiz, "R-1", 10000, "2026-01-01", "2026-01-31");
    const auto usd = t.book.accept(command("addInvoice", {{"debtor", t.pena},
                                                          {"number", "F-USD"},
                                                          {"amount", money(50000, "USD")},
                                                          {"issueDate", "2026-01-01"},
                                                          {"dueDate", "2026-01-31"}}));
    const auto voided = t.book.addInvoice(t.pena, "F-999", 10000, "2026-01-01", "2026-01-31");
    t.book.accept(command("voidInvoice", {{"invoice", voided}, {"reason", "Error"}}));
    const auto earlier = t.book.pay(t.pena, 1000, "2026-03-01");
    const json valid =
        command("recordPayment", {{"debtor", t.pena},
                                  {"amount", eur(15000)},
                                  {"date", "2026-03-10"},
                                  {"allocations", {allocation(t.f3, 10000), allocation(t.f2, 5000)}}});
    auto alloc = [](const std::string& invoice, std::int64_t cents) {
        return "{\"allocations\":[{\"invoice\":\"" + invoice + "\",\"amount\":" + std::to_string(cents) +
               "}]}";
    };
    checkRefusals(
        t.book, valid,
        {
            {"the debtor exists", R"({"debtor":"d-nobody"})", "debtor", Str::err_ref_unknown},
            {"a payment id is never reused", "{\"payment\":\"" + earlier + "\"}", "payment",
             Str::err_id_duplicate},
            {"an amount is greater than zero", R"({"amount":{"currency":"EUR","minor":0}})", "amount",
             Str::err_amount_positive},
            {"at most a thousand million", R"({"amount":{"currency":"EUR","minor":100000000001}})", "amount",
             Str::err_amount_too_large},
            {"the amount is required", R"({"amount":null})", "amount", Str::err_field_missing},
            {"money not yet received is not recorded", R"({"date":"2026-03-11"})", "date",
             Str::err_date_future},
            {"the date is a real date", R"({"date":"2026-03-32"})", "date", Str::err_date_invalid},
            {"the method is a known one", R"({"method":"bitcoin"})", "method", Str::err_field_choice},
            {"a reference is at most 200 characters", "{\"reference\":\"" + letters(201) + "\"}", "reference",
             Str::err_too_long},
            {"an allocation names an invoice that exists", alloc("i-nobody", 100), "allocations[0].invoice",
             Str::err_ref_unknown},
            {"an invoice of this debtor", alloc(ruizInvoice, 100), "allocations[0].invoice",
             Str::err_ref_unknown},
            {"not a voided one", alloc(voided, 100), "allocations[0].invoice", Str::err_invoice_void},
            {"in the payment's currency", alloc(usd, 100), "allocations[0].invoice",
             Str::err_currency_mismatch},
            {"an allocation is positive", alloc(t.f3, 0), "allocations[0].amount", Str::err_amount_positive},
            {"an allocation is at most what the invoice still owes", alloc(t.f3, 10001),
             "allocations[0].amount", Str::err_allocation_exceeds},
            {"an invoice is named once",
             "{\"allocations\":[{\"invoice\":\"" + t.f3 + "\",\"amount\":100},{\"invoice\":\"" + t.f3 +
                 "\",\"amount\":100}]}",
             "allocations[1].invoice", Str::err_id_duplicate},
            {"allocations add up to at most the payment", R"({"amount":{"currency":"EUR","minor":14999}})",
             "allocations", Str::err_allocation_sum},
            {"an allocation's amount is whole minor units",
             "{\"allocations\":[{\"invoice\":\"" + t.f3 + "\",\"amount\":\"100\"}]}", "allocations[0].amount",
             Str::err_type_integer},
            {"allocations are a list", R"({"allocations":{"invoice":"x"}})", "allocations",
             Str::err_type_list},
        });
}
