// The agenda's rules as tables (agenda.hpp, docs/policy-and-agenda.md): every kind on its own
// hand-built history, month ends and leap days, promises paid the day before, partial
// payments, pauses that end by themselves, a debtor with no contact data, and the same
// agenda whatever order the events arrive in.
#include "core/rules/agenda.hpp"
#include "core/sample/generator.hpp"
#include "support.hpp"

#include <doctest/doctest.h>
#include <functional>
#include <set>

using namespace recobra;
using namespace recobra::test;

namespace {

// "kind@due" per item, with the ladder step's action: "escalation/firm_letter@2026-02-15".
std::string describe(const std::vector<AgendaItem>& items, const std::set<AgendaKind>& only = {}) {
    std::string out;
    for (const auto& it : items) {
        if (!only.empty() && !only.count(it.kind)) continue;
        if (!out.empty()) out += "; ";
        out += enumName(it.kind);
        if (it.step) out += std::string("/") + enumName(it.step->action);
        out += "@" + it.due.iso();
    }
    return out;
}

std::string agendaText(const Book& book, const char* today, const std::set<AgendaKind>& only = {}) {
    return describe(computeAgenda(book.state(), day(today)).items, only);
}

const AgendaItem* find(const std::vector<AgendaItem>& items, AgendaKind kind) {
    for (const auto& it : items)
        if (it.kind == kind) return &it;
    return nullptr;
}

json outbound(const std::string& debtor, Timestamp when, const char* channel = "email") {
    return command("logInteraction", {{"debtor", debtor},
                                      {"at", when},
                                      {"channel", channel},
                                      {"direction", "outbound"},
                                      {"outcome", "no_answer"}});
}

json promise(const std::string& debtor, Timestamp when, std::int64_t cents, const char* due) {
    return command("logInteraction", {{"debtor", debtor},
                                      {"at", when},
                                      {"channel", "call"},
                                      {"direction", "inbound"},
                                      {"outcome", "promise"},
                                      {"promise", {{"amount", eur(cents)}, {"dueDate", due}}}});
}

// Gráficas Peña owes F-001, 1.000 €, issued on `issue` and due on `due`.
struct Peña {
    Book book;
    std::string id, f1;
    explicit Peña(const char* issue = "2026-01-01", const char* due = "2026-01-31") : book(1, issue) {
        id = book.registerDebtor("Gráficas Peña S.L.", "B12345674");
        f1 = book.addInvoice(id, "F-001", 100000, issue, due);
    }
};

// Four monthly installments of 250 € from 28 February, the interest waived, no grace days.
json fourInstallments(const std::string& debtor) {
    json installments = json::array();
    for (const char* due : {"2026-02-28", "2026-03-28", "2026-04-28", "2026-05-28"})
        installments.push_back({{"amount", eur(25000)}, {"due", due}});
    return command("agreePlan", {{"debtor", debtor}, {"installments", installments}});
}

} // namespace

