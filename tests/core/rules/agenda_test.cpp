// The daily agenda (agenda.hpp): every rule on hand-built histories, on month ends and leap
// days, with partial payments, promises paid the day before, pauses, and what a person did
// about an item; and the same agenda whatever order the events were loaded in.
#include "core/rules/agenda.hpp"
#include "core/sample/generator.hpp"
#include "support.hpp"

#include <doctest/doctest.h>
#include <set>

using namespace recobra;
using namespace recobra::test;

namespace {

// "kind@due" for each item, with the ladder step's action: "escalation/firm_letter@2026-02-15".
std::string describe(const State& s, const std::vector<AgendaItem>& items, std::set<AgendaKind> only = {}) {
    std::string out;
    for (const auto& it : items) {
        if (!only.empty() && !only.count(it.kind)) continue;
        if (!out.empty()) out += "; ";
        out += enumName(it.kind);
        if (it.step) out += std::string("/") + enumName(it.step->action);
        out += "@" + it.due.iso();
        (void)s;
    }
    return out;
}

std::vector<AgendaItem> agendaOn(const Book& book, const char* today) {
    return computeAgenda(book.state(), day(today)).items;
}

std::string agendaText(const Book& book, const char* today, std::set<AgendaKind> only = {}) {
    return describe(book.state(), agendaOn(book, today), std::move(only));
}

json interaction(const std::string& debtor, Timestamp when, const char* channel, const char* direction,
                 const char* outcome = "no_answer") {
    return command("logInteraction", {{"debtor", debtor},
                                      {"at", when},
                                      {"channel", channel},
                                      {"direction", direction},
                                      {"outcome", outcome}});
}

json promise(const std::string& debtor, Timestamp when, std::int64_t cents, const char* due) {
    return command("logInteraction", {{"debtor", debtor},
                                      {"at", when},
                                      {"channel", "call"},
                                      {"direction", "inbound"},
                                      {"outcome", "promise"},
                                      {"promise", {{"amount", eur(cents)}, {"dueDate", due}}}});
}

const AgendaItem* find(const std::vector<AgendaItem>& items, AgendaKind kind) {
    for (const auto& it : items)
        if (it.kind == kind) return &it;
    return nullptr;
}

// Gráficas Peña owes one invoice of 1.000 € issued on 1 January, due on 31 January 2026 (a
// month end: day 30 of the ladder is 2 March, February having 28 days).
struct OneInvoice {
    Book book{1, "2026-01-01"};
    std::string pena, f1;
    OneInvoice(const char* issue = "2026-01-01", const char* due = "2026-01-31") {
        pena = book.registerDebtor("Gráficas Peña S.L.", "B12345674");
        f1 = book.addInvoice(pena, "F-001", 100000, issue, due);
    }
};

} // namespace

TEST_CASE("the default ladder: a friendly reminder on day 1, firmer on 15, interest on 30, formal demand on 60, "
          "agency on 90, counted from a month end") {
    const OneInvoice t;
    struct Row {
        const char* today;
        const char* expected;
    };
    const Row rows[] = {
        {"2026-01-27", ""},
        {"2026-01-28", "due_soon@2026-01-28"}, // three days before the due date
        {"2026-01-31", "due_soon@2026-01-28"}, // the due date itself: not overdue yet
        {"2026-02-01", "escalation/friendly_reminder@2026-02-01"},
        {"2026-02-14", "escalation/friendly_reminder@2026-02-01"}, // not done: it stays
        {"2026-02-15", "escalation/firm_letter@2026-02-15"},
        {"2026-03-01", "escalation/firm_letter@2026-02-15"},
        {"2026-03-02", "escalation/interest_notice@2026-03-02"},
        {"2026-04-01", "escalation/formal_demand@2026-04-01"},
        {"2026-05-01", "escalation/agency@2026-05-01"},
        {"2027-05-01", "escalation/agency@2026-05-01"},
    };
    for (const auto& row : rows) {
        INFO("on ", row.today);
        CHECK(agendaText(t.book, row.today) == row.expected);
    }
    const auto items = agendaOn(t.book, "2026-04-01");
    REQUIRE(items.size() == 1);
    CHECK(items[0].priority == Priority::High); // a formal step
    CHECK(items[0].key == "escalation:" + t.pena + ":" + t.f1 + ":60");
    CHECK(items[0].segment == Segment::New);
    CHECK(agendaOn(t.book, "2026-02-15").at(0).priority == Priority::Medium);
}

