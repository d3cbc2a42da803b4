// Commands about what is owed: addInvoice, updateInvoice, voidInvoice, setInvoiceDisputed.
#include "core/state/state_image.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

using namespace recobra;
using namespace recobra::test;

namespace {

// Gráficas Peña owes Ana two invoices on 10 March 2026; Taller Ruiz owes one.
struct TwoDebtors {
    Book book;
    std::string pena, ruiz, f1, f2, r1;

    TwoDebtors() {
        pena = book.registerDebtor("Gráficas Peña S.L.", "B12345674");
        ruiz = book.registerDebtor("Taller Ruiz S.L.", "B87654323");
        f1 = book.addInvoice(pena, "F-2026/001", 120000, "2026-01-05", "2026-02-04");
        f2 = book.addInvoice(pena, "F-2026/002", 30000, "2026-02-01", "2026-03-03");
        r1 = book.addInvoice(ruiz, "F-2026/010", 50000, "2026-02-10", "2026-03-12");
    }
};

json invoiceCommand(const std::string& debtor) {
    return command("addInvoice", {{"debtor", debtor},
                                  {"number", "F-2026/003"},
                                  {"amount", eur(24200)},
                                  {"issueDate", "2026-03-01"},
                                  {"dueDate", "2026-03-31"},
                                  {"kind", "b2b"},
                                  {"description", "Diseño de catálogo"}});
}

} // namespace

TEST_CASE("an invoice is added to its debtor and counts as owed") {
    TwoDebtors t;
    auto& book = t.book;
    const auto result =
        book.dispatch(patched(invoiceCommand(t.pena), R"({"description":"  Diseño de catálogo  "})"));
    REQUIRE(result.ok());
    const auto& inv = book.invoice(result.createdId);
    CHECK(result.createdId == entityId('i', result.event->id));
    CHECK(inv.number == "F-2026/003");
    CHECK(inv.amount == euros(24200));
    CHECK(inv.issueDate == day("2026-03-01"));
    CHECK(inv.dueDate == day("2026-03-31"));
    CHECK(inv.kind == InvoiceKind::B2B);
    CHECK(inv.description == "Diseño de catálogo");
    CHECK(inv.addedAt == book.context.now);
    CHECK(inv.status() == InvoiceStatus::Open);
    CHECK(inv.outstanding() == 24200);
    // Gráficas Peña now owes 1,200 + 300 + 242 €; its oldest open invoice fell due on 4 February.
    CHECK(book.outstanding(t.pena) == 174200);
    CHECK(book.debtor(t.pena).oldestOpenDue == day("2026-02-04"));
    CHECK(book.debtor(t.pena).invoices.size() == 3);
    CHECK(book.outstanding(t.ruiz) == 50000);
}

TEST_CASE("a debtor owing in two currencies owes each apart") {
    TwoDebtors t;
    t.book.accept(patched(invoiceCommand(t.pena), R"({"amount":{"currency":"USD","minor":10000}})"));
    CHECK(t.book.outstanding(t.pena, "EUR") == 150000);
    CHECK(t.book.outstanding(t.pena, "USD") == 10000);
    CHECK(t.book.debtor(t.pena).outstanding.amounts().size() == 2);
}