TEST_CASE("every rule kind, each on its own hand-built history: kind, priority and reason") {
    // Peña's F-001 of 1.000 € fell due on 31 January 2026.
    struct Row {
        const char* rule;
        std::function<void(Peña&)> history;
        const char* today;
        AgendaKind kind;
        Priority priority;
        const char* reasonEn;
        const char* reasonEs;
    };
    const Row rows[] = {
        {"due soon: three days before the due date", [](Peña&) {}, "2026-01-29", AgendaKind::DueSoon,
         Priority::Low, "Invoice F-001 for €1,000.00 falls due on 31 Jan 2026: send a reminder before then.",
         "La factura F-001 de 1.000,00 € vence el 31/01/2026: recuérdalo antes del vencimiento."},
        {"escalation: day 30 of the default ladder, an interest notice", [](Peña&) {}, "2026-03-02",
         AgendaKind::Escalation, Priority::Medium,
         "Ladder (new), step of day 30: Interest notice by letter, template 'Late-payment interest notice'. Invoice F-001 "
         "is 30 days "
         "late; €1,000.00 overdue in all.",
         "Escalada (nuevo), paso del día 30: Aviso de intereses por carta, plantilla «Aviso de intereses de demora». La "
         "factura F-001 "
         "lleva 30 días de retraso; vencido en total: 1.000,00 €."},
        {"escalation: day 60, a formal demand, is high", [](Peña&) {}, "2026-04-01", AgendaKind::Escalation,
         Priority::High, nullptr, nullptr},
        {"promise due today",
         [](Peña& p) {
             p.book.setNow("2026-02-10", 10);
             p.book.accept(promise(p.id, at("2026-02-10", 10), 30000, "2026-02-20"));
         },
         "2026-02-20", AgendaKind::PromiseDue, Priority::Medium,
         "The promise to pay €300.00 falls due today; paid so far: €0.00.",
         "Hoy vence la promesa de pagar 300,00 €; pagado hasta ahora: 0,00 €."},
        {"promise broken the day after",
         [](Peña& p) {
             p.book.setNow("2026-02-10", 10);
             p.book.accept(promise(p.id, at("2026-02-10", 10), 30000, "2026-02-20"));
         },
         "2026-02-21", AgendaKind::PromiseBroken, Priority::High,
         "Broken promise: €300.00 by 20 Feb 2026; paid: €0.00.",
         "Promesa incumplida: 300,00 € para el 20/02/2026; pagado: 0,00 €."},
        {"an installment of a payment plan falls due",
         [](Peña& p) {
             p.book.setNow("2026-02-10", 10);
             p.book.accept(fourInstallments(p.id));
         },
         "2026-02-28", AgendaKind::InstallmentDue, Priority::Medium,
         "Installment 1 of 4 of the payment plan falls due: €250.00 on 28 Feb 2026; paid: €0.00.",
         "Vence el plazo 1 de 4 del plan de pagos: 250,00 € el 28/02/2026; pagado: 0,00 €."},
        {"an installment of a payment plan missed",
         [](Peña& p) {
             p.book.setNow("2026-02-10", 10);
             p.book.accept(fourInstallments(p.id));
         },
         "2026-03-01", AgendaKind::InstallmentMissed, Priority::High,
         "Installment 1 of 4 of the payment plan missed: €250.00 due 28 Feb 2026; paid: €0.00.",
         "Plazo 1 de 4 del plan de pagos impagado: 250,00 € para el 28/02/2026; pagado: 0,00 €."},
        {"a stage without activity for 14 days",
         [](Peña& p) {
             p.book.setNow("2026-02-01", 10);
             p.book.accept(
                 command("changeStage",
                         {{"debtor", p.id}, {"stage", "negotiating"}, {"reason", "Habla con su gestor"}}));
         },
         "2026-02-15", AgendaKind::StaleStage, Priority::Low,
         "14 days in 'Negotiating' with no activity (the last on 1 Feb 2026).",
         "14 días en «Negociando» sin actividad (la última, el 01/02/2026)."},
        {"the contact limit reached: three outbound contacts in 7 days",
         [](Peña& p) {
             p.book.setNow("2026-02-05", 12);
             for (const char* d : {"2026-02-02", "2026-02-03", "2026-02-05"})
                 p.book.accept(outbound(p.id, at(d, 10)));
         },
         "2026-02-05", AgendaKind::ContactLimit, Priority::Low,
         "3 outbound contacts in the last 7 days (limit: 3). No further contact before 9 Feb 2026.",
         "3 contactos salientes en los últimos 7 días (límite: 3). No volver a contactar antes del "
         "09/02/2026."},
        {"the credit limit exceeded",
         [](Peña& p) {
             p.book.setNow("2026-01-02", 10);
             p.book.accept(command("updateDebtor", {{"debtor", p.id}, {"creditLimit", eur(50000)}}));
         },
         "2026-01-05", AgendaKind::CreditLimit, Priority::Medium,
         "Owes €1,000.00, more than the credit limit of €500.00.",
         "Debe 1.000,00 €, más que su límite de crédito de 500,00 €."},
        {"prescription near: 90 days before the deadline, medium", [](Peña&) {}, "2030-11-15",
         AgendaKind::PrescriptionNear, Priority::Medium, nullptr, nullptr},
        {"prescription near: 30 days before the deadline, high (Código Civil art. 1964.2)", [](Peña&) {},
         "2031-01-10", AgendaKind::PrescriptionNear, Priority::High,
         "Invoice F-001 (€1,000.00) prescribes on 31 Jan 2031: 21 days left. A documented formal claim (burofax) "
         "starts the term again (Código Civil art. 1973).",
         "La factura F-001 (1.000,00 €) prescribe el 31/01/2031: quedan 21 días. Una reclamación formal "
         "documentada (burofax) vuelve a empezar el plazo (Código Civil art. 1973)."},
        {"prescribed: the deadline passed, close the case?", [](Peña&) {}, "2031-02-01", AgendaKind::Prescribed,
         Priority::Medium, "Invoice F-001 (€1,000.00) prescribed on 31 Jan 2031. Close the case as prescribed?",
         "La factura F-001 (1.000,00 €) prescribió el 31/01/2031. ¿Cerrar el caso como prescrito?"},
    };
    std::set<AgendaKind> covered;
    for (const auto& row : rows) {
        INFO(row.rule);
        Peña p;
        row.history(p);
        const auto agenda = computeAgenda(p.book.state(), day(row.today));
        const AgendaItem* item = find(agenda.items, row.kind);
        REQUIRE(item != nullptr);
        covered.insert(row.kind);
        CHECK(item->priority == row.priority);
        CHECK(p.book.state().debtors[item->debtor].id == p.id);
        CHECK_FALSE(item->key.empty());
        if (row.reasonEn) CHECK(agendaReason(p.book.state(), *item, Lang::en) == row.reasonEn);
        if (row.reasonEs) CHECK(agendaReason(p.book.state(), *item, Lang::es) == row.reasonEs);
        // The same item in the JSON the CLI and window.recobra.agenda() print.
        const auto j = agendaJson(p.book.state(), agenda);
        bool inJson = false;
        for (const auto& it : j["items"])
            if (it["key"] == item->key && it["kind"] == enumName(row.kind) &&
                it["priority"] == enumName(row.priority))
                inJson = true;
        CHECK(inJson);
    }
    CHECK(covered.size() == EnumTable<AgendaKind>::values.size()); // no kind left without a row
}