TEST_CASE("the ladder over a leap day: due 29 February 2028") {
    const OneInvoice t("2028-01-30", "2028-02-29");
    CHECK(agendaText(t.book, "2028-02-25") == "");
    CHECK(agendaText(t.book, "2028-02-26") == "due_soon@2028-02-26");
    CHECK(agendaText(t.book, "2028-03-01") == "escalation/friendly_reminder@2028-03-01");
    CHECK(agendaText(t.book, "2028-03-15") == "escalation/firm_letter@2028-03-15");
    CHECK(agendaText(t.book, "2028-03-30") == "escalation/interest_notice@2028-03-30");
    CHECK(agendaText(t.book, "2028-04-28") == "escalation/interest_notice@2028-03-30");
    CHECK(agendaText(t.book, "2028-04-29") == "escalation/formal_demand@2028-04-29");
}

TEST_CASE("a step is taken by logging an outbound contact on or after its day, or by marking it done") {
    OneInvoice t;
    t.book.setNow("2026-02-02", 10);
    t.book.accept(interaction(t.pena, at("2026-02-02", 10), "email", "outbound"));
    CHECK(agendaText(t.book, "2026-02-03") == "");
    CHECK(agendaText(t.book, "2026-02-15") == "escalation/firm_letter@2026-02-15");
    // An inbound contact (the debtor calling) is not a step taken.
    t.book.setNow("2026-02-16", 10);
    t.book.accept(interaction(t.pena, at("2026-02-16", 10), "call", "inbound", "other"));
    CHECK(agendaText(t.book, "2026-02-16") == "escalation/firm_letter@2026-02-15");
    const std::string key = agendaOn(t.book, "2026-02-16").at(0).key;
    t.book.accept(command("markAgendaDone", {{"debtor", t.pena}, {"key", key}, {"reason", "Carta firme enviada por correo"}}));
    CHECK(agendaText(t.book, "2026-02-16") == "");
    CHECK(agendaText(t.book, "2026-03-01") == "");
    // The next step is a new occurrence: it comes.
    CHECK(agendaText(t.book, "2026-03-02") == "escalation/interest_notice@2026-03-02");
    const auto& handled = t.book.state().agendaHandled.at(key);
    CHECK(handled.done);
    CHECK(handled.author == "Ana");
    CHECK(handled.reason == "Carta firme enviada por correo");
}

TEST_CASE("a reminder before the due date is not needed once a contact was logged in those days") {
    OneInvoice t;
    t.book.setNow("2026-01-29", 9);
    t.book.accept(interaction(t.pena, at("2026-01-29", 9), "email", "outbound", "other"));
    CHECK(agendaText(t.book, "2026-01-30") == "");
    CHECK(agendaText(t.book, "2026-02-01") == "escalation/friendly_reminder@2026-02-01");
}

TEST_CASE("a stage already taken covers the steps it stands for") {
    OneInvoice t;
    t.book.setNow("2026-03-20", 9);
    t.book.accept(command("changeStage", {{"debtor", t.pena}, {"stage", "formal_demand"}, {"reason", "Burofax enviado"}}));
    CHECK(agendaText(t.book, "2026-04-15", {AgendaKind::Escalation}) == ""); // day 74: formal demand, done
    CHECK(agendaText(t.book, "2026-05-01", {AgendaKind::Escalation}) == "escalation/agency@2026-05-01");
    t.book.accept(command("changeStage", {{"debtor", t.pena}, {"stage", "closed_written_off"}, {"reason", "Incobrable"}}));
    CHECK(agendaText(t.book, "2026-06-01") == ""); // a closed case has nothing to do
}