TEST_CASE("the largest invoice is a thousand million, in the currency's own units") {
    TwoDebtors t;
    t.book.accept(patched(invoiceCommand(t.pena), R"({"amount":{"currency":"EUR","minor":100000000000}})"));
    t.book.accept(patched(invoiceCommand(t.ruiz), R"({"amount":{"currency":"CLP","minor":1000000000}})"));
    CHECK(t.book.outstanding(t.ruiz, "CLP") == 1'000'000'000);
    t.book.refuse(
        patched(invoiceCommand(t.ruiz), R"({"number":"X","amount":{"currency":"CLP","minor":1000000001}})"));
}

TEST_CASE("an invoice may fall due the day it is issued") {
    TwoDebtors t;
    t.book.accept(patched(invoiceCommand(t.pena), R"({"issueDate":"2026-03-10","dueDate":"2026-03-10"})"));
}

TEST_CASE("invoice numbers are unique per debtor, not across debtors") {
    TwoDebtors t;
    // Taller Ruiz may have its own F-2026/001 (another issuer's numbering).
    t.book.accept(patched(invoiceCommand(t.ruiz), R"({"number":"F-2026/001"})"));
}

TEST_CASE("a renamed invoice gives its number back; a number two devices both gave stays taken until both are renamed") {
    TwoDebtors t;
    auto& book = t.book;
    const json again = patched(invoiceCommand(t.pena), R"({"number":" f-2026/002 "})");
    CHECK(code(book.refuse(again)) == "err_invoice_number_duplicate");
    book.accept(command("updateInvoice", {{"invoice", t.f2}, {"number", "F-2026/002-R"}}));
    const std::string reused = book.accept(again);
    CHECK(book.invoice(reused).number == "f-2026/002");
    CHECK(code(book.refuse(patched(invoiceCommand(t.pena), R"({"number":"F-2026/002-r"})"))) ==
          "err_invoice_number_duplicate");

    // Ana and Luis each record Taller Ruiz's X-1 on their own device, then merge: the debtor
    // has it twice, and a third X-1 is refused until neither is called that any more.
    Book luis(2);
    luis.workspace.integrate(book.log().decodeAll());
    const std::string ana1 = book.addInvoice(t.ruiz, "X-1", 1000, "2026-03-01", "2026-03-31");
    const std::string luis1 = luis.addInvoice(t.ruiz, "x-1", 2000, "2026-03-02", "2026-04-01");
    book.workspace.integrate(luis.log().decodeAll());
    REQUIRE(book.debtor(t.ruiz).invoices.size() == 3);
    const json third = patched(invoiceCommand(t.ruiz), R"({"number":"X-1"})");
    CHECK(code(book.refuse(third)) == "err_invoice_number_duplicate");
    book.accept(command("updateInvoice", {{"invoice", ana1}, {"number", "X-2"}}));
    CHECK(code(book.refuse(third)) == "err_invoice_number_duplicate");
    // Luis's keeps its own number: not a duplicate of itself, and X-2 is not its to take.
    book.accept(command("updateInvoice", {{"invoice", luis1}, {"number", "X-1"}}));
    CHECK(code(book.refuse(command("updateInvoice", {{"invoice", luis1}, {"number", "x-2"}}))) ==
          "err_invoice_number_duplicate");
    book.accept(command("updateInvoice", {{"invoice", luis1}, {"number", "X-3"}}));
    book.accept(third);
    // The numbers as found are those of a fresh fold, and of a state read back from its image.
    const State folded = fold(book.log());
    CHECK(folded == book.state());
    StateImageWriter writer(book.state(), book.log().size());
    StateImageReader reader(book.log().size());
    std::string piece;
    while (writer.next(piece, 256)) REQUIRE(reader.add(piece));
    const auto read = reader.finish();
    REQUIRE(read);
    CHECK(*read == book.state());
}

TEST_CASE("adding thousands of invoices to one debtor looks at a few invoices each time, not at all of them") {
    TwoDebtors t;
    constexpr std::size_t kInvoices = 2000;
    const std::uint64_t start = invoiceVisits();
    for (std::size_t i = 0; i < kInvoices; ++i)
        t.book.accept(patched(invoiceCommand(t.pena), ("{\"number\":\"G-" + std::to_string(i) + "\"}").c_str()));
    CHECK(invoiceVisits() - start <= kInvoices);
    CHECK(t.book.outstanding(t.pena) == 150000 + static_cast<std::int64_t>(kInvoices) * 24200);
}

TEST_CASE("adding an invoice is refused when a rule is broken") {
    TwoDebtors t;
    checkRefusals(
        t.book, invoiceCommand(t.pena),
        {
            {"the debtor exists", R"({"debtor":"d-nobody"})", "debtor", Str::err_ref_unknown},
            {"the debtor is required", R"({"debtor":null})", "debtor", Str::err_field_missing},
            {"an invoice id is never reused", "{\"invoice\":\"" + t.r1 + "\"}", "invoice",
             Str::err_id_duplicate},
            {"the number is required", R"({"number":null})", "number", Str::err_field_missing},
            {"a blank number is no number", R"({"number":"  "})", "number", Str::err_required},
            {"a number is at most 50 characters", "{\"number\":\"" + letters(51) + "\"}", "number",
             Str::err_too_long},
            {"a debtor's invoice numbers are unique, whatever the case and spacing",
             R"({"number":" f-2026/001 "})", "number", Str::err_invoice_number_duplicate},
            {"the due date is not before the issue date", R"({"dueDate":"2026-02-28"})", "dueDate",
             Str::err_due_before_issue},
            {"an amount is greater than zero", R"({"amount":{"currency":"EUR","minor":0}})", "amount",
             Str::err_amount_positive},
            {"never negative", R"({"amount":{"currency":"EUR","minor":-24200}})", "amount",
             Str::err_amount_positive},
            {"at most a thousand million euros", R"({"amount":{"currency":"EUR","minor":100000000001}})",
             "amount", Str::err_amount_too_large},
            {"in a known currency", R"({"amount":{"currency":"ESP","minor":24200}})", "amount.currency",
             Str::err_currency_unknown},
            {"counted in whole minor units", R"({"amount":{"currency":"EUR","minor":242.5}})", "amount.minor",
             Str::err_type_integer},
            {"an amount is an object, not a number", R"({"amount":242})", "amount", Str::err_type_money},
            {"an amount has nothing but currency and minor",
             R"({"amount":{"currency":"EUR","minor":1,"major":2}})", "amount.major", Str::err_field_unknown},
            {"the issue date exists in the calendar", R"({"issueDate":"2026-02-29"})", "issueDate",
             Str::err_date_invalid},
            {"the due date is written YYYY-MM-DD", R"({"dueDate":"31/03/2026"})", "dueDate",
             Str::err_date_invalid},
            {"a date is text", R"({"dueDate":20260331})", "dueDate", Str::err_type_date},
            {"the kind is one of the known kinds", R"({"kind":"b2x"})", "kind", Str::err_field_choice},
            {"a description is at most 1,000 characters", "{\"description\":\"" + letters(1001) + "\"}",
             "description", Str::err_too_long},
        });
}

TEST_CASE("updating an invoice changes only the fields given, and what is owed follows") {
    TwoDebtors t;
    auto& book = t.book;
    book.accept(
        command("updateInvoice", {{"invoice", t.f2}, {"amount", eur(36300)}, {"dueDate", "2026-03-20"}}));
    const auto& inv = book.invoice(t.f2);
    CHECK(inv.amount == euros(36300));
    CHECK(inv.dueDate == day("2026-03-20"));
    CHECK(inv.issueDate == day("2026-02-01"));
    CHECK(inv.number == "F-2026/002");
    CHECK(book.outstanding(t.pena) == 156300);

    book.accept(command("updateInvoice", {{"invoice", t.f2},
                                          {"number", "F-2026/002-R"},
                                          {"issueDate", "2026-02-02"},
                                          {"kind", "b2c"},
                                          {"description", "Rectificada"}}));
    CHECK(inv.number == "F-2026/002-R");
    CHECK(inv.issueDate == day("2026-02-02"));
    CHECK(inv.kind == InvoiceKind::B2C);
    CHECK(inv.description == "Rectificada");
    // Keeping its own number is not a duplicate of itself.
    book.accept(command("updateInvoice", {{"invoice", t.f2}, {"number", "f-2026/002-r"}}));
}

TEST_CASE("an invoice lowered below what was paid turns the excess into credit") {
    TwoDebtors t;
    auto& book = t.book;
    // 300 € paid on F-2026/002 (allocated), then the invoice is corrected to 250 €.
    book.pay(t.pena, 30000, "2026-03-05", json::array({{{"invoice", t.f2}, {"amount", 30000}}}));
    book.accept(command("updateInvoice", {{"invoice", t.f2}, {"amount", eur(25000)}}));
    CHECK(book.invoice(t.f2).paid == 25000);
    CHECK(book.invoice(t.f2).status() == InvoiceStatus::Paid);
    CHECK(book.credit(t.pena) == 5000);
    CHECK(book.outstanding(t.pena) == 120000);
}

TEST_CASE("updating an invoice is refused when a rule is broken") {
    TwoDebtors t;
    Book voided = t.book;
    voided.accept(command("voidInvoice", {{"invoice", t.f2}, {"reason", "Duplicada"}}));
    checkRefusals(t.book, command("updateInvoice", {{"invoice", t.f2}, {"dueDate", "2026-03-31"}}),
                  {
                      {"the invoice exists", R"({"invoice":"i-nobody"})", "invoice", Str::err_ref_unknown},
                      {"a debtor's invoice numbers stay unique", R"({"number":"F-2026/001"})", "number",
                       Str::err_invoice_number_duplicate},
                      {"the new due date is not before the issue date", R"({"dueDate":"2026-01-31"})",
                       "dueDate", Str::err_due_before_issue},
                      {"the new issue date is not after the due date",
                       R"({"dueDate":null,"issueDate":"2026-03-04"})", "dueDate", Str::err_due_before_issue},
                      {"an amount is greater than zero", R"({"amount":{"currency":"EUR","minor":0}})",
                       "amount", Str::err_amount_positive},
                      {"an invoice's currency never changes",
                       R"({"amount":{"currency":"USD","minor":30000}})", "amount", Str::err_currency_change},
                      {"an update changes something", R"({"dueDate":null})", "", Str::err_nothing_to_change},
                  });
    const auto p = voided.refuse(command("updateInvoice", {{"invoice", t.f2}, {"dueDate", "2026-03-31"}}));
    CHECK(p.field == "invoice");
    CHECK(code(p) == "err_invoice_void");
}

TEST_CASE("a voided invoice is owed no more") {
    TwoDebtors t;
    auto& book = t.book;
    book.accept(command("voidInvoice", {{"invoice", t.f2}, {"reason", " Emitida por error "}}));
    const auto& inv = book.invoice(t.f2);
    CHECK(inv.voided);
    CHECK(inv.voidReason == "Emitida por error");
    CHECK(inv.status() == InvoiceStatus::Void);
    CHECK(inv.outstanding() == 0);
    CHECK(book.outstanding(t.pena) == 120000);
    CHECK(book.credit(t.pena) == 0);
}

TEST_CASE("voiding an invoice is refused when a rule is broken") {
    TwoDebtors t;
    checkRefusals(t.book, command("voidInvoice", {{"invoice", t.f2}, {"reason", "Duplicada"}}),
                  {
                      {"the invoice exists", R"({"invoice":"i-nobody"})", "invoice", Str::err_ref_unknown},
                      {"a reason is required", R"({"reason":null})", "reason", Str::err_field_missing},
                      {"a blank reason is no reason", R"({"reason":" "})", "reason", Str::err_required},
                      {"a reason is at most 1,000 characters", "{\"reason\":\"" + letters(1001) + "\"}",
                       "reason", Str::err_too_long},
                  });
    t.book.accept(command("voidInvoice", {{"invoice", t.f2}, {"reason", "Duplicada"}}));
    const auto p = t.book.refuse(command("voidInvoice", {{"invoice", t.f2}, {"reason", "Otra vez"}}));
    CHECK(p.field == "invoice");
    CHECK(code(p) == "err_invoice_void");
}

TEST_CASE("a disputed invoice says so until the dispute is settled") {
    TwoDebtors t;
    auto& book = t.book;
    book.accept(
        command("setInvoiceDisputed",
                {{"invoice", t.f1}, {"disputed", true}, {"reason", "Dice que no recibió el catálogo"}}));
    CHECK(book.invoice(t.f1).disputed);
    CHECK(book.invoice(t.f1).disputeReason == "Dice que no recibió el catálogo");
    CHECK(book.invoice(t.f1).status() == InvoiceStatus::Disputed);
    CHECK(book.outstanding(t.pena) == 150000);                                            // still owed
    book.accept(command("setInvoiceDisputed", {{"invoice", t.f1}, {"disputed", false}})); // no reason needed
    CHECK_FALSE(book.invoice(t.f1).disputed);
    CHECK(book.invoice(t.f1).disputeReason.empty());
    CHECK(book.invoice(t.f1).status() == InvoiceStatus::Open);
}

TEST_CASE("disputing an invoice is refused when a rule is broken") {
    TwoDebtors t;
    Book disputed = t.book;
    disputed.accept(
        command("setInvoiceDisputed", {{"invoice", t.f1}, {"disputed", true}, {"reason", "No conforme"}}));
    Book voided = t.book;
    voided.accept(command("voidInvoice", {{"invoice", t.f1}, {"reason", "Anulada"}}));
    const json dispute =
        command("setInvoiceDisputed", {{"invoice", t.f1}, {"disputed", true}, {"reason", "No conforme"}});
    checkRefusals(
        t.book, dispute,
        {
            {"the invoice exists", R"({"invoice":"i-nobody"})", "invoice", Str::err_ref_unknown},
            {"a dispute has a reason", R"({"reason":null})", "reason", Str::err_required},
            {"disputed is true or false", R"({"disputed":"yes"})", "disputed", Str::err_type_boolean},
            {"an undisputed invoice cannot be undisputed", R"({"disputed":false})", "disputed",
             Str::err_nothing_to_change},
        });
    auto p = disputed.refuse(dispute);
    CHECK(p.field == "disputed");
    CHECK(code(p) == "err_nothing_to_change");
    p = voided.refuse(dispute);
    CHECK(p.field == "invoice");
    CHECK(code(p) == "err_invoice_void");
}