TEST_CASE("month ends and leap days: the reminder and the ladder count calendar days") {
    struct Row {
        const char* rule;
        const char* issue;
        const char* due;
        const char* today;
        const char* expected;
    };
    const Row rows[] = {
        {"due 1 March 2026: reminded three days before, from 26 February", "2026-02-01", "2026-03-01",
         "2026-02-25", ""},
        {"due 1 March 2026, on 26 February", "2026-02-01", "2026-03-01", "2026-02-26", "due_soon@2026-02-26"},
        {"due 1 March 2028 (a leap year): from 27 February", "2028-02-01", "2028-03-01", "2028-02-26", ""},
        {"due 1 March 2028, on 27 February", "2028-02-01", "2028-03-01", "2028-02-27", "due_soon@2028-02-27"},
        {"due 28 February 2027: day 1 of the ladder is 1 March", "2027-01-28", "2027-02-28", "2027-03-01",
         "escalation/friendly_reminder@2027-03-01"},
        {"due 28 February 2028: day 1 is the leap day", "2028-01-28", "2028-02-28", "2028-02-29",
         "escalation/friendly_reminder@2028-02-29"},
        {"due 28 February 2028: day 15 is 14 March", "2028-01-28", "2028-02-28", "2028-03-14",
         "escalation/firm_letter@2028-03-14"},
        {"due 31 March: day 1 is 1 April", "2026-03-01", "2026-03-31", "2026-04-01",
         "escalation/friendly_reminder@2026-04-01"},
        {"due 30 April: day 30 is 30 May", "2026-04-01", "2026-04-30", "2026-05-30",
         "escalation/interest_notice@2026-05-30"},
        {"due 31 December: the ladder crosses the year, day 15 on 15 January", "2026-12-01", "2026-12-31",
         "2027-01-15", "escalation/firm_letter@2027-01-15"},
        {"due 31 December: day 60 on 1 March", "2026-12-01", "2026-12-31", "2027-03-01",
         "escalation/formal_demand@2027-03-01"},
        {"due 31 January 2028: day 30 is 1 March, over a 29-day February", "2028-01-01", "2028-01-31",
         "2028-03-01", "escalation/interest_notice@2028-03-01"},
        {"due 31 January 2028: not yet on 29 February (day 29)", "2028-01-01", "2028-01-31", "2028-02-29",
         "escalation/firm_letter@2028-02-15"},
    };
    for (const auto& row : rows) {
        INFO(row.rule);
        const Peña p(row.issue, row.due);
        CHECK(agendaText(p.book, row.today) == row.expected);
    }
}