TEST_CASE("each segment follows its own ladder") {
    // Talleres Ruiz paid two of four invoices weeks late: a chronic late payer, whose ladder
    // starts with a call on day 1.
    Book book(1, "2025-06-01");
    const auto ruiz = book.registerDebtor("Talleres Ruiz S.L.");
    const char* dues[] = {"2025-07-01", "2025-08-01", "2025-09-01", "2025-10-01"};
    const char* paid[] = {"2025-07-20", "2025-08-01", "2025-09-25", "2025-10-01"};
    for (int i = 0; i < 4; ++i) {
        book.setNow("2025-06-01");
        book.addInvoice(ruiz, ("F-" + std::to_string(i)).c_str(), 10000, "2025-06-01", dues[i]);
        book.setNow(paid[i]);
        book.pay(ruiz, 10000, paid[i]);
    }
    book.setNow("2025-12-01");
    book.addInvoice(ruiz, "F-9", 50000, "2025-12-01", "2026-01-31");
    const auto items = agendaOn(book, "2026-02-01");
    REQUIRE(items.size() == 1);
    CHECK(items[0].segment == Segment::Chronic);
    REQUIRE(items[0].step.has_value());
    CHECK(items[0].step->action == LadderAction::Call);
    CHECK(items[0].step->channel == Channel::Call);
    CHECK(agendaText(book, "2026-02-07") == "escalation/firm_letter@2026-02-07");
    // A policy without a ladder for chronic payers uses the default one.
    Policy policy = defaultPolicy();
    policy.segmentLadders.clear();
    CHECK(describe(book.state(), computeAgenda(book.state(), policy, day("2026-02-07")).items) ==
          "escalation/friendly_reminder@2026-02-01");
}

TEST_CASE("promises: due today, kept the day before, partly paid, broken") {
    struct Row {
        const char* rule;
        std::int64_t paid;    // cents paid on `paidOn`
        const char* paidOn;
        const char* today;
        const char* expected; // the promise items
        std::int64_t reasonPaid;
    };
    const Row rows[] = {
        {"pending before its day", 0, "", "2026-03-09", "", 0},
        {"due today, nothing paid", 0, "", "2026-03-10", "promise_due@2026-03-10", 0},
        {"due today, partly paid the day before", 15000, "2026-03-09", "2026-03-10", "promise_due@2026-03-10", 15000},
        {"paid in full the day before: kept, nothing to do today", 20000, "2026-03-09", "2026-03-10", "", 0},
        {"paid in full the day before: kept, nothing after", 20000, "2026-03-09", "2026-03-11", "", 0},
        {"paid in full on its day: kept", 20000, "2026-03-10", "2026-03-11", "", 0},
        {"partly paid: broken the day after", 15000, "2026-03-09", "2026-03-11", "promise_broken@2026-03-11", 15000},
        {"paid a day late: broken all the same", 20000, "2026-03-11", "2026-03-12", "promise_broken@2026-03-11", 0},
        {"nothing paid: broken, and it stays", 0, "", "2026-04-30", "promise_broken@2026-03-11", 0},
    };
    for (const auto& row : rows) {
        INFO(row.rule);
        Book book(1, "2026-02-01");
        const auto pena = book.registerDebtor("Gráficas Peña S.L.", "B12345674");
        book.addInvoice(pena, "F-001", 50000, "2026-02-01", "2026-02-28");
        book.setNow("2026-03-05", 10);
        book.accept(promise(pena, at("2026-03-05", 10), 20000, "2026-03-10"));
        if (row.paid > 0) {
            book.setNow(row.paidOn, 12);
            book.pay(pena, row.paid, row.paidOn);
        }
        const auto items = agendaOn(book, row.today);
        CHECK(describe(book.state(), items, {AgendaKind::PromiseDue, AgendaKind::PromiseBroken}) == row.expected);
        const AgendaItem* it = find(items, AgendaKind::PromiseDue);
        if (!it) it = find(items, AgendaKind::PromiseBroken);
        if (it) {
            CHECK(it->amount == euros(20000));
            CHECK(it->other == euros(row.reasonPaid));
            CHECK(it->priority == (it->kind == AgendaKind::PromiseBroken ? Priority::High : Priority::Medium));
        }
    }
}

TEST_CASE("a broken promise reads in plain words, in both languages") {
    Book book(1, "2026-02-01");
    const auto pena = book.registerDebtor("Gráficas Peña S.L.", "B12345674");
    book.addInvoice(pena, "F-001", 50000, "2026-02-01", "2026-02-28");
    book.setNow("2026-03-05", 10);
    book.accept(promise(pena, at("2026-03-05", 10), 20000, "2026-03-10"));
    book.setNow("2026-03-09", 10);
    book.pay(pena, 15000, "2026-03-09");
    const auto items = agendaOn(book, "2026-03-11");
    const auto* broken = find(items, AgendaKind::PromiseBroken);
    REQUIRE(broken != nullptr);
    CHECK(agendaReason(book.state(), *broken, Lang::es) == "Promesa incumplida: 200,00 € para el 10/03/2026; pagado: 150,00 €.");
    CHECK(agendaReason(book.state(), *broken, Lang::en) == "Broken promise: €200.00 by 10 Mar 2026; paid: €150.00.");
    // A later promise takes its place.
    book.setNow("2026-03-12", 10);
    book.accept(promise(pena, at("2026-03-12", 10), 35000, "2026-03-20"));
    CHECK(agendaText(book, "2026-03-12", {AgendaKind::PromiseBroken, AgendaKind::PromiseDue}) == "");
    CHECK(agendaText(book, "2026-03-20", {AgendaKind::PromiseBroken, AgendaKind::PromiseDue}) == "promise_due@2026-03-20");
}

TEST_CASE("a promise made while the case stands in the payment-plan stage is a promise, not an installment") {
    // Installments are a plan's own (plans_test.cpp); a stage set by hand holds the ladder only.
    Book book(1, "2026-01-01");
    const auto pena = book.registerDebtor("Gráficas Peña S.L.", "B12345674");
    book.addInvoice(pena, "F-001", 90000, "2026-01-01", "2026-01-31");
    book.setNow("2026-02-20", 10);
    book.accept(promise(pena, at("2026-02-20", 10), 30000, "2026-03-05"));
    book.accept(command("changeStage", {{"debtor", pena}, {"stage", "payment_plan"}, {"reason", "Tres plazos de 300 €"}}));
    CHECK(agendaText(book, "2026-03-01") == "");
    CHECK(agendaText(book, "2026-03-05") == "promise_due@2026-03-05");
    CHECK(agendaText(book, "2026-03-06", {AgendaKind::InstallmentMissed, AgendaKind::PromiseBroken}) ==
          "promise_broken@2026-03-06");
}

TEST_CASE("a case in an active stage untouched for the policy's days") {
    OneInvoice t;
    t.book.setNow("2026-03-01", 10);
    t.book.accept(command("changeStage", {{"debtor", t.pena}, {"stage", "negotiating"}, {"reason", "Habla con su gestor"}}));
    const std::set<AgendaKind> stale{AgendaKind::StaleStage};
    CHECK(agendaText(t.book, "2026-03-14", stale) == "");
    CHECK(agendaText(t.book, "2026-03-15", stale) == "stale_stage@2026-03-15");
    // A note is not activity; a conversation is.
    t.book.setNow("2026-03-10", 10);
    t.book.accept(command("addNote", {{"debtor", t.pena}, {"text", "Llamar al gestor"}}));
    CHECK(agendaText(t.book, "2026-03-15", stale) == "stale_stage@2026-03-15");
    t.book.accept(interaction(t.pena, at("2026-03-10", 10), "call", "inbound", "other"));
    CHECK(agendaText(t.book, "2026-03-23", stale) == "");
    CHECK(agendaText(t.book, "2026-03-24", stale) == "stale_stage@2026-03-24");
    const auto items = agendaOn(t.book, "2026-03-30");
    const auto* item = find(items, AgendaKind::StaleStage);
    REQUIRE(item != nullptr);
    CHECK(agendaReason(t.book.state(), *item, Lang::en) == "20 days in 'Negotiating' with no activity (the last on 10 Mar 2026).");
    // With the agency the case moves slowly: 60 days.
    t.book.setNow("2026-04-01", 10);
    t.book.accept(command("changeStage", {{"debtor", t.pena}, {"stage", "agency"}, {"reason", "Enviado a la agencia"}}));
    CHECK(agendaText(t.book, "2026-05-30", stale) == "");
    CHECK(agendaText(t.book, "2026-05-31", stale) == "stale_stage@2026-05-31");
}