TEST_CASE("promises on month ends and leap days, paid the day before, in parts, or late") {
    struct Row {
        const char* rule;
        const char* due;    // the promise's day
        const char* paidOn; // "" when nothing is paid
        std::int64_t paid;  // cents
        const char* today;
        const char* expected;     // the promise items
        std::int64_t countedPaid; // what the item says was paid towards the promise
    };
    const Row rows[] = {
        {"due on the leap day: due that day", "2028-02-29", "", 0, "2028-02-29", "promise_due@2028-02-29", 0},
        {"due on the leap day: broken on 1 March", "2028-02-29", "", 0, "2028-03-01",
         "promise_broken@2028-03-01", 0},
        {"due on the leap day, paid on the 28th: kept", "2028-02-29", "2028-02-28", 40000, "2028-03-01", "",
         0},
        {"due on the leap day, paid the day before in part", "2028-02-29", "2028-02-28", 10000, "2028-02-29",
         "promise_due@2028-02-29", 10000},
        {"due 28 February 2026: broken on 1 March", "2026-02-28", "", 0, "2026-03-01",
         "promise_broken@2026-03-01", 0},
        {"due 28 February 2026, paid the day before: kept", "2026-02-28", "2026-02-27", 40000, "2026-03-01",
         "", 0},
        {"due 30 April, paid 29 April: kept", "2026-04-30", "2026-04-29", 40000, "2026-05-02", "", 0},
        {"due 30 April, half paid 29 April: broken on 1 May", "2026-04-30", "2026-04-29", 20000, "2026-05-01",
         "promise_broken@2026-05-01", 20000},
        {"due 31 December, paid 2 January: late, broken all the same", "2026-12-31", "2027-01-02", 40000,
         "2027-01-03", "promise_broken@2027-01-01", 0},
    };
    for (const auto& row : rows) {
        INFO(row.rule);
        // 2.000 € owed since 2026-01-31; the promise of 400 € is made ten days before its day.
        Peña p;
        p.book.addInvoice(p.id, "F-002", 100000, "2026-01-01", "2026-01-31");
        const Date made = day(row.due).addDays(-10);
        p.book.setNow(made.iso().c_str(), 10);
        p.book.accept(promise(p.id, at(made.iso().c_str(), 10), 40000, row.due));
        if (row.paid > 0) {
            p.book.setNow(row.paidOn, 12);
            p.book.pay(p.id, row.paid, row.paidOn);
        }
        const std::set<AgendaKind> promises{AgendaKind::PromiseDue, AgendaKind::PromiseBroken};
        const auto items = computeAgenda(p.book.state(), day(row.today)).items;
        CHECK(describe(items, promises) == row.expected);
        for (const auto& it : items) {
            if (!promises.count(it.kind)) continue;
            CHECK(it.amount == euros(40000));
            CHECK(it.other == euros(row.countedPaid));
        }
    }
}

TEST_CASE("partial payments: the ladder goes on for what is still owed, and stops when it is paid") {
    Peña p; // 1.000 € due 31 January
    p.book.setNow("2026-02-10", 12);
    p.book.pay(p.id, 40000, "2026-02-10");
    // A payment is not a contact: the ladder stands where it was, for the 600 € left.
    CHECK(agendaText(p.book, "2026-02-15") == "escalation/firm_letter@2026-02-15");
    const auto items = computeAgenda(p.book.state(), day("2026-02-15")).items;
    REQUIRE(items.size() == 1);
    CHECK(items[0].amount == euros(60000));
    CHECK(items[0].other == euros(60000));
    CHECK(agendaReason(p.book.state(), items[0], Lang::en) ==
          "Ladder (new), step of day 15: Firm letter by email, template 'Firm reminder'. Invoice F-001 is 15 "
          "days late; "
          "€600.00 overdue in all.");

    // A second invoice, due later: the oldest one drives the ladder; once it is paid the
    // younger one does, from its own due date.
    p.book.setNow("2026-02-20", 12);
    const auto f2 = p.book.addInvoice(p.id, "F-002", 50000, "2026-02-01", "2026-02-28");
    CHECK(agendaText(p.book, "2026-03-02") == "escalation/interest_notice@2026-03-02");
    p.book.setNow("2026-03-02", 12);
    p.book.pay(p.id, 60000, "2026-03-02"); // the rest of F-001, oldest first
    CHECK(p.book.invoice(p.f1).outstanding() == 0);
    const auto after = computeAgenda(p.book.state(), day("2026-03-02")).items;
    REQUIRE(after.size() == 1);
    CHECK(p.book.state().invoices[after[0].invoice].id == f2);
    CHECK(describe(after) == "escalation/friendly_reminder@2026-03-01");
    CHECK(after[0].amount == euros(50000));
    // Everything paid: nothing left to do.
    p.book.pay(p.id, 50000, "2026-03-02");
    CHECK(agendaText(p.book, "2026-03-02") == "");
    CHECK(agendaText(p.book, "2026-06-01") == "");
}