TEST_CASE("the contact limit: outbound contacts in any rolling 7 days") {
    OneInvoice t;
    auto& book = t.book;
    book.setNow("2026-03-09", 12);
    for (const char* d : {"2026-03-04", "2026-03-06", "2026-03-09"})
        book.accept(interaction(t.pena, at(d, 10), "email", "outbound"));
    const std::set<AgendaKind> limit{AgendaKind::ContactLimit};
    CHECK(agendaText(book, "2026-03-08", limit) == ""); // two so far
    CHECK(agendaText(book, "2026-03-09", limit) == "contact_limit@2026-03-09");
    CHECK(agendaText(book, "2026-03-10", limit) == "contact_limit@2026-03-09");
    CHECK(agendaText(book, "2026-03-11", limit) == ""); // 4 March has left the window
    const auto onTenth = agendaOn(book, "2026-03-10");
    const auto* item = find(onTenth, AgendaKind::ContactLimit);
    REQUIRE(item != nullptr);
    CHECK(item->date == day("2026-03-11"));
    CHECK(agendaReason(book.state(), *item, Lang::es) ==
          "3 contactos salientes en los últimos 7 días (límite: 3). No volver a contactar antes del 11/03/2026.");

    struct Row {
        const char* rule;
        Timestamp when;
        const char* direction;
        const char* reason;
        bool accepted;
    };
    const Row rows[] = {
        {"a fourth the next day", at("2026-03-10", 12), "outbound", "", false},
        {"a minute before the first leaves the window", at("2026-03-11", 9, 59), "outbound", "", false},
        {"exactly 7 days after the first", at("2026-03-11", 10), "outbound", "", true},
        {"the debtor calling is not a contact made", at("2026-03-10", 12), "inbound", "", true},
        {"with the reason for it", at("2026-03-10", 12), "outbound", "Pidió que le llamáramos hoy", true},
        {"a back-dated contact counts the 7 days before it", at("2026-03-02", 12), "outbound", "", true},
    };
    for (const auto& row : rows) {
        INFO(row.rule);
        Book copy = book;
        copy.setNow("2026-03-11", 12);
        json cmd = interaction(t.pena, row.when, "email", row.direction);
        if (*row.reason) cmd["limitOverride"] = row.reason;
        if (row.accepted) {
            copy.accept(cmd);
        } else {
            const Problem p = copy.refuse(cmd);
            CHECK(code(p) == "err_contact_limit");
            CHECK(p.field == "limitOverride");
            CHECK(p.reason(Lang::en) ==
                  "There are already 3 outbound contacts in the 7 days before (limit: 3). To log another, give the reason.");
        }
    }
    // A stricter policy counts against the new limit at once.
    Policy strict = defaultPolicy();
    strict.contactLimit = 2;
    book.accept(command("updatePolicy", {{"policy", json::parse(policyJson(strict))}}));
    CHECK(agendaText(book, "2026-03-08", limit) == "contact_limit@2026-03-06");
}