TEST_CASE(
    "pauses end by themselves: one invoice, the leap day, a pause still ahead, and what a pause silences") {
    SUBCASE(
        "a pause of one invoice through 28 February: it resumes on 1 March, the paused days not counted") {
        Peña p;
        p.book.setNow("2026-02-10", 9);
        p.book.accept(command("setPause", {{"debtor", p.id},
                                           {"invoice", p.f1},
                                           {"reason", "Factura en revisión"},
                                           {"from", "2026-02-10"},
                                           {"until", "2026-02-28"}}));
        CHECK(agendaText(p.book, "2026-02-20") == "");
        CHECK(agendaText(p.book, "2026-02-28") == "");
        // 19 days paused (10–28 February): day 15 of the ladder comes on 6 March, not 15 February.
        CHECK(agendaText(p.book, "2026-03-01") == "escalation/friendly_reminder@2026-02-01");
        CHECK(agendaText(p.book, "2026-03-05") == "escalation/friendly_reminder@2026-02-01");
        CHECK(agendaText(p.book, "2026-03-06") == "escalation/firm_letter@2026-03-06");
    }
    SUBCASE("a pause over the leap day counts it") {
        Peña p("2028-01-01", "2028-01-31");
        p.book.setNow("2028-02-28", 9);
        p.book.accept(command("setPause", {{"debtor", p.id},
                                           {"reason", "Ingresado en el hospital"},
                                           {"from", "2028-02-28"},
                                           {"until", "2028-03-01"}}));
        // 28 and 29 February and 1 March paused: day 30 of the ladder (1 March) comes on 4 March.
        CHECK(agendaText(p.book, "2028-03-01") == "");
        CHECK(agendaText(p.book, "2028-03-02") == "escalation/firm_letter@2028-02-15");
        CHECK(agendaText(p.book, "2028-03-03") == "escalation/firm_letter@2028-02-15");
        CHECK(agendaText(p.book, "2028-03-04") == "escalation/interest_notice@2028-03-04");
    }
    SUBCASE("a pause that starts later stops nothing until its first day") {
        Peña p;
        p.book.setNow("2026-02-10", 9);
        p.book.accept(command("setPause", {{"debtor", p.id},
                                           {"reason", "Acuerdo: paga al cobrar de su cliente"},
                                           {"from", "2026-02-16"},
                                           {"until", "2026-02-20"}}));
        CHECK(agendaText(p.book, "2026-02-15") == "escalation/firm_letter@2026-02-15");
        CHECK(agendaText(p.book, "2026-02-16") == "");
        CHECK(agendaText(p.book, "2026-02-21") == "escalation/firm_letter@2026-02-15");
    }
    SUBCASE("a pause of the debtor silences promises and stale stages, not the credit or contact limits") {
        Peña p;
        p.book.setNow("2026-02-01", 9);
        p.book.accept(command("updateDebtor", {{"debtor", p.id}, {"creditLimit", eur(50000)}}));
        p.book.accept(
            command("changeStage", {{"debtor", p.id}, {"stage", "negotiating"}, {"reason", "Llamará"}}));
        p.book.setNow("2026-02-05", 12);
        for (const char* d : {"2026-02-03", "2026-02-04", "2026-02-05"})
            p.book.accept(outbound(p.id, at(d, 10)));
        p.book.accept(promise(p.id, at("2026-02-05", 11), 30000, "2026-02-06"));
        p.book.accept(command(
            "setPause", {{"debtor", p.id}, {"reason", "Ingresado en el hospital"}, {"until", "2026-03-31"}}));
        CHECK(agendaText(p.book, "2026-02-06") == "credit_limit@2026-01-01; contact_limit@2026-02-05");
        CHECK(agendaText(p.book, "2026-03-31", {AgendaKind::PromiseBroken, AgendaKind::StaleStage}) == "");
        // From 1 April the broken promise and the idle case are back.
        CHECK(agendaText(p.book, "2026-04-01", {AgendaKind::PromiseBroken, AgendaKind::StaleStage}) ==
              "promise_broken@2026-02-07; stale_stage@2026-02-19");
    }
}

TEST_CASE("a debtor with no contact data: every rule works, reasons and JSON included") {
    Book book(1, "2026-01-01");
    const auto nobody = book.accept(
        command("registerDebtor", {{"legalName", "Sin Datos S.L."}, {"kind", "sme"}, {"country", "ES"}}));
    REQUIRE(book.debtor(nobody).contacts.empty());
    book.addInvoice(nobody, "A-1", 5000, "2026-01-01", "2026-01-31");
    book.accept(command("updateDebtor", {{"debtor", nobody}, {"creditLimit", eur(1000)}}));
    CHECK(agendaText(book, "2026-01-28") == "credit_limit@2026-01-01; due_soon@2026-01-28");
    CHECK(agendaText(book, "2026-04-01") == "escalation/formal_demand@2026-04-01; credit_limit@2026-01-01");
    const auto agenda = computeAgenda(book.state(), day("2026-04-01"));
    const auto j = agendaJson(book.state(), agenda);
    REQUIRE(j["items"].size() == 2);
    CHECK(j["items"][0]["debtorName"] == "Sin Datos S.L.");
    CHECK(j["items"][0]["step"]["channel"] == "burofax"); // the step says how; the person finds the address
    for (const auto& it : agenda.items) {
        CHECK_FALSE(agendaReason(book.state(), it, Lang::es).empty());
        CHECK_FALSE(agendaReason(book.state(), it, Lang::en).empty());
    }
}

TEST_CASE("the contact limit's reason names the limit of the policy the agenda was computed with") {
    Peña p;
    p.book.setNow("2026-02-05", 12);
    for (const char* d : {"2026-02-04", "2026-02-05"}) p.book.accept(outbound(p.id, at(d, 10)));
    Policy strict = defaultPolicy();
    strict.contactLimit = 2;
    const auto items = computeAgenda(p.book.state(), strict, day("2026-02-05")).items;
    const auto* item = find(items, AgendaKind::ContactLimit);
    REQUIRE(item != nullptr);
    CHECK(agendaReason(p.book.state(), *item, Lang::en) ==
          "2 outbound contacts in the last 7 days (limit: 2). No further contact before 11 Feb 2026.");
    // Under the default policy (3), two contacts are within the limit.
    CHECK(agendaText(p.book, "2026-02-05", {AgendaKind::ContactLimit}) == "");
}

TEST_CASE("the agenda of a past day ignores contacts logged after it") {
    Peña p;
    p.book.setNow("2026-02-20", 12);
    p.book.accept(outbound(p.id, at("2026-02-20", 10)));
    // On 16 February the firm letter of day 15 was still to do; the email of the 20th took it.
    CHECK(agendaText(p.book, "2026-02-16") == "escalation/firm_letter@2026-02-15");
    CHECK(agendaText(p.book, "2026-02-20") == "");
}

TEST_CASE("a snoozed item comes back on its day, across a month end") {
    Peña p;
    const auto items = computeAgenda(p.book.state(), day("2026-02-27")).items;
    REQUIRE(items.size() == 1);
    p.book.setNow("2026-02-27", 9);
    p.book.accept(command("snoozeAgendaItem", {{"debtor", p.id},
                                               {"key", items[0].key},
                                               {"reason", "Su gestoría cierra el mes"},
                                               {"until", "2026-03-01"}}));
    CHECK(agendaText(p.book, "2026-02-28") == "");
    CHECK(computeAgenda(p.book.state(), day("2026-02-28")).snoozed == 1);
    CHECK(agendaText(p.book, "2026-03-01") == "escalation/firm_letter@2026-02-15");
    // The next step is another item: the snooze does not hide it.
    CHECK(agendaText(p.book, "2026-03-02") == "escalation/interest_notice@2026-03-02");
}