TEST_CASE("quiet hours: no calls, messages or visits from 21:00 to 09:00 local time") {
    OneInvoice t;
    t.book.context.utcOffsetMinutes = 60; // Madrid in winter
    struct Row {
        const char* channel;
        int hour, minute; // local time, on 10 March
        bool accepted;
    };
    const Row rows[] = {
        {"call", 20, 59, true},   {"call", 21, 0, false},  {"call", 8, 59, false},    {"call", 9, 0, true},
        {"whatsapp", 23, 30, false}, {"sms", 6, 0, false}, {"visit", 22, 0, false},   {"email", 23, 0, true},
        {"letter", 2, 0, true},   {"burofax", 22, 0, true},
    };
    for (const auto& row : rows) {
        INFO(row.channel, " at ", row.hour, ":", row.minute);
        Book copy = t.book;
        copy.setNow("2026-03-11", 12);
        const json cmd = interaction(t.pena, at("2026-03-10", row.hour, row.minute) - 60 * 60'000, row.channel, "outbound");
        if (row.accepted) {
            copy.accept(cmd);
        } else {
            const Problem p = copy.refuse(cmd);
            CHECK(code(p) == "err_quiet_hours");
            CHECK(p.reason(Lang::es) ==
                  "Es horario de descanso del deudor (21:00–09:00): ni llamadas ni mensajes. Para registrarlo igualmente, "
                  "indica el motivo.");
            json withReason = cmd;
            withReason["limitOverride"] = "Lo pidió él";
            copy.accept(withReason);
        }
    }
    // The debtor calling at night is not a contact made.
    Book copy = t.book;
    copy.setNow("2026-03-11", 12);
    copy.accept(interaction(t.pena, at("2026-03-10", 22) - 60 * 60'000, "call", "inbound", "other"));
}

TEST_CASE("the credit limit: owing more than it") {
    OneInvoice t; // owes 1.000 €
    t.book.setNow("2026-02-01", 10);
    t.book.accept(command("updateDebtor", {{"debtor", t.pena}, {"creditLimit", eur(150000)}}));
    const std::set<AgendaKind> credit{AgendaKind::CreditLimit};
    CHECK(agendaText(t.book, "2026-02-02", credit) == "");
    t.book.addInvoice(t.pena, "F-002", 80000, "2026-02-01", "2026-03-03");
    CHECK(agendaText(t.book, "2026-02-02", credit) == "credit_limit@2026-02-01");
    const auto items = agendaOn(t.book, "2026-02-02");
    const auto* item = find(items, AgendaKind::CreditLimit);
    REQUIRE(item != nullptr);
    CHECK(agendaReason(t.book.state(), *item, Lang::en) == "Owes €1,800.00, more than the credit limit of €1,500.00.");
    t.book.pay(t.pena, 30000, "2026-02-01");
    CHECK(agendaText(t.book, "2026-02-02", credit) == ""); // exactly at the limit
}

TEST_CASE("a debtor with no contact data still has its agenda") {
    Book book(1, "2026-01-01");
    const auto nobody = book.accept(command("registerDebtor", {{"legalName", "Sin Datos S.L."}, {"kind", "sme"}, {"country", "ES"}}));
    book.addInvoice(nobody, "A-1", 5000, "2026-01-01", "2026-01-31");
    REQUIRE(book.debtor(nobody).contacts.empty());
    CHECK(agendaText(book, "2026-02-15") == "escalation/firm_letter@2026-02-15");
    const auto items = agendaOn(book, "2026-02-15");
    CHECK_FALSE(agendaReason(book.state(), items.at(0), Lang::es).empty());
}

TEST_CASE("a pause stops the ladder through its end date, then it resumes by itself where it stood") {
    OneInvoice t;
    t.book.setNow("2026-02-01", 9);
    const auto pause = t.book.accept(command("setPause", {{"debtor", t.pena}, {"reason", "Ingresado en el hospital"},
                                                          {"until", "2026-03-02"}}));
    CHECK(t.book.state().pauses.at(0).from == day("2026-02-01"));
    CHECK(agendaText(t.book, "2026-02-20") == "");
    CHECK(agendaText(t.book, "2026-03-02") == "");
    // 30 days paused: on 3 March the ladder is on day 1, on 17 March on day 15.
    CHECK(agendaText(t.book, "2026-03-03") == "escalation/friendly_reminder@2026-03-03");
    CHECK(agendaText(t.book, "2026-03-17") == "escalation/firm_letter@2026-03-17");
    // Lifted early (on 15 February), 14 days were paused.
    Book lifted = t.book;
    lifted.setNow("2026-02-15", 9);
    lifted.accept(command("liftPause", {{"pause", pause}, {"reason", "Ya ha vuelto"}}));
    CHECK(lifted.state().pauses.at(0).liftedOn == day("2026-02-15"));
    CHECK(agendaText(lifted, "2026-02-15") == "escalation/friendly_reminder@2026-02-15");
    CHECK(agendaText(lifted, "2026-03-01") == "escalation/firm_letter@2026-03-01");
}

TEST_CASE("a pause of one invoice: the others go on") {
    OneInvoice t;
    t.book.setNow("2026-02-01", 9);
    t.book.addInvoice(t.pena, "F-002", 20000, "2026-01-15", "2026-02-10");
    t.book.accept(command("setPause", {{"debtor", t.pena}, {"invoice", t.f1}, {"reason", "Factura en revisión"},
                                       {"until", "2026-06-30"}}));
    const auto items = agendaOn(t.book, "2026-02-25");
    REQUIRE(items.size() == 1);
    CHECK(t.book.state().invoices[items[0].invoice].number == "F-002");
    CHECK(describe(t.book.state(), items) == "escalation/firm_letter@2026-02-25");
    // A disputed invoice is out of the ladder as well.
    t.book.accept(command("setInvoiceDisputed", {{"invoice", t.book.state().invoices[items[0].invoice].id},
                                                 {"disputed", true}, {"reason", "No reconoce el pedido"}}));
    CHECK(agendaText(t.book, "2026-02-25", {AgendaKind::Escalation}) == "");
}

TEST_CASE("pauses a person cannot set or lift") {
    OneInvoice t;
    t.book.setNow("2026-02-01", 9);
    const json valid = command("setPause", {{"debtor", t.pena}, {"reason", "Acuerdo verbal"}, {"until", "2026-02-28"}});
    checkRefusals(t.book, valid,
                  {{"a reason is required", R"({"reason": " "})", "reason", Str::err_required},
                   {"it must not be over already", R"({"until": "2026-01-31"})", "until", Str::err_pause_until_past},
                   {"a year at most", R"({"until": "2027-02-03"})", "until", Str::err_pause_too_long},
                   {"ends before it starts", R"({"from": "2026-03-01"})", "until", Str::err_pause_from_after_until},
                   {"an invoice of the debtor", R"({"invoice": "i-nope"})", "invoice", Str::err_ref_unknown},
                   {"a debtor that exists", R"({"debtor": "d-nope"})", "debtor", Str::err_ref_unknown}});
    const auto pause = t.book.accept(valid);
    t.book.setNow("2026-03-01", 9);
    CHECK(code(t.book.refuse(command("liftPause", {{"pause", pause}}))) == "err_pause_not_active");
    CHECK(code(t.book.refuse(command("liftPause", {{"pause", "h-nope"}}))) == "err_ref_unknown");
}

TEST_CASE("done and snoozed items: recorded as events, the snoozed back on their day") {
    OneInvoice t;
    t.book.setNow("2026-02-15", 9);
    const auto items = agendaOn(t.book, "2026-02-15");
    REQUIRE(items.size() == 1);
    const json snooze = command("snoozeAgendaItem", {{"debtor", t.pena}, {"key", items[0].key},
                                                     {"reason", "Espera la transferencia el viernes"},
                                                     {"until", "2026-02-20"}});
    checkRefusals(t.book, snooze,
                  {{"a reason is required", R"({"reason": ""})", "reason", Str::err_required},
                   {"a day after today", R"({"until": "2026-02-15"})", "until", Str::err_snooze_until},
                   {"an item on the debtor's agenda", R"({"key": "escalation:x"})", "key", Str::err_agenda_item_unknown}});
    t.book.accept(snooze);
    const auto agenda = computeAgenda(t.book.state(), day("2026-02-19"));
    CHECK(agenda.items.empty());
    CHECK(agenda.snoozed == 1);
    CHECK(agendaText(t.book, "2026-02-20") == "escalation/firm_letter@2026-02-15");
    // A snoozed item can be done; done once is enough.
    const json done = command("markAgendaDone", {{"debtor", t.pena}, {"key", items[0].key}, {"reason", "Llamado"}});
    t.book.accept(done);
    CHECK(code(t.book.refuse(done)) == "err_agenda_item_done");
    CHECK(agendaText(t.book, "2026-02-25") == "");
    CHECK(t.book.log().decodeAll().back().type() == std::string("agenda.done"));
}

TEST_CASE("the policy is recorded as an event; the latest applies") {
    OneInvoice t;
    CHECK_FALSE(t.book.state().policy.has_value());
    CHECK(&effectivePolicy(t.book.state()) == &defaultPolicy());
    Policy p = defaultPolicy();
    p.reminderDaysBefore = 0;
    p.ladder = {LadderStep{LadderAction::Call, Channel::Call, 5, "call_script_friendly"}};
    t.book.accept(command("updatePolicy", {{"policy", json::parse(policyJson(p))}}));
    REQUIRE(t.book.state().policy.has_value());
    CHECK(*t.book.state().policy == p);
    CHECK(agendaText(t.book, "2026-01-30") == ""); // no reminder before the due date any more
    CHECK(agendaText(t.book, "2026-02-04") == "");
    CHECK(agendaText(t.book, "2026-02-05") == "escalation/call@2026-02-05");
    CHECK(code(t.book.refuse(command("updatePolicy", {{"policy", json::parse(policyJson(p))}}))) ==
          "err_nothing_to_change");
}

TEST_CASE("the agenda is sorted by priority, due date, debtor, kind and key") {
    Book book(1, "2026-01-01");
    const auto b = book.registerDebtor("Bodegas Soler S.A.");
    const auto a = book.registerDebtor("Academia Ruiz S.L.");
    book.addInvoice(a, "A-1", 10000, "2026-01-01", "2026-01-31");
    book.addInvoice(b, "B-1", 10000, "2025-12-01", "2025-12-31");
    book.addInvoice(b, "B-2", 10000, "2026-02-01", "2026-02-05");
    const auto items = agendaOn(book, "2026-03-02");
    // Soler is 61 days late (a formal demand: high), Ruiz 30 (an interest notice: medium); the
    // ladder gives one item per debtor, however many invoices are late.
    REQUIRE(items.size() == 2);
    CHECK(items[0].priority == Priority::High);
    CHECK(book.state().debtors[items[0].debtor].id == b);
    CHECK(book.state().debtors[items[1].debtor].id == a);
    for (std::size_t i = 1; i < items.size(); ++i) CHECK(agendaBefore(book.state(), items[i - 1], items[i]));
}

TEST_CASE("the same agenda whatever order the events were loaded in") {
    GeneratorOptions options;
    options.debtors = 80;
    options.seed = 7;
    options.referenceDate = day("2026-11-01");
    std::vector<Event> events = generateDataset(options);
    Workspace first(1);
    first.load(events);
    const std::string expected = agendaJson(first.state(), computeAgenda(first.state(), day("2026-11-01"))).dump();
    const auto agenda = computeAgenda(first.state(), day("2026-11-01"));
    CHECK(agenda.items.size() >= 8);
    std::set<AgendaKind> kinds;
    for (const auto& it : agenda.items) kinds.insert(it.kind);
    CHECK(kinds.size() >= 3);
    Rng rng(42);
    for (int round = 0; round < 3; ++round) {
        rng.shuffle(events);
        Workspace again(2);
        again.load(events);
        CHECK(agendaJson(again.state(), computeAgenda(again.state(), day("2026-11-01"))).dump() == expected);
    }
}

TEST_CASE("the agenda as JSON: sorted keys, both languages, the step and its segment") {
    OneInvoice t;
    const auto j = agendaJson(t.book.state(), computeAgenda(t.book.state(), day("2026-02-15")));
    CHECK(j.dump() == j.dump()); // deterministic
    CHECK(j["today"] == "2026-02-15");
    CHECK(j["count"] == 1);
    CHECK(j["snoozed"] == 0);
    const auto& item = j["items"][0];
    CHECK(item["debtor"] == t.pena);
    CHECK(item["debtorName"] == "Gráficas Peña S.L.");
    CHECK(item["kind"] == "escalation");
    CHECK(item["priority"] == "medium");
    CHECK(item["due"] == "2026-02-15");
    CHECK(item["invoice"] == t.f1);
    CHECK(item["segment"] == "new");
    CHECK(item["step"] == json{{"action", "firm_letter"}, {"channel", "email"}, {"day", 15}, {"template", "firm_reminder"}});
    CHECK(item["reason"]["en"] ==
          "Ladder (new), step of day 15: Firm letter by email, template 'Firm reminder'. Invoice F-001 is 15 days late; "
          "€1,000.00 overdue in all.");
    CHECK(item["reason"]["es"] ==
          "Escalada (nuevo), paso del día 15: Carta firme por email, plantilla «Recordatorio firme». La factura F-001 lleva 15 "
          "días de retraso; vencido en total: 1.000,00 €.");
}

TEST_CASE("the cache recomputes only the debtors that changed, and agrees with a full computation") {
    GeneratorOptions options;
    options.debtors = 40;
    options.seed = 3;
    options.referenceDate = day("2026-11-01");
    Book book(1, "2026-11-01");
    book.workspace.load(generateDataset(options));
    AgendaCache cache;
    const Date today = day("2026-11-01");
    auto same = [&] {
        const auto full = computeAgenda(book.state(), today);
        CHECK(cache.items().size() == full.items.size());
        for (std::size_t i = 0; i < full.items.size() && i < cache.items().size(); ++i)
            CHECK(cache.items()[i]->key == full.items[i].key);
        CHECK(cache.snoozed() == full.snoozed);
    };
    CHECK(cache.update(book.state(), today, book.workspace.folds()));
    same();
    CHECK(cache.recomputed() == 40);
    CHECK_FALSE(cache.update(book.state(), today, book.workspace.folds()));
    REQUIRE_FALSE(cache.items().empty());
    const AgendaItem first = *cache.items().front();
    book.setNow("2026-11-01", 10);
    book.accept(command("markAgendaDone", {{"debtor", book.state().debtors[first.debtor].id}, {"key", first.key},
                                           {"reason", "Hecho"}}));
    CHECK(cache.update(book.state(), today, book.workspace.folds()));
    CHECK(cache.recomputed() == 41);
    same();
    CHECK(cache.update(book.state(), today.addDays(1), book.workspace.folds()));
    CHECK(cache.recomputed() == 81);
}