TEST_CASE("the same agenda whatever order a hand-built log arrives in: shuffled, or merged in two halves") {
    Book book(1, "2026-01-01");
    const auto pena = book.registerDebtor("Gráficas Peña S.L.", "B12345674");
    const auto ruiz = book.registerDebtor("Talleres Ruiz S.L.");
    const auto soler = book.registerDebtor("Bodegas Soler S.A.");
    book.addInvoice(pena, "F-001", 100000, "2026-01-01", "2026-01-31");
    book.addInvoice(ruiz, "R-001", 40000, "2025-12-01", "2025-12-31");
    book.addInvoice(ruiz, "R-002", 60000, "2026-02-01", "2026-03-03");
    book.addInvoice(soler, "S-001", 250000, "2025-11-01", "2025-11-30");
    book.setNow("2026-02-02", 12);
    Policy policy = defaultPolicy();
    policy.contactLimit = 2;
    book.accept(command("updatePolicy", {{"policy", json::parse(policyJson(policy))}}));
    book.accept(command("updateDebtor", {{"debtor", soler}, {"creditLimit", eur(200000)}}));
    book.accept(outbound(ruiz, at("2026-02-01", 10)));
    book.accept(outbound(ruiz, at("2026-02-02", 10), "letter"));
    book.accept(promise(pena, at("2026-02-02", 9), 50000, "2026-02-27"));
    book.setNow("2026-02-10", 9);
    book.pay(pena, 20000, "2026-02-10");
    const auto pause = book.accept(command(
        "setPause", {{"debtor", soler}, {"reason", "Concurso de acreedores"}, {"until", "2026-02-28"}}));
    book.setNow("2026-02-12", 9);
    book.accept(command("liftPause", {{"pause", pause}, {"reason", "Levantado"}}));
    const auto soonKey = computeAgenda(book.state(), day("2026-02-28")).items;
    for (const auto& it : soonKey)
        if (it.kind == AgendaKind::DueSoon) {
            book.setNow("2026-02-28", 9);
            book.accept(command("markAgendaDone",
                                {{"debtor", ruiz}, {"key", it.key}, {"reason", "Recordado por teléfono"}}));
        }

    const Date today = day("2026-03-02");
    const std::string expected = agendaJson(book.state(), computeAgenda(book.state(), today)).dump();
    const auto agenda = computeAgenda(book.state(), today);
    std::set<AgendaKind> kinds;
    for (const auto& it : agenda.items) kinds.insert(it.kind);
    CHECK(kinds.size() >= 3);
    CHECK(book.state().agendaHandled.size() == 1);

    std::vector<Event> events = book.log().decodeAll();
    Rng rng(2026);
    for (int round = 0; round < 4; ++round) {
        rng.shuffle(events);
        INFO("round ", round);
        Workspace again(2);
        again.load(events);
        CHECK(agendaJson(again.state(), computeAgenda(again.state(), today)).dump() == expected);
        // The newer half first, the older merged in later (a teammate's export): the same.
        std::vector<Event> sorted = book.log().decodeAll();
        const auto half = static_cast<std::ptrdiff_t>(sorted.size() / 2 + static_cast<std::size_t>(round));
        Workspace merged(3);
        merged.load(std::vector<Event>(sorted.begin() + half, sorted.end()));
        AgendaCache cache;
        cache.update(merged.state(), today, merged.folds());
        merged.integrate(std::vector<Event>(sorted.begin(), sorted.begin() + half));
        CHECK(agendaJson(merged.state(), computeAgenda(merged.state(), today)).dump() == expected);
        // The cache sees the refold and agrees.
        cache.update(merged.state(), today, merged.folds());
        REQUIRE(cache.items().size() == agenda.items.size());
        for (std::size_t i = 0; i < agenda.items.size(); ++i)
            CHECK(cache.items()[i]->key == agenda.items[i].key);
    }
}

TEST_CASE("prescription warnings: a formal claim before the deadline takes them away; a new item at 30 days") {
    Peña p; // F-001 due 31 January 2026: prescribes on 31 January 2031
    auto keys = [&](const char* today) {
        std::vector<std::string> out;
        for (const auto& it : computeAgenda(p.book.state(), day(today)).items)
            if (it.kind == AgendaKind::PrescriptionNear) out.push_back(it.key);
        return out;
    };
    CHECK(keys("2030-11-01").empty()); // 91 days left
    const auto at90 = keys("2030-11-02");
    REQUIRE(at90.size() == 1);
    const auto at30 = keys("2031-01-01");
    REQUIRE(at30.size() == 1);
    CHECK(at30[0] != at90[0]); // done at 90 days, it comes back at 30
    p.book.setNow("2030-12-01", 10);
    p.book.accept(command("logInteraction", {{"debtor", p.id}, {"at", at("2030-12-01", 9)}, {"channel", "burofax"},
                                             {"direction", "outbound"}, {"outcome", "other"}, {"formalClaim", true}}));
    CHECK(keys("2031-01-01").empty()); // the term runs again until 1 December 2035
}
